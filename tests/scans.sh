#!/bin/sh
# Scan results: the scanners' files (Prowler, Powerpipe, Trusted Advisor)
# imported beside each practice, on the command line, on the screen, in
# the reports and the snapshot files; re-imports, undo, and bad input.
. "$(dirname "$0")/lib.sh"

D=$top_srcdir/tests/data/scans
W=$TMP/w
"$WAFR" init "$W" --name Shop >/dev/null
answers() { (cd "$W" && find answers -type f | sort | xargs cat | cksum); }
answers_before=$(answers)

out=$("$WAFR" evidence import "$W" "$D/prowler-security.csv" 2>"$TMP/err")
ok $? "Prowler's compliance CSV imports"
like "$out" "prowler-csv, 12 results \(2 map to no practice\), 3 scans imported" \
    "it says what it read: format, results, scans"
like "$(cat "$TMP/err")" "prowler-security.csv:11: check ec2_instance_managed_by_ssm: practice sec_protect_data_rest_use_people_away has no counterpart" \
    "a row that maps to nothing is listed with FILE:LINE (a quoted newline counted)"
like "$(cat "$TMP/err")" "prowler-security.csv:12: .*sec_protect_compute_implement_managed_services" \
    "and the other one"
for f in prowler-ocsf.json powerpipe.csv powerpipe.json trusted-advisor.json; do
	"$WAFR" evidence import "$W" "$D/$f" >"$TMP/out" 2>"$TMP/err"
	ok $? "$f imports"
done
like "$(cat "$TMP/out")" "trusted-advisor, 4 results \(1 maps to no practice\)" \
    "list-check-details is read as Trusted Advisor's"
is "$(status_field "$W" answered)" 0 "an import selects nothing: no question is answered"
is "$(answers)" "$answers_before" "and leaves every answer file as it was"

q=$("$WAFR" evidence "$W" identities)
like "$q" "SEC02-BP02 Use temporary credentials" "wafr evidence DIR QUESTION lists the choices"
like "$q" "Prowler: 1 pass, 3 fail; Powerpipe: 2 pass, 2 fail; Trusted Advisor: 1 manual" \
    "per choice, the results of each scanner by status"
like "$q" "fail  Prowler  123456789012 eu-west-1  iam_rotate_access_key_90_days  arn:aws:iam::123456789012:user/bob" \
    "and each failing resource, with its account and region"
like "$q" "\(muted\) User dave" "a muted finding says so"
like "$q" "error  Powerpipe  123456789012 eu-west-1  kms_cmk_rotation_enabled" \
    "a control that could not run is an error"
all=$("$WAFR" evidence "$W")
like "$all" "SEC05-BP04 Deploy and update network defenses automatically
      Prowler: 2 fail" \
    "old numbering: Prowler's SEC05-BP03 practice id is SEC05-BP04 today"
like "$all" "SEC01-BP04 Stay current with security threats and recommendations
      Prowler: 1 fail" \
    "a renamed practice id (updated_recommendations) is translated"
like "$all" "SEC06-BP02 Build compute from hardened images
      Prowler: 1 fail" \
    "an OCSF finding's old code is translated through the table"
like "$all" "SEC01-BP02 Lock down the root user and account settings
      Powerpipe: 1 pass, 1 fail" \
    "a Powerpipe benchmark tagged with another practice's id is put right"
like "$all" "REL06-BP02 Turn raw data into meaningful health metrics
      Powerpipe: 1 fail" \
    "and so is rel06_bp02 (tags after the controls in the JSON)"
like "$all" "SEC03-BP07 Check for public and cross-account access
      Trusted Advisor: 1 pass, 3 fail" \
    "Trusted Advisor's flagged resources are counted"
like "$all" "SEC01-BP03 .*
      Prowler: 1 manual" "a MANUAL requirement is counted as manual"

json=$("$WAFR" evidence "$W" identities --json)
is "$(printf '%s' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
q = d["scan_results"][0]
c = [c for c in q["choices"] if c["id"] == "sec_identities_unique"][0]
print(len(d["scans"]), q["question"], c["pass"], c["fail"], c["manual"], len(c["failing"]))')" \
    "7 identities 3 5 1 5" "--json: the scans and the choice's counts and failing resources"

