#!/bin/sh
# Compare the verdicts of two versions of src/docbook-subset.rng.
#   sh tests/schema/compare.sh [REV] [FILE...]
# Validates every FILE (default: report/report.xml, every *.xml under
# tests/, and the generated books out/bench/gen/report-{50,250,2000}.xml
# of the main worktree when present) with the schema at git revision REV
# (default main) and with the working copy's schema, and prints one line
# per file whose xmllint exit status differs ("DIFF old new FILE"), then a
# count. Exit status 1 if any differ. A run over 300 s counts as status
# "timeout" (the old schema's backtracking is exponential in the number of
# common attributes on one element).
set -u
cd "$(dirname "$0")/../.." || exit 2
rev=${1:-main}
[ $# -gt 0 ] && shift
old=$(mktemp) || exit 2
trap 'rm -f "$old"' EXIT INT TERM
git show "$rev:src/docbook-subset.rng" >"$old" || exit 2
new=src/docbook-subset.rng

if [ $# -eq 0 ]; then
    set -- report/report.xml $(find tests -name '*.xml' | sort)
    for n in 50 250 2000; do
        f=/work/main/out/bench/gen/report-$n.xml
        [ -e "$f" ] && set -- "$@" "$f"
    done
fi

verdict() {
    timeout 300 xmllint --noout --nonet --relaxng "$1" "$2" >/dev/null 2>&1
    rc=$?
    [ $rc -eq 124 ] && rc=timeout
    echo $rc
}

n=0 differ=0
for f in "$@"; do
    n=$((n + 1))
    a=$(verdict "$old" "$f")
    b=$(verdict "$new" "$f")
    if [ "$a" != "$b" ]; then
        echo "DIFF $a $b $f"
        differ=$((differ + 1))
    fi
done
echo "$n files, $differ verdicts differ ($rev vs working copy)"
[ $differ -eq 0 ]
