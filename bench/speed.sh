#!/bin/sh
# bench/speed.sh [WAFR [DATADIR]]: every figure of the speed goals, each
# timed beside its floor in one run (the two alternated, median of N):
#   wafr answer     against a bare LMDB program committing one small write
#   answer --batch  fifty answers in one batch, against the same program
#   wafr status     against the same program reading it back, read-only
#   first frame     against a bare ncurses program drawing one word (pty)
#   wafr milestone  against `git add -A && git commit -q` of the same change
# then the figures of a generated 50,000-question lens (time and memory;
# BENCH_BIG=0 leaves them out). The floors are built here, from source.
# N (default 21) sets the number of runs of each.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
WAFR=${1:-$top/build/src/wafr}
WAFR_DATADIR=${2:-$top/data}
N=${N:-21}
BENCH_BIG=${BENCH_BIG:-1}
CC=${CC:-cc}
export WAFR_DATADIR TZ=UTC LC_ALL=C.UTF-8 GIT_AUTHOR_NAME=bench \
    GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=bench \
    GIT_COMMITTER_EMAIL=bench@example.org
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wafr-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
HOME=$TMP
export HOME

$CC -O2 -o "$TMP/timeit" "$top/bench/timeit.c" -lutil
# shellcheck disable=SC2046
$CC -O2 -o "$TMP/floor-lmdb" "$top/bench/floor-lmdb.c" \
    $(pkg-config --cflags --libs lmdb)
# shellcheck disable=SC2046
$CC -O2 -o "$TMP/floor-curses" "$top/bench/floor-curses.c" \
    $(pkg-config --cflags --libs ncursesw)
T=$TMP/timeit

# row NAME GOAL TIMEIT-OUTPUT: one line of the table.
row() {
	set -- "$1" "$2" $3
	printf '%-34s %9.2f %9.2f %7.2fx %8s %7.1f MB\n' "$1" "$3" "$4" "$5" \
	    "$2" "$6"
}
printf '%-34s %9s %9s %8s %8s %10s\n' figure "wafr ms" "floor ms" ratio \
    goal "wafr RSS"

W=$TMP/w
"$WAFR" init "$W" --name bench >/dev/null
mkdir "$TMP/floor"
"$TMP/floor-lmdb" "$TMP/floor" write

# Each answer changes the state: the note flips between two texts (the
# flip back is the untimed setup).
row "wafr answer" "<= 1.20" "$($T "$N" \
    "'$WAFR' answer '$W' priorities --note a >/dev/null" \
    "$WAFR answer $W priorities --note b" "" \
    "" "$TMP/floor-lmdb $TMP/floor write" "")"
# Fifty answers in one batch, each note flipping between two texts.
for f in "$W"/answers/*/*/*.yaml; do
	basename "$f" .yaml
done | head -n 50 >"$TMP/questions"
sed 's/$/ --note a/' "$TMP/questions" >"$TMP/batch-a"
sed 's/$/ --note b/' "$TMP/questions" >"$TMP/batch-b"
row "answer --batch, 50 answers" "-" "$($T "$N" \
    "'$WAFR' answer '$W' --batch '$TMP/batch-a' >/dev/null" \
    "$WAFR answer $W --batch $TMP/batch-b" "" \
    "" "$TMP/floor-lmdb $TMP/floor write" "")"
row "wafr status" "<= 1.30" "$($T "$N" \
    "" "$WAFR status $W" "" \
    "" "$TMP/floor-lmdb $TMP/floor read" "")"
row "first frame, 80x24 pty" "<= 1.20" "$($T "$N" \
    "" "$WAFR open $W" " quit" \
    "" "$TMP/floor-curses" "floor")"

# A milestone after one changed answer, against git committing the same
# change.
G=$TMP/g
mkdir "$G"
(cd "$W" && tar cf - --exclude=.git --exclude=.wafr .) | (cd "$G" && tar xf -)
(cd "$G" && git init -q && git add -A && git commit -q -m first)
# The files a milestone commits after one answer: the answer's file and
# REPORT.md, as wafr writes them for the same change, copied into git's.
same_change="'$WAFR' answer '$W' priorities --note \"\$(date +%N)\" >/dev/null &&
    '$WAFR' report '$W' --update >/dev/null &&
    cp -r '$W/answers' '$W/REPORT.md' '$G/'"
