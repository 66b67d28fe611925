#!/bin/bash
# Build from scratch and run the whole suite: the normal build, the same
# suite under AddressSanitizer and UndefinedBehaviorSanitizer, and the lens
# loader's fuzz target. Ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
failed_step=

step() {
	echo "== $*"
	"$@" || failed_step="$failed_step [$*]"
}

step autoreconf -fi
step ./configure -q
step make -j"$jobs"
step make -j"$jobs" check
rm -rf build-asan && mkdir build-asan
(cd build-asan && ../configure -q --enable-sanitizers CC=gcc &&
    make -j"$jobs" && make -j"$jobs" check) || failed_step="$failed_step [sanitizers]"
if command -v clang >/dev/null; then
	step make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-120}"
fi

# Count every test point of both builds (Automake's .trs files).
count() { cat tests/*.trs build-asan/tests/*.trs 2>/dev/null |
    grep -c "^:test-result: $1" ; }
pass=$(count PASS) fail=$(( $(count FAIL) + $(count ERROR) + $(count XPASS) ))
skip=$(count SKIP)
for f in tests/*.log build-asan/tests/*.log; do
	grep -q "^\(FAIL\|ERROR\)" "$f" 2>/dev/null && { echo "== $f"; cat "$f"; }
done
if [ -n "$failed_step" ]; then
	echo "failed steps:$failed_step"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
