#!/bin/bash
# Build from scratch and run the whole suite: the normal build, the same
# suite under AddressSanitizer and UndefinedBehaviorSanitizer, and the
# fuzz targets (lens loader, snapshot readers and import, store records).
# Ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
failed_step=

step() {
	echo "== $*"
	"$@" || failed_step="$failed_step [$*]"
}

# Both builds are out of the source tree, which must not be configured.
[ -f config.status ] && make distclean >/dev/null
step autoreconf -fi
for b in build build-asan; do
	rm -rf "$b" && mkdir "$b"
	flags=
	[ "$b" = build-asan ] && flags=--enable-sanitizers
	(cd "$b" && ../configure -q $flags && make -j"$jobs" &&
	    make -j"$jobs" check) || failed_step="$failed_step [$b]"
done
if command -v clang >/dev/null; then
	(cd build && make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}") ||
	    failed_step="$failed_step [fuzz]"
fi

# Count every test point of both builds (Automake's .trs files).
count() { cat build/tests/*.trs build-asan/tests/*.trs 2>/dev/null |
    grep -c "^:test-result: $1" ; }
pass=$(count PASS) fail=$(( $(count FAIL) + $(count ERROR) + $(count XPASS) ))
skip=$(count SKIP)
for f in build/tests/*.log build-asan/tests/*.log; do
	grep -q "^\(FAIL\|ERROR\)" "$f" 2>/dev/null && { echo "== $f"; cat "$f"; }
done
if [ -n "$failed_step" ]; then
	echo "failed steps:$failed_step"
	fail=$((fail + 1))
fi
[ "$skip" -gt 0 ] && echo "$skip skipped"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
