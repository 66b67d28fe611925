#!/bin/bash
# Parity of the screen and the command line: one script of actions, replayed
# through the command line in workspace A and through the screen (keys in
# tmux) in workspace B, must leave the same files: workload.yaml, every
# answers/LENS/PILLAR/QUESTION.yaml and REPORT.md.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

A=$TMP/a
B=$TMP/b
"$WAFR" init "$A" --name "Parity shop" >/dev/null
ok $? "workspace A (command line)"
"$WAFR" init "$B" --name "Parity shop" >/dev/null
ok $? "workspace B (screen), made with the same arguments"

NOTE='Nobody owns the batch jobs; Grüße ✓'
EVIDENCE='https://wiki.example.org/ops-priorities'

# --- The script, on the command line, in A: one call per screen action ---
cli() { "$WAFR" "$@" >/dev/null; }
cli answer "$A" priorities --select ops_priorities_ext_cust_needs &&
cli answer "$A" priorities --select ops_priorities_int_cust_needs &&
cli answer "$A" priorities --evidence "$EVIDENCE" &&
cli answer "$A" priorities --self-reported &&
cli answer "$A" priorities --verified &&
cli answer "$A" priorities --note "$NOTE" &&
cli answer "$A" ops-model --none &&
cli answer "$A" org-culture --na BUSINESS_PRIORITIES &&
cli answer "$A" observability \
    --choice-na ops_observability_application_telemetry=OUT_OF_SCOPE &&
cli agenda "$A" OPS 45 &&
cli roadmap "$A" ops-model --owner Ana --effort small
ok $? "A: the script runs on the command line"

# --- The same script, on the screen, in B ---
shows() {
	screen_wait "$1"
	like "$(screen_text)" "$1" "B: $2"
}
screen_start 120x40 "$WAFR" "$B" "; echo EXITED \$?"
shows 'Pillars' "the review opens"
shows '>.{3} OPS 1 ' "on OPS 1"

# OPS 1: two choices, evidence, verification, a note.
screen_keys Tab Tab Space
shows '> \[x\] Anchor priorities on what external' "Space selects the first choice"
screen_keys j Space
shows '> \[x\] Take the needs of internal' "j Space selects the second"
like "$(screen_text)" ' \[x\] Anchor priorities' "B: the first stays selected"
screen_keys e
screen_wait 'Evidence \(link'
screen_keys -l "$EVIDENCE"
screen_keys Enter
shows 'evidence added' "e adds evidence"
screen_keys v
shows 'verification: Self-reported' "v: self-reported"
screen_keys v
shows 'verification: Verified in the workshop' "v again: verified"
screen_keys n
screen_wait 'Note, saved as you type'
screen_keys -l "$NOTE"
screen_wait 'Grüße ✓'
shows 'saved *$' "n: the note is typed and saved"
screen_keys Escape
shows 'Tab pane' "Esc leaves the note"

# OPS 2: None of these.
screen_keys BTab j
shows '>.{3} OPS 2 ' "to OPS 2"
screen_keys Tab End Space
shows '> \[x\] None of these' "OPS 2: None of these"

# OPS 3: the question does not apply (2: BUSINESS_PRIORITIES).
screen_keys BTab j
shows '>.{3} OPS 3 ' "to OPS 3"
screen_keys a
screen_wait 'Question not applicable, because'
screen_keys 2
shows 'Not applicable: BUSINESS_PRIORITIES' "OPS 3: not applicable, with a reason"

# OPS 4: its second choice does not apply (1: OUT_OF_SCOPE).
screen_keys j
shows '>.{3} OPS 4 ' "to OPS 4"
screen_keys Tab j x
screen_wait 'Choice not applicable, because'
screen_keys 1
shows '> \[-\] ' "OPS 4: a choice not applicable"

# The pillar's time box.
screen_keys T
screen_wait 'Time box for OPS'
screen_keys -l 45
screen_keys Enter
shows 'OPS .*/45:00|45 min|45:00' "T sets the pillar's time box"

# The roadmap, from the improvement plan: OPS 2 taken on, owner, effort.
screen_keys i
screen_wait 'Improvement plan'
i=0
while [ "$i" -lt 10 ] && ! screen_text | grep -Eq '^ ?> HRI OPS +OPS 2 '; do
	screen_keys j
	screen_wait '> HRI OPS +OPS 2 ' 1
	i=$((i + 1))
done
shows '> HRI OPS +OPS 2 ' "the plan's cursor on OPS 2"
screen_keys t
shows 'Roadmap: Open' "t takes it onto the roadmap"
screen_keys o
screen_wait 'Owner'
screen_keys -l 'Ana'
screen_keys Enter
shows 'owner: Ana' "o sets the owner"
screen_keys f
screen_wait 'Effort: \[1 Small\]'
screen_keys 1
shows 'effort: Small' "f 1 sets the effort"
screen_keys q
shows 'Pillars' "back to the review"
screen_keys q
shows 'EXITED 0' "q quits"

# --- The files must be the same ---
# The report's time spent per pillar is the workshop clock, counted while the
# review sits in a pillar: the one thing the screen does that the command
# line cannot, so the "Time spent" column is compared apart.
norm() {	# DIR OUT: the snapshot files, the clock column blanked
	cp -a "$1" "$2" && rm -rf "$2/.git" "$2/.wafr"
	python3 - "$2/REPORT.md" <<'EOF'
import re, sys
p = sys.argv[1]
out, in_time = [], False
for l in open(p, encoding="utf-8").read().split("\n"):
    if l.startswith("## "):
        in_time = l == "## Time spent per pillar"
    cells = l.split("|")
    if in_time and len(cells) > 3 and re.fullmatch(r" [0-9]+(:[0-9]{2})+ ", cells[-2]):
        cells[-2] = " (clock) "
    out.append("|".join(cells))
open(p, "w", encoding="utf-8").write("\n".join(out))
EOF
}
# A's REPORT.md follows its commands a pause later; the screen writes B's
# as it quits. A's is written now, so that a loaded machine cannot race it.
"$WAFR" report "$A" --update >/dev/null
rm -rf "$TMP/na" "$TMP/nb"
norm "$A" "$TMP/na"
norm "$B" "$TMP/nb"
d=$(diff -r "$TMP/na" "$TMP/nb")
is "$d" "" "A and B hold the same files: workload.yaml, answers/**.yaml, REPORT.md"
for f in workload.yaml REPORT.md \
    answers/wellarchitected/operationalExcellence/priorities.yaml \
    answers/wellarchitected/operationalExcellence/ops-model.yaml \
    answers/wellarchitected/operationalExcellence/org-culture.yaml \
    answers/wellarchitected/operationalExcellence/observability.yaml; do
	cmp -s "$TMP/na/$f" "$TMP/nb/$f"
	ok $? "same $f"
done
n=$(cd "$A" && find answers -name '*.yaml' | wc -l)
is "$(cd "$B" && find answers -name '*.yaml' | wc -l)" "$n" \
    "the same number of answer files ($n)"
is "$("$WAFR" status "$B" --json)" "$("$WAFR" status "$A" --json)" \
    "the same tallies (status --json)"
is "$("$WAFR" roadmap "$B")" "$("$WAFR" roadmap "$A")" "the same roadmap"
like "$(cat "$A/answers/wellarchitected/operationalExcellence/priorities.yaml")" \
    'verified' "the compared files hold the script's answers (verification)"
like "$(cat "$A/answers/wellarchitected/operationalExcellence/priorities.yaml")" \
    'Grüße' "and the note"

done_testing
