#!/bin/sh
# run.sh — runs the libFuzzer target for SECONDS on a fresh copy of the
# seed corpus under out/fuzz/ (what `make fuzz SECONDS=N` calls).
# Usage: tests/fuzz/run.sh FUZZER SECONDS [OUTDIR]
# Seeds: the report, the schema tests' documents, tests/fuzz/seed/,
# the small hostile fixtures and every kept regression input
# (tests/fuzz/regress/). Findings land in OUTDIR/crashes/; a finding
# makes the script fail. Keep each one, once fixed, in tests/fuzz/regress/
# (tests/e2e/fuzz-regress.sh replays them on every `make test`).
set -u
fuzzer=$1
seconds=${2:-60}
dir=${3:-out/fuzz}
corpus=$dir/corpus
crashes=$dir/crashes
rm -rf "$corpus"
mkdir -p "$corpus" "$crashes"
cp report/report.xml tests/schema/*.xml tests/fuzz/seed/*.xml \
   tests/fuzz/regress/* "$corpus"/ 2>/dev/null
for f in tests/hostile/*.xml; do
	[ -f "$f" ] && cp "$f" "$corpus"/
done
n=$(ls "$corpus" | wc -l)
echo "fuzz: $fuzzer for ${seconds}s on $n seeds (corpus: $corpus)"
# detect_leaks stays on; rss_limit well under the machine, timeout per
# input: a hang is a finding like a crash.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
	-dict=tests/fuzz/docbook.dict -artifact_prefix="$crashes/" \
	-print_final_stats=1 "$corpus"
rc=$?
found=$(ls "$crashes" 2>/dev/null | wc -l)
echo "fuzz: corpus $(ls "$corpus" | wc -l) inputs, $found finding(s) in $crashes"
[ "$rc" -eq 0 ] && [ "$found" -eq 0 ]
