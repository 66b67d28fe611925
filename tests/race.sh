#!/bin/bash
# Writers at once and writers killed: two command lines answering one
# question at the same moment both keep their change; a screen's keystroke
# never overwrites a change made elsewhere a moment before; a command
# killed between its commit and its files never lets sync read the older
# files back over the store.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name Race >/dev/null
ok $? "a workspace"

evidence() { "$WAFR" answer "$W" securely-operate | grep -c '^evidence [0-9]*:'; }

# --- Two command lines adding evidence to one answer at once ---
for who in a b; do
	(for i in $(seq 1 60); do
		"$WAFR" answer "$W" securely-operate --evidence "$who$i" \
		    >/dev/null 2>>"$TMP/race.err" || echo "$who$i" >>"$TMP/failed"
	done) &
done
wait
is "$(cat "$TMP/failed" 2>/dev/null | wc -l)" 0 "every concurrent write succeeds"
is "$(evidence)" 120 "two writers at once: all 120 pieces of evidence kept"
is "$("$WAFR" log "$W" securely-operate --json | python3 -c '
import json, sys; print(len(json.load(sys.stdin)))')" 120 \
    "and the journal has each of them"

# --- A keystroke right after a change made elsewhere ---
if command -v tmux >/dev/null; then
	lost=0
	screen_start 100x30 "$WAFR" "$W"
	screen_wait "Pillars"
	screen_keys Tab Tab	# the choices of OPS 1
	screen_wait "> \[ \] Anchor priorities"
	for i in $(seq 1 8); do
		"$WAFR" answer "$W" priorities --select ops_priorities_eval_tradeoffs \
		    >/dev/null
		screen_keys Space	# toggles the first choice, at once
		sleep 0.3
		"$WAFR" answer "$W" priorities | grep -q '^  \[x\] ops_priorities_eval_tradeoffs' ||
		    lost=$((lost + 1))
		"$WAFR" answer "$W" priorities --unselect ops_priorities_eval_tradeoffs \
		    >/dev/null
	done
	is "$lost" 0 "a screen's toggle never overwrites a change made a moment before"
	screen_keys q
	screen_stop
else
	echo "ok $((tap_n += 1)) # SKIP tmux is not installed"
fi

# --- Killed between the commit and the files ---
K=$TMP/k
"$WAFR" init "$K" --name Kills >/dev/null
reverted=0 kills=0
for i in $(seq 1 40); do
	"$WAFR" answer "$K" ops-model --note "note $i" >/dev/null 2>&1 &
	pid=$!
	sleep "0.00$((RANDOM % 10))"
	kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	before=$("$WAFR" answer "$K" ops-model)
	"$WAFR" sync "$K" >/dev/null 2>&1
	[ "$("$WAFR" answer "$K" ops-model)" = "$before" ] ||
	    reverted=$((reverted + 1))
done
echo "# $kills of 40 commands killed"
is "$reverted" 0 "sync after a kill never reads older files over the store"
"$WAFR" answer "$K" ops-model --note "last" >/dev/null
grep -q 'last' "$K/answers/wellarchitected/operationalExcellence/ops-model.yaml"
ok $? "the next change brings the files up to date"
done_testing
