#!/bin/sh
# Schema tests for src/docbook-subset.rng.
#   valid-*.xml   must validate;
#   invalid-*.xml must be well-formed and fail RelaxNG validation
#                 (xmllint exit status 3, not a parse or schema error).
# Prints one line per file, "ok NAME" or "FAIL NAME", then one line for the
# check that the valid files together use every element of the schema.
# Exits 1 on any FAIL. Needs xmllint (Debian package libxml2-utils).
set -u
here=$(cd "$(dirname "$0")" && pwd)
schema=${SCHEMA:-$here/../../src/docbook-subset.rng}

if ! command -v xmllint >/dev/null 2>&1; then
    echo "run.sh: xmllint not found; apt-get install -y libxml2-utils" >&2
    exit 2
fi

fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT INT TERM

for f in "$here"/valid-*.xml "$here"/invalid-*.xml; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    xmllint --noout --nonet --relaxng "$schema" "$f" >"$tmp" 2>&1
    rc=$?
    case $name in
        valid-*)   want=0 ;;
        *)         want=3 ;;
    esac
    if [ "$rc" -eq "$want" ]; then
        echo "ok $name"
    else
        echo "FAIL $name"
        echo "  xmllint exit status $rc, expected $want:" >&2
        sed 's/^/  /' "$tmp" >&2
        fail=1
    fi
done

# Every element the schema defines appears in at least one valid-*.xml.
missing=""
for el in $(sed -n 's/.*<element name="\([A-Za-z0-9]*\)".*/\1/p' "$schema" | sort -u); do
    if ! cat "$here"/valid-*.xml | grep -q "<$el[ />]\|<$el\$"; then
        missing="$missing $el"
    fi
done
if [ -z "$missing" ]; then
    echo "ok element-coverage"
else
    echo "FAIL element-coverage"
    echo "  no valid-*.xml uses:$missing" >&2
    fail=1
fi

exit $fail