# Re-import: the same scan replaces its own results, never duplicates.
seq=$("$WAFR" log "$W" | head -1 | awk '{print $1}')
cp "$W/scans/prowler.tsv" "$TMP/before.tsv"
out=$("$WAFR" evidence import "$W" "$D/prowler-security.csv" 2>/dev/null)
like "$out" "the same as imported before" "importing the same file again changes nothing"
is "$("$WAFR" log "$W" | head -1 | awk '{print $1}')" "$seq" "and adds no journal entry"
ok "$(cmp -s "$W/scans/prowler.tsv" "$TMP/before.tsv"; echo $?)" "scans/prowler.tsv is the same, byte for byte"
sed 's/;FAIL;User alice/;PASS;User alice/' "$D/prowler-security.csv" >"$TMP/prowler-rescan.csv"
"$WAFR" evidence import "$W" "$TMP/prowler-rescan.csv" >/dev/null 2>&1
like "$("$WAFR" evidence "$W" identities)" "Prowler: 2 pass, 2 fail;" \
    "a new scan of the same account and region replaces the old results"
like "$("$WAFR" evidence "$W" identities)" "Powerpipe: 2 pass, 2 fail" \
    "and the other scanners' stay"
"$WAFR" undo "$W" >/dev/null
like "$("$WAFR" evidence "$W" identities)" "Prowler: 1 pass, 3 fail;" "undo takes the whole import back"
"$WAFR" undo "$W" >/dev/null
ok "$(test ! -e "$W/scans/trusted-advisor.tsv"; echo $?)" "undoing the Trusted Advisor import removes its file"
"$WAFR" redo "$W" >/dev/null
ok "$(test -s "$W/scans/trusted-advisor.tsv"; echo $?)" "redo brings it back"

# The snapshot files: a fresh clone has them; milestones keep them.
head -4 "$W/scans/prowler.tsv" | tail -1 >"$TMP/line"
like "$(cat "$TMP/line")" "^scan	prowler		" "scans/prowler.tsv: a scan line, then its results"
"$WAFR" milestone "$W" "after scans" >/dev/null
like "$(git -C "$W" ls-tree -r --name-only HEAD)" "scans/powerpipe.tsv" "a milestone commits the scan files"
"$WAFR" evidence import "$W" "$TMP/prowler-rescan.csv" >/dev/null 2>&1
like "$("$WAFR" report "$W" --milestone "after scans")" "SEC02-BP02 Use temporary credentials instead of long-term keys: Prowler: 1 pass, 3 fail" \
    "a milestone's report has the scan results of its time"
"$WAFR" undo "$W" >/dev/null
before=$("$WAFR" evidence "$W")
rm -rf "$W/.wafr"
is "$("$WAFR" evidence "$W")" "$before" "a workspace rebuilt from its files has the same scan results"

# The screen: the summary beside each choice, the flag, the failing pane.
"$WAFR" answer "$W" identities --select sec_identities_unique >/dev/null
like "$("$WAFR" evidence "$W" identities)" "! selected, but 2 checks fail" \
    "the command line flags a selected choice whose checks fail"
if command -v tmux >/dev/null 2>&1; then
	screen_start 80x24 "$WAFR" "$W"
	screen_wait "Pillars"
	screen_keys / && screen_wait "Search" 5
	screen_keys "temporary credentials" Enter
	shows "selected, but 2 checks fail" "the screen flags the question"
	shows "Require MFA and strong sign-in for every person +Prowler: 2 pass, 1 fail" \
	    "beside a choice, its scan summary"
	shows "long-term keys +5 fail" "cut short where the row is narrow"
	shows "Scans: 5 failing results" "the failing resources of the choice under the cursor"
	first=$(screen_text | grep -A1 "Scans: 5 failing" | tail -1)
	screen_keys f
	until_ok 5 sh -c "test \"\$(tmux -S '$TMUX_SOCKET' capture-pane -p -t t | grep -A1 'Scans: 5 failing' | tail -1)\" != \"$first\""
	ok $? "f scrolls the failing resources"
	screen_stop
fi

# The reports.
md=$("$WAFR" report "$W")
like "$md" "## Scan results" "the Markdown report has a section of scan results"
like "$md" "### Selected, but failing
.*
- SEC 2 How do you manage identities for people and for machines\?: selected, but 2 checks fail" \
    "and the selected-but-failing flags in one of their own"
