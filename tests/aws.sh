#!/bin/sh
# Round trip with the AWS Well-Architected Tool: custom lenses, imports of
# its CLI's JSON, exports for update-answer.
. "$(dirname "$0")/lib.sh"

F=$top_srcdir/tests/aws
W=$TMP/w

# --- Import ---------------------------------------------------------------
"$WAFR" init "$W" --name Shop >/dev/null
out=$("$WAFR" import "$W" "$F/list-answers.json" "$F/get-answer.json" \
    "$F/get-lens-review.json")
ok $? "import of list-answers, get-answer and get-lens-review"
like "$out" "6 answers read, 5 changed" "the importer says what it read"
like "$out" "Risk counts equal the AWS tool's" "and that the tallies equal the AWS tool's"
is "$(status_field "$W" high operationalExcellence)" 1 "None of these: one HRI"
is "$(status_field "$W" medium operationalExcellence)" 1 "missing medium practices: one MRI"
is "$(status_field "$W" none)" 2 "two questions at no risk"
is "$(status_field "$W" not_applicable security)" 1 "a question that does not apply"
is "$(status_field "$W" answered)" 5 "five answered"
show=$("$WAFR" answer "$W" evolve-ops)
like "$show" "\[-\] ops_evolve_ops_validate_insights \(ARCHITECTURE_CONSTRAINTS\)" \
    "a choice not applicable keeps its reason"
like "$show" "Équipe plateforme — 改善 ✓" "the note keeps its unicode"
like "$show" "\[ops_evolve_ops_feedback_loops\] Weekly retro" "a choice's note lands in the note"
like "$("$WAFR" answer "$W" securely-operate)" "not applicable: BUSINESS_PRIORITIES" \
    "the reason a question does not apply"

out=$("$WAFR" import "$W" "$F/list-answers.json" "$F/get-answer.json")
like "$out" "0 changed" "importing the same export again changes nothing"

# The AWS tool counting otherwise is reported.
sed 's/"HIGH": 1, "MEDIUM": 1/"HIGH": 2, "MEDIUM": 0/' "$F/get-lens-review.json" >"$TMP/review.json"
out=$("$WAFR" import "$W" "$TMP/review.json")
like "$out" "operationalExcellence: HIGH: the AWS tool counts 2, wafr 1" \
    "a difference in the counts is listed"
sed 's/"Risk": "HIGH"/"Risk": "MEDIUM"/' "$F/list-answers.json" >"$TMP/la.json"
like "$("$WAFR" import "$W" "$TMP/la.json")" "ops-model: the AWS tool says MEDIUM, wafr HIGH" \
    "a question's risk differing from the AWS tool's is listed"

# Unmappable ids: nothing changes without --partial.
W2=$TMP/w2
"$WAFR" init "$W2" >/dev/null
err=$("$WAFR" import "$W2" "$F/unmappable.json" 2>&1 >/dev/null)
is $? 1 "unmappable ids: exit status 1"
like "$err" "no choice \"ops_priorities_retired_choice\"" "the unknown choice is named"
like "$err" "\"a-question-from-another-version\": not in lens" "the unknown question is named"
is "$(status_field "$W2" answered)" 0 "and nothing was imported"
"$WAFR" import "$W2" --partial "$F/unmappable.json" >/dev/null 2>&1
ok $? "--partial imports what maps"
like "$("$WAFR" answer "$W2" priorities)" "\[x\] ops_priorities_ext_cust_needs" \
    "the known choice is imported"
is "$(status_field "$W2" answered)" 1 "and only that"

printf '{"LensAlias": "wellarchitected", "AnswerSummaries": [{"QuestionId": "evil\\u001b[31mred\\u009b2J", "SelectedChoices": []}]}' >"$TMP/esc.json"
err=$("$WAFR" import "$W2" "$TMP/esc.json" 2>&1)
like "$err" 'evil\?\[31mred\?2J' "ids from a file are shown without their control characters"
printf '%s' "$err" | od -c | grep -q '033'
is $? 1 "no escape reaches the terminal"
"$WAFR" import "$W2" "$F/custom-get-answer.json" >/dev/null 2>&1
is $? 1 "an export of a lens the workspace lacks is refused"
"$WAFR" import "$W2" "$TMP/nonexistent.json" >/dev/null 2>&1
is $? 1 "a missing file: status 1"
printf '{"Foo": 1}' >"$TMP/foo.json"
like "$("$WAFR" import "$W2" "$TMP/foo.json" 2>&1)" "not an export of the AWS tool" \
    "a JSON file of another kind is refused"

