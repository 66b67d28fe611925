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
"$WAFR" roadmap "$W" securely-operate --owner "Jörg Müller" \
    --ticket "https://jira.example.com/browse/SEC-1234" --target 2026-03-31 \
    --effort small >/dev/null

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

# --- The help wraps its texts and says how far it goes ---
screen_keys '?'
shows 'Keys \(every change' "? shows the help"
like "$(row 2)" '↓ 1-21 of [0-9]+$' "its title says which rows show, and that more follow"
like "$(screen_text)" 'toggle the choice under the cursor \(in the pillar and *$' \
    "a long help text wraps rather than being cut"
ok $(screen_text | grep -q 'more v'; [ $? -ne 0 ]; echo $?) \
    "no \"more\" is painted over a line"
screen_keys G PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn
shows '↑  [0-9]+-([0-9]+) of \1$' "scrolled to the end, the title says so"
like "$(screen_text)" 'H3 M2 in the pillar pane' "the last line of the help shows"
screen_keys q

# --- The milestone diff puts the change before the title ---
screen_keys M
shows 'Milestones, newest first' "M lists the milestones"
screen_keys Enter
shows 'Diff: Day 1' "Enter shows the diff"
like "$(screen_text)" 'OPS 1 +high -> high \(answer\)  How do you decide.*…' \
    "the risk change shows whole; the title is cut, with an ellipsis"
screen_keys Escape q

# --- The plan's finding scrolls through every missing practice ---
screen_keys i
shows 'Improvement plan' "i opens the plan"
screen_keys G
shows 'Practices still missing: 8' "SEC 1 misses 8 practices"
like "$(screen_text)" 'J/K scroll .*↓ 1-[0-9]+ of [0-9]+' \
    "the finding says it goes on, and how to scroll"
screen_keys J J J J J J J J J J J J J J J J J J J J
shows '↑ +[0-9]+-([0-9]+) of \1' "J scrolls down to the end of the finding"
like "$(screen_text)" 'SEC01-BP08' "to the last missing practice"
screen_keys K K K K K K K K K K K K K K K K K K K K
shows 'Practices still missing: 8' "K scrolls back up"
screen_keys q

# --- The roadmap is a table ---
screen_keys r
shows 'Roadmap: by status' "r opens the roadmap"
like "$(screen_text)" '^ +Question +Title +Owner +Ticket +Due +Status' \
    "with column headings"
like "$(screen_text)" '> HRI SEC 1 +[^ ][^│]*… Jörg Mü… https:/… 2026-03-31 Open *$' \
    "its columns fit 80 columns, the title cut first"
screen_keys q

# --- The status-line prompt marks both of its cuts ---
long="the start of a search that runs on past the end of the status line, up to its last word"
screen_keys /
shows '^Search: *$' "/ asks what to search for"
screen_keys -l "$long"
shows '^Search: …' "typed past the line's end: an ellipsis at the left says the start is out of sight"
like "$(row 24)" '^Search: …[^…]*up to its last word$' \
    "the end of the text and the cursor stay in sight"
screen_keys Home
shows '^Search: the start of a search' "Home shows the start again"
like "$(row 24)" '^Search: the start of a search [^…]*…$' \
    "with no ellipsis at the left, and one at the right for the rest"
screen_keys End
shows '^Search: …[^…]*up to its last word$' "End scrolls back to the end"
screen_keys Escape
shows 'q quit' "Esc leaves the prompt"
screen_keys q
screen_wait 'EXITED 0'
screen_stop

# --- The details: the description, the practice, its link whole ---
cat >"$TMP/browser" <<'SH'
#!/bin/sh
printf '%s\n' "$1" >"$0.opened"
SH
chmod +x "$TMP/browser"
screen_start 80x24 env -u DISPLAY -u WAYLAND_DISPLAY "$WAFR" "$W" \
    "; echo EXITED \$?"
shows 'Pillars' "the review opens again"
screen_keys Tab Tab D
shows 'The question \(D: the note again\)' "D shows the details instead of the note"
like "$(screen_text)" 'Everyone involved should agree on what the workload must achieve' \
    "with the question's description"
like "$(screen_text)" 'J/K scroll .*↓ 1-[0-9]+ of [0-9]+' "which scroll"
screen_keys J J J J J J J J J J J J J J J J J J J J
shows '↑ +[0-9]+-([0-9]+) of \1' "J scrolls down to the end of the details"
like "$(screen_text)" 'Link \(o opens it\)' "where the practice's link is"
url=$(screen_text | sed -n '/Link (o opens it)/,/J\/K scroll/p' | sed '1d;$d' |
    sed 's/^ //' | tr -d '\n ')
is "$url" "https://docs.aws.amazon.com/wellarchitected/latest/framework/ops_priorities_ext_cust_needs.html" \
    "the link is printed whole, on lines of its own"
screen_keys D
shows 'Note \(n: edit' "D again: the note is back"
screen_keys o
shows 'the link is shown whole, to copy' "o with no browser shows the link whole"
like "$(screen_text)" 'Link \(o opens it\)' "in the details"
screen_keys q
screen_wait 'EXITED 0'
screen_stop

screen_start 80x24 env BROWSER="$TMP/browser" "$WAFR" "$W" "; echo EXITED \$?"
shows 'Pillars' "the review opens with \$BROWSER set"
screen_keys Tab Tab j o
until_ok 5 test -s "$TMP/browser.opened"
is "$(cat "$TMP/browser.opened" 2>/dev/null)" \
    "https://docs.aws.amazon.com/wellarchitected/latest/framework/ops_priorities_int_cust_needs.html" \
    "o opens the link of the choice under the cursor in \$BROWSER"
