#!/bin/sh
# The full-screen review, driven in a real terminal (tmux): what the screen
# shows after each key, and what the workspace holds afterwards.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is not installed"
	exit 0
fi

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null

# row_of TEXT: the screen row (from 1) and column (from 1) of TEXT.
at_text() {
	screen_text | python3 -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for y, line in enumerate(sys.stdin.read().split("\n")):
    i = line.find(sys.argv[1])
    if i >= 0:
        print(y + 1, width(line[:i]) + 1)
        break' "$1"
}
# resized COLSxROWS: resize, then wait for the header to span the new width
# (the old screen, cut to the new size, would pass a plain wait).
resized() {
	screen_resize "$1"
	i=0
	while [ $i -lt 200 ]; do
		w=$(screen_text | head -1 | python3 -c '
import sys, unicodedata
s = sys.stdin.read().rstrip()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s))')
		[ "$w" -eq $((${1%x*} - 1)) ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# click COL ROW: a left click, as an xterm sends it (SGR mode).
click() {
	screen_keys -l "$(printf '\033[<0;%s;%sM\033[<0;%s;%sm' "$1" "$2" \
	    "$1" "$2")"
}

# --- Opening ---
screen_start 120x40 "$WAFR" "$W" "; echo EXITED \$?"
shows 'Pillars' "wafr DIR opens the review"
shows 'Shop' "the header names the workload"
like "$(screen_text)" '0/57 answered' "the header counts answered questions"
like "$(screen_text)" 'HRI 0  MRI 0' "the header shows the risk totals"
like "$(screen_text)" 'OPS Operational' "the pillar pane lists the pillars"
like "$(screen_text)" 'OPS 1 ' "the question pane lists the questions"
like "$(screen_text)" '\[ \] ' "the current question shows its choices"
like "$(screen_text)" 'None of these' "with None of these"
like "$(screen_text)" 'Helpful: OPS01-BP01' \
    "the helpful text of the choice under the cursor shows"
like "$(screen_text)" 'q quit' "the status line shows the keys"

# --- Navigating every pane ---
screen_keys j
shows 'SEC Security  \(0/11\)' "Down in the pillar pane goes to the next pillar"
screen_keys Tab j
shows '> +-  SEC 2 ' "Tab then j moves in the question pane"
screen_keys Tab j
shows 'Helpful: SEC02-BP02' "Tab then j moves in the choices"
screen_keys Space
shows '> \[x\] ' "Space ticks the choice under the cursor"
shows '1/57 answered' "the header counts it on the same key"
shows 'SEC Security .*1/11' "and so does the pillar pane"
screen_keys End Space
shows 'HRI 1  MRI 0' "None of these makes a high risk at once"
like "$(screen_text)" 'SEC 2 .*HRI' "the question's badge says HRI"
like "$(screen_text)" 'H1' "the pillar pane counts the HRI"
screen_keys Home
shows 'Helpful: SEC02-BP01' "Home goes to the first choice"
screen_keys BTab BTab
screen_keys PgDn
shows '> .*SUS ' "Page Down in the pillar pane goes down a page"
screen_keys PgUp
shows '> .*OPS ' "Page Up goes back"

# --- Not applicable ---
screen_keys Tab a
shows 'Question not applicable, because' "a asks why the question does not apply"
screen_keys 1
shows 'Not applicable: OUT_OF_SCOPE' "the reason shows"
like "$(screen_text)" '>n/a OPS 1' "the badge says n/a"
screen_keys Tab x
shows 'Choice not applicable, because' "x asks why the choice does not apply"
screen_keys 4
shows '\[-\] Anchor' "the choice shows as not applicable"

# --- Next unanswered ---
screen_keys BTab u
shows '> +-  OPS 2 ' "u goes to the next unanswered question"
screen_keys U
shows '> +-  SUS 6 ' "U goes back across pillars (OPS 1 does not apply)"

# --- The note editor ---
screen_keys u
shows '> +-  OPS 2 ' "u wraps around"
screen_keys n
shows 'Note, saved as you type' "n opens the note editor"
screen_keys -l 'Grüße aus Köln — 日本語のメモ, naïve café'
screen_keys Enter
screen_keys -l 'second line'
screen_wait 'second line'
shows 'saved *$' "the note is saved when typing pauses"
like "$(screen_text)" 'Grüße aus Köln — 日本語のメモ, naïve café' \
    "non-ASCII text shows as typed"
screen_keys C-Left BSpace
shows 'secondline' "C-Left moves by words, Backspace deletes"
screen_keys Home Right Delete
shows '^ scondline' "Home, Right and Delete edit the line"
screen_keys Up End
screen_keys -l ' ok'
shows 'naïve café ok' "Up and End move to the end of the line above"
screen_resize 80x24
screen_wait 'naïve café ok'
screen_wait '^─{80}$'
like "$(screen_text)" 'naïve café ok' "the editor survives a resize"
screen_keys -l '!'
screen_wait 'ok!'
shows 'saved *$' "and goes on saving"
screen_keys Escape
resized 80x24
shows 'Tab pane' "Esc returns to the review"
like "$(screen_text)" 'Grüße aus Köln' "the review shows the note"
resized 120x40

# --- Search ---
screen_keys /
shows 'Search:' "/ asks what to search"
screen_keys -l 'backup'
screen_keys Enter
shows 'match 1 of [0-9]+ for "backup"' "the search finds the matches"
shows 'REL 9 ' "and goes to the first one"
screen_keys ']'
shows 'match 2 of' "] goes to the next match"
screen_keys '['
shows 'match 1 of' "[ goes to the previous match"

# --- Help ---
screen_keys '?'
shows 'Keys \(every change' "? shows the help"
like "$(screen_text)" 'go to the next unanswered question' \
    "with every binding"
# The help is longer than a screen: page down to the editor's section.
for i in 1 2 3; do
	screen_text | grep -q 'Note editor' && break
	screen_keys PgDn
	screen_wait 'Keys \(every change.*[0-9]+-[0-9]+ of' 2 >/dev/null
	sleep 0.2
done
like "$(screen_text)" 'Note editor' "including the editor's"
screen_keys q
shows 'Pillars' "q leaves the help"

# --- Mouse ---
set -- $(at_text 'COST ')
click "$2" "$1"
shows 'COST Cost optimization  \(0/11\)' "a click selects a pillar"
set -- $(at_text 'COST 3 ')
click "$2" "$1"
shows '> +-  COST 3 ' "a click selects a question"
set -- $(at_text '[ ] ')
click "$2" "$1"
shows '> \[x\] ' "a click on a checkbox toggles it"
shows 'COST Cost optimization  \(1/11\)' "and the tallies follow"

# --- Another process changes the workspace ---
before=$(status_field "$W" high)
"$WAFR" answer "$W" incident-response --none >/dev/null
shows "HRI $((before + 1))  MRI" "a change from another process shows up"

# --- Resizing ---
resized 80x24
ok $? "the review redraws at 80x24"
shows 'q quit' "80x24 shows the review and its keys"
like "$(screen_text)" 'Pillars' "with the pillar pane"
like "$(screen_text)" 'wellarchitected .* no milestone .* HRI [0-9]+ MRI [0-9]+ .* [0-9]+/57' \
    "and the header with the lens, milestone, clock and totals"
screen_resize 40x10
shows 'enlarge it' "a tiny terminal asks to be enlarged"
resized 160x48
shows 'Improvement' "a large terminal uses the room: the improvement text shows"
like "$(screen_text)" 'COST 3  How do you monitor cost and usage so each team sees its own\?' \
    "and question titles show whole"
resized 120x40
ok $? "back to 120x40, the review redraws"
shows 'Pillars' "with its panes"
like "$(screen_text)" 'answered' "with its header"

# --- Quitting, and what was saved ---
screen_keys q
shows 'EXITED 0' "q quits at once, exit status 0"
is "$(status_field "$W" not_applicable)" 1 "the question marked n/a is saved"
is "$(status_field "$W" high security)" 2 "the HRI made on screen is saved"
is "$(status_field "$W" answered costOptimization)" 1 \
    "the choice ticked with the mouse is saved"
note=$("$WAFR" answer "$W" wellarchitected/ops-model)
like "$note" 'note: Grüße aus Köln — 日本語のメモ, naïve café ok!' \
    "the note typed on screen is saved, UTF-8 intact"
like "$note" 'scondline' "with its second line as edited"
like "$("$WAFR" answer "$W" priorities)" 'OUT_OF_SCOPE' \
    "the reason is saved"
screen_stop

# --- Text from a lens that holds escape sequences ---
E=$TMP/e
"$WAFR" init "$E" --name "Esc" --lens "$top_srcdir/tests/lenses/escape.yaml" \
    >/dev/null
screen_start 160x30 "$WAFR" open "$E" "; echo EXITED \$?"
shows 'Do you see \^\[\[31mRED\^\[\[0m here' \
    "an escape sequence in a lens shows inert"
like "$(screen_text)" 'Sec\^\[\[2Jurity' "in every pane"
like "$(screen_text)" 'bell \^G' "other control characters too"
isnt_title=$(tmux -S "$TMUX_SOCKET" display-message -p -t t '#{pane_title}')
case $isnt_title in *pwned*) r=1 ;; *) r=0 ;; esac
ok $r "no control sequence reached the terminal"
like "$(screen_text)" '日本語の選択肢 with wide characters' "a wide choice shows"
like "$(screen_text)" 'Caf' "a combining mark shows"
like "$(screen_text)" '日本語の質問 second \^\[\]0;pw' \
    "wide characters show in a list, the OSC sequence inert"
