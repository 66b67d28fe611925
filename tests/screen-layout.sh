#!/bin/sh
# The layout at 80x24 and on larger terminals: every cut shows an
# ellipsis, nothing is painted over, panes that hold more scroll, names get
# the room first, and larger terminals use their rows.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

W=$TMP/w
"$WAFR" init "$W" --name "Acme Billing Platform" >/dev/null
"$WAFR" answer "$W" priorities --none >/dev/null
"$WAFR" answer "$W" securely-operate --none >/dev/null
"$WAFR" milestone "$W" "Day 1" >/dev/null
"$WAFR" answer "$W" priorities --select ops_priorities_ext_cust_needs >/dev/null

# row N: line N (from 1) of the screen.
row() { screen_text | sed -n "$1p"; }

# --- 80x24: the header keeps the name, the lists mark their cuts ---
screen_start 80x24 "$WAFR" "$W" "; echo EXITED \$?"
shows 'Pillars' "the review opens at 80x24"
like "$(row 1)" '^ wafr Acme Billing Platform ' \
    "the header shows the workload's whole name first"
like "$(row 1)" 'wellarch[a-z]*… │ Day 1 │' "and cuts the lens id instead"
like "$(screen_text)" 'OPS 2  How is your organization.*…' \
    "a question title cut to fit ends in an ellipsis"
like "$(screen_text)" 'SUS ' "the sixth pillar shows on launch"
screen_keys q
screen_wait 'EXITED 0'
screen_stop

done_testing
