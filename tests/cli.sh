#!/bin/sh
# The command-line contract: init, status, answer, lens, exit statuses.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
ok $? "init creates a workspace"
ok "$(test -d "$W/.wafr"; echo $?)" "the live state is in DIR/.wafr"
is "$(stat -c %a "$W/.wafr/data.mdb")" 600 "and is private (0600)"
is "$(status_field "$W" questions)" 57 "the default lens has 57 questions"
is "$(status_field "$W" unanswered)" 57 "nothing is answered yet"

"$WAFR" init "$W" >/dev/null 2>"$TMP/err"
is $? 1 "a second init fails with status 1"
like "$(cat "$TMP/err")" "already a wafr workspace" "and says why"
"$WAFR" init "$TMP/bad" --lens nosuch >/dev/null 2>&1
is $? 1 "init with an unknown lens fails"
ok "$(test ! -e "$TMP/bad"; echo $?)" "and leaves nothing behind"
"$WAFR" init "$TMP/e" --environment staging >/dev/null 2>&1
is $? 1 "an unknown environment is refused"

# Answers and the risks they give.
"$WAFR" answer "$W" priorities --none >/dev/null
is "$(status_field "$W" high operationalExcellence)" 1 "None of these is a high risk"
out=$("$WAFR" answer "$W" wellarchitected/ops-model \
    --select ops_ops_model_def_resource_owners \
    --select ops_ops_model_def_proc_owners \
    --select ops_ops_model_def_activity_owners \
    --select ops_ops_model_def_responsibilities_ownership)
is "$out" "wellarchitected/ops-model: medium" "missing medium practices: medium risk"
"$WAFR" answer "$W" ops-model --select ops_ops_model_req_add_chg_exception >/dev/null
is "$("$WAFR" answer "$W" ops-model | head -1)" "wellarchitected/ops-model OPS 2: none" \
    "only a low practice missing: no risk"
"$WAFR" answer "$W" sus_region --na out-of-scope >/dev/null
is "$(status_field "$W" not_applicable)" 1 "a question marked not applicable"
"$WAFR" answer "$W" sus_region --applicable >/dev/null
is "$(status_field "$W" not_applicable)" 0 "and applicable again"

"$WAFR" answer "$W" org-culture --choice-na ops_org_culture_executive_sponsor=OTHER >/dev/null
like "$("$WAFR" answer "$W" org-culture)" "\[-\] ops_org_culture_executive_sponsor \(OTHER\)" \
    "a choice marked not applicable, with its reason"

note=$(printf 'Line one\nZeile zwei: äöü ✓\n')
"$WAFR" answer "$W" priorities --note "$note" >/dev/null
like "$("$WAFR" answer "$W" priorities)" "Zeile zwei: äöü ✓" "a multi-line UTF-8 note is kept"

before=$("$WAFR" status "$W" --json)
"$WAFR" answer "$W" priorities --select nosuch 2>"$TMP/err" >/dev/null
is $? 1 "an unknown choice fails with status 1"
like "$(cat "$TMP/err")" 'no choice "nosuch"' "and names it"
is "$("$WAFR" status "$W" --json)" "$before" "and changes nothing"
"$WAFR" answer "$W" nosuch --none 2>"$TMP/err" >/dev/null
is $? 1 "an unknown question fails with status 1"
"$WAFR" answer "$W" priorities --na because 2>/dev/null >/dev/null
is $? 1 "an unknown reason fails with status 1"
"$WAFR" answer "$TMP/nowhere" priorities --none 2>"$TMP/err" >/dev/null
is $? 1 "a missing workspace fails with status 1"
like "$(cat "$TMP/err")" "no such workspace" "and says so"

# Usage errors.
"$WAFR" >/dev/null 2>&1; is $? 2 "no arguments is a usage error"
"$WAFR" status >/dev/null 2>&1; is $? 2 "status without DIR is a usage error"
"$WAFR" status "$W" --frob >/dev/null 2>&1; is $? 2 "an unknown option is a usage error"
"$WAFR" frobnicate a b >/dev/null 2>&1; is $? 2 "an unknown command is a usage error"
like "$("$WAFR" --version)" "^wafr [0-9]" "--version"
like "$("$WAFR" --help)" "Usage: wafr DIR" "--help"
like "$("$WAFR" answer --help)" "--select C" "a command's --help"

# The JSON shape of status.
"$WAFR" status "$W" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
keys = ["questions", "answered", "high", "medium", "none", "not_applicable", "unanswered"]
assert d["workload"] == "Shop"
assert sorted(d["totals"]) == sorted(keys)
assert len(d["pillars"]) == 6
for p in d["pillars"]:
    assert sorted(p) == sorted(keys + ["lens", "id"])
assert sum(p["high"] for p in d["pillars"]) == d["totals"]["high"]
'
ok $? "status --json has the documented shape"
like "$("$WAFR" status "$W")" "Operational excellence +11 +3 +2 +0 +1 +0 +8" "status as text"

