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

if [ -d "${SHARED_LENSES:-/nonexistent}/aws-custom" ]; then
	for f in "$SHARED_LENSES"/aws-custom/*.json; do
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
	f=$SHARED_LENSES/aws-custom/Amazon_S3_Lens.json
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
else
	echo "# shared AWS custom lenses absent: skipped"
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
