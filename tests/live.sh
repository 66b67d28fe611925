#!/bin/sh
# Live facilitation: several terminals on one workspace at once (a review
# and the audience view, two reviews), the workshop clock, hidden notes,
# and a note edited in two places.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null; then
	echo "ok 1 # SKIP no tmux"
	echo "1..1"
	exit 0
fi

# Everything a reader could change: files, their times, the review.
fingerprint() {
	(cd "$WS" && find . -type f ! -name lock.mdb | sort | xargs sha256sum
	 find . ! -name lock.mdb -exec stat -c '%n %Y %s' {} + | sort
	 "$WAFR" status . --json)
}

WS=$TMP/ws
"$WAFR" init "$WS" --name "Live shop" >/dev/null
"$WAFR" answer "$WS" priorities --none >/dev/null
"$WAFR" answer "$WS" securely-operate --none >/dev/null
"$WAFR" answer "$WS" org-culture --note "Secret: the on-call rota is thin" \
    >/dev/null

# --- A review and the audience view ---
term_start present 80x24 "$WAFR" present "$WS"
term_start review 100x30 "$WAFR" "$WS"
term_wait review "OPS 1" && term_wait present "OPS 1"
ok $? "the audience view opens on the facilitator's question"
like "$(term_text present)" "Risks by pillar" "the normal layout at 80x24 shows the tallies"
like "$(term_text present)" "> OPS +1/11 +HRI 1" "the current pillar's tally, with its high risks"

term_keys review Tab j j
term_wait present "OPS 3 +How does your culture"
ok $? "the audience view follows the facilitator to OPS 3"
term_wait present "Secret: the on-call rota is thin"
ok $? "the note shows on the audience view"

term_keys review H
term_wait review "hidden from the audience"
ok $? "H tells the facilitator the notes are hidden"
term_gone present "Secret"
ok $? "the hidden note vanishes from the audience view"
term_wait review "hidden from the audience, H shows"
ok $? "the review says the note is hidden from the audience"
term_keys review H
term_wait present "Secret: the on-call rota is thin"
ok $? "H again shows it"

# An answer given in the review shows in the room.
term_keys review Tab End Space
term_wait present "\[x\] None of these"
ok $? "a choice ticked in the review is ticked on the audience view"
term_wait present "> OPS +2/11 +HRI 2"
ok $? "and the pillar's tally moves"
is "$(status_field "$WS" high)" 3 "the answer is in the store"

# The big layout, for a projector.
term_resize present 160x48
term_wait present "██████  ██████"
ok $? "at 160x48 the audience view blows text up in block characters"
big=$(term_text present | sed -n '3,7p' | grep -c "██")
is "$big" 5 "the question number takes five rows of blocks"
like "$(term_text present | sed -n '35,48p')" "Operational excellence +2/11 +HRI 2" \
    "the big layout still lists every pillar with its tally"
term_keys present b
term_wait present "Risks by pillar"
ok $? "b switches to the normal layout"
term_keys present b
term_wait present "██████  ██████"
ok $? "and b again to the big one"
term_resize present 80x24
term_wait present "^ wafr Live shop"
ok $? "back at 80x24 the view fits again"
# What to ask the team, from the lens, on a key.
term_keys present a
term_wait present "Ask the team"
ok $? "a shows what to ask the team in place of the choices"
like "$(term_text present)" "- When did someone last stop a release" \
    "the question's first ask: text"
term_gone present "None of these"
ok $? "the choices give way to it"
term_keys present a
term_wait present "\[x\] None of these"
ok $? "a again shows the choices"
term_keys present q
term_kill present

# --- The workshop clock ---
term_keys review BTab BTab T
term_wait review "Time box for OPS"
ok $? "T asks for the current pillar's time box"
term_keys review 20 Enter
term_wait review "OPS [0-9]+:[0-9][0-9]/20:00"
ok $? "the header shows the time spent against the box"
like "$("$WAFR" agenda "$WS")" "operationalExcellence .* 20 min" "the box is in the agenda"
term_keys review j
term_wait review "SEC [0-9]+:[0-9][0-9]"
ok $? "moving to another pillar starts its clock"
sleep 1
term_keys review q
until_ok 10 sh -c "\"$WAFR\" agenda \"$WS\" | grep -Eq 'security .* [0-9]+:(0[1-9]|[1-9][0-9])'"
ok $? "time spent in a pillar is counted and written on quitting"
term_kill review
like "$("$WAFR" report "$WS" --format md)" "Operational excellence \| 20:00 \| [0-9]+:[0-9][0-9] \|" \
    "the report says how long each pillar took, against its box"
