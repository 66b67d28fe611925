#!/bin/sh
# Sharing a review with git: a fresh clone opens, two clones that answered
# different pillars merge cleanly, and bad hand edits are refused.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
"$WAFR" answer "$W" priorities --none --note "Line one
  indented, ünïcödé, 日本語
" >/dev/null
"$WAFR" answer "$W" ops-model --na OUT_OF_SCOPE --evidence "https://wiki/x" \
	--verified >/dev/null
"$WAFR" milestone "$W" "Kick-off" >/dev/null
ok $? "a milestone to share"

# A fresh clone has no .wafr/: it is rebuilt from the files.
git clone -q "$W" "$TMP/c1"
ok $? "git clone of the workspace"
[ ! -e "$TMP/c1/.wafr" ]
ok $? "the clone has no live state"
is "$("$WAFR" status "$TMP/c1" --json)" "$("$WAFR" status "$W" --json)" \
	"the clone opens with the same tallies"
is "$("$WAFR" answer "$TMP/c1" priorities)" "$("$WAFR" answer "$W" priorities)" \
	"and the same answer and note"
is "$("$WAFR" answer "$TMP/c1" ops-model)" "$("$WAFR" answer "$W" ops-model)" \
	"and the same applicability, evidence and verification"
out=$("$WAFR" sync "$TMP/c1")
is $? 0 "wafr sync"
like "$out" '2 of 57 questions answered, 1 HRI' "prints what it read"
is "$(git -C "$TMP/c1" status --porcelain)" "" \
	"export, import, export: the files come back byte for byte"

# Two clones answer different pillars, then merge with plain git.
git clone -q "$W" "$TMP/c2"
"$WAFR" answer "$TMP/c1" org-culture --none --note "From clone one" >/dev/null
"$WAFR" milestone "$TMP/c1" "Ops done" >/dev/null
"$WAFR" answer "$TMP/c2" identities --none --note "From clone two" >/dev/null
"$WAFR" answer "$TMP/c2" permissions --select sec_permissions_define >/dev/null
"$WAFR" milestone "$TMP/c2" "Security done" >/dev/null
git -C "$TMP/c1" fetch -q --tags "$TMP/c2" HEAD
git -C "$TMP/c1" -c user.name=T -c user.email=t@example.org \
	merge -q --no-edit FETCH_HEAD >/dev/null 2>&1
ok $? "git merge of the two clones has no conflict"
is "$(git -C "$TMP/c1" diff --name-only --diff-filter=U)" "" "no file is unmerged"
"$WAFR" sync "$TMP/c1" >/dev/null
ok $? "wafr sync after the merge"
is "$(status_field "$TMP/c1" high operationalExcellence)" 2 "clone one's half is there"
is "$(status_field "$TMP/c1" high security)" 2 "clone two's half is there"
like "$("$WAFR" answer "$TMP/c1" identities)" 'note: From clone two' \
	"with its notes"
is "$(grep '^| \*\*Total' "$TMP/c1/REPORT.md" | tail -n 1)" \
	"| **Total** |  | 57 | 5 | 4 | 0 | 0 | 1 | 52 |" \
	"REPORT.md is written again from the merged answers"
like "$("$WAFR" milestones "$TMP/c1")" 'Security done' \
	"the other clone's milestones come with the merge"
d=$("$WAFR" diff "$TMP/c1" "Ops done")
like "$d" 'SEC 2 .*\(unanswered -> high\)' "the diff shows what the merge brought"

# Bad hand edits: a clear position, and the live state as it was.
before=$("$WAFR" status "$TMP/c1" --json)
F=$TMP/c1/answers/wellarchitected/operationalExcellence/priorities.yaml
sed -i 's/^- ops_priorities_no$/- ops_priorities_typo/' "$F"
err=$("$WAFR" sync "$TMP/c1" 2>&1)
is $? 1 "an unknown choice id fails with status 1"
like "$err" "priorities.yaml:6:3: question priorities has no choice \"ops_priorities_typo\"" \
	"FILE:LINE:COLUMN: message"
is "$("$WAFR" status "$TMP/c1" --json)" "$before" "the live state is as it was"
git -C "$TMP/c1" checkout -q -- "$F"

printf 'question: priorities\nselected: [a, b\n' >"$F"
err=$("$WAFR" sync "$TMP/c1" 2>&1)
is $? 1 "broken YAML fails with status 1"
like "$err" 'priorities.yaml:3:1: ' "with its position"
is "$("$WAFR" status "$TMP/c1" --json)" "$before" "the live state is as it was"
git -C "$TMP/c1" checkout -q -- "$F"

N=$TMP/c1/answers/wellarchitected/security/no-such-question.yaml
printf 'question: no-such-question\nrisk: high\n' >"$N"
err=$("$WAFR" sync "$TMP/c1" 2>&1)
is $? 1 "a question the lens lacks fails with status 1"
like "$err" 'no-such-question.yaml:1:11: lens wellarchitected has no question "no-such-question"' \
	"FILE:LINE:COLUMN: message"
is "$("$WAFR" status "$TMP/c1" --json)" "$before" "the live state is as it was"
rm -f "$N"

# A clone with a bad file does not open, and leaves no half-made state.
git clone -q "$W" "$TMP/c3"
sed -i 's/^- ops_priorities_no$/- nope/' \
	"$TMP/c3/answers/wellarchitected/operationalExcellence/priorities.yaml"
err=$("$WAFR" status "$TMP/c3" 2>&1)
is $? 1 "a clone with a bad answer file does not open"
like "$err" 'priorities.yaml:6:3: ' "the message names the place"
[ ! -e "$TMP/c3/.wafr" ]
ok $? "no live state is left behind"

# Back to an older milestone's files: sync brings its answers back.
git -C "$TMP/c1" checkout -q milestone/kick-off -- answers
"$WAFR" sync "$TMP/c1" >/dev/null
is "$(status_field "$TMP/c1" high)" 1 "sync after a checkout of older files"

done_testing
