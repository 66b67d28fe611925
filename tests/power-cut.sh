#!/bin/bash
# The snapshot files are refreshed without a flush each: the store holds the
# answer durably, and the files catch up. Killed (SIGKILL) between the
# store's commit and the files' refresh, the answer is in the store and the
# next open writes its file; after a power cut (a file that never reached
# the device, another boot) the next open writes them all again.
. "$(dirname "$0")/lib.sh"

if ! cc -shared -fPIC -o "$TMP/cut.so" "$top_srcdir/tests/data/power-cut.c" \
    -ldl 2>"$TMP/err"; then
	echo "ok 1 # SKIP no C compiler for the shim: $(head -1 "$TMP/err")"
	done_testing
	exit 0
fi
# A sanitized build: the shim comes before the ASan runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"

W=$TMP/w
F=$W/answers/wellarchitected/operationalExcellence/priorities.yaml
"$WAFR" init "$W" --name Cut >/dev/null
"$WAFR" answer "$W" priorities --note "before the cut" >/dev/null
git -C "$W" add -A >/dev/null && git -C "$W" commit -qm base

WAFR_CUT_AT_RENAME=1 LD_PRELOAD=$TMP/cut.so "$WAFR" answer "$W" priorities \
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
echo "another-boot" >"$TMP/boot"
WAFR_CUT_BOOT_ID=$TMP/boot LD_PRELOAD=$TMP/cut.so "$WAFR" answer "$W" \
    priorities >/dev/null
grep -q "after the commit" "$F"
is $? 0 "after a reboot the next open writes the files again"
like "$(git -C "$W" diff)" "after the commit" "and git diff shows the answer"
is "$(git -C "$W" status --porcelain | grep -v priorities.yaml | \
    grep -vc REPORT.md)" 0 "the other files are as they were"
done_testing
