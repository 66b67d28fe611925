#!/bin/sh
# Reports list the evidence a question requests, each marked given or not,
# and link the question's and the practices' pages.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name Keys --lens "$top_srcdir/tests/lenses/evidence.yaml" \
    >/dev/null
ok $? "init with a lens that requests evidence"
"$WAFR" answer "$W" keys --select keys_rotated \
    --evidence "docs/kms-key-policy.json" \
    --evidence "https://console.aws.amazon.com/cloudtrail/home#/events" \
    >/dev/null
ok $? "an answer with two pieces of evidence"

md=$("$WAFR" report "$W")
like "$md" "Evidence requested:" "md: the requested evidence is listed"
like "$md" "- \[x\] the KMS key policy and its rotation status \(given: docs/kms-key-policy\.json\)" \
    "md: a request met by a file is marked given, with the file"
like "$md" "- \[x\] CloudTrail Decrypt events for the last 30 days \(given: <https://console" \
    "md: a request met by a console link is marked given"
like "$md" "- \[ \] the last restore test's report" \
    "md: a request nobody met is marked not given"
like "$md" "<https://docs\.example\.org/keys>" "md: the question's page"
like "$md" "\[Keys rotate on a schedule\]\(<https://docs\.example\.org/keys/rotate>\)" \
    "md: the practice links to its page"
# REPORT.md follows the answers a moment after the commands pause.
until_ok 10 grep -q 'kms-key-policy' "$W/REPORT.md"
# REPORT.md is shared through git: it names no "today", or it would change
# each day; otherwise it is the same report.
is "$(cat "$W/REPORT.md")" "$(printf '%s\n' "$md" | sed '/^Date of the review: /,+1d')" \
    "REPORT.md is the same report, but for today's date"

html=$("$WAFR" report "$W" --format html)
like "$html" '<li class="sel">the KMS key policy and its rotation status <span class="meta">\(given: docs/kms-key-policy.json\)</span></li>' \
    "html: a given request is ticked"
like "$html" "<li>the last restore test&#39;s report</li>|<li>the last restore test's report</li>" \
    "html: a missing one is not"
like "$html" 'href="https://docs.example.org/keys/rotate"' "html: the practice's link"
like "$html" 'href="https://docs.example.org/keys"' "html: the question's link"

got=$("$WAFR" report "$W" --format json | python3 -c '
import json, sys
q = json.load(sys.stdin)["questions"][0]
print(q["url"])
for r in q["evidence_requested"]:
    print(r["given"], "|", r["text"])')
is "$got" "https://docs.example.org/keys
docs/kms-key-policy.json | the KMS key policy and its rotation status
https://console.aws.amazon.com/cloudtrail/home#/events | CloudTrail Decrypt events for the last 30 days
None | the last restore test's report" "json: the url and each request with what gave it"

"$WAFR" roadmap "$W" keys >/dev/null 2>&1
"$WAFR" answer "$W" keys --none >/dev/null
"$WAFR" roadmap "$W" keys --owner alice >/dev/null
ok $? "a finding on the roadmap"
csv=$("$WAFR" report "$W" --format csv)
like "$csv" "Evidence requested:" "csv: the description lists the requests"
like "$csv" "- \[ \] the last restore test's report" "csv: each marked"
like "$csv" "https://docs.example.org/keys" "csv: the question's page"

done_testing
