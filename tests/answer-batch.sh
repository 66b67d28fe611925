#!/bin/sh
# wafr answer DIR --batch FILE|-: many answers, one a line, each line what
# "wafr answer DIR" takes after DIR, quoted as in a shell. The batch is one
# change: it leaves what the same answers given one by one leave, one undo
# takes it all back, and a bad line names FILE:LINE and changes nothing.
. "$(dirname "$0")/lib.sh"

# tree DIR: every file of the workspace but the store and git, with its
# bytes (what "git diff" and a reader see), REPORT.md brought up to date
# first (a change leaves it to follow a moment later).
tree() {
	"$WAFR" report "$1" --update || echo "report --update failed"
	(cd "$1" && find . -path ./.wafr -prune -o -path ./.git -prune -o \
	    -type f -print | LC_ALL=C sort | while read -r f; do
		echo "== $f"
		cat "$f"
	done)
}

A=$TMP/a	# by batch
B=$TMP/b	# one by one
"$WAFR" init "$A" --name shop >/dev/null
"$WAFR" init "$B" --name shop >/dev/null
tree "$A" >"$TMP/empty.tree"
"$WAFR" status "$A" --json >"$TMP/empty.json"

# Comments, blank lines, short and long options, a question twice, notes
# with blanks and both kinds of quotes, a note over two lines, a line
# joined with a backslash, every kind of edit.
cat >"$TMP/batch" <<'BATCH'
# The workshop's answers, as typed on the command line.
priorities --select ops_priorities_ext_cust_needs --note 'They said "fast", and it'\''s true'

ops-model --none	# nobody owns the batch jobs
sus_region --na BUSINESS_PRIORITIES
  org-culture -s ops_org_culture_executive_sponsor -s ops_org_culture_effective_comms \
      --note "Sponsor: \"Ana\"; see \$WIKI" --verified
govern-usage --select cost_govern_usage_policies --evidence https://wiki.example/cost \
    --evidence 'runbook #4' --choice-na cost_govern_usage_goal_target=OUT_OF_SCOPE
data-transfer --select cost_data_transfer_modeling --note 'line one
line two'
networking -s perf_networking_evaluate_networking_features --self-reported
priorities -s ops_priorities_governance_reqs -u ops_priorities_ext_cust_needs
observability --select ops_observability_identify_kpis --note "#not a comment"
BATCH

out=$("$WAFR" answer "$A" --batch "$TMP/batch" 2>"$TMP/err")
ok $? "a batch of answers is applied"
is "$(cat "$TMP/err")" "" "... and says nothing on stderr"
is "$out" "wellarchitected/priorities: high
wellarchitected/ops-model: high
wellarchitected/sus_region: not_applicable
wellarchitected/org-culture: high
wellarchitected/govern-usage: high
wellarchitected/data-transfer: medium
wellarchitected/networking: high
wellarchitected/observability: high" \
    "it says each question's risk once, as wafr answer does, in the batch's order"

# The same lines, each given to the shell as "wafr answer DIR LINE".
n=0
while IFS= read -r line || [ -n "$line" ]; do
	# A line that ends in a backslash or an open quote goes on.
	while ! (eval "set -- $line") 2>/dev/null || \
	    [ "${line%\\}" != "$line" ]; do
		IFS= read -r more
		line="$line
