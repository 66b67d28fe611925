#!/bin/sh
# A workspace made when the serverless and SaaS lenses went by AWS's
# aliases (tests/data/old-ids, the files of wafr 0.1) is renamed when it is
# opened for a change: lens and question ids, answers, roadmap and agenda,
# in one journal entry. The first command on a clone builds the live state
# from the files and renames on the way.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
cp -R "$top_srcdir/tests/data/old-ids" "$W"
rm -f "$W/README"
(cd "$W" && git init -q && git add -A && git commit -qm "made by wafr 0.1")
ok $? "a clone of a workspace with the old ids"

like "$("$WAFR" status "$W")" "Serverless Applications Lens \(wafr-serverless\)" \
    "the first status of the clone shows the lens under its new id"

out=$("$WAFR" answer "$W" sls_ops_health)
is "$?" 0 "answer opens it for a change and finds the new question id"
like "$out" "^wafr-serverless/sls_ops_health SLS-OPS 1: high" "with the new lens id and the answer's risk"
like "$out" "\[x\] sls_ops_health_alarms" "the choice made under the old ids"
like "$("$WAFR" answer "$W" wafr-saas/saas_ops_tenant_observability)" \
    "^wafr-saas/saas_ops_tenant_observability .*: high" "the SaaS answer, under its new ids"

is "$(sed -n '/^lenses:/,/^[a-z]/p' "$W/workload.yaml" | grep '^- ' | tr '\n' ' ')" \
    "- wafr-serverless - wafr-saas " "workload.yaml names the new lens ids"
like "$(cat "$W/workload.yaml")" "agenda/wafr-serverless/security: 30" "the agenda moves with the lens"
ok "$(test -f "$W/lenses/wafr-serverless.yaml" && test -f "$W/lenses/wafr-saas.yaml" &&
    test ! -e "$W/lenses/serverless.yaml" && test ! -e "$W/lenses/softwareasaservice.yaml"; echo $?)" \
    "the pinned lenses are renamed"
F=$W/answers/wafr-serverless/operationalExcellence/sls_ops_health.yaml
ok "$(test -f "$F" && test ! -e "$W/answers/serverless" &&
    test ! -e "$W/answers/softwareasaservice"; echo $?)" "the answer files are renamed"
is "$(grep -E '^(question|- |  owner|  effort)' "$F" | tr '\n' '|')" \
    "question: sls_ops_health|- sls_ops_health_alarms|- cloudwatch-alarms.png|  owner: bob|  effort: small|" \
    "the answer keeps its choice, evidence and roadmap item"
like "$(cat "$F")" "alarms only" "and its note"
out=$("$WAFR" lens check --aws "$W/lenses/wafr-serverless.yaml" "$W/lenses/wafr-saas.yaml" 2>&1)
is "$?:$out" "0:" "the renamed pinned lenses pass the AWS custom-lens checks"

log=$("$WAFR" log "$W")
like "$log" "lens-rename +serverless wafr-serverless, softwareasaservice wafr-saas" \
    "the rename is in the journal"
"$WAFR" answer "$W" sls_ops_health >/dev/null
is "$("$WAFR" log "$W" | grep -c lens-rename)" 1 "opened again, nothing is renamed twice"
is "$("$WAFR" undo "$W" 2>&1; "$WAFR" answer "$W" sls_ops_health | head -1)" \
    "wafr: nothing to undo
wafr-serverless/sls_ops_health SLS-OPS 1: high" "undo does not take the rename back"

# The old ids still name the bundled lenses, with their new ids.
"$WAFR" init "$TMP/n" --lens serverless --lens softwareasaservice >/dev/null
ok $? "init --lens serverless --lens softwareasaservice"
is "$(sed -n 's/^- //p' "$TMP/n/workload.yaml" | tr '\n' ' ')" "wafr-serverless wafr-saas " \
    "they are the lenses of their own ids"
"$WAFR" init "$TMP/a" >/dev/null
is "$("$WAFR" lens add "$TMP/a" serverless)" "Lens wafr-serverless added" \
    "lens add by the old id says the id the lens has"
"$WAFR" lens remove "$TMP/a" serverless >/dev/null 2>"$TMP/err"
is "$?:$(sed -n 's/^- //p' "$TMP/a/workload.yaml" | tr '\n' ' ')" "0:wellarchitected " \
    "lens remove takes the old id too"

# A lens of someone else's that has the old id is left alone.
cat >"$TMP/mine.yaml" <<'YAML'
lens: serverless
title: Our serverless checks
pillars:
  - id: ops
    title: Operations
    questions:
      - id: q-one
        title: Do we page on errors?
        choices:
          - id: q_one_yes
            title: Yes
            risk: high
YAML
"$WAFR" init "$TMP/m" --lens "$TMP/mine.yaml" >/dev/null
"$WAFR" answer "$TMP/m" q-one --select q_one_yes >/dev/null
like "$("$WAFR" answer "$TMP/m" q-one)" "^serverless/q-one " "a lens of another's under the old id keeps it"

done_testing
