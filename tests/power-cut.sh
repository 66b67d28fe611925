#!/bin/bash
# The snapshot files are refreshed without a flush each: the store holds the
# answer durably, and the files catch up. Killed (SIGKILL) between the
# store's commit and the files' refresh, the answer is in the store and the
# next open writes its file; after a power cut (a file that never reached
# the device, another boot) the next open writes them all again.
. "$(dirname "$0")/lib.sh"

# The kill comes from strace, which works on any build (the program may be
# static: no preloaded shim reaches it); the other boot from a small LMDB
# program that records one in the store.
if ! command -v strace >/dev/null 2>&1 ||
    ! strace -qq -o /dev/null -e inject=getpid:retval=1 true 2>"$TMP/err"; then
	echo "ok 1 # SKIP strace cannot inject here: $(head -1 "$TMP/err")"
	done_testing
	exit 0
fi
# shellcheck disable=SC2046
if ! cc -o "$TMP/other-boot" "$top_srcdir/tests/data/other-boot.c" \
    $(pkg-config --cflags --libs lmdb) 2>"$TMP/err"; then
	echo "ok 1 # SKIP cannot build the LMDB helper: $(head -1 "$TMP/err")"
	done_testing
	exit 0
fi
renames=rename,renameat,renameat2

W=$TMP/w
F=$W/answers/wellarchitected/operationalExcellence/priorities.yaml
"$WAFR" init "$W" --name Cut >/dev/null
"$WAFR" answer "$W" priorities --note "before the cut" >/dev/null
git -C "$W" add -A >/dev/null && git -C "$W" commit -qm base

strace -qq -o /dev/null -e trace=$renames \
    -e inject=$renames:signal=SIGKILL:when=1 "$WAFR" answer "$W" priorities \
    --select ops_priorities_ext_cust_needs --note "after the commit" \
    >/dev/null 2>&1
is $? 137 "killed between the store's commit and the files' refresh"
grep -q "after the commit" "$F"
is $? 1 "the answer file is behind"
like "$("$WAFR" status "$W" --json)" '"answered": 1' \
    "the store has the answer (read-only status, which writes nothing)"
"$WAFR" answer "$W" priorities >"$TMP/out"
like "$(cat "$TMP/out")" "after the commit" "the next open shows it"
grep -q "after the commit" "$F"
is $? 0 "and writes its file"
like "$(git -C "$W" diff)" "after the commit" "git diff shows the live answer"

# A power cut: the file's bytes never reached the device, the store's did.
: >"$F"
touch -d '2000-01-01' "$W/workload.yaml"
"$WAFR" answer "$W" priorities >/dev/null
is "$(wc -c <"$F")" 0 "in the same boot, a file is not written again"
is "$(date -r "$W/workload.yaml" +%Y)" 2000 "nor is any other"
"$TMP/other-boot" "$W" another-boot
"$WAFR" answer "$W" priorities >/dev/null
grep -q "after the commit" "$F"
is $? 0 "after a reboot the next open writes the files again"
like "$(git -C "$W" diff)" "after the commit" "and git diff shows the answer"
is "$(git -C "$W" status --porcelain | grep -v priorities.yaml | \
    grep -vc REPORT.md)" 0 "the other files are as they were"
done_testing
