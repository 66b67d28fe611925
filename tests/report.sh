#!/bin/sh
# Reports in every format, the improvement plan, the roadmap, the workload
# properties, and text from notes that must stay text.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
ok $? "init"
NOTE='<script>alert(1)</script>
=cmd|"/c calc"!A1'
"$WAFR" answer "$W" priorities --none --note "$NOTE" \
    --evidence "https://example.org/runbook" --evidence "docs/ops.md" \
    --verified >/dev/null
"$WAFR" answer "$W" identities --select sec_identities_enforce_mechanisms \
    --self-reported >/dev/null
"$WAFR" answer "$W" securely-operate --none >/dev/null
# Every high practice in place: a medium risk is left.
"$WAFR" answer "$W" org-culture --select ops_org_culture_executive_sponsor \
    --select ops_org_culture_team_enc_escalation \
    --select ops_org_culture_effective_comms >/dev/null
is "$(status_field "$W" medium)" 1 "a medium-risk finding"

# --- the improvement plan ---
out=$("$WAFR" plan "$W" --brief)
like "$out" "3 high risk, 1 medium risk" "plan: the findings are counted"
first=$(printf '%s\n' "$out" | grep -E '^[0-9]+\. ' | head -1)
like "$first" "HRI wellarchitected/priorities" \
    "plan: without priorities, the lens order"
last=$(printf '%s\n' "$out" | grep -E '^[0-9]+\. ' | tail -1)
like "$last" "MRI wellarchitected/org-culture" "plan: medium risks come last"
"$WAFR" workload "$W" pillar-priorities "security, operationalExcellence"
ok $? "workload: pillar-priorities is set"
is "$("$WAFR" workload "$W" pillar-priorities)" \
    "security,operationalExcellence" "workload: the list is normalized"
first=$("$WAFR" plan "$W" --brief | grep -E '^[0-9]+\. ' | head -1)
like "$first" "HRI wellarchitected/securely-operate" \
    "plan: a prioritized pillar's HRIs come first"
"$WAFR" plan "$W" | grep -q "OPS01-BP01 Anchor priorities"
ok $? "plan: the missing practices are listed"
"$WAFR" plan "$W" | grep -q "https://docs.aws.amazon.com/wellarchitected/"
ok $? "plan: with their links"
"$WAFR" workload "$W" pillar-priorities "security,nope" 2>/dev/null
is $? 1 "workload: an unknown pillar is refused"
"$WAFR" workload "$W" lenses other 2>/dev/null
is $? 1 "workload: the lenses cannot be changed"
"$WAFR" workload "$W" environment staging 2>/dev/null
is $? 1 "workload: environment is checked"
"$WAFR" workload "$W" owner "Platform team"
like "$("$WAFR" workload "$W")" "owner: Platform team" \
    "workload: any property is listed"

# --- the roadmap ---
"$WAFR" roadmap "$W" priorities --owner '=cmd|"/c calc"!A1' \
    --ticket OPS-12 --effort large --target 2026-12-01 >/dev/null
ok $? "roadmap: a finding is taken on"
"$WAFR" roadmap "$W" securely-operate --owner bob --effort small >/dev/null
"$WAFR" roadmap "$W" identities --status accepted 2>/dev/null
is $? 1 "roadmap: an accepted risk needs a reason"
"$WAFR" roadmap "$W" identities --status accepted \
    --reason 'legacy system, retired in Q3' >/dev/null
ok $? "roadmap: an accepted risk with its reason"
"$WAFR" roadmap "$W" priorities --target 2026-02-30 2>/dev/null
is $? 1 "roadmap: a bad date is refused"
"$WAFR" roadmap "$W" priorities --effort huge 2>/dev/null
is $? 1 "roadmap: a bad effort is refused"
"$WAFR" roadmap "$W" reliability-nope 2>/dev/null
is $? 1 "roadmap: an unknown question is refused"
"$WAFR" roadmap "$W" planning-network-topology 2>/dev/null
is $? 1 "roadmap: a question without risk is not a finding"
"$WAFR" roadmap "$W" org-culture --effort medium >/dev/null
"$WAFR" roadmap "$W" org-culture --remove >/dev/null
ok $? "roadmap: an item is removed"
list=$("$WAFR" roadmap "$W")
like "$list" "3 now, 2 still open, 0 not on the roadmap" \
    "roadmap: the HRI count"
order=$(printf '%s\n' "$list" | grep -Eo 'wellarchitected/[a-z-]+' | tr '\n' ' ')
is "$order" "wellarchitected/securely-operate wellarchitected/priorities wellarchitected/identities " \
    "roadmap: quick wins first, accepted risks apart"
