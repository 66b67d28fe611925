#!/bin/sh
# REPORT.md off the path of a change: a command returns without rendering
# it, and it follows a moment later, once, after the last of a burst;
# "wafr report --update" writes it now.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name Shop >/dev/null
ok $? "init"

for i in 1 2 3 4 5; do
	"$WAFR" answer "$W" priorities --note "Burst $i" >/dev/null
done
until_ok 10 grep -q "Burst 5" "$W/REPORT.md"
ok $? "after a burst of answers REPORT.md follows the last one"
settled=$(cat "$W/REPORT.md")
is "$("$WAFR" report "$W" --update; echo $?)" 0 "report --update exits 0"
is "$(cat "$W/REPORT.md")" "$settled" "and renders the same report"
is "$(git -C "$W" status --porcelain --untracked-files=no | grep -c REPORT.md)" 1 \
	"git diff shows REPORT.md changed"

# --update writes it now, whatever is due.
rm "$W/REPORT.md"
"$WAFR" report "$W" --update
ok $? "report --update after REPORT.md was removed"
is "$(cat "$W/REPORT.md")" "$settled" "writes it back at once"

# --if-newest: only for the newest change, so that an older change's
# refresh leaves the work to the newer one's.
newest=$("$WAFR" log "$W" | awk 'NR == 1 { print $1 }')
rm "$W/REPORT.md"
"$WAFR" report "$W" --update --if-newest "$((newest - 1))"
ok $? "--if-newest an older change exits 0"
ok "$([ ! -e "$W/REPORT.md" ]; echo $?)" "and writes nothing"
"$WAFR" report "$W" --update --if-newest "$newest"
like "$(cat "$W/REPORT.md")" "Burst 5" "--if-newest the newest change writes it"

# Usage errors.
"$WAFR" report "$W" --update --format html 2>/dev/null
is $? 2 "--update with --format is a usage error"
"$WAFR" report "$W" --if-newest 3 2>/dev/null
is $? 2 "--if-newest without --update is a usage error"
err=$("$WAFR" report "$W" --update --if-newest x 2>&1)
is $? 2 "--if-newest x is a usage error"
like "$err" 'takes a change.s number, not "x"' "and says why"

# A command's output is not held open by the refresh that follows it.
out=$("$WAFR" answer "$W" priorities --note "Piped" | cat)
like "$out" "priorities" "a piped answer prints its line and ends"

done_testing