like "$("$WAFR" report "$WS" --format html)" "Time spent per pillar" "so does the HTML report"
spent=$("$WAFR" report "$WS" --format json | python3 -c '
import json, sys
print([p for p in json.load(sys.stdin)["pillars"] if p["id"] == "security"][0]["time_spent_seconds"] > 0)')
is "$spent" True "and the JSON one, in seconds"

# --- The audience view never writes ---
before=$(fingerprint)
term_start present 80x24 "$WAFR" present "$WS"
term_wait present "Risks by pillar"
ok $? "the audience view opens alone"
term_keys present b
term_resize present 160x48
sleep 1
term_keys present q
term_kill present
after=$(fingerprint)
is "$after" "$before" "the audience view changed nothing in the workspace"

# --- Two reviews on one workspace ---
term_start one 100x30 "$WAFR" "$WS"
term_start two 100x30 "$WAFR" "$WS"
term_wait one "HRI 3" && term_wait two "HRI 3"
ok $? "two reviews open on one workspace"

# A note typed in both at once keeps both texts (both open on the
# question the last review left).
term_keys one n
term_keys two n
term_wait one "Esc returns to the review" && term_wait two "Esc returns to the review"
ok $? "both reviews edit the same note"
term_keys one "alpha from one"
term_keys two "beta from two"
term_wait one "beta from two" && term_wait two "alpha from one"
ok $? "each editor shows the other's text"
term_keys one Escape
term_keys two Escape
until_ok 10 sh -c "\"$WAFR\" answer \"$WS\" securely-operate | grep -q 'alpha from one'"
n=$("$WAFR" answer "$WS" securely-operate)
like "$n" "alpha from one" "the first editor's text is kept"
like "$n" "beta from two" "the second editor's text is kept"

term_wait one "Note \(n: edit" && term_wait two "Note \(n: edit"
ok $? "both editors are left"
term_keys one u Tab End Space
term_wait two "HRI 4"
ok $? "an answer given in one review shows in the other"
term_keys two u Tab End Space
term_wait one "HRI 5"
ok $? "and back"
term_keys one q
term_keys two q
term_kill one
term_kill two

# Several lenses: the room sees the facilitator's lens when not all fit.
ML=$TMP/ml
"$WAFR" init "$ML" --lens wellarchitected --lens serverless >/dev/null
term_start mlr 100x30 "$WAFR" "$ML"
term_start mlp 80x24 "$WAFR" present "$ML"
term_wait mlr "Serverless"
term_keys mlr G
term_wait mlp "Risks by pillar: Serverless"
ok $? "with two lenses at 80x24 the audience view shows the current lens's pillars"
term_resize mlp 160x60
term_wait mlp "^  Well-Architected Framework"
ok $? "and every lens, each under its heading, when they fit"
term_keys mlp q
term_keys mlr q
term_kill mlp
term_kill mlr

# The external editor: another terminal saves while it is open.
cat > "$TMP/slow-editor" <<EOF
#!/bin/sh
printf 'gamma from the editor\n' > "\$1"
touch "$TMP/started"
while [ ! -e "$TMP/go" ]; do sleep 0.05; done
EOF
chmod +x "$TMP/slow-editor"
term_start ed 100x30 "EDITOR=$TMP/slow-editor" "$WAFR" "$WS"
term_wait ed "HRI"
term_keys ed g E
until_ok 10 test -e "$TMP/started"
"$WAFR" answer "$WS" priorities --note "delta from the command line" >/dev/null
touch "$TMP/go"
term_wait ed "both texts are kept"
ok $? "the editor is told another terminal saved the note meanwhile"
n=$("$WAFR" answer "$WS" priorities)
like "$n" "gamma from the editor" "the editor's text is kept"
like "$n" "delta from the command line" "and the other text too"
term_keys ed q
term_kill ed

done_testing