printf '%s\n' "$list" | grep -q "org-culture"
is $? 1 "roadmap: the removed item is gone"

# --- status and risk agree ---
"$WAFR" roadmap "$W" securely-operate --status done >/dev/null
list=$("$WAFR" roadmap "$W")
like "$list" "3 now, 2 still open" \
    "roadmap: done while still high risk counts as open"
like "$list" "Done, but the question is still at risk: counted as open" \
    "roadmap: ... and says so"
printf '%s\n' "$list" | grep -q '^Done ('
is $? 1 "roadmap: ... listed with the open ones, not as done"
like "$("$WAFR" roadmap "$W" securely-operate)" "^Done, risk still open" \
    "roadmap: the item shows done, risk still open"
like "$("$WAFR" report "$W")" "\(Done, risk still open\)" \
    "md: the report shows it too"
is "$("$WAFR" report "$W" --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
print([e["item"]["risk_still_open"] for e in r["roadmap"]["items"]
       if e["question"] == "securely-operate"][0])')" True \
    "json: risk_still_open"
"$WAFR" roadmap "$W" securely-operate --status open >/dev/null
"$WAFR" roadmap "$W" org-culture --effort small >/dev/null
"$WAFR" answer "$W" org-culture --select ops_org_culture_team_emp_take_action \
    --select ops_org_culture_team_enc_experiment \
    --select ops_org_culture_team_enc_learn \
    --select ops_org_culture_team_res_appro >/dev/null
like "$("$WAFR" roadmap "$W")" "No longer a finding: close it with --status done" \
    "roadmap: an item whose question is fixed offers to close"
"$WAFR" roadmap "$W" org-culture --remove >/dev/null
"$WAFR" answer "$W" org-culture --unselect ops_org_culture_team_emp_take_action \
    --unselect ops_org_culture_team_enc_experiment \
    --unselect ops_org_culture_team_enc_learn \
    --unselect ops_org_culture_team_res_appro >/dev/null
is "$(status_field "$W" medium)" 1 "the medium-risk finding is back"

# --- Markdown ---
md=$("$WAFR" report "$W")
ok $? "md: the report is written"
sections=$(printf '%s\n' "$md" | grep '^## ' | tr '\n' '|')
is "$sections" "## Summary|## Workload|## Risks by pillar|## Improvement plan|## Remediation roadmap|## Questions|" \
    "md: the sections, in order"
like "$md" "\| Security \| 11 \| 2 \| 2 \|" "md: tallies per pillar"
like "$md" "Verified in the workshop" "md: the verification mark"
like "$md" "<https://example.org/runbook>" "md: evidence links"
like "$md" "docs/ops.md" "md: evidence paths"
printf '%s\n' "$md" | grep -q '<script>'
is $? 1 "md: a note's <script> is not markup"
like "$md" 'legacy system, retired in Q3' "md: the accepted risk's reason"
"$WAFR" report "$W" --format md -o "$TMP/r.md"
is "$(cat "$TMP/r.md")" "$md" "md: -o writes the same report"

# --- HTML ---
"$WAFR" report "$W" --format html -o "$TMP/r.html"
ok $? "html: the report is written"
html=$(cat "$TMP/r.html")
grep -q '<script' "$TMP/r.html"
is $? 1 "html: no script element, not even the note's"
like "$html" '&lt;script&gt;alert\(1\)&lt;/script&gt;' "html: the note is escaped"
is "$(grep -o '<svg class="chart"' "$TMP/r.html" | wc -l)" 7 \
    "html: a chart per pillar and one for all"
grep -Eq '<(link|img|iframe|object|embed)|src=|url\(|@import' "$TMP/r.html"
is $? 1 "html: no external asset"
like "$html" "@media print" "html: a print stylesheet"
like "$html" 'name="viewport"' "html: a viewport for phones"

# --- JSON ---
"$WAFR" answer "$W" securely-operate --evidence "$(printf 'scan\377.txt')" \
    >/dev/null

"$WAFR" report "$W" --format json >"$TMP/r.json"
ok $? "json: the report is written"
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
q = [q for q in d["questions"] if q["question"] == "priorities"][0]
assert "scan\ufffd.txt" in [
    q for q in d["questions"] if q["question"] == "securely-operate"
][0]["evidence"]
print(d["workload"]["name"], d["totals"]["high"], len(d["pillars"]),
      d["plan"][0]["question"], len(d["plan"][0]["missing"]) > 0,
      d["roadmap"]["items"][0]["question"],
      d["roadmap"]["items"][0]["item"]["effort"],
      q["note"] == sys.argv[2], q["evidence"], q["verification"])' \
    "$TMP/r.json" "$NOTE")
