#!/bin/sh
# Small things seen in the room: search finds notes and practice codes,
# the question list marks notes, evidence and roadmap items, the selected
# pillar row is one block of colour in every theme, and x acts only on a
# choice cursor that shows; P records who takes part.
. "$(dirname "$0")/lib.sh"

need_tmux

WS=$TMP/ws
"$WAFR" init "$WS" --name "Small shop" >/dev/null
"$WAFR" answer "$WS" priorities --none >/dev/null
"$WAFR" answer "$WS" dev-integ --note "Deploys are by hand on Fridays" >/dev/null
"$WAFR" roadmap "$WS" priorities --owner Ana >/dev/null
mkdir -p "$HOME/.config/wafr"
CONFIG=$HOME/.config/wafr/config

# --- Marks in the question list ---
term_start rv 80x24 "$WAFR" "$WS"
term_wait rv "OPS 1"
row() { term_text rv | grep -E "$1" | head -1; }
like "$(row 'OPS 1 ')" " r *$" "a question on the roadmap is marked r in the list"
like "$(row 'OPS 5 ')" " n *$" "a question with a note is marked n"
like "$(row 'OPS 2 ')" "[^ ] *$" "a question with neither has no mark"
term_keys rv Tab j j j j
term_keys rv e
term_wait rv "Evidence"
term_keys rv "https://ci.example.org/runs" Enter
term_wait rv "OPS 5 .* ne *$"
ok $? "evidence added: the row says n and e"

# --- Who takes part, for the report ---
term_keys rv P
term_shows rv "Participants and roles" "P asks who takes part"
term_keys rv "Ana Lima (facilitator); Ben Ode (scribe)" Enter
term_shows rv "Participants: Ana Lima \(facilitator\); Ben Ode \(scribe\)" \
    "and says what it recorded"
like "$("$WAFR" report "$WS")" "Ana Lima \(facilitator\)" \
    "the report's summary lists them"
term_keys rv P
term_shows rv "Participants and roles \(a; b\): Ana Lima" "P again starts from what is recorded"
term_keys rv Escape

# --- x in the question list ---
term_keys rv x
term_shows rv "Tab to the choices first" "x in the question list says the choice cursor is in the choices"
term_gone rv "Choice not applicable, because" 1
ok $? "and asks nothing"
term_keys rv Escape

# --- Search: notes and practice codes ---
term_keys rv BTab g / "OPS05-BP03" Enter
term_shows rv "^> \[ \] Manage configuration with dedicated tooling" \
    "a practice code finds its choice"
term_keys rv / "Anchor priorities on what" Enter
term_wait rv "│> .*OPS 1 "
term_keys rv / "by hand on Fridays" Enter
term_shows rv "│> .*OPS 5 " "a note's text finds its question"
term_keys rv q
term_kill rv

# --- The selected pillar row, in every theme ---
holes() {	# the escape sequences inside the selected pillar row
	tmux -S "$TMUX_SOCKET" capture-pane -e -p -t hl: | sed -n 3p | python3 -c '
import re, sys
line = sys.stdin.read().split("\u2502")[0]
line = re.sub(r"(\x1b\[[0-9;]*m)+$", "", line)
# What each attribute change after the first character does: a change of
# background, or a reset of reverse video or of everything, is a hole.
first = re.match(r"^((?:\x1b\[[0-9;]*m)*)", line).end()
rest = line[first:].rstrip("\n ")
bad = [s for s in re.findall(r"\x1b\[([0-9;]*)m", rest)
       if any(p in ("0", "", "27", "49") or (len(p) == 2 and p[0] == "4")
              for p in s.split(";"))]
print(len(bad))'
}
for theme in dark light projector mono; do
	printf 'set theme %s\n' "$theme" > "$CONFIG"
	term_start hl 80x24 "$WAFR" "$WS"
	term_wait hl "OPS 1"
	is "$(holes)" 0 "$theme: the selected pillar row has no holes in its highlight"
	term_keys hl q
	term_kill hl
done
rm -f "$CONFIG"

done_testing
