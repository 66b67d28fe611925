#!/bin/bash
# A full disk: every command fails cleanly or succeeds wholly, nothing is
# lost, and the workspace is whole again once there is room.
. "$(dirname "$0")/lib.sh"

# Files that cannot be written (here a file stands where a directory
# belongs): the answer is still saved, the user is told, the files catch up
# as soon as they can, and sync never reads the stale files over the store.
F=$TMP/f
"$WAFR" init "$F" >/dev/null
d=$F/answers/wellarchitected/operationalExcellence
mv "$d" "$d.away" && touch "$d"
"$WAFR" answer "$F" priorities --none >/dev/null 2>"$TMP/err"
is $? 0 "an answer is saved when its file cannot be written"
like "$(cat "$TMP/err")" "the change is saved; the files will be rewritten" "and the user is told"
"$WAFR" sync "$F" >/dev/null 2>"$TMP/err"
is $? 1 "sync refuses to read files that are behind"
is "$(status_field "$F" high)" 1 "the answer is still there"
rm "$d" && mv "$d.away" "$d"
"$WAFR" answer "$F" priorities >/dev/null
like "$(cat "$d/priorities.yaml")" "ops_priorities_no" "the files catch up at the next opening for writing"
"$WAFR" sync "$F" >/dev/null
is $? 0 "then sync works again"
is "$(status_field "$F" high)" 1 "and keeps the answer"

DISK=$TMP/disk
mkdir -p "$DISK"
if ! mount -t tmpfs -o size=3m tmpfs "$DISK" 2>/dev/null; then
	echo "ok $((tap_n + 1)) # SKIP cannot mount a small file system here"
	echo "1..$((tap_n + 1))"
	exit 0
fi
trap 'umount "$DISK" 2>/dev/null; tap_cleanup' EXIT

W=$DISK/w
"$WAFR" init "$W" >/dev/null
ok $? "a workspace on a small file system"
"$WAFR" answer "$W" priorities --none >/dev/null
before=$("$WAFR" status "$W" --json)

# Fill the disk to the last block.
dd if=/dev/zero of="$DISK/fill" bs=4k 2>/dev/null
dd if=/dev/zero of="$DISK/fill2" bs=1 2>/dev/null

# Answer until the store itself has no room left; each answer either fails
# with a message and changes nothing, or is saved (the files may lag).
failed=0 saved=0 lost=0 crashed=0
for q in ops-model org-culture observability dev-integ mit-deploy-risks \
    ready-to-support workload-observability operations-health; do
	"$WAFR" answer "$W" "$q" --none --note "$(head -c 3000 /dev/zero | tr '\0' x)" \
	    >/dev/null 2>"$TMP/err"
	status=$?
	if [ "$status" -eq 1 ]; then
		failed=$((failed + 1))
		grep -q "No space left on device\|MDB_MAP_FULL" "$TMP/err" || lost=$((lost + 1))
		[ "$failed" -eq 1 ] && sed 's/^/# /' "$TMP/err"
		"$WAFR" answer "$W" "$q" | grep -q '^  \[x\]' && lost=$((lost + 1))
	elif [ "$status" -eq 0 ]; then
		saved=$((saved + 1))
		"$WAFR" answer "$W" "$q" | grep -q "^  \[x\] ${q//-/_}" || true
		"$WAFR" answer "$W" "$q" | grep -q '^  \[x\]' || lost=$((lost + 1))
	else
		crashed=$((crashed + 1))
	fi
done
echo "# $saved saved, $failed refused"
ok $((failed == 0)) "the full disk was hit ($failed refused)"
is "$crashed" 0 "no command crashed"
is "$lost" 0 "a refused answer says why and changes nothing; a saved one is there"
"$WAFR" status "$W" >/dev/null
ok $? "the workspace still opens"

# Room again: the next change brings the files up to date.
rm -f "$DISK/fill" "$DISK/fill2"
"$WAFR" answer "$W" ops-model --none --note "room again" >/dev/null
ok $? "with room again, answers are saved"
for q in ops-model org-culture observability; do
	f=$W/answers/wellarchitected/operationalExcellence/$q.yaml
	if "$WAFR" answer "$W" "$q" | grep -q '^  \[x\]'; then
		grep -q "_no" "$f" || { echo "# $f is behind"; lost=$((lost + 1)); }
	fi
done
is "$lost" 0 "the answer files caught up with the live state"
live=$("$WAFR" status "$W" --json)
"$WAFR" sync "$W" >/dev/null 2>&1
ok $? "sync reads the files back"
is "$("$WAFR" status "$W" --json)" "$live" "and finds the live state in them"
done_testing