screen_keys Tab j
shows '日本語の質問 second \^\[\]0;pwned\^G' \
    "and in the detail, whole"
# Columns stay aligned: the rule after the question pane is at the same
# column on every row, wide characters or not.
cols=$(screen_text | python3 -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
for line in sys.stdin.read().split("\n")[1:-1]:
    parts = line.split("\u2502")
    if len(parts) >= 3:
        cols.add(width(parts[0]) + width(parts[1]))
print(len(cols))')
is "$cols" 1 "wide characters keep the columns aligned"
screen_keys q
shows 'EXITED 0' "and quits cleanly"
screen_stop

# --- Monochrome ---
M=$TMP/m
"$WAFR" init "$M" --name "Mono" >/dev/null
"$WAFR" answer "$M" priorities --none >/dev/null
screen_start 80x24 NO_COLOR=1 "$WAFR" "$M" "; echo EXITED \$?"
shows 'HRI OPS 1' "with NO_COLOR the risk still reads as a word"
screen_keys q
shows 'EXITED 0' "and quits cleanly"
screen_stop

# --- $EDITOR ---
cat >"$TMP/editor" <<'EOF'
#!/bin/sh
printf 'from the editor: ünïcode\n' >>"$1"
EOF
chmod +x "$TMP/editor"
screen_start 80x24 EDITOR="$TMP/editor" "$WAFR" "$M" "; echo EXITED \$?"
screen_wait 'Pillars'
screen_keys E
shows 'note saved' "E edits the note in \$EDITOR"
like "$("$WAFR" answer "$M" priorities)" 'note: from the editor: ünïcode' \
    "the note written in \$EDITOR is saved"

# --- A long paste into the note editor ---
long=$(python3 -c 'print(" ".join("wörd%d" % i for i in range(600)))')
"$WAFR" answer "$M" priorities --note "" >/dev/null
shows '\(no note\)' "a note cleared from another terminal goes from the screen"
screen_keys n
screen_wait 'Note, saved as you type'
screen_keys -l "$long"
shows 'wörd599' "a long paste shows in the editor, scrolled to its end"
shows 'saved *$' "and is saved"
screen_keys Escape q
shows 'EXITED 0' "quits cleanly after the editor and the paste"
got=$("$WAFR" answer "$M" priorities | sed -n 's/^note: //p')
is "$got" "$long" "the whole paste is saved, byte for byte"
screen_stop

# --- The facilitator's place is kept ---
screen_start 80x24 "$WAFR" "$M" "; echo EXITED \$?"
screen_wait 'Pillars'
screen_keys j Tab j j
shows '> +-  SEC 3 ' "moving to SEC 3"
screen_keys q
screen_wait 'EXITED 0'
screen_stop
screen_start 80x24 "$WAFR" "$M"
shows '> +-  SEC 3 ' "a new session opens where the facilitator left off"
screen_keys q
screen_stop

# --- Two lenses: pillars of both, search across both ---
L=$TMP/l
"$WAFR" init "$L" --name "Two" --lens wellarchitected --lens serverless \
    >/dev/null
screen_start 120x40 "$WAFR" "$L" "; echo EXITED \$?"
shows '0/91 answered' "a review with two lenses opens"
like "$(screen_text)" 'Serverless Applications Lens' "the pillar pane names each lens"
screen_keys End
shows 'serverless .* no milestone' "the pillar pane goes on into the second lens"
screen_keys Home /
screen_keys -l 'synthetic tests'
screen_keys Enter
shows 'match 1 of 1 for "synthetic tests"' "the search covers every lens"
like "$(screen_text)" 'serverless .* no milestone' \
    "and goes to the second lens, named in the header"
shows '> \[ \] Probe key user journeys with synthetic tests' \
    "on the matching choice"
screen_keys Space
shows '1/91 answered' "a choice in the second lens counts at once"
# A paste is text, never commands (q would quit, j would move).
tmux -S "$TMUX_SOCKET" set-buffer "$(printf 'quit? jjj\nline two q')"
tmux -S "$TMUX_SOCKET" paste-buffer -p -t t
shows 'A paste is text for a note' "a paste in the review runs no command"
like "$(screen_text)" '> \[x\] Probe key user journeys' "and moves nothing"
screen_keys n
screen_wait 'Note, saved as you type'
tmux -S "$TMUX_SOCKET" paste-buffer -p -t t
shows 'line two q' "a paste in the note editor is typed in, newlines too"
screen_keys Escape
shows 'Pillars' "Esc after the paste leaves the editor"
screen_keys q
shows 'EXITED 0' "quits cleanly"
screen_stop
is "$(status_field "$L" answered)" 1 "the choice ticked in the second lens is saved"
like "$("$WAFR" answer "$L" serverless/"$(python3 -c '
import re, sys
t = open(sys.argv[1]).read()
print(re.findall(r"^      - id: (\S+)", t, re.M)[0])' "$WAFR_DATADIR/lenses/serverless.yaml")")" \
    'note: quit\? jjj' "the pasted note is saved"

# --- Not a terminal ---
"$WAFR" open "$W" </dev/null >/dev/null 2>&1
is $? 1 "without a terminal, open fails with status 1"
"$WAFR" open >/dev/null 2>&1
is $? 2 "open without DIR is a usage error"
"$WAFR" open "$W" "$W" >/dev/null 2>&1
is $? 2 "open with two DIRs is a usage error"
"$WAFR" "$TMP/nothing-here" >/dev/null 2>&1
is $? 1 "wafr DIR on a missing workspace fails with status 1"
like "$("$WAFR" open --help)" 'Usage: wafr open DIR' "open --help"
like "$("$WAFR" --help)" 'open +run the review' "wafr --help lists open"

done_testing