# Fields of the wrong type refuse the file, with the field and its line:
# read as absent, they cleared the answer. Nothing of any file is imported.
W4=$TMP/w4
"$WAFR" init "$W4" >/dev/null
"$WAFR" answer "$W4" priorities --select ops_priorities_ext_cust_needs --note "kept" >/dev/null
before=$("$WAFR" answer "$W4" priorities)
n=0
while IFS='|' read -r json want what; do
	n=$((n + 1))
	printf '{"LensAlias": "wellarchitected", "AnswerSummaries": [\n{"QuestionId": "priorities",\n%s}]}\n' "$json" >"$TMP/bad$n.json"
	err=$("$WAFR" import "$W4" "$F/get-answer.json" "$TMP/bad$n.json" 2>&1)
	is $? 1 "$what: exit status 1"
	like "$err" "bad$n.json: $want" "$what: the field and its line are named"
done <<'EOF_BAD'
"Notes": {"text": "x"}|line 3: Notes is an object, not a string|Notes an object
"SelectedChoices": "ops_priorities_no"|line 3: SelectedChoices is a string, not a list|SelectedChoices a string
"SelectedChoices": [{"id": "ops_priorities_no"}]|line 3: an item of SelectedChoices is an object, not a string|a choice id an object
"ChoiceAnswers": {"ChoiceId": "ops_priorities_no"}|line 3: ChoiceAnswers is an object, not a list|ChoiceAnswers not a list
"ChoiceAnswers": [{"ChoiceId": "ops_priorities_no", "Status": 1}]|line 3: Status is a number, not a string|a choice's Status a number
"IsApplicable": "no"|line 3: IsApplicable is a string, not a boolean|IsApplicable a string
"Notes": "kept\u0000lost"|line 3: Notes holds a NUL character|a NUL in Notes
EOF_BAD
is "$("$WAFR" answer "$W4" priorities)" "$before" "and nothing was imported"
is "$(status_field "$W4" answered)" 1 "not even from the good file"

# --- Export ---------------------------------------------------------------
long=$(python3 -c 'print("ü" * 2500)')
"$WAFR" answer "$W" dev-integ --select ops_dev_integ_version_control --note "$long" >/dev/null
err=$("$WAFR" export "$W" --format aws -o "$TMP/out" 2>&1 >/dev/null)
ok $? "export to a directory"
like "$err" "dev-integ: the note is over the AWS limit of 2084 characters: cut" \
    "a cut note is reported"
python3 - "$TMP/out" <<'PY'
import glob, json, sys
allowed = {"WorkloadId", "LensAlias", "QuestionId", "SelectedChoices",
           "ChoiceUpdates", "Notes", "IsApplicable", "Reason"}
files = sorted(glob.glob(sys.argv[1] + "/wellarchitected/*.json"))
assert len(files) == 6, files
for f in files:
    d = json.load(open(f, encoding="utf-8"))
    assert set(d) <= allowed, f
    assert d["WorkloadId"] == "REPLACE-WITH-WORKLOAD-ID"
    assert d["LensAlias"] == "wellarchitected"
    assert len(d["Notes"]) <= 2084, (f, len(d["Notes"]))
    for c, u in d["ChoiceUpdates"].items():
        assert u["Status"] in ("SELECTED", "UNSELECTED", "NOT_APPLICABLE")
        assert (u["Status"] == "SELECTED") == (c in d["SelectedChoices"])
        if u["Status"] == "NOT_APPLICABLE":
            assert u["Reason"] in ("OUT_OF_SCOPE", "BUSINESS_PRIORITIES",
                "ARCHITECTURE_CONSTRAINTS", "OTHER", "NONE")
    if not d["IsApplicable"]:
        assert d["Reason"] == "BUSINESS_PRIORITIES"
