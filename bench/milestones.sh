#!/bin/sh
# bench/milestones.sh [WAFR [DATADIR]]: how listing and diffing milestones
# scale: a workspace with 10 milestones against one with 1,000.
set -eu
WAFR=${1:-$(cd "$(dirname "$0")/.." && pwd)/src/wafr}
WAFR_DATADIR=${2:-$(cd "$(dirname "$0")/.." && pwd)/data}
export WAFR_DATADIR
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wafr-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
HOME=$TMP
export HOME

# grow FROM TO: milestones mFROM..mTO, each after one changed answer.
grow() {
	i=$1
	while [ "$i" -le "$2" ]; do
		case $((i % 4)) in
		0) q=priorities ;;
		1) q=ops-model ;;
		2) q=identities ;;
		*) q=permissions ;;
		esac
		"$WAFR" answer "$W" "$q" --note "round $i" >/dev/null
		"$WAFR" milestone "$W" "m$i" >/dev/null
		i=$((i + 1))
	done
}

# ms COMMAND...: mean wall time of 10 runs, in milliseconds.
ms() {
	start=$(date +%s%N)
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		"$@" >/dev/null
	done
	end=$(date +%s%N)
	echo $(((end - start) / 10000000))
}

report() {
	n=$1
	printf '%5d milestones: list %4s ms, diff first..last %4s ms, '`
		`'diff last..live %4s ms, one milestone %4s ms\n' "$n" \
		"$(ms "$WAFR" milestones "$W")" \
		"$(ms "$WAFR" diff "$W" m1 "m$n")" \
		"$(ms "$WAFR" diff "$W" "m$n")" \
		"$(ms_milestone "$n")"
}

# The time to save one more milestone (ten of them, then gone from the count).
ms_milestone() {
	start=$(date +%s%N)
	for k in 1 2 3 4 5 6 7 8 9 10; do
		"$WAFR" milestone "$W" "extra-$1-$k" >/dev/null
	done
	end=$(date +%s%N)
	echo $(((end - start) / 10000000))
}

W=$TMP/w
"$WAFR" init "$W" --name bench >/dev/null
grow 1 10
report 10
grow 11 1000
report 1000
