#!/bin/sh
# The report a CTO forwards: the executive summary first (its numbers are
# those of wafr status), the properties in a sensible order, the time boxes
# apart, a milestone report that says so, the trend across milestones.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
ok $? "init"
"$WAFR" workload "$W" description "The web shop
and its back office"
"$WAFR" workload "$W" architecture "Three tiers on ECS"
"$WAFR" workload "$W" owner "Platform team"
"$WAFR" workload "$W" review-owner "Dana Lead"
"$WAFR" workload "$W" regions "eu-west-1"
"$WAFR" workload "$W" industry "Retail"
"$WAFR" workload "$W" zzz-custom "last"
"$WAFR" workload "$W" participants "Ana Lima (facilitator); Bo Chen (lead)"
"$WAFR" workload "$W" review-date "2026-11-30"
"$WAFR" agenda "$W" security 45 >/dev/null
"$WAFR" answer "$W" priorities --none >/dev/null
"$WAFR" answer "$W" securely-operate --none >/dev/null
"$WAFR" answer "$W" identities --none >/dev/null
"$WAFR" milestone "$W" "Day one" >/dev/null
ok $? "a first milestone"
"$WAFR" answer "$W" priorities --select ops_priorities_ext_cust_needs \
    --select ops_priorities_int_cust_needs \
    --select ops_priorities_governance_reqs \
    --select ops_priorities_compliance_reqs \
    --select ops_priorities_eval_threat_landscape \
    --select ops_priorities_eval_tradeoffs \
    >/dev/null
"$WAFR" answer "$W" sus_hardware --none >/dev/null
"$WAFR" answer "$W" org-culture --select ops_org_culture_executive_sponsor \
    --select ops_org_culture_team_enc_escalation \
    --select ops_org_culture_effective_comms >/dev/null
"$WAFR" answer "$W" planning-network-topology --none >/dev/null
"$WAFR" roadmap "$W" securely-operate --status done >/dev/null
"$WAFR" roadmap "$W" identities --status in-progress --target 2020-01-31 >/dev/null
"$WAFR" roadmap "$W" sus_hardware --status accepted --reason "vendor" >/dev/null
"$WAFR" roadmap "$W" org-culture --owner bo >/dev/null

md=$("$WAFR" report "$W")
ok $? "the report is written"
is "$(printf '%s\n' "$md" | grep '^## ' | tr '\n' '|')" \
    "## Summary|## Workload|## Risks by pillar|## Time spent per pillar|## Trend|## Improvement plan|## Remediation roadmap|## Questions|" \
    "md: the summary first, then the details, in order"
is "$(printf '%s\n' "$md" | head -1)" "# Architecture review: Shop" \
    "md: the live report's title"
summary=$(printf '%s\n' "$md" | sed -n '/^## Summary/,/^## Workload/p')
like "$summary" '^\*\*Shop\*\*: The web shop · production · eu-west-1 · Retail$' \
    "the workload in one line"
like "$summary" "Date of the review: 2026-11-30" "the date of the review"
like "$summary" "Participants: Ana Lima \(facilitator\); Bo Chen \(lead\)" \
    "who took part, with their roles"
# Every pillar's HRIs and MRIs are those of wafr status.
got=$(printf '%s\n' "$summary" | grep -E '^\| [A-Z].* \| [0-9]+ \| [0-9]+ \|$' |
    sed 's/^| \(.*\) | \([0-9]*\) | \([0-9]*\) |$/\1:\2:\3/')