d = json.load(open(sys.argv[1] + "/wellarchitected/dev-integ.json", encoding="utf-8"))
assert d["Notes"].startswith("ü" * 2000) and "cut" in d["Notes"][-40:]
PY
ok $? "every file is update-answer input JSON, notes within 2084 characters"
sh -n "$TMP/out/apply.sh"
ok $? "apply.sh is a valid shell script"

# apply.sh with a stand-in for the AWS CLI that records its calls.
mkdir -p "$TMP/bin"
cat >"$TMP/bin/aws" <<'SH'
#!/bin/sh
echo "$*" >>"$AWS_LOG"
SH
chmod +x "$TMP/bin/aws"
AWS_LOG=$TMP/aws.log PATH=$TMP/bin:$PATH sh "$TMP/out/apply.sh" >/dev/null 2>&1
is $? 2 "apply.sh without a workload id refuses"
out=$(AWS_LOG=$TMP/aws.log PATH=$TMP/bin:$PATH sh "$TMP/out/apply.sh" wl-42)
is "$out" "6 answers updated" "apply.sh sends every answer"
is "$(grep -c 'wellarchitected update-answer --cli-input-json file://wellarchitected/.*\.json --workload-id wl-42' "$TMP/aws.log")" 6 \
    "each with update-answer and the workload id"

out=$("$WAFR" export "$W" --format aws --workload-id wl-7 2>/dev/null)
is "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), {x["WorkloadId"] for x in d})')" \
    "6 {'wl-7'}" "without -o: one JSON list, with the workload id given"
"$WAFR" export "$W" --format csv >/dev/null 2>&1
is $? 2 "another format is a usage error"

# Export, then import into a fresh workspace: the same answers.
W3=$TMP/w3
"$WAFR" init "$W3" --name Shop >/dev/null
"$WAFR" export "$W" --format aws -o "$TMP/rt" >/dev/null 2>&1
"$WAFR" import "$W3" "$TMP"/rt/wellarchitected/*.json >/dev/null
ok $? "import reads what export wrote"
for q in priorities ops-model evolve-ops securely-operate manage-service-limits; do
	is "$("$WAFR" answer "$W3" "$q")" "$("$WAFR" answer "$W" "$q")" "round trip: $q"
done
is "$("$WAFR" status "$W3" --json)" "$("$WAFR" status "$W" --json)" "round trip: the same tallies"

# Export, then import into the same workspace: its state back exactly. The
# AWS limit cuts the note sent, not wafr's; spaces next to U+2028 and U+2029
# stay.
"$WAFR" answer "$W" priorities --note "$(printf 'a \342\200\250 b  \342\200\251  c')" >/dev/null
cp -R "$W/answers" "$TMP/answers-before"
"$WAFR" export "$W" --format aws -o "$TMP/rt2" >/dev/null 2>&1
out=$("$WAFR" import "$W" "$TMP"/rt2/wellarchitected/*.json)
like "$out" " 0 changed" "importing what export wrote changes nothing"
diff -r "$TMP/answers-before" "$W/answers" >/dev/null
ok $? "the answers, the long note among them, are what they were"
W5=$TMP/w5
"$WAFR" init "$W5" --name Shop >/dev/null
"$WAFR" import "$W5" "$TMP/rt2/wellarchitected/priorities.json" >/dev/null
cmp -s "$TMP/answers-before/wellarchitected/operationalExcellence/priorities.yaml" \
    "$W5/answers/wellarchitected/operationalExcellence/priorities.yaml"
ok $? "spaces next to line separators survive export and import"

# Ids that a file name cannot hold as they are: one file each, names that
# stay the same, every answer sent.
cat >"$TMP/ids.yaml" <<'YAML'
lens: ids
title: Ids that need escaping
pillars:
- id: p
  title: P
  questions:
  - {id: "q+2", title: Plus, choices: [{id: c_a, title: A}]}
  - {id: q_2, title: Underscore, choices: [{id: c_b, title: B}]}
  - {id: Q_2, title: Upper, choices: [{id: c_c, title: C}]}
  - {id: "q:2", title: Colon, choices: [{id: c_d, title: D}]}
  - {id: "q'2", title: Quote, choices: [{id: c_e, title: E}]}
YAML
I=$TMP/i
"$WAFR" init "$I" --lens "$TMP/ids.yaml" >/dev/null
for qc in "q+2 c_a" "q_2 c_b" "Q_2 c_c" "q:2 c_d" "q'2 c_e"; do
	"$WAFR" answer "$I" "${qc% *}" --select "${qc#* }" >/dev/null
done
"$WAFR" export "$I" --format aws -o "$TMP/io" >/dev/null
is "$(ls "$TMP/io/ids" | wc -l | tr -d ' ')" 5 "five questions, five files"
is "$(ls "$TMP/io/ids" | tr '\n' ' ')" "Q_2=2.json q=272.json q=2B2.json q=3A2.json q_2.json " \
    "safe ids kept, others escaped, names differing in case told apart"
"$WAFR" export "$I" --format aws -o "$TMP/io2" >/dev/null
diff -r "$TMP/io" "$TMP/io2" >/dev/null
ok $? "the same names on every export"
: >"$TMP/aws.log"
out=$(AWS_LOG=$TMP/aws.log PATH=$TMP/bin:$PATH sh "$TMP/io/apply.sh" wl-1)
is "$out" "5 answers updated" "apply.sh sends each answer once"
is "$(sort -u "$TMP/aws.log" | wc -l | tr -d ' ')" 5 "five different files"
I2=$TMP/i2
"$WAFR" init "$I2" --lens "$TMP/ids.yaml" >/dev/null
"$WAFR" import "$I2" "$TMP"/io/ids/*.json >/dev/null
is "$(status_field "$I2" answered)" 5 "import reads every one back"

# Ids quoted in messages never reach the terminal raw: a lens id holding
# OSC 0 set the terminal's title (where the lens loader takes such an id).
sed 's/^lens: ids/lens: "evil\\e]0;pwned\\a"/' "$TMP/ids.yaml" >"$TMP/evil.yaml"
E=$TMP/e
if "$WAFR" init "$E" --lens "$TMP/evil.yaml" >/dev/null 2>&1; then
	"$WAFR" answer "$E" q_2 --select c_b >/dev/null
	out=$("$WAFR" export "$E" --format aws -o "$TMP/eo" 2>&1)
	printf '%s' "$out" | od -c | grep -Eq '033|007'
	is $? 1 "export: no control character reaches the terminal"
	out=$("$WAFR" import "$E" "$TMP"/eo/*/q_2.json 2>&1)
	like "$out" 'evil\?\]0;pwned\?: 1 answer read' "import names the lens made safe"
	printf '%s' "$out" | od -c | grep -Eq '033|007'
	is $? 1 "import: no control character reaches the terminal"
