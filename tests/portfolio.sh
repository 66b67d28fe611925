#!/bin/sh
# wafr portfolio: three workloads side by side; the totals are the sum of
# their `wafr status --json`; every format; nothing in them changes.
. "$(dirname "$0")/lib.sh"

P=$TMP/reviews
mkdir -p "$P/notes"
echo "not a review" >"$P/notes/readme.txt"
"$WAFR" init "$P/shop" --name "Web shop" >/dev/null
"$WAFR" init "$P/billing" --name "Billing" --lens wellarchitected \
    --lens "$top_srcdir/tests/data/upgrade/shop-1.yaml" >/dev/null
"$WAFR" init "$P/intranet" --name "Intranet" --environment preproduction >/dev/null

# The shop: two HRIs at its milestone, one now; a roadmap item overdue.
"$WAFR" answer "$P/shop" priorities --none >/dev/null
"$WAFR" answer "$P/shop" ops-model --none >/dev/null
"$WAFR" answer "$P/shop" securely-operate --select sec_securely_operate_multi_accounts >/dev/null
"$WAFR" milestone "$P/shop" "Workshop day 1" >/dev/null
"$WAFR" answer "$P/shop" ops-model --clear >/dev/null
"$WAFR" roadmap "$P/shop" priorities --owner Ana --target 2020-01-31 >/dev/null
"$WAFR" roadmap "$P/shop" securely-operate --owner Ben --target 2999-12-31 >/dev/null
# Billing: the same HRI as the shop, and one of its own.
"$WAFR" answer "$P/billing" priorities --none >/dev/null
"$WAFR" answer "$P/billing" wellarchitected/identities --none >/dev/null
"$WAFR" answer "$P/billing" sus_region --na BUSINESS_PRIORITIES >/dev/null
"$WAFR" roadmap "$P/billing" priorities --owner Cy --target 2020-02-01 --status done >/dev/null
# The intranet: nothing answered, no milestone.

sums() {
	(cd "$P" && find . -path '*/.wafr/lock.mdb' -prune -o -type f -print |
	    sort | xargs md5sum)
	for w in shop billing intranet; do
		git --no-optional-locks -C "$P/$w" status --porcelain
	done
}
# REPORT.md follows the last change a moment later: bring it up to date
# now, so that only the portfolio could change a file below.
for w in shop billing intranet; do
	"$WAFR" report "$P/$w" --update
done
sums >"$TMP/before"

"$WAFR" portfolio "$P" --format json >"$TMP/p.json" 2>"$TMP/err"
ok $? "a folder of workspaces"
like "$(cat "$TMP/err")" "notes: skipped: not a wafr workspace" "a folder that is not a workspace is skipped, with a message"
for w in shop billing intranet; do
	"$WAFR" status "$P/$w" --json >"$TMP/$w.status"
done
is "$(python3 - "$TMP/p.json" "$TMP/shop.status" "$TMP/billing.status" "$TMP/intranet.status" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
st = [json.load(open(f)) for f in sys.argv[2:]]
keys = ["questions", "answered", "high", "medium", "none", "not_applicable", "unanswered"]
bad = [k for k in keys if p["totals"][k] != sum(s["totals"][k] for s in st)]
byname = {w["workload"]: w for w in p["workloads"]}
for s in st:
    w = byname[s["workload"]]
    bad += [s["workload"] + "." + k for k in keys if w["totals"][k] != s["totals"][k]]
    mine = {(x["lens"], x["id"]): x for x in w["pillars"]}
    for x in s["pillars"]:
        bad += [s["workload"] + "/" + x["id"] + "." + k for k in keys
                if mine[(x["lens"], x["id"])][k] != x[k]]
print(p["totals"]["workloads"], " ".join(bad) or "equal")
PY
)" "3 equal" "the totals, each workload's and each pillar's equal their status --json"