shows 'opened https://docs' "and says so"
screen_keys q
screen_wait 'EXITED 0'
screen_stop

# On a desktop without $BROWSER: xdg-open, in the background.
mkdir -p "$TMP/bin"
cat >"$TMP/bin/xdg-open" <<'SH'
#!/bin/sh
printf '%s\n' "$1" >"$(dirname "$0")/opened"
SH
chmod +x "$TMP/bin/xdg-open"
screen_start 80x24 env -u BROWSER DISPLAY=:99 PATH="$TMP/bin:$PATH" \
    "$WAFR" "$W" "; echo EXITED \$?"
shows 'Pillars' "the review opens on a desktop"
screen_keys Tab Tab o
until_ok 5 test -s "$TMP/bin/opened"
is "$(cat "$TMP/bin/opened" 2>/dev/null)" \
    "https://docs.aws.amazon.com/wellarchitected/latest/framework/ops_priorities_ext_cust_needs.html" \
    "o hands the link to xdg-open"
shows 'opening https://docs' "and says so"
screen_keys q
screen_wait 'EXITED 0'
screen_stop

screen_start 120x40 "$WAFR" "$W" "; echo EXITED \$?"
shows 'Pillars' "the review opens at 120x40"
like "$(screen_text)" 'OPS Operational excellence ' "at 120x40 pillar names show whole"
like "$(screen_text)" 'PERF Performance efficiency ' "the longest too"
like "$(screen_text)" '──Ask the team──' \
    "rows to spare show what to ask the team (the lens's ask:)"
like "$(screen_text)" '- Which three customer outcomes would you protect first' \
    "one question a line"
screen_keys r
shows 'Roadmap: by status' "r opens the roadmap"
like "$(screen_text)" '^ +Effort +Question +Title +Owner +Ticket +Due +Status' \
    "at 120 columns the effort has a column too"
like "$(screen_text)" 'Small +SEC 1 +[^ ].*… Jörg Müller https://jira[^ ]*… 2026-03-31 Open *$' \
    "the owner whole, the ticket cut, the date whole"
screen_keys q q
screen_wait 'EXITED 0'
screen_stop

# --- 200x60: the rows are used ---
screen_start 200x60 "$WAFR" "$W" "; echo EXITED \$?"
shows 'Pillars' "the review opens at 200x60"
shows 'Link \(o opens it\)' "a large terminal shows the practice's link unasked"
ok $(screen_text | sed -n '36,59p' | grep -q '[^ │]'; echo $?) \
    "the bottom 24 rows are not left empty"
# A short question: once its own details show whole, the others of its
# practices and what the pillar is about take the rows left.
screen_keys End Tab G
shows 'SUS 6  How do your team' "G goes to the pillar's last question"
shows '──The other practices──' "rows to spare show the question's other practices"
like "$(screen_text)" ' SUS06-BP05  Test apps on a shared, remote device farm' \
    "each with its code and title"
like "$(screen_text)" 'Apps are tested on a shared, remote device farm rather than' \
    "and its helpful text"
like "$(screen_text)" '──The pillar: SUS Sustainability──' "then the pillar"
like "$(screen_text)" 'Reducing the energy, hardware and data a workload consumes' \
    "with its description"
blank=$(screen_text | sed -n '17,59p' | tac |
    awk '/^[ │]*$/ { n++; next } { exit } END { print n + 0 }')
ok $([ "$blank" -le 5 ]; echo $?) \
    "at most 5 rows stay empty under a short question ($blank)"
ok $(screen_text | sed -n '/──The other practices──/,$p' | grep -q 'SUS06-BP01'
    [ $? -ne 0 ]; echo $?) \
    "the practice under the cursor is not repeated there"
screen_keys q
screen_wait 'EXITED 0'
screen_stop

# --- Two lenses: wherever two pillars share a code, the lens is named ---
html=$("$WAFR" report "$W" --format html)
ok $(printf '%s' "$html" | grep -q 'Operational excellence (Serverless'; [ $? -ne 0 ]; echo $?) \
    "with one lens, the HTML charts name no lens"
"$WAFR" lens add "$W" serverless >/dev/null
html=$("$WAFR" report "$W" --format html)
like "$html" '<figcaption>Operational excellence \(Serverless Applications Lens\)</figcaption>' \
    "the HTML report's charts name the lens of a shared pillar"
like "$html" '<figcaption>Operational excellence \(Well-Architected Framework\)</figcaption>' \
    "of both lenses"
screen_start 120x40 "$WAFR" "$W" "; echo EXITED \$?"
shows 'Pillars' "the review opens with two lenses"
like "$(screen_text)" 'wellarchitected/OPS Operational excel' \
    "the pillar list names the lens of a shared code"
like "$(screen_text)" 'wafr-serverless/OPS Operational' "in both lenses"
screen_keys End
shows '> wafr-serverless/SUS ' "End goes to the last pillar, in the second lens"
like "$(row 1)" ' wafr-serverless │ Day 1 │' \
    "the header names the lens"
like "$(screen_text)" 'wafr-serverless/SUS Sustainability  \(0/5\)' \
    "and so does the question pane's title"
screen_resize 80x24
screen_wait '^ wafr Acme Billing Platform +wafr-serverless │' 5
like "$(row 1)" '^ wafr Acme Billing Platform +wafr-serverless │' \
    "at 80x24 the header keeps the lens before the milestone"
screen_keys q
screen_wait 'EXITED 0'
screen_stop

done_testing