else
	echo "# the lens loader refuses a control character in a lens id"
fi
out=$("$WAFR" export "$I" --format aws -o "$TMP/$(printf 'o\033]0;t\007')" 2>&1)
like "$out" 'answers written to .*/o\?\]0;t\?' "export names its output directory made safe"
printf '%s' "$out" | od -c | grep -Eq '033|007'
is $? 1 "and no control character reaches the terminal"
sed 's/"q_2"/"q_2\\u001b]0;t\\u0007"/' "$TMP/io/ids/q_2.json" >"$TMP/evil-q.json"
out=$("$WAFR" import "$I" "$TMP/evil-q.json" 2>&1)
like "$out" 'question "q_2\?\]0;t\?": not in lens "ids"' "an unknown question id is quoted safe"
printf '%s' "$out" | od -c | grep -Eq '033|007'
is $? 1 "and no control character reaches the terminal"
printf '{"Foo": 1}' >"$TMP/$(printf 'f\033]0;t\007\nwafr: forged').json"
out=$("$WAFR" import "$W2" "$TMP"/f*.json 2>&1)
like "$out" 'f\?\]0;t\?\?wafr: forged\.json: not an export' "a file name is quoted safe"
printf '%s' "$out" | od -c | grep -Eq '033|007'
is $? 1 "and no control character reaches the terminal"
printf '%s\n' "$out" | grep -q '^wafr: forged'
is $? 1 "nor a line of its own"