is "$(python3 - "$TMP/p.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
w = {x["workload"]: x for x in p["workloads"]}
s = w["Web shop"]
print(s["milestone"]["name"], s["milestone"]["high"], s["trend"], s["roadmap"],
      w["Billing"]["lenses"], w["Billing"]["roadmap"], w["Intranet"]["milestone"],
      w["Intranet"]["environment"], p["totals"]["roadmap_open"], p["totals"]["roadmap_overdue"],
      [(x["id"], x["workloads"], x["high"]) for x in p["high_risk_pillars"]][:2],
      [(x["id"], x["workloads"]) for x in p["high_risk_questions"]][:1],
      len(p["skipped"]), [x["dir"].rsplit("/", 1)[1] for x in p["workloads"]])
PY
)" "Workshop day 1 3 {'high': -1, 'medium': 0} {'open': 2, 'overdue': 1} ['wellarchitected', 'shop'] {'open': 0, 'overdue': 0} None preproduction 2 1 [('operationalExcellence', 2, 2), ('security', 2, 2)] [('priorities', 2)] 1 ['billing', 'intranet', 'shop']" \
    "milestones, trends, roadmaps and the risks most workloads share"
like "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["workloads"][2]["milestone"]["date"])' "$TMP/p.json")" \
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" "the milestone's date"

out=$("$WAFR" portfolio "$P/shop" "$P/billing" "$P/intranet" 2>/dev/null)
ok $? "workspaces named one by one"
like "$out" "^# Portfolio" "Markdown by default"
like "$out" "\| Web shop \| wellarchitected \| 2 \| 0 \| 4% \(2/57\) \| Workshop day 1 \| [0-9-]+ \| -1 HRI, \+0 MRI \| 2 \| 1 \|" \
    "a row per workload: risks, answered share, milestone, trend, roadmap"
like "$out" "\| \*\*Total\*\* \| \| 4 \| 0 \|" "the totals"
like "$out" "\| Operational excellence \(wellarchitected/operationalExcellence\) \| 2 \| 2 \|" \
    "the pillar high risk in the most workloads"
like "$out" "OPS 1 .*\(wellarchitected/priorities\) \| 2 \|" "and the question"
like "$out" "\| Billing \| Security \| 11 \| 1 \| 1 \|" "risks per pillar"

"$WAFR" portfolio "$P" --format html -o "$TMP/p.html" 2>/dev/null
ok $? "HTML to a file"
like "$(cat "$TMP/p.html")" "<td>Web shop</td>" "the page has the workloads"
like "$(cat "$TMP/p.html")" "Content-Security-Policy" "and fetches nothing"
"$WAFR" portfolio "$P" --format csv -o "$TMP/p.csv" 2>/dev/null
ok $? "CSV to a file"
is "$(python3 - "$TMP/p.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
w = [r for r in rows if r["scope"] == "workload"]
t = [r for r in rows if r["scope"] == "portfolio"][0]
print(len(w), sum(int(r["high"]) for r in w) == int(t["high"]),
      sum(int(r["answered"]) for r in w) == int(t["answered"]),
      len([r for r in rows if r["scope"] == "pillar"]), t["roadmap_overdue"])
PY
)" "3 True True 20 1" "a row per workload and pillar, and the portfolio's"

sums >"$TMP/after"
diff "$TMP/before" "$TMP/after" | sed "s/^/# /"
cmp -s "$TMP/before" "$TMP/after"
ok $? "no file of any workspace changed"

# A fresh clone (no live state) is read from its files, and stays as it is.
git clone -q "$P/shop" "$TMP/clone"
out=$("$WAFR" portfolio "$TMP/clone" --format json 2>&1)
ok $? "a clone"
like "$out" '"workload": "Web shop"' "is read from its files"
ok "$(test ! -e "$TMP/clone/.wafr"; echo $?)" "and gets no live state"

"$WAFR" portfolio "$P/notes" 2>"$TMP/err"
is $? 1 "nothing to report on is a data error"
like "$(cat "$TMP/err")" "skipped" "with the reason"
"$WAFR" portfolio "$P" --format pdf 2>/dev/null
is $? 2 "an unknown format is a usage error"

done_testing
