#!/bin/sh
# In the room: a facilitator's and a scribe's screen and the audience
# view on one workspace. One lead: the first screen opened; another takes
# the lead with L; every screen names it; the audience view and the
# pillar clock follow it; a lead that died is taken over.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null; then
	echo "ok 1 # SKIP no tmux"
	echo "1..1"
	exit 0
fi

WS=$TMP/ws
"$WAFR" init "$WS" --name "Room shop" >/dev/null
"$WAFR" answer "$WS" priorities --none >/dev/null
"$WAFR" answer "$WS" dev-integ --note "Deploys are by hand on Fridays" \
    >/dev/null

# --- The first screen leads ---
term_start ana 100x30 GIT_AUTHOR_NAME=Ana "$WAFR" "$WS"
term_shows ana "you lead: Ana" "the first screen opened leads, and says so"
term_start ben 100x30 GIT_AUTHOR_NAME=Ben "$WAFR" "$WS"
term_shows ben "[^u] lead: Ana *$" "a second screen names the lead"
term_start room 80x24 "$WAFR" present "$WS"
term_shows room "lead: Ana" "the audience view names the lead"

# The scribe moving does not move the room.
term_keys ben Tab j j
term_wait ben "> *- +OPS 3|>- +OPS 3|> +OPS 3|OPS 3 +How does your culture" 5
term_keys ana Tab j j j j Tab End k
term_shows room "OPS 5 +How do you cut defects" "the audience view shows the lead's question"
term_gone room "OPS 3 " 2
ok $? "and not the question the other screen moved to"
term_shows room "^> \[ \] Automate integration and deployment from end to end" \
    "at 80x24 the choice under the lead's cursor shows, marked, though not every choice fits"
term_shows room "Deploys are by hand" "with the note"
like "$(term_text room)" "HRI 1  MRI 0  1/57 answered" "the overall totals show at 80x24"
term_keys ana Home
term_shows room "^> \[ \] Keep all code and configuration in version control" "the audience view follows the lead's choice cursor"
term_keys ana j
term_wait room "^> \[ \] Test and validate every change before release"
ok $? "choice by choice"

# --- The key, in the help ---
term_keys ben '?'
term_shows ben "L +take the lead" "the help lists the key that takes the lead"
term_keys ben q

# --- Another screen takes the lead ---
term_keys ben L
term_shows ben "you lead: Ben" "L takes the lead"
term_shows ana "[^u] lead: Ben *$" "the other screen names the new lead"
term_shows ana "Ben took the lead" "and says it lost the lead"
term_shows room "lead: Ben" "the audience view names the new lead"
term_shows room "OPS 3 +How does your culture" "and shows the new lead's question"

# --- The pillar clock follows the lead's pillar ---
term_keys ben BTab j
term_shows room "SEC Security" "the lead moves to another pillar"
term_shows ana " SEC [0-9]+:[0-9][0-9] " "every screen shows the lead's pillar clock"
sleep 2
clock() { term_text "$1" | sed -n '1p' | grep -Eo ' SEC [0-9]+:[0-9][0-9] ' | head -1 | awk '{ split($2, t, ":"); print t[1] * 60 + t[2] }'; }
agenda() { "$WAFR" agenda "$WS" | grep -E '^wellarchitected/security ' | grep -Eo '[0-9]+:[0-9][0-9]' | head -1 | awk '{ split($1, t, ":"); print t[1] * 60 + t[2] }'; }
a=$(clock ana); b=$(clock ben); g=$(agenda)
d1=$((a - b)); d2=$((g - b))
[ "${a:-0}" -ge 1 ] && [ "${d1#-}" -le 1 ] && [ "${d2#-}" -le 1 ]
ok $? "the screens and wafr agenda show the same time within a second ($a, $b, $g)"
term_keys ana BTab j j
sleep 2
a=$(clock ana); b=$(clock ben); d1=$((a - b))
[ -n "$a" ] && [ "${d1#-}" -le 1 ]
ok $? "a screen elsewhere still shows the lead's clock ($a, $b)"
like "$(term_text ana | sed -n 1p)" " SEC " "not the clock of its own pillar"

# The plan pauses the clock.
term_keys ben i
term_wait ben "Improvement plan" 5
t1=$(agenda)
sleep 2
t2=$(agenda)
is "$t2" "$t1" "the clock stands still while the lead shows the plan"
term_keys ben q
sleep 2
t3=$(agenda)
[ "${t3:-0}" -gt "${t2:-0}" ]
ok $? "and runs again back in the review ($t2, $t3)"

# --- The newest milestone, in every header ---
"$WAFR" milestone "$WS" "After lunch" >/dev/null
term_shows ana "After lunch" "a milestone from the command line shows in one screen's header" 2
term_shows ben "After lunch" "and in the other's" 2

# --- A lead that died is taken over ---
pid=$(term_pid ben)
kill -9 "$pid"
term_shows ana "you lead: Ana" "the lead's process died: the next screen takes the lead" 5
term_shows room "lead: Ana" "the audience view names it"
term_keys ana j
term_shows room "OPS 8 " "and follows it"

# A lead that quits gives the lead up at once.
term_start cleo 100x30 GIT_AUTHOR_NAME=Cleo "$WAFR" "$WS"
term_shows cleo "[^u] lead: Ana *$" "a third screen names the lead"
term_keys ana q
term_shows cleo "you lead: Cleo" "the lead quit: the other screen leads" 3
term_keys cleo q

done_testing