# --- Custom lenses --------------------------------------------------------
C=$TMP/c
"$WAFR" lens check --aws "$F/edge-lens.json" >/dev/null
ok $? "the hand-made edge lens is within the AWS tool's limits"
"$WAFR" init "$C" --lens "$F/edge-lens.json" >/dev/null
ok $? "init with an AWS custom-lens JSON file"
is "$(status_field "$C" questions)" 3 "its questions"
out=$("$WAFR" import "$C" "$F/custom-get-answer.json" 2>&1)
like "$out" "name it with --lens ID" "a custom lens ARN needs --lens"
out=$("$WAFR" import "$C" --lens edge-lens "$F/custom-get-answer.json")
ok $? "import into a custom lens with --lens"
like "$out" "Every question's risk equals the AWS tool's" "the riskRules give the AWS tool's risk"
like "$("$WAFR" answer "$C" res_backup)" "\[-\] res_backup_tested \(OTHER\)" \
    "the choice not applicable"
out=$("$WAFR" export "$C" --format aws --lens-alias "arn:aws:wellarchitected:eu-west-1:123456789012:lens/0f1e")
like "$out" '"LensAlias": "arn:aws:wellarchitected:eu-west-1:123456789012:lens/0f1e"' \
    "--lens-alias sets the custom lens ARN"