row "wafr milestone" "<= 0.50" "$($T "$N" \
    "'$WAFR' answer '$W' priorities --note \"\$(date +%N)\" >/dev/null" \
    "$WAFR milestone $W m%i" "" \
    "$same_change" "sh:cd $G && git add -A && git commit -q -m m" "")"
# The floor the figure had before: git committing one small file.
row "wafr milestone (git: one small file)" "-" "$($T "$N" \
    "'$WAFR' answer '$W' priorities --note \"\$(date +%N)\" >/dev/null" \
    "$WAFR milestone $W n%i" "" \
    "date +%N >>'$G/answers/note'" \
    "sh:cd $G && git add -A && git commit -q -m m" "")"

[ "$BENCH_BIG" = 0 ] && exit 0

# lens FILE PILLARS QUESTIONS-A-PILLAR: a generated lens, 4 choices a
# question (three practices and "None of these").
lens() {
	python3 - "$@" <<'PY'
import sys
path, np, nq = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as f:
    f.write("lens: big\ntitle: Big\npillars:\n")
    for p in range(np):
        f.write(f"  - id: p{p}\n    title: Pillar {p}\n    questions:\n")
        for q in range(nq):
            f.write(f"      - id: q{p}_{q}\n        title: Question {q}?\n"
                    f"        description: A generated question.\n"
                    f"        choices:\n")
            for c in range(3):
                f.write(f"          - id: c{p}_{q}_{c}\n"
                        f"            title: Choice {c}\n"
                        f"            risk: {['high','medium','low'][c]}\n"
                        f"            helpful: Helpful text {c}.\n")
            f.write(f"          - id: c{p}_{q}_no\n"
                    f"            title: None of these\n"
                    f"            none: true\n")
PY
}
nb=${NB:-3}

lens "$TMP/big.yaml" 1000 50
# Each run makes a new workspace, and none is removed before the end: a
# filesystem that has just freed 50,000 inodes makes the next 50,000 slow
# to create (ext4 checks each inode it hands out against recent deletes),
# which is the benchmark's doing, not wafr's, and not what a user meets.
row "init, 50,000 questions" "< 5000ms" "$($T "$nb" "" \
    "$WAFR init $TMP/init%i --lens $TMP/big.yaml --name big" "" "" "true" \
    "")"
B=$TMP/init0
row "status, 50,000 questions" "< 100ms" "$($T "$nb" \
    "" "$WAFR status $B" "" \
    "" "$TMP/floor-lmdb $TMP/floor read" "")"
row "answer, 50,000 questions" "< 100ms" "$($T "$nb" \
    "'$WAFR' answer '$B' q5_5 --select c5_5_0 >/dev/null" \
    "$WAFR answer $B q5_5 --unselect c5_5_0" "" \
    "" "$TMP/floor-lmdb $TMP/floor write" "")"
"$WAFR" milestone "$B" before >/dev/null
for q in 1 2 3 4 5; do
	"$WAFR" answer "$B" "q${q}00_$q" --select "c${q}00_${q}_0" >/dev/null
done
row "diff, 50,000 questions (vs status)" "< 1000ms" "$($T "$nb" \
    "" "$WAFR diff $B before" "" \
    "" "$WAFR status $B" "")"

lens "$TMP/wide.yaml" 4000 2
V=$TMP/v
"$WAFR" init "$V" --lens "$TMP/wide.yaml" --name wide >/dev/null
"$WAFR" milestone "$V" before >/dev/null
"$WAFR" answer "$V" q7_1 --select c7_1_0 >/dev/null
row "diff, 4,000 pillars (vs status)" "< 1000ms" "$($T "$nb" \
    "" "$WAFR diff $V before" "" \
    "" "$WAFR status $V" "")"
