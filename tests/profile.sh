#!/bin/sh
# Profiles: the business-context questionnaire, the questions its answers
# prioritize and the counts they give, journaled, undone, rebuilt.
. "$(dirname "$0")/lib.sh"

W=$TMP/shop
"$WAFR" init "$W" --name Shop >/dev/null

# prioritized FIELD: the "prioritized" object of status --json.
prioritized() {
	"$WAFR" status "$W" --json | python3 -c '
import json, sys
print(json.load(sys.stdin)["prioritized"][sys.argv[1]])' "$1"
}

out=$("$WAFR" profile "$W")
ok $? "profile shows the bundled questionnaire"
like "$out" "^Profile: Business context of the workload \(wellarchitected" "it names the profile"
like "$out" "\( \) customers  Customers or partners outside the company" "each choice, none chosen"
like "$out" "Prioritized questions: 0" "nothing is prioritized yet"
is "$(prioritized questions)" 0 "status --json: no prioritized question"
[ ! -e "$W/profile" ]
ok $? "showing it pins nothing"

out=$("$WAFR" profile "$W" audience --select customers)
ok $? "a profile question is answered"
like "$out" "\(x\) customers" "the answer shows"
like "$out" "Prioritized questions: 6" "customers prioritize 6 questions"
"$WAFR" profile "$W" revenue --select revenue-critical >/dev/null
is "$(prioritized questions)" 12 "revenue-critical adds 7, one shared: 12"
is "$(cat "$W/profile/answers.yaml")" "profile: wellarchitected
answers:
  audience:
  - customers
  revenue:
  - revenue-critical" "the answers have a file of their own"
cmp -s "$W/profile/questions.yaml" "$top_srcdir/data/profiles/wellarchitected.yaml"
ok $? "the questionnaire is pinned byte for byte"

# The counts follow the answers of the review.
"$WAFR" answer "$W" identities --none >/dev/null
"$WAFR" answer "$W" fault-isolation --none >/dev/null
"$WAFR" answer "$W" sus_user --na BUSINESS_PRIORITIES >/dev/null
"$WAFR" answer "$W" sus_region --none >/dev/null
is "$(prioritized high)" 2 "two prioritized HRIs (an HRI elsewhere does not count)"
is "$(prioritized not_applicable)" 1 "one prioritized question not applicable"
is "$(prioritized answered)" 3 "three prioritized questions answered"
is "$(prioritized unanswered)" 9 "nine still open"
is "$(status_field "$W" high)" 3 "the totals count every HRI"
out=$("$WAFR" status "$W" --prioritized)
like "$out" "Prioritized questions only" "status --prioritized says what it counts"
like "$out" "Total +12 +3 +2 " "and totals the prioritized questions"
like "$out" "Security +3 +1 +1 " "per pillar"

# Undo and redo, like any change.
like "$("$WAFR" log "$W" | head -5)" "profile +revenue" "the journal has the answer"
"$WAFR" undo "$W" >/dev/null	# sus_region
"$WAFR" undo "$W" >/dev/null	# sus_user
"$WAFR" undo "$W" >/dev/null	# fault-isolation
"$WAFR" undo "$W" >/dev/null	# identities
like "$("$WAFR" undo "$W")" "undone: profile revenue" "undo takes the profile answer back"
is "$(prioritized questions)" 6 "6 prioritized again"
like "$(cat "$W/profile/answers.yaml")" "^profile: wellarchitected
answers:
  audience:
  - customers$" "the file follows the undo"
"$WAFR" redo "$W" >/dev/null
is "$(prioritized questions)" 12 "redo gives it back"

# Errors lose nothing.
"$WAFR" profile "$W" audience --select customers --select internal 2>"$TMP/err"
is $? 1 "a single-choice question takes one choice"
like "$(cat "$TMP/err")" "takes one choice" "and says so"
"$WAFR" profile "$W" audience --select nobody 2>"$TMP/err"
is $? 1 "an unknown choice is refused"
"$WAFR" profile "$W" nothing --select x 2>"$TMP/err"
is $? 1 "an unknown question is refused"
like "$(cat "$TMP/err")" "profile wellarchitected has no question \"nothing\"" "naming it"
is "$(prioritized questions)" 12 "nothing changed"

# A fresh clone (the live state rebuilt from the files) keeps the profile.
"$WAFR" milestone "$W" "profile set" >/dev/null
git clone -q "$W" "$TMP/clone"
is "$("$WAFR" status "$TMP/clone" --json | python3 -c '
import json, sys; print(json.load(sys.stdin)["prioritized"]["questions"])')" 12 \
    "a fresh clone has the same prioritized questions"
rm -rf "$W/.wafr"
is "$(prioritized questions)" 12 "a rebuild from the files too"

# Another questionnaire, from a file.
out=$("$WAFR" profile "$W" --profile "$top_srcdir/tests/data/profile-small.yaml")
ok $? "--profile FILE uses another questionnaire"
like "$out" "^Profile: A small profile \(small 1\)" "and shows it"
like "$out" "Prioritized questions: 0" "the old answers do not fit it and go"
"$WAFR" profile "$W" exposure --select public >/dev/null
out=$("$WAFR" profile "$W" concerns --select outages --select bills)
like "$out" "\[x\] outages" "a question of several choices"
like "$out" "\[x\] bills" "takes several"
# public: identities protect-data-transit priorities; outages: priorities
# fault-isolation (the serverless question waits for that lens); bills:
# pricing-model.
is "$(prioritized questions)" 5 "the small profile prioritizes 5 questions"
"$WAFR" profile "$W" concerns --clear >/dev/null
is "$(prioritized questions)" 3 "--clear takes an answer back"
"$WAFR" undo "$W" >/dev/null
"$WAFR" undo "$W" >/dev/null
"$WAFR" undo "$W" >/dev/null
like "$("$WAFR" undo "$W")" "undone: profile-use small" "choosing a questionnaire is undone too"
is "$(prioritized questions)" 12 "with the old answers back"
"$WAFR" profile "$W" --profile "$top_srcdir/tests/data/profile-bad.yaml" 2>"$TMP/err"
is $? 1 "a profile naming an unknown question of a lens is refused"
like "$(cat "$TMP/err")" "prioritizes \"no-such-question\", which lens wellarchitected does not have" "naming it"
"$WAFR" profile "$W" --profile "$TMP/none.yaml" 2>/dev/null
is $? 1 "a missing file is refused"
done_testing
