#!/bin/sh
# The roadmap in the team's tracker, both ways: what Jira, GitHub and Azure
# DevOps import, with a stable id per item; their exports read back,
# matched by that id, journaled and undone as one change.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
ok $? "init"
"$WAFR" answer "$W" priorities --none >/dev/null
"$WAFR" answer "$W" securely-operate --none >/dev/null
"$WAFR" answer "$W" identities --none >/dev/null
"$WAFR" roadmap "$W" priorities --owner '=HYPERLINK("http://x")' \
    --effort small --target 2026-12-01 >/dev/null
"$WAFR" roadmap "$W" securely-operate --owner bob >/dev/null
"$WAFR" roadmap "$W" identities >/dev/null

# --- Jira ---
"$WAFR" roadmap "$W" --export jira -o "$TMP/jira.csv"
ok $? "jira: exported"
cols=$(python3 -c '
import csv, sys
r = list(csv.reader(open(sys.argv[1], newline="")))
print("|".join(r[0]))
print(len(r) - 1)
row = dict(zip(r[0], r[1]))
labels = [v for k, v in zip(r[0], r[1]) if k == "Labels"]
print(" ".join(labels))
print(row["Assignee"])
print(row["Due Date"])
print(row["Description"].splitlines()[0])
print("AWS" in row["Description"], "Effort: Small" in row["Description"])' "$TMP/jira.csv")
is "$(printf '%s\n' "$cols" | sed -n 1p)" \
    "Summary|Issue Type|Priority|Labels|Labels|Labels|Assignee|Due Date|Description" \
    "jira: the columns of Jira's CSV import"
is "$(printf '%s\n' "$cols" | sed -n 2p)" 3 "jira: one row per item"
is "$(printf '%s\n' "$cols" | sed -n 3p)" \
    "wafr wafr:wellarchitected/priorities pillar-operationalExcellence" \
    "jira: the stable id in the labels"
is "$(printf '%s\n' "$cols" | sed -n 4p)" "'=HYPERLINK(\"http://x\")" \
    "jira: a formula in a cell is made text"
is "$(printf '%s\n' "$cols" | sed -n 5p)" "2026-12-01" "jira: the due date"
is "$(printf '%s\n' "$cols" | sed -n 6p)" "wafr:wellarchitected/priorities" \
    "jira: the id opens the description"
is "$(printf '%s\n' "$cols" | sed -n 7p)" "True True" \
    "jira: the description holds what to do with AWS and the effort"

# Jira's own export of those issues, as a team would have moved them.
python3 - "$TMP/jira.csv" "$TMP/jira-export.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head = rows[0]
out = csv.writer(open(sys.argv[2], "w", newline=""))
out.writerow(["Summary", "Issue key", "Issue id", "Issue Type", "Status",
              "Assignee", "Labels", "Labels", "Labels", "Description"])
states = ["Done", "In Progress", "To Do"]
owners = ["carol", "", "dave"]
for i, r in enumerate(rows[1:]):
    d = dict(zip(head, r))
    labels = [v for k, v in zip(head, r) if k == "Labels"]
    out.writerow([d["Summary"], "OPS-%d" % (10 + i), str(1000 + i), "Task",
                  states[i], owners[i]] + labels + [d["Description"]])
out.writerow(["Unrelated", "OPS-99", "1099", "Task", "Done", "", "", "", "",
              "no id here"])
PY
out=$("$WAFR" roadmap "$W" --import "$TMP/jira-export.csv")
ok $? "jira: the export is read back"
like "$out" "From jira: 3 changed, 0 unchanged, 1 not matched" \
    "jira: what changed and what did not match"
like "$out" "wellarchitected/securely-operate: status open -> in-progress ticket OPS-11" \
    "jira: status and ticket"
like "$out" "OPS-99 Unrelated \(no wafr id\)" "jira: the unmatched ticket is named"
list=$("$WAFR" roadmap "$W" securely-operate)
like "$list" "^In progress" "jira: the status is set"
like "$list" "ticket: OPS-11" "jira: the ticket is set"
like "$("$WAFR" roadmap "$W" identities)" "owner: dave" "jira: the owner is set"
like "$("$WAFR" roadmap "$W" priorities)" "^Done, risk still open" \
    "jira: done while still at risk shows as such"
like "$("$WAFR" log "$W" | head -1)" "roadmap-import" "the import is one journal entry"
"$WAFR" undo "$W" >/dev/null
ok $? "undo"
like "$("$WAFR" roadmap "$W" securely-operate)" "^Open" "undo reverts the import"
"$WAFR" roadmap "$W" securely-operate | grep -q "OPS-11"
is $? 1 "... the ticket too"
"$WAFR" redo "$W" >/dev/null
out=$("$WAFR" roadmap "$W" --import "$TMP/jira-export.csv")
like "$out" "0 changed, 3 unchanged, 1 not matched" "read again: nothing changes"

# --- GitHub ---
"$WAFR" roadmap "$W" --export github -o "$TMP/issues.sh"
ok $? "github: exported"
test -s "$TMP/issues.json"
ok $? "github: the issues file beside the script"
sh -n "$TMP/issues.sh"
ok $? "github: the script is valid shell"
# A stand-in gh records what the script asks of it.
mkdir -p "$TMP/bin"
cat >"$TMP/bin/gh" <<'SH'
#!/bin/sh
printf '%s\n' "$*" >>"$GH_LOG"
if [ "$1 $2" = "issue create" ]; then cat >>"$GH_LOG"; fi
exit 0
SH
chmod +x "$TMP/bin/gh"
GH_LOG=$TMP/gh.log PATH=$TMP/bin:$PATH sh "$TMP/issues.sh"
ok $? "github: the script runs"
is "$(grep -c '^issue create' "$TMP/gh.log")" 3 "github: one gh issue create per item"
like "$(cat "$TMP/gh.log")" "issue create --title HRI SEC 1: .* --label wafr --label wafr:wellarchitected/securely-operate --label risk-high --assignee [a-z]+ --body-file -" \
    "github: title, the id as a label, assignee"
like "$(cat "$TMP/gh.log")" "label create wafr:wellarchitected/identities" \
    "github: the id labels are made first"
is "$(python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
print(len(v), sorted(v[0]), v[0]["body"].splitlines()[0] == v[0]["labels"][1])' "$TMP/issues.json")" \
    "3 ['assignees', 'body', 'labels', 'title'] True" \
    "github: the issues file"
# What gh issue list --json number,title,state,assignees,labels,url gives.
python3 - "$TMP/issues.json" "$TMP/gh-list.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
out = []
for i, it in enumerate(v):
    q = it["labels"][1].split("/")[1]
    out.append({"number": 7 + i, "title": it["title"],
                "state": "CLOSED" if q == "securely-operate" else "OPEN",
                "assignees": [{"id": "x", "login": {"securely-operate": "erin",
                    "identities": "dave", "priorities": "frank"}[q], "name": ""}],
                "labels": [{"id": "L", "name": n, "description": "", "color": "ededed"}
                           for n in it["labels"]],
                "url": "https://github.com/acme/shop/issues/%d" % (7 + i)})
out.append({"number": 50, "title": "Other", "state": "OPEN", "assignees": [],
            "labels": [{"name": "wafr:wellarchitected/nope"}], "url": "https://github.com/acme/shop/issues/50"})
json.dump(out, open(sys.argv[2], "w"))
PY
out=$("$WAFR" roadmap "$W" --import "$TMP/gh-list.json")
ok $? "github: gh issue list is read back"
like "$out" "From github: 3 changed, 0 unchanged, 1 not matched" "github: the counts"
like "$out" "wellarchitected/securely-operate: status in-progress -> done owner bob -> erin ticket https://github.com/acme/shop/issues/[0-9]+" \
    "github: a closed issue is done, with its link"
like "$("$WAFR" roadmap "$W" identities)" "ticket: https://github.com/acme/shop/issues/[0-9]+" \
    "github: the issue's link is the ticket"
like "$("$WAFR" roadmap "$W" identities)" "^Open" "github: an open issue stays open"
like "$out" "#50|issues/50 Other \(no such item on the roadmap\)" "github: the unknown id is named"

# --- Azure DevOps ---
"$WAFR" roadmap "$W" --export azure -o "$TMP/azure.csv"
ok $? "azure: exported"
got=$(python3 -c '
import csv, sys
r = list(csv.reader(open(sys.argv[1], newline="")))
print("|".join(r[0]))
d = dict(zip(r[0], r[1]))
print(d["Work Item Type"], d["Tags"], d["Priority"])' "$TMP/azure.csv")
is "$(printf '%s\n' "$got" | sed -n 1p)" \
    "Work Item Type|Title|Description|Assigned To|Tags|Priority|Due Date" \
    "azure: the columns of a work-item CSV import"
like "$(printf '%s\n' "$got" | sed -n 2p)" "^Task wafr; wafr:wellarchitected/[a-z-]+; pillar-[a-zA-Z]+ 1$" \
    "azure: the id in the tags"
python3 - "$TMP/azure.csv" "$TMP/azure-export.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head = rows[0]
out = csv.writer(open(sys.argv[2], "w", newline=""))
out.writerow(["ID", "Work Item Type", "Title", "Assigned To", "State", "Tags"])
for i, r in enumerate(rows[1:]):
    d = dict(zip(head, r))
    out.writerow([str(301 + i), "Task", d["Title"],
                  ["Gail <gail@example.org>", "", ""][i],
                  ["Active", "Closed", "New"][i], d["Tags"]])
PY
out=$("$WAFR" roadmap "$W" --import "$TMP/azure-export.csv")
ok $? "azure: the export is read back"
like "$out" "From azure: 3 changed, 0 unchanged, 0 not matched" "azure: the counts"
like "$out" "ticket AB#30[123]" "azure: the work item's id is the ticket"

# --- errors ---
printf 'a,b\n1,2\n' >"$TMP/bad.csv"
"$WAFR" roadmap "$W" --import "$TMP/bad.csv" 2>"$TMP/err"
is $? 1 "an unknown CSV is a data error"
like "$(cat "$TMP/err")" "neither a Jira CSV export" "... saying so"
"$WAFR" roadmap "$W" --export trello 2>/dev/null
is $? 2 "an unknown tracker is a usage error"
"$WAFR" roadmap "$W" priorities --export jira 2>/dev/null
is $? 2 "--export with a question is a usage error"

done_testing