# Real AWS custom lenses (MIT-0), kept in tests/lenses/aws/.
AWS_LENSES=$top_srcdir/tests/lenses/aws
ls "$AWS_LENSES"/*.json >/dev/null 2>&1
ok $? "the AWS custom lenses are in tests/lenses/aws"
if [ -d "$AWS_LENSES" ]; then
	for f in "$AWS_LENSES"/*.json; do
		b=$(basename "$f" .json)
		"$WAFR" lens check "$f" >/dev/null
		ok $? "lens check: $b"
		"$WAFR" init "$TMP/i-$b" --lens "$f" >/dev/null
		ok $? "init --lens: $b"
		"$WAFR" lens convert "$f" -o "$TMP/$b.yaml"
		ok $? "lens convert: $b"
		python3 - "$f" "$TMP/$b.yaml" <<'PY'
import json, sys, yaml
j = json.load(open(sys.argv[1], encoding="utf-8"))
y = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
ids = lambda ps, t: [(p["id"], [(q["id"], [c["id"] for c in q["choices"]],
    len(q.get("riskRules" if t else "rules", []))) for q in p["questions"]]) for p in ps]
assert ids(j["pillars"], 1) == ids(y["pillars"], 0)
# Every field of a choice the YAML form has no place for is kept.
for pj, py in zip(j["pillars"], y["pillars"]):
    for qj, qy in zip(pj["questions"], py["questions"]):
        for cj, cy in zip(qj["choices"], qy["choices"]):
            if "additionalResources" in cj:
                assert cy["aws"]["additionalResources"] == cj["additionalResources"]
for k, v in j.items():
    if k.startswith("_"):
        assert y["aws"][k] == v
PY
		ok $? "lens convert keeps ids, rules and the fields wafr does not show: $b"
	done
	# The converted lens and the JSON give the same risks for random answers.
	f=$AWS_LENSES/Amazon_S3_Lens.json
	"$WAFR" init "$TMP/rj" --lens "$f" >/dev/null
	"$WAFR" init "$TMP/ry" --lens "$TMP/Amazon_S3_Lens.yaml" >/dev/null
	python3 - "$f" >"$TMP/answers.txt" <<'PY'
import json, random, sys
random.seed(7)
for p in json.load(open(sys.argv[1], encoding="utf-8"))["pillars"]:
    for q in p["questions"]:
        args = [q["id"]]
        for c in q["choices"]:
            r = random.random()
            if r < 0.4 and not c["id"].endswith("_no"):
                args += ["--select", c["id"]]
            elif r < 0.5:
                args += ["--choice-na", c["id"] + "=OUT_OF_SCOPE"]
        if len(args) > 1:
            print(" ".join(args))
PY
	while read -r line; do
		# shellcheck disable=SC2086
		"$WAFR" answer "$TMP/rj" $line >/dev/null
		# shellcheck disable=SC2086
		"$WAFR" answer "$TMP/ry" $line >/dev/null
	done <"$TMP/answers.txt"
	is "$("$WAFR" status "$TMP/ry" --json | sed 's/"ry"/"rj"/')" \
	    "$("$WAFR" status "$TMP/rj" --json)" \
	    "the converted lens gives the JSON lens's risks for random answers"
fi

# A YAML lens converts to itself, and the converted lens reviews the same.
"$WAFR" lens convert "$WAFR_DATADIR/lenses/wellarchitected.yaml" -o "$TMP/wa1.yaml" &&
"$WAFR" lens convert "$TMP/wa1.yaml" -o "$TMP/wa2.yaml" && cmp -s "$TMP/wa1.yaml" "$TMP/wa2.yaml"
ok $? "converting a converted lens changes nothing"
"$WAFR" init "$TMP/wa" --name Shop --lens "$TMP/wa1.yaml" >/dev/null
"$WAFR" init "$TMP/wb" --name Shop >/dev/null
for d in wa wb; do
	"$WAFR" import "$TMP/$d" "$F/list-answers.json" "$F/get-answer.json" \
	    "$F/get-lens-review.json" >/dev/null
done
is "$("$WAFR" status "$TMP/wa" --json)" "$("$WAFR" status "$TMP/wb" --json)" \
    "the converted framework lens gives the same tallies"

# --- The AWS tool's limits ------------------------------------------------
python3 - "$TMP/big.json" <<'PY'
import json, sys
ch = lambda q, n: [{"id": "%s_c%d" % (q, i), "title": "C%d" % i,
    "helpfulResource": {"displayText": "h"}, "improvementPlan": {"displayText": "i"}}
    for i in range(n)]
pillars = []
for p in range(11):
    qs = []
    for q in range(21 if p == 0 else 1):
        qid = "p%dq%d" % (p, q)
        qs.append({"id": qid, "title": "Q", "description": "d",
            "choices": ch(qid, 16 if q == 0 else 2),
            "riskRules": [{"condition": "default", "risk": "HIGH_RISK"}]})
    pillars.append({"id": "p%d" % p, "name": "P", "questions": qs})
pillars[1]["questions"][0]["choices"][0]["id"] = "c" * 130
pillars[1]["questions"][0]["choices"][1]["id"] = "bad-id"
pillars[1]["questions"][0]["choices"][2]["id"] = "ab"
pillars[1]["questions"][0]["choices"][0]["additionalResources"] = [
    {"type": "HELPFUL_RESOURCE", "content": [{"displayText": "x", "url": "https://e.org"}] * 6}]
pillars[2]["questions"][0]["title"] = "T" * 130
pillars[3]["questions"][0]["title"] = "é" * 128   # characters, not bytes
json.dump({"schemaVersion": "2021-11-01", "name": "Big", "description": "d",
    "pillars": pillars}, open(sys.argv[1], "w"))
PY
"$WAFR" lens check "$TMP/big.json" >/dev/null
is $? 0 "without --aws the AWS tool's limits are not enforced"
out=$("$WAFR" lens check --aws "$TMP/big.json")
is $? 1 "lens check --aws fails a lens over the AWS tool's limits"
like "$out" "11 pillars, over the AWS limit of 10" "pillars per lens"
like "$out" "pillar \"p0\" has 21 questions, over the AWS limit of 20" "questions per pillar"
like "$out" "question \"p0q0\" has 16 choices, over the AWS limit of 15" "choices per question"
like "$out" "choice id \"c{40}\.\.\.\" is 130 characters long; the AWS tool takes 3 to 128" "a long choice id"
like "$out" "choice id \"ab\" is 2 characters long" "a short choice id"
like "$out" "choice id \"bad-id\": the AWS tool takes only letters, digits and \"_\"" "a hyphen in an id"
like "$out" "an additional resource has 6 links, over the AWS limit of 5" "links per additional resource"
like "$out" "error: title is 130 characters long, over the limit of 128" "title length"
is "$(printf '%s\n' "$out" | grep -c 'title is')" 1 "lengths count characters, not bytes"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["description"]="x"*2000; d["pillars"][0]["questions"][0]["description"]="y"*2000
for p in d["pillars"]:
    for q in p["questions"]:
        for c in q["choices"]:
            c["helpfulResource"]["displayText"] = "z" * 2000
            c["improvementPlan"]["displayText"] = "z" * 2000
json.dump(d, open(sys.argv[2], "w"))' "$TMP/big.json" "$TMP/huge.json"
like "$("$WAFR" lens check --aws "$TMP/huge.json")" "the file is [0-9]+ bytes, over the AWS limit of 512000" \
    "the size of a custom-lens file"

done_testing
