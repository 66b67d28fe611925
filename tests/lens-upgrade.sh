#!/bin/sh
# wafr lens diff and wafr lens upgrade: a lens upgraded across a real change
# (a question added, a selected choice deleted, a rule changed, a question
# deleted) loses nothing and lists the right questions to re-confirm.
. "$(dirname "$0")/lib.sh"

D=$top_srcdir/tests/data/upgrade
W=$TMP/shop
M="Before lens upgrade: shop 1 to shop 2"

# --- lens diff ---
out=$("$WAFR" lens diff "$D/shop-1.yaml" "$D/shop-2.yaml")
ok $? "lens diff of two files"
like "$out" "^Lens shop 1 -> shop 2" "it names both versions"
like "$out" "~ question alarms .*\(rules, choices\)" "an updated question says what changed"
like "$out" "    - choice alarms_mail  Alarms by mail" "a deleted choice"
like "$out" "    ~ choice alarms_pager  An on-call rota with a pager  \(title\)" "a retitled choice"
like "$out" 'was "A pager rota"' "with its old title"
like "$out" "    - rule: deploys_pipeline -> medium" "a rule taken out"
like "$out" "  \+ question backups" "a new question"
like "$out" "  - question runbooks" "a deleted question"
like "$out" "Questions: 1 new, 2 updated, 1 deleted; choices: 0 new, 1 updated, 1 deleted." "the totals"
is "$("$WAFR" lens diff "$D/shop-1.yaml" "$D/shop-1.yaml")" "No change." "a lens against itself"

"$WAFR" lens diff --json "$D/shop-1.yaml" "$D/shop-2.yaml" >"$TMP/diff.json"
ok $? "lens diff --json"
is "$(python3 - "$TMP/diff.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ops = [p for p in d["pillars"] if p["id"] == "ops"][0]
q = {x["id"]: x for x in ops["questions"]}
print(d["old"]["version"], d["new"]["version"], d["changes"],
      q["backups"]["status"], q["runbooks"]["status"],
      [(c["id"], c["status"]) for c in q["alarms"]["choices"]],
      q["alarms"]["choices"][0]["old_title"],
      [r["if"] for r in q["deploys"]["old_rules"]],
      [r["if"] for r in q["deploys"]["rules"]],
      d["totals"]["questions"])
PY
)" "1 2 ['version'] new deleted [('alarms_pager', 'updated'), ('alarms_mail', 'deleted')] A pager rota ['deploys_pipeline && deploys_rollback', 'deploys_pipeline', 'default'] ['deploys_pipeline && deploys_rollback', 'default'] {'new': 1, 'updated': 2, 'deleted': 1}" \
    "the JSON form has every change, old titles and both rule lists"
"$WAFR" lens diff "$D/shop-1.yaml" "$TMP/none.yaml" 2>"$TMP/err"
is $? 1 "a missing lens is a data error"
"$WAFR" lens diff "$D/shop-1.yaml" 2>/dev/null
is $? 2 "one lens alone is a usage error"

# --- lens upgrade ---
"$WAFR" init "$W" --name Shop --lens "$D/shop-1.yaml" >/dev/null
"$WAFR" answer "$W" alarms --select alarms_symptoms --select alarms_mail \
    --note "Mail goes to Ana." --evidence "dashboard.png" >/dev/null
"$WAFR" answer "$W" deploys --select deploys_pipeline >/dev/null
"$WAFR" answer "$W" runbooks --select runbooks_yes --note "In the wiki." >/dev/null
"$WAFR" answer "$W" keys --select keys_kms --select keys_rotate >/dev/null
"$WAFR" roadmap "$W" deploys --owner Ana >/dev/null
cp "$W/workload.yaml" "$TMP/workload.before"
(cd "$W" && find answers lenses -type f | sort | xargs md5sum) >"$TMP/files.before"

"$WAFR" lens upgrade "$W" "$D/shop-1.yaml" 2>"$TMP/err"
is $? 1 "the version pinned already is refused"
like "$(cat "$TMP/err")" "pinned at this version already" "and says so"

out=$("$WAFR" lens upgrade "$W" "$D/shop-2.yaml")
ok $? "lens upgrade"
like "$out" "Milestone \"$M\" saved before the upgrade" "a milestone is saved first"
is "$(printf '%s\n' "$out" | sed -n '/to re-confirm:/,/dropped/p' | awk '/^  /{print $1}' | tr '\n' ' ')" \
    "shop/alarms shop/deploys shop/backups " \
    "re-confirm: the question whose selected choice went, the changed rule, the new question"
like "$out" "shop/alarms .*a choice given was deleted" "with the reason"
like "$out" "shop/deploys .*the risk rule changed" "the rule"
like "$out" "shop/backups .*new question" "the new question"
like "$out" "2 answers dropped, kept in milestone \"$M\"" "what the new version has no place for is counted"
like "$out" "shop/alarms  choice alarms_mail \"Alarms by mail\" was deleted" "the choice is named"
like "$out" "shop/runbooks  Do you keep runbooks\?: the question was deleted" "the question is named"
is "$(printf '%s\n' "$out" | grep -c 'shop/keys')" 0 "the unchanged question is not listed"