like "$md" "- \[x\] SEC02-BP02 Use temporary credentials instead of long-term keys: Prowler: 1 pass, 3 fail" \
    "per question, the counts of each choice"
like "$md" "and more \(wafr evidence DIR QUESTION lists them all\)" "and the first few failing resources"
like "$(cat "$W/REPORT.md")" "## Scan results" "REPORT.md has them too"
html=$("$WAFR" report "$W" --format html)
like "$html" "<section id=\"scans\">" "the HTML report has the section"
like "$html" "<h3 id=\"selected-failing\">Selected, but failing</h3>" "and the flags"
"$WAFR" report "$W" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
q = [q for q in d["scan_results"] if q["question"] == "identities"][0]
assert q["selected_failing_checks"] == 2, q
assert len(d["scans"]) == 7'
ok $? "the JSON report carries the scans and the flags"

# Bad input: a clear message, exit 1, nothing of the file kept.
gen=$("$WAFR" log "$W" | head -1 | awk '{print $1}')
bad() {
	# bad FILE REGEX DESCRIPTION [FORMAT]
	"$WAFR" evidence import "$W" "$1" ${4:+--format "$4"} >/dev/null 2>"$TMP/err"
	is "$?" 1 "$3: exit 1"
	like "$(cat "$TMP/err")" "$2" "$3: the message"
	is "$("$WAFR" log "$W" | head -1 | awk '{print $1}')" "$gen" "$3: nothing imported"
}
bad "$D/prowler-truncated.csv" "prowler-truncated.csv:4: the file ends inside a quoted field" "a CSV cut inside a quoted field"
bad "$D/prowler-short.csv" "prowler-short.csv:3: 10 fields, but the header has 24" "a CSV row cut short"
bad "$D/prowler-wrong-delimiter.csv" "prowler-wrong-delimiter.csv:2: 1 field, but the header has 24 \(cut short, or another delimiter" "a row with another delimiter"
bad "$D/prowler-ocsf-truncated.json" "prowler-ocsf-truncated.json:[0-9]+: the file ends" "a JSON file cut short"
bad "$D/other.json" "other.json:2: a JSON document that is none of the scanners' files" "JSON of another kind"
bad "$D/powerpipe.csv" "powerpipe.csv:1: not the header of Prowler's compliance CSV" "a file that is not the --format given" prowler-csv
bad "$TMP/no-such-file.csv" "no-such-file.csv: No such file or directory" "a file that is not there"
bad "$D" "scans: Is a directory" "a directory"
printf 'not;a;scan\n1;2;3\n' >"$TMP/plain.csv"
bad "$TMP/plain.csv" "plain.csv:1: not a scanner's file wafr reads" "a CSV of another kind"
"$WAFR" evidence import "$W" "$D/prowler-truncated.csv" "$D/trusted-advisor.json" >/dev/null 2>&1
is "$?" 1 "several files: exit 1 when one is bad"
out=$("$WAFR" evidence import "$W" --dry-run "$D/prowler-comma.csv")
like "$out" "prowler-csv, 1 result, 1 scan \(dry run: nothing changed\)" \
    "a ','-delimited Prowler CSV reads too; --dry-run changes nothing"
is "$("$WAFR" log "$W" | head -1 | awk '{print $1}')" "$gen" "the dry run left no journal entry"

# Hostile cells: escape sequences never reach the terminal; formula
# prefixes stay text.
"$WAFR" evidence import "$W" "$D/prowler-hostile.csv" >/dev/null 2>&1
ok $? "a file with escape sequences and formula prefixes in its cells imports"
"$WAFR" evidence "$W" identities >"$TMP/hostile.out"
ok "$(grep -q "$(printf '\033')" "$TMP/hostile.out"; test $? -ne 0; echo $?)" \
    "no escape byte reaches the terminal from wafr evidence"
ok "$(grep -q "$(printf '\033')" "$W/scans/prowler.tsv" "$W/REPORT.md"; test $? -ne 0; echo $?)" \
    "nor the snapshot file nor REPORT.md"
like "$(cat "$TMP/hostile.out")" '=HYPERLINK\("http://example.invalid","click"\)' "a formula prefix is kept as text"
done_testing