$more"
	done
	eval "set -- $line"
	[ $# -eq 0 ] && continue
	"$WAFR" answer "$B" "$@" >/dev/null || echo "failed: $line"
	n=$((n + 1))
done <"$TMP/batch" >"$TMP/one.err"
is "$n:$(cat "$TMP/one.err")" "9:" "the same nine lines, one wafr answer each"
"$WAFR" status "$A" --json >"$TMP/a.json"
"$WAFR" status "$B" --json >"$TMP/b.json"
is "$(cat "$TMP/a.json")" "$(cat "$TMP/b.json")" \
    "the batch's status is that of the answers given one by one"
tree "$A" >"$TMP/a.tree"
tree "$B" >"$TMP/b.tree"
is "$(diff "$TMP/a.tree" "$TMP/b.tree")" "" \
    "... and so are its answer files, workload.yaml and REPORT.md"
like "$(cat "$TMP/a.tree")" "They said \"fast\", and it's true" \
    "a note quoted with both quotes is kept as written"
is "$("$WAFR" answer "$A" data-transfer | sed -n '/^note:/,$p')" \
    "note: line one
line two" "a note quoted over two lines keeps its newline"
like "$("$WAFR" answer "$A" observability)" "note: #not a comment" \
    "a # inside quotes is text"
is "$("$WAFR" answer "$A" priorities | grep -c '\[x\]')" 1 \
    "a question given twice takes both lines, in order"

# One change in the journal: one undo takes the whole batch back.
is "$("$WAFR" log "$A" | grep -c .)" 2 "the batch is one entry of the log"
like "$("$WAFR" log "$A" | head -n 1)" " batch$" "... named batch"
like "$("$WAFR" log "$A" networking)" " batch$" \
    "the log of one of its questions lists it"
is "$("$WAFR" undo "$A")" "undone: batch" "one undo takes the batch back"
is "$("$WAFR" status "$A" --json)" "$(cat "$TMP/empty.json")" \
    "... every answer of it"
is "$(tree "$A" | diff "$TMP/empty.tree" -)" "" "... and every file"
"$WAFR" redo "$A" >/dev/null
is "$("$WAFR" status "$A" --json)" "$(cat "$TMP/a.json")" \
    "redo puts the whole batch back"

# bad_batch NAME LINE MESSAGE-REGEX DESCRIPTION: a batch with a bad line
# (read from $TMP/bad) fails naming FILE:LINE and changes nothing.
bad_batch() {
	"$WAFR" answer "$A" --batch "$TMP/bad" >"$TMP/out" 2>"$TMP/err"
	is "$?" 1 "$4: the batch fails"
	like "$(cat "$TMP/err")" "^wafr: $TMP/bad:$2: $3" \
	    "$4: the message names $1:$2"
	is "$(cat "$TMP/out")" "" "$4: nothing is said on stdout"
	is "$("$WAFR" status "$A" --json)" "$(cat "$TMP/a.json")" \
	    "$4: the status is unchanged"
	is "$(tree "$A" | diff "$TMP/a.tree" -)" "" \
	    "$4: the files are unchanged"
}
good='priorities --clear
ops-model --clear --note "a good line first"
'
printf '%s# then\n\nsus_region --applicable -s nope\n' "$good" >"$TMP/bad"
bad_batch bad 5 'question sus_region has no choice "nope"' "an unknown choice"
printf '%snosuch --none\n' "$good" >"$TMP/bad"
bad_batch bad 3 'no question "nosuch"' "an unknown question"
printf '%ssus_region -s sus_sus_region_no\n' "$good" >"$TMP/bad"
bad_batch bad 3 'question sus_region is marked not applicable' \
    "a rule broken"
printf '%sgovern-usage --remove-evidence 9\n' "$good" >"$TMP/bad"
bad_batch bad 3 '' "evidence not there"
printf '%sgovern-usage --remove-evidence x\n' "$good" >"$TMP/bad"
bad_batch bad 3 'evidence is removed by its number' "a bad number"
printf '%spriorities --na\n' "$good" >"$TMP/bad"
bad_batch bad 3 'option --na takes a value' "an option without its value"
printf '%spriorities --select\n' "$good" >"$TMP/bad"
bad_batch bad 3 'option --select takes a value' "a short option's value missing"
printf '%spriorities --bogus\n' "$good" >"$TMP/bad"
bad_batch bad 3 'unknown option --bogus' "an unknown option"
printf '%spriorities --batch x\n' "$good" >"$TMP/bad"
bad_batch bad 3 'unknown option --batch' "a batch inside a batch"
printf '%spriorities\n' "$good" >"$TMP/bad"
bad_batch bad 3 'nothing to change for priorities' "a question alone"
printf '%s--none\n' "$good" >"$TMP/bad"
bad_batch bad 3 'no QUESTION' "options without a question"
printf '%spriorities ops-model --none\n' "$good" >"$TMP/bad"
bad_batch bad 3 'one QUESTION a line' "two questions on a line"
printf '%s\npriorities --note "not closed\n\n' "$good" >"$TMP/bad"
bad_batch bad 4 'a " is not closed' "a quote left open"
printf '%spriorities --note "a\0b"\n' "$good" >"$TMP/bad"
"$WAFR" answer "$A" --batch "$TMP/bad" 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "1:wafr: $TMP/bad: not text (it holds a NUL byte)" \
    "a file with a NUL byte is not read"
"$WAFR" answer "$A" --batch "$TMP/none" 2>"$TMP/err"
like "$?:$(cat "$TMP/err")" "^1:wafr: $TMP/none: " "a missing file is said"
"$WAFR" answer "$A" priorities --batch "$TMP/batch" >/dev/null 2>"$TMP/err"
is "$?" 2 "--batch with a QUESTION is a usage error"
"$WAFR" answer "$A" --none --batch "$TMP/batch" >/dev/null 2>"$TMP/err"
is "$?" 2 "--batch with another option is a usage error"
is "$("$WAFR" log "$A" | grep -c .)" 4 "no refused batch is in the log"

# - reads stdin; an empty batch, or one of comments, changes nothing.
out=$(printf 'priorities --none # stdin\n' | "$WAFR" answer "$A" --batch -)
is "$out" "wellarchitected/priorities: high" "--batch - reads stdin"
like "$("$WAFR" answer "$A" priorities)" "\[x\] ops_priorities_no" \
    "... and applies it"
printf 'priorities -s nope\n' | "$WAFR" answer "$A" --batch - 2>"$TMP/err"
like "$?:$(cat "$TMP/err")" '^1:wafr: stdin:1: ' "a bad line of stdin is stdin:LINE"
before=$("$WAFR" log "$A" | grep -c .)
out=$(printf '# nothing\n\n' | "$WAFR" answer "$A" --batch -)
is "$?:$out" "0:" "a batch of comments and blank lines does nothing"
is "$("$WAFR" log "$A" | grep -c .)" "$before" "... and adds nothing to the log"
out=$(printf 'priorities --none\n' | "$WAFR" answer "$A" --batch -)
is "$out" "wellarchitected/priorities: high" \
    "a batch that changes nothing still says each risk"
is "$("$WAFR" log "$A" | grep -c .)" "$before" "... and adds nothing to the log"

done_testing
