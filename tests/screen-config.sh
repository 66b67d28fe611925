#!/bin/bash
# The screen under the user's configuration and terminal: key bindings,
# themes, NO_COLOR, 8- and 256-colour terminals, vt100, and a dumb terminal.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null; then
	echo "ok 1 # SKIP tmux is not installed"; echo "1..1"; exit 0
fi
W=$TMP/w
"$WAFR" init "$W" --name "Config shop" >/dev/null
mkdir -p "$HOME/.config/wafr"
CONFIG=$HOME/.config/wafr/config
# The header line as tmux sees it, attributes and colours included.
header() { tmux -S "$TMUX_SOCKET" capture-pane -e -p -t t | head -1; }
stop() {
	tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null
	while tmux -S "$TMUX_SOCKET" has-session 2>/dev/null; do sleep 0.05; done
	rm -f "$TMUX_SOCKET"
}

# Bindings: q is unbound, Q quits, F5 toggles; a bad line is reported and
# the rest applies.
cat > "$CONFIG" <<'CFG'
unbind q
bind Q quit
bind F5 toggle
bind Z no-such-action
CFG
screen_start 100x30 "$WAFR" "$W" "; echo EXITED \$?"
screen_wait "Config shop"
ok $? "the review opens with a configuration"
like "$(screen_text)" "config:4: error: unknown action \"no-such-action\"" \
    "a bad binding is reported on the screen, with its line"
screen_keys Tab
sleep 0.3
like "$(screen_text | tail -1)" "Q quit" "the status line names the key as bound"
screen_keys Tab F5
sleep 0.3
screen_keys q
sleep 0.3
like "$(screen_text)" "Config shop" "q no longer quits"
screen_keys Q
screen_wait "EXITED 0"
ok $? "Q quits, as bound"
is "$(status_field "$W" answered)" 1 "F5 toggled a choice, as bound"
stop
screen_start 100x30 "$WAFR" "$W" "; echo EXITED \$?"
screen_wait "Config shop"
screen_keys ?
screen_wait "F5"
for i in 1 2 3; do
	screen_text | grep -Eq "Q +quit" && break
	screen_keys PgDn
	sleep 0.3
done
like "$(screen_text)" "Q +quit" "the help shows the keys as bound"
stop

# Themes: the header's colours follow the theme; NO_COLOR and mono have none.
for theme in dark projector light mono; do
	printf 'set theme %s\n' "$theme" > "$CONFIG"
	screen_start 100x30 "$WAFR" "$W"
	screen_wait "Config shop"
	eval "h_$theme=\$(header)"
	stop
done
like "$h_dark" $'\e\\[[0-9;]*44m' "dark: a blue header"
like "$h_projector" $'\e\\[[0-9;]*43m' "projector: a yellow header"
ok $([ "$h_light" != "$h_projector" ]; echo $?) "light differs from projector"
ok $(printf '%s' "$h_mono" | grep -q $'\e\\[[0-9;]*4[0-7]m'; echo $((!$?))) \
    "mono: no background colour"
ok $(printf '%s' "$h_mono" | grep -q $'\e\\[[0-9;]*7m'; echo $?) "mono: the header in reverse video"
rm -f "$CONFIG"
screen_start 100x30 NO_COLOR=1 "$WAFR" "$W"
screen_wait "Config shop"
ok $(header | grep -q $'\e\\[[0-9;]*[34][0-7]m'; echo $((!$?))) "NO_COLOR: no colour at all"
stop

# Terminals.
for term in xterm xterm-256color vt100; do
	screen_start 80x24 TERM=$term "$WAFR" "$W" "; echo EXITED \$?"
	screen_wait "Config shop"
	ok $? "TERM=$term: the review opens"
	screen_keys q
	screen_wait "EXITED 0"
	ok $? "TERM=$term: and quits cleanly"
	stop
done
screen_start 80x24 TERM=dumb "$WAFR" "$W" "; echo EXITED \$?"
screen_wait "EXITED"
like "$(screen_text)" "TERM=dumb\) cannot show the full-screen review" "TERM=dumb: a clear refusal"
like "$(screen_text)" "EXITED 1" "TERM=dumb: status 1"
stop
done_testing