# Lenses.
out=$("$WAFR" lens list)
like "$out" "wellarchitected +[^ ]+ +57 " "lens list: the framework lens, 57 questions"
like "$out" "wafr-serverless " "lens list: serverless, under its own id"
like "$out" "wafr-saas " "lens list: SaaS, under its own id"
printf 'lens: x\ntitle: X\npillars:\n  - id: p\n    title: P\n    questions:\n      - id: q\n        title: Q\n        choices: [{id: a, title: A}, {id: a, title: B}]\n' > "$TMP/dup.yaml"
out=$("$WAFR" lens check "$TMP/dup.yaml")
is $? 1 "lens check: an error gives status 1"
like "$out" "^$TMP/dup.yaml:9:38: error: duplicate choice id \"a\"" "lens check: FILE:LINE:COLUMN: error: message"
"$WAFR" lens check "$top_srcdir/tests/lenses/edge.json" >"$TMP/out"
is $? 0 "lens check: warnings alone give status 0"
like "$(cat "$TMP/out")" "warning: question \"EDGE2\" has rules but no default" "and are printed"
out=$(timeout 10 "$WAFR" lens check "$top_srcdir/tests/lenses/laughs.yaml")
is $? 1 "lens check: a billion laughs is refused, at once"
like "$out" "laughs.yaml:10:10: error: too many aliases" "where the aliases grow too many"
out=$("$WAFR" lens check "$top_srcdir/tests/lenses/dotdot.yaml")
is $? 1 "lens check: lens and pillar ids .. are refused"
like "$out" "dotdot.yaml:1:7: error: lens id \"\.\.\" cannot name a file" "the lens id, where it is"
like "$out" "dotdot.yaml:4:9: error: pillar id \"\.\.\" cannot name a file" "the pillar id, where it is"
"$WAFR" init "$TMP/dd/w" --lens "$top_srcdir/tests/lenses/dotdot.yaml" >/dev/null 2>&1
is $? 1 "init refuses such a lens"
ok "$(test ! -e "$TMP/dd"; echo $?)" "and writes nothing, in DIR or beside it"

W2=$TMP/multi
"$WAFR" init "$W2" --lens wellarchitected --lens serverless --lens "$top_srcdir/tests/lenses/edge.json" >/dev/null
ok $? "a workspace with three lenses, one of them AWS JSON"
is "$(status_field "$W2" questions)" $((57 + 34 + 2)) "all their questions count"
"$WAFR" answer "$W2" edge/EDGE1 --select EDGE1_a >/dev/null
is "$("$WAFR" answer "$W2" EDGE1 | head -1)" "edge/EDGE1 : medium" "AWS rules decide the risk"

# The workshop agenda.
"$WAFR" agenda "$W" SEC 30 && "$WAFR" agenda "$W" wellarchitected/reliability 45
ok $? "agenda: set time boxes by code and by lens/id"
like "$("$WAFR" agenda "$W")" "wellarchitected/security +Security +30 min +0:00" "agenda: listed"
"$WAFR" agenda "$W" nope 3 2>/dev/null; is $? 1 "agenda: an unknown pillar"
"$WAFR" agenda "$W" SEC many 2>/dev/null; is $? 2 "agenda: minutes must be a number"

# Text from files never reaches the terminal as control sequences.
printf 'lens: esc\ntitle: "T\\e[31mRED"\npillars:\n  - id: p\n    title: "P\\e]0;title\\a"\n    questions:\n      - id: q\n        title: Q\n        "k\\e[2J": 1\n        choices: [{id: a, title: "A\\e[2J"}]\n' > "$TMP/esc.yaml"
"$WAFR" init "$TMP/esc" --lens "$TMP/esc.yaml" >/dev/null
"$WAFR" answer "$TMP/esc" q --note "$(printf 'x\033[2Jy\nline two\302\233z')" >/dev/null
out=$({ "$WAFR" lens check "$TMP/esc.yaml"; "$WAFR" status "$TMP/esc";
    "$WAFR" answer "$TMP/esc" q; "$WAFR" answer "$TMP/esc" q --select "$(printf 'b\033[1m')"; } 2>&1)
is "$(printf '%s' "$out" | LC_ALL=C tr -d -c '\033\233\007' | wc -c)" 0 \
    "no escape, CSI or BEL byte from a lens or a note reaches the terminal"
like "$out" "T\?\[31mRED" "escape sequences are shown inert"
like "$out" "line two" "multi-line notes keep their lines"

# The configuration file.
mkdir -p "$HOME/.config/wafr"
printf 'set theme projector\nset lens serverless\nset bogus 1\n' > "$HOME/.config/wafr/config"
out=$("$WAFR" --dump-config 2>"$TMP/err")
like "$out" 'set theme "projector"' "--dump-config prints the effective settings"
like "$(cat "$TMP/err")" "config:3: error: unknown setting \"bogus\"" "a bad line: FILE:LINE: message"
"$WAFR" init "$TMP/cfg" >/dev/null 2>&1
like "$("$WAFR" status "$TMP/cfg" 2>/dev/null)" "Serverless" "the configured default lens"
rm -f "$HOME/.config/wafr/config"

done_testing
