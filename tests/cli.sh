#!/bin/sh
# The command-line contract: init, status, answer, exit statuses.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
ok $? "init creates a workspace"
is "$(status_field "$W" questions)" 57 "the default lens has 57 questions"
is "$(status_field "$W" unanswered)" 57 "nothing is answered yet"

"$WAFR" init "$W" >/dev/null 2>&1
is $? 1 "a second init fails with status 1"

"$WAFR" answer "$W" priorities --none >/dev/null
is "$(status_field "$W" high operationalExcellence)" 1 "None of these is a high risk"

done_testing