want=$("$WAFR" status "$W" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
titles = {"operationalExcellence": "Operational excellence", "security": "Security",
          "reliability": "Reliability", "performance": "Performance efficiency",
          "costOptimization": "Cost optimization", "sustainability": "Sustainability"}
for p in d["pillars"]:
    print("%s:%d:%d" % (titles[p["id"]], p["high"], p["medium"]))')
is "$got" "$want" "HRIs and MRIs per pillar are those of status --json"
total=$(printf '%s\n' "$summary" | grep '^| \*\*Total\*\*')
is "$total" "| **Total** | $(status_field "$W" high) | $(status_field "$W" medium) |" \
    "the totals too"
like "$summary" "High-risk issues \(HRI\): $(status_field "$W" high) · medium-risk issues \(MRI\): $(status_field "$W" medium) · questions answered: $(status_field "$W" answered) of 57" \
    "the sentence too"
top=$(printf '%s\n' "$summary" | grep -E '^[0-9]\. ' | sed 's/ (.*)$//; s/^[0-9]\. //')
want=$("$WAFR" plan "$W" --brief | grep -E '^[0-9]+\. ' | head -5 |
    sed 's/^[0-9]*\. \([HM]RI\) [^ ]* \(.*\)$/\1 \2/')
is "$(printf '%s\n' "$top" | wc -l | tr -d ' ')" 5 "five findings that matter most"
is "$(printf '%s\n' "$top" | cut -d' ' -f1 | tr '\n' ' ')" "HRI HRI HRI HRI MRI " \
    "by severity"
like "$summary" "Roadmap: open 2, in progress 1, done 0, overdue 1, risk accepted 1\." \
    "the roadmap's state: done while still at risk is open, overdue counted"
like "$summary" "Marked done while the risk is still open \(counted as open\): 1\." \
    "... and said"
like "$summary" "Since milestone Day one: HRIs closed: 1, opened: 2\." \
    "HRIs closed and opened since the last milestone"
d=$("$WAFR" diff "$W" "Day one")
is "$(printf '%s\n' "$d" | grep -c '^  HRIs closed:')" 1 "... as wafr diff says: one closed"
like "$d" "HRI 3 -> 4" "... and 3 then, 4 now, so two opened"

props=$(printf '%s\n' "$md" | sed -n '/^## Workload/,/^## Risks/p' |
    grep -E '^\| [a-z]' | grep -v '^| Property' | cut -d' ' -f2 | tr '\n' ' ')
is "$props" "name description owner review-owner environment regions industry architecture lenses participants review-date zzz-custom " \
    "properties in a sensible order, the rest by name"
printf '%s\n' "$md" | grep -q '^| agenda/'
is $? 1 "the time boxes are not properties"
like "$(printf '%s\n' "$md" | sed -n '/^## Time spent/,/^## /p')" '\| Security \| 45:00 \|' \
    "the time boxes have their own section"

trend=$(printf '%s\n' "$md" | sed -n '/^## Trend/,/^## /p')
like "$trend" "\| Day one \| [0-9-]{10} \| 3 \| 0 \|" "the trend: the milestone"
like "$trend" "\| \*now\* \| \| $(status_field "$W" high) \| $(status_field "$W" medium) \|" \
    "... and now"

# A milestone's report says so, with its name and date.
"$WAFR" milestone "$W" "Day two" >/dev/null
today=$(date -u +%Y-%m-%d)
mmd=$("$WAFR" report "$W" --milestone "Day one")
ok $? "a milestone's report"
is "$(printf '%s\n' "$mmd" | head -1)" \
    "# Architecture review: Shop · milestone Day one ($today)" \
    "its title names the milestone and its date"
like "$mmd" "Milestone: Day one, saved on $today" "so does its summary"
printf '%s\n' "$mmd" | grep -q "Date of the review"
is $? 1 "... in place of the review's date"
printf '%s\n' "$mmd" | grep -q "Since milestone"
is $? 1 "the first milestone has nothing before it"
m2=$("$WAFR" report "$W" --milestone "Day two")
like "$m2" "Since milestone Day one: HRIs closed: 1, opened: 2\." \
    "the second compares with the first"
like "$(printf '%s\n' "$m2" | sed -n '/^## Trend/,/^## /p')" "Day two" \
    "its trend runs up to it"
printf '%s\n' "$m2" | grep -q '\*now\*'
is $? 1 "... without the live state"
like "$("$WAFR" report "$W" --milestone "Day one" --format html)" \
    "<title>Architecture review: Shop · milestone Day one \($today\)</title>" \
    "html: the milestone in the title"

html=$("$WAFR" report "$W" --format html)
is "$(printf '%s\n' "$html" | grep -o '<section id="[a-z]*"' | cut -d'"' -f2 | tr '\n' ' ')" \
    "summary workload risks time trend plan roadmap questions " \
    "html: the sections, in order"
like "$html" '<svg class="trend" role="img"' "html: the trend is an inline SVG chart"
like "$html" '<polyline class="high"' "... with a line of HRIs"
printf '%s\n' "$html" | grep -Eq '<script|src="http|href="http[^"]*\.css'
is $? 1 "html: no script, nothing fetched"
like "$html" '@media print\{[^}]*\}?section\{break-before:page\}' \
    "html: a print stylesheet breaks pages before sections"

# REPORT.md has the summary too (no history read on the keystroke path).
like "$(cat "$W/REPORT.md")" "## Summary" "REPORT.md opens with the summary"

done_testing