a=$(cat "$W/answers/shop/ops/alarms.yaml")
like "$a" "- alarms_symptoms" "the choice still there is carried"
like "$a" "Mail goes to Ana." "the note is carried"
like "$a" "dashboard.png" "the evidence is carried"
is "$(grep -c alarms_mail "$W/answers/shop/ops/alarms.yaml")" 0 "the deleted choice is not"
like "$(cat "$W/answers/shop/ops/deploys.yaml")" "owner: Ana" "the roadmap item is carried"
like "$(cat "$W/answers/shop/sec/keys.yaml")" "keys_rotate" "the unchanged question keeps its answer"
ok "$(test ! -e "$W/answers/shop/ops/runbooks.yaml"; echo $?)" "the deleted question's file is gone"
like "$(cat "$W/lenses/shop.yaml")" 'version: "2"' "the new version is pinned"
is "$(git -C "$W" show "milestone/before-lens-upgrade-shop-1-to-shop-2:answers/shop/ops/runbooks.yaml" | grep -c 'In the wiki.')" 1 \
    "the milestone keeps the deleted question's answer"
like "$(git -C "$W" show "milestone/before-lens-upgrade-shop-1-to-shop-2:answers/shop/ops/alarms.yaml")" "alarms_mail" \
    "and the deleted choice"
is "$(grep '^reconfirm/' "$W/workload.yaml" | tr '\n' ' ')" \
    "reconfirm/shop/alarms: choice-deleted,rules reconfirm/shop/backups: new-question reconfirm/shop/deploys: rules " \
    "the marks to re-confirm are kept with the workload"
is "$("$WAFR" log "$W" --json | python3 -c 'import json, sys; print(" ".join(e["op"] for e in json.load(sys.stdin)[:2]))')" "lens-upgrade milestone" \
    "one journal entry for the upgrade, after the milestone's"
git -C "$W" status --porcelain answers lenses >/dev/null
"$WAFR" sync "$W" >/dev/null
ok $? "the files read back after the upgrade"

# Undo and redo.
"$WAFR" undo "$W" >/dev/null
ok $? "the upgrade is undone"
(cd "$W" && find answers lenses -type f | sort | xargs md5sum) >"$TMP/files.undone"
cmp -s "$TMP/files.before" "$TMP/files.undone"
ok $? "every answer and the old lens come back byte for byte"
cmp -s "$TMP/workload.before" "$W/workload.yaml"
ok $? "and the marks go"
"$WAFR" redo "$W" >/dev/null
ok $? "and redone"
ok "$(test ! -e "$W/answers/shop/ops/runbooks.yaml"; echo $?)" "the deleted question's file is gone again"
is "$(grep -c '^reconfirm/' "$W/workload.yaml")" 3 "the marks are back"

# Any change of a question re-confirms it.
"$WAFR" answer "$W" deploys --select deploys_rollback >/dev/null
is "$(grep -c '^reconfirm/shop/deploys' "$W/workload.yaml")" 0 "an answer clears the mark"
"$WAFR" undo "$W" >/dev/null
is "$(grep -c '^reconfirm/shop/deploys' "$W/workload.yaml")" 1 "its undo puts it back"

# The screen opens on the first question to re-confirm.
screen_start 100x30 "$WAFR" "$W"
shows "2 questions|3 questions to re-confirm" "the screen says how many to re-confirm"
shows "^ OPS 1  How do you know the shop is down" "and opens on the first"
like "$(screen_text)" "!MRI OPS 1|! *[A-Z-]+ +OPS 1" "a mark shows on the question"
screen_stop

# A lens whose id changed is upgraded when named with --from.
W2=$TMP/renamed
"$WAFR" init "$W2" --name Renamed --lens "$D/shop-1.yaml" >/dev/null
"$WAFR" answer "$W2" keys --select keys_kms >/dev/null
"$WAFR" agenda "$W2" SEC 30 >/dev/null
sed 's/^lens: shop$/lens: shopping/' "$D/shop-2.yaml" >"$TMP/shopping.yaml"
"$WAFR" lens upgrade "$W2" "$TMP/shopping.yaml" 2>"$TMP/err"
is $? 1 "a lens of another id is not taken for an upgrade by itself"
like "$(cat "$TMP/err")" "--from ID" "the message says how"
out=$("$WAFR" lens upgrade "$W2" "$TMP/shopping.yaml" --from shop)
ok $? "--from names the lens it replaces"
like "$out" "Lens shop 1 upgraded to shopping 2" "it says so"
like "$(cat "$W2/answers/shopping/sec/keys.yaml")" "keys_kms" "the answers move to the new id"
ok "$(test ! -e "$W2/answers/shop"; echo $?)" "the old id's files go"
like "$(cat "$W2/workload.yaml")" "agenda/shopping/sec: '?30'?" "the time boxes follow"
like "$(sed -n '/^lenses:/,/^[a-z]/p' "$W2/workload.yaml")" "- shopping" "the workspace names the new id"
"$WAFR" undo "$W2" >/dev/null
like "$(cat "$W2/answers/shop/sec/keys.yaml")" "keys_kms" "undo brings the old id back"

done_testing