is "$got" "Shop 3 6 securely-operate True securely-operate small True ['https://example.org/runbook', 'docs/ops.md'] verified" \
    "json: parses, and holds workload, tallies, plan, roadmap and answers"

# --- CSV ---
"$WAFR" report "$W" --format csv -o "$TMP/r.csv"
ok $? "csv: the report is written"
got=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(len(rows))
print(",".join(csv.DictReader(open(sys.argv[1], newline="")).fieldnames))
for r in rows:
    print(r["Priority"], r["Assignee"], r["Due date"], r["Labels"])
print(rows[1]["Summary"])
print(any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r.values()))
print("<script>alert(1)</script>" in rows[1]["Description"])' "$TMP/r.csv")
is "$(printf '%s\n' "$got" | sed -n 1p)" 3 "csv: one row per roadmap item"
is "$(printf '%s\n' "$got" | sed -n 2p)" \
    "Summary,Description,Priority,Labels,Assignee,Due date" \
    "csv: the columns an issue import maps"
is "$(printf '%s\n' "$got" | sed -n 3p)" \
    "High bob  wafr pillar-security status-open effort-small" \
    "csv: priority, assignee and labels"
is "$(printf '%s\n' "$got" | sed -n 4p)" \
    "High '=cmd|\"/c calc\"!A1 2026-12-01 wafr pillar-operationalExcellence status-open effort-large" \
    "csv: a formula in a cell stays text; the due date"
is "$(printf '%s\n' "$got" | sed -n 6p)" \
    "HRI OPS 1: How do you decide what your operations work should focus on?" \
    "csv: the summary names the finding"
is "$(printf '%s\n' "$got" | sed -n 7p)" False "csv: no cell starts a formula"
is "$(printf '%s\n' "$got" | sed -n 8p)" True \
    "csv: the note is in the description, as text"

# --- errors ---
"$WAFR" report "$W" --format pdf >/dev/null 2>&1
is $? 2 "an unknown format is a usage error"
# --- the format from the extension of -o FILE ---
for ext in md html json csv; do
	"$WAFR" report "$W" -o "$TMP/x.$ext"
	ok $? "-o x.$ext without --format is written"
	"$WAFR" report "$W" --format "$ext" >"$TMP/want.$ext"
	cmp -s "$TMP/x.$ext" "$TMP/want.$ext"
	ok $? "-o x.$ext is the $ext report"
done
"$WAFR" report "$W" -o "$TMP/X.HTML" && cmp -s "$TMP/X.HTML" "$TMP/want.html"
ok $? "the extension's case does not matter"
"$WAFR" report "$W" -o "$TMP/x.pdf" 2>"$TMP/err"
is $? 2 "an unknown extension without --format is a usage error"
like "$(cat "$TMP/err")" "cannot tell the format from the name" "... saying so"
test ! -e "$TMP/x.pdf"
ok $? "... and writes nothing"
"$WAFR" report "$W" --format md -o "$TMP/x.pdf" && cmp -s "$TMP/x.pdf" "$TMP/want.md"
ok $? "--format wins over the extension"
"$WAFR" report "$W" --milestone first >/dev/null 2>"$TMP/err"
is $? 1 "a report of an unknown milestone is a data error"
like "$(cat "$TMP/err")" 'no milestone, tag or commit "first"' "... saying so"

# --- a milestone's report reads that commit, not the live state ---
"$WAFR" milestone "$W" "Before" >/dev/null
live_before=$("$WAFR" report "$W" --format json | python3 -c '
import json, sys; print(json.load(sys.stdin)["totals"]["high"])')
"$WAFR" answer "$W" sus_hardware --none >/dev/null
ms=$("$WAFR" report "$W" --milestone Before --format json | python3 -c '
import json, sys; print(json.load(sys.stdin)["totals"]["high"])')
live=$("$WAFR" report "$W" --format json | python3 -c '
import json, sys; print(json.load(sys.stdin)["totals"]["high"])')
is "$ms" "$live_before" "the milestone report counts the HRIs saved then"
is "$live" $((live_before + 1)) "the live report counts the new one"
like "$("$WAFR" roadmap "$W")" "Since the last milestone: [0-9]+ of its $live_before high-risk issues (is|are) still open" \
    "the roadmap compares with the last milestone"
"$WAFR" report "$TMP/nowhere" >/dev/null 2>&1
is $? 1 "a missing workspace is a data error"

done_testing
