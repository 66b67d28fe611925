#!/bin/sh
# Review templates: saved deterministically, applied to a new review, each
# answer marked "from template" until confirmed or changed; the counts of
# unconfirmed answers, undo, and a fresh clone keeping the marks.
. "$(dirname "$0")/lib.sh"

S=$TMP/source
"$WAFR" init "$S" --name "Reference" >/dev/null
"$WAFR" answer "$S" priorities --select ops_priorities_ext_cust_needs \
    --select ops_priorities_int_cust_needs --note "Priorities are set
by the product board." >/dev/null
"$WAFR" answer "$S" ops-model --none >/dev/null
"$WAFR" answer "$S" sus_region --na BUSINESS_PRIORITIES >/dev/null
"$WAFR" answer "$S" identities --evidence "https://example.org/idp" \
    --verified --note "One identity provider." >/dev/null

"$WAFR" template save "$S" "$TMP/t.yaml" >/dev/null
ok $? "template save writes a template"
is "$(cat "$TMP/t.yaml")" "template: Reference
lenses:
- wellarchitected
answers:
  wellarchitected:
    priorities:
      selected:
      - ops_priorities_ext_cust_needs
      - ops_priorities_int_cust_needs
      note: |-
        Priorities are set
        by the product board.
    ops-model:
      selected:
      - ops_ops_model_no
    identities:
      note: One identity provider.
    sus_region:
      not-applicable: BUSINESS_PRIORITIES" "answers and notes, in lens order; no evidence, no verification"
"$WAFR" template save "$S" "$TMP/t2.yaml" >/dev/null
cmp -s "$TMP/t.yaml" "$TMP/t2.yaml"
ok $? "the same answers give the same bytes"
"$WAFR" template save "$S" "$TMP/t3.yaml" --lens serverless 2>"$TMP/err"
is $? 1 "a lens the workspace lacks is refused"

N=$TMP/new
out=$("$WAFR" init "$N" --name New --template "$TMP/t.yaml")
ok $? "init --template starts a review from it"
is "$(status_field "$N" answered)" 3 "three questions answered (a note alone answers none)"
is "$(status_field "$N" high)" "$(status_field "$S" high)" "the same HRIs as the source"
unconfirmed() {
	"$WAFR" status "$1" --json | python3 -c '
import json, sys; print(json.load(sys.stdin)["unconfirmed"])'
}
is "$(unconfirmed "$N")" 4 "all four unconfirmed"
like "$("$WAFR" status "$N")" "4 answers from a template are not confirmed yet" "status says so"
like "$("$WAFR" answer "$N" priorities)" "from template: not yet confirmed" "the answer is marked"
like "$(cat "$N/answers/wellarchitected/operationalExcellence/priorities.yaml")" \
    "from-template: true" "in its snapshot file too"
like "$(cat "$N/REPORT.md")" "4 answers from a template are not confirmed yet" "the report counts them"

# Confirming, and changing, confirm.
like "$("$WAFR" answer "$N" priorities --confirm)" "wellarchitected/priorities: " "--confirm"
is "$(unconfirmed "$N")" 3 "three left"
"$WAFR" answer "$N" ops-model --select ops_ops_model_def_resource_owners >/dev/null
is "$(unconfirmed "$N")" 2 "any change confirms"
"$WAFR" answer "$N" identities --note "One identity provider, checked." >/dev/null
is "$(unconfirmed "$N")" 1 "a note too"
like "$("$WAFR" status "$N")" "1 answer from a template is not confirmed yet" "in the singular"
[ -z "$(grep from-template "$N/answers/wellarchitected/operationalExcellence/priorities.yaml")" ]
ok $? "a confirmed answer's file loses the mark"

# Undo puts the mark back.
like "$("$WAFR" log "$N" | sed -n 3p)" "confirm +wellarchitected/priorities" "the confirm is journaled"
"$WAFR" undo "$N" >/dev/null
"$WAFR" undo "$N" >/dev/null
is "$(unconfirmed "$N")" 3 "undoing two changes marks two answers again"
like "$("$WAFR" undo "$N")" "undone: confirm wellarchitected/priorities" "undo of a confirm"
is "$(unconfirmed "$N")" 4 "all four again"
"$WAFR" redo "$N" >/dev/null
is "$(unconfirmed "$N")" 3 "redo confirms again"

# A fresh clone keeps the marks.
"$WAFR" milestone "$N" "from template" >/dev/null
git clone -q "$N" "$TMP/clone"
is "$(unconfirmed "$TMP/clone")" 3 "a fresh clone has the same unconfirmed answers"
like "$("$WAFR" answer "$TMP/clone" identities)" "from template: not yet confirmed" "and their marks"

# Several templates, and errors.
cat >"$TMP/over.yaml" <<'EOT'
template: Override
lenses: [wellarchitected]
answers:
  wellarchitected:
    ops-model:
      selected: [ops_ops_model_def_resource_owners]
    sus_user:
      not-applicable: OUT_OF_SCOPE
EOT
"$WAFR" init "$TMP/two" --template "$TMP/t.yaml" --template "$TMP/over.yaml" >/dev/null
ok $? "two templates"
is "$(unconfirmed "$TMP/two")" 5 "their answers, the later over the earlier"
like "$("$WAFR" answer "$TMP/two" ops-model)" "\[x\] ops_ops_model_def_resource_owners" "ops-model as the later one has it"
printf 'template: x\nlenses: [wellarchitected]\nanswers:\n  wellarchitected:\n    priorities:\n      selected: [nope]\n' >"$TMP/bad.yaml"
"$WAFR" init "$TMP/bad" --template "$TMP/bad.yaml" 2>"$TMP/err"
is $? 1 "a template naming an unknown choice is refused"
like "$(cat "$TMP/err")" "bad.yaml:6: question priorities has no choice \"nope\"" "with its line"
[ ! -e "$TMP/bad" ]
ok $? "and nothing is made"
"$WAFR" init "$TMP/bad" --lens serverless --template "$TMP/t.yaml" 2>"$TMP/err"
is $? 1 "a template for a lens the new review lacks is refused"
done_testing
