#!/bin/sh
# The improve phase on screen: the improvement plan (i), the roadmap (r)
# edited in place, milestones (m, M) and their diff, evidence (e) and
# verification (v); each checked afterwards with the command line.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
# Two HRIs in two pillars and an MRI; security first by priority.
"$WAFR" answer "$W" priorities --none >/dev/null
"$WAFR" answer "$W" securely-operate --none >/dev/null
"$WAFR" answer "$W" org-culture --select ops_org_culture_executive_sponsor \
    --select ops_org_culture_team_enc_escalation \
    --select ops_org_culture_effective_comms >/dev/null
"$WAFR" workload "$W" pillar-priorities "security,operationalExcellence"

# line_of REGEX: the screen row (from 1) of the first line matching.
line_of() { screen_text | grep -En -- "$1" | head -1 | cut -d: -f1; }

screen_start 100x32 "$WAFR" "$W" "; echo EXITED \$?"
shows 'Pillars' "the review opens"

# --- The improvement plan ---
screen_keys i
shows 'Improvement plan: 2 high, 1 medium' "i opens the improvement plan"
a=$(line_of 'HRI SEC +SEC 1 ')
b=$(line_of 'HRI OPS +OPS 1 ')
c=$(line_of 'MRI OPS +OPS 3 ')
ok $([ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$a" -lt "$b" ] &&
    [ "$b" -lt "$c" ]; echo $?) \
    "findings by risk, then the pillar priorities (security first)"
like "$(screen_text)" '> HRI SEC +SEC 1 ' "the cursor starts on the first"
like "$(screen_text)" 'Practices still missing: 8' \
    "the finding's missing practices show"
like "$(screen_text)" 'SEC01-BP01 Give workloads' "each by its code and title"
like "$(screen_text)" 'https://docs.aws.amazon.com/wellarchitected/' \
    "with its link"
like "$(screen_text)" 'Enter question' "the status line shows the plan's keys"
screen_keys j
shows '> HRI OPS +OPS 1 ' "j moves down the plan"
shows 'Practices still missing: 6' "the detail follows the cursor"
screen_keys Enter
shows 'Pillars' "Enter goes back to the review"
shows '>HRI OPS 1 ' "on the finding's question"

# --- The roadmap from the plan ---
screen_keys i
shows '> HRI OPS +OPS 1 ' "the plan keeps its cursor"
screen_keys t
shows 'taken onto the roadmap' "t takes the finding onto the roadmap"
shows 'Roadmap: Open' "the finding shows its roadmap status"
screen_keys o
shows 'Owner' "o asks for the owner"
screen_keys -l 'Dana Lead'
screen_keys Enter
shows 'owner: Dana Lead' "the owner is set in place"
screen_keys f
shows 'Effort: \[1 Small\]' "f offers the efforts"
screen_keys 1
shows 'effort: Small' "the effort is set"
screen_keys T
screen_wait 'Ticket'
screen_keys -l 'OPS-12'
screen_keys Enter
shows 'ticket: OPS-12' "T sets the ticket"
screen_keys d
screen_wait 'Target date'
screen_keys -l '2026-02-30'
screen_keys Enter
shows 'is not a date \(YYYY-MM-DD\)' "an impossible target date is refused"
screen_keys d
screen_wait 'Target date'
screen_keys -l '2026-12-01'
screen_keys Enter
shows 'target: 2026-12-01' "a valid target date is set"
screen_keys s
shows 'Status: \[1 Open\]' "s offers the statuses"
screen_keys 2
shows 'status: In progress' "the status is set"
out=$("$WAFR" roadmap "$W")
like "$out" 'In progress \(1\)' "wafr roadmap: the item is in progress"
like "$out" 'HRI +small +wellarchitected/priorities' \
    "wafr roadmap: with its effort"
like "$out" 'owner: Dana Lead ticket: OPS-12 target: 2026-12-01' \
    "wafr roadmap: its owner, ticket and target date"

# An accepted risk needs a reason.
screen_keys k s 4
shows 'Why is the risk accepted' "accepting a risk asks why"
screen_keys Enter
shows 'needs a reason' "an empty reason is refused"
screen_keys s 4
screen_wait 'Why is the risk accepted'
screen_keys -l 'retired in Q3'
screen_keys Enter
shows 'status: Accepted risk' "with a reason the risk is accepted"
like "$("$WAFR" roadmap "$W" securely-operate)" 'reason: retired in Q3' \
    "wafr roadmap: the reason is kept"

screen_keys r
shows 'Roadmap: by status' "r opens the roadmap"
like "$(screen_text)" 'High-risk issues: 2 now, 1 still open, 0 not on' \
    "the roadmap counts the HRIs still open"
a=$(line_of '^ In progress \(1\)')
b=$(line_of '^ Accepted risk \(1\)')
ok $([ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; echo $?) \
    "grouped by status"
like "$(screen_text)" 'HRI Small +OPS 1 .*Dana Lead +OPS-12 +2026-12-01 +In progress' \
    "an item shows its effort, owner, ticket and target"
screen_keys G
shows '> HRI .*SEC 1 .*retired in Q3' "G goes to the last item"
screen_keys s 3
shows 'status: Done' "the status is edited in the roadmap"
shows '> HRI .*SEC 1 .*Done, risk still open' \
    "done while still high risk: the row says done, risk still open"
like "$(screen_text)" 'High-risk issues: 2 now, 2 still open' \
    "... and it counts as open again"
"$WAFR" answer "$W" securely-operate --select sec_securely_operate_multi_accounts \
    --select sec_securely_operate_aws_account \
    --select sec_securely_operate_control_objectives \
    --select sec_securely_operate_updated_threats \
    --select sec_securely_operate_threat_model \
    --select sec_securely_operate_reduce_management_scope \
    --select sec_securely_operate_implement_services_features \
    --select sec_securely_operate_automate_security_controls >/dev/null
shows '>  ok - +SEC 1 ' "an item whose risk is gone says so"
shows '^ Done \(1\)' "with its risk gone, the done item moves to its group"
"$WAFR" answer "$W" securely-operate --none >/dev/null
shows '> HRI - +SEC 1 ' "and its risk comes back"
screen_keys G Enter
shows 'Pillars' "Enter on an item goes back to the review"
shows '>HRI OPS 1 ' "on the item's question"

# --- Evidence and verification ---
like "$(screen_text)" 'Evidence \(e\): 0' "the detail shows the evidence"
screen_keys e
shows 'Evidence \(link' "e asks for evidence"
screen_keys -l 'https://wiki.example.org/ops-priorities'
screen_keys Enter
shows 'evidence added' "the evidence is added"
shows '- https://wiki.example.org/ops-priorities' "and shown under the question"
screen_keys e
shows 'Evidence: \[1 add evidence\]' "e with evidence offers add or remove"
screen_keys 1
screen_wait 'Evidence \(link'
screen_keys -l 'docs/runbook.md'
screen_keys Enter
shows 'Evidence \(e\): 2' "a second piece is added"
screen_keys v
shows 'verification: Self-reported' "v marks it self-reported"
screen_keys v
shows 'verification: Verified in the workshop' "v again: verified"
out=$("$WAFR" answer "$W" priorities)
like "$out" 'evidence 1: https://wiki.example.org/ops-priorities' \
    "wafr answer: the evidence added on screen"
like "$out" 'evidence 2: docs/runbook.md' "wafr answer: the second piece"
like "$out" 'verification: verified' "wafr answer: the verification"
screen_keys e 2
shows 'evidence removed' "evidence is removed from the menu"
out=$("$WAFR" answer "$W" priorities)
is "$(printf '%s\n' "$out" | grep -c '^evidence [0-9]*:')" 1 \
    "wafr answer: one piece is left"
like "$out" 'evidence 1: docs/runbook.md' "the other one, now the first"

# --- Milestones ---
screen_keys m
shows 'Milestone name:' "m asks for the milestone's name"
screen_keys -l 'Before fix'
screen_keys Enter
shows 'Milestone "Before fix" saved as tag milestone/before-fix: 2 HRI, 1 MRI' \
    "the milestone is saved"
like "$("$WAFR" milestones "$W")" 'Before fix \(milestone/before-fix\)' \
    "wafr milestones lists it"
screen_keys m
screen_wait 'Milestone name:'
screen_keys -l 'Before fix'
screen_keys Enter
shows 'already exists' "a duplicate name is refused clearly"
screen_keys m Enter
shows 'needs a name' "an empty name is refused clearly"
git -C "$W" rev-parse HEAD >"$W/.git/MERGE_HEAD"
screen_keys m
screen_wait 'Milestone name:'
screen_keys -l 'Mid merge'
screen_keys Enter
shows 'a git merge is in progress' "a merge in progress is refused clearly"
rm -f "$W/.git/MERGE_HEAD"
git -C "$W" checkout -q --detach
screen_keys m
screen_wait 'Milestone name:'
screen_keys -l 'Detached'
screen_keys Enter
shows 'HEAD is detached' "a detached HEAD is refused clearly"
git -C "$W" checkout -q -
is "$("$WAFR" milestones "$W" | grep -c 'milestone/')" 1 \
    "no refused milestone was saved"

screen_keys M
shows 'Milestones, newest first' "M opens the milestones view"
like "$(screen_text)" '> Before fix +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{5} +HRI 2 +MRI 1' \
    "a milestone with its date and counts"
screen_keys q
shows 'Pillars' "q goes back to the review"
# Close an HRI: every practice of SEC 1 in place.
screen_keys u
"$WAFR" answer "$W" securely-operate --select sec_securely_operate_multi_accounts \
    --select sec_securely_operate_aws_account \
    --select sec_securely_operate_control_objectives \
    --select sec_securely_operate_updated_threats \
    --select sec_securely_operate_threat_model \
    --select sec_securely_operate_reduce_management_scope \
    --select sec_securely_operate_implement_services_features \
    --select sec_securely_operate_automate_security_controls >/dev/null
shows 'HRI 1  MRI 1' "the change made elsewhere shows"
screen_keys m
screen_wait 'Milestone name:'
screen_keys -l 'After fix'
screen_keys Enter
shows 'Milestone "After fix" saved' "a second milestone"
screen_keys M
shows '> After fix ' "the newest milestone comes first"
a=$(line_of 'After fix')
b=$(line_of 'Before fix')
ok $([ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; echo $?) \
    "newest first"
screen_keys j Enter
shows 'Diff: Before fix .* -> the live state' \
    "Enter shows the diff against the live state"
like "$(screen_text)" 'HRI 2 -> 1, MRI 1 -> 1' "with the risk totals"
like "$(screen_text)" 'HRIs closed:' "the HRI closed"
like "$(screen_text)" 'SEC 1 +high -> none  What keeps the day-to-day running of your workload secure\?' \
    "names the question, its change first"
screen_keys End
shows '> +SEC 1 +high -> none.*What keeps the day-to-day' "the diff is a list"
screen_keys Enter
shows 'Pillars' "Enter on a question of the diff goes to the review"
shows '> ok SEC 1 ' "on that question"
screen_keys M j Enter
shows 'Diff: Before fix .* -> the live state' "the diff again"
screen_keys Escape
shows 'Milestones, newest first' "Esc closes the diff"
screen_keys Space k Enter
shows 'Diff: Before fix .* -> After fix' "a marked milestone diffs with another"
like "$(screen_text)" 'HRIs closed:' "between the two milestones"

# --- The mouse ---
# click COL ROW: a left click, as an xterm sends it (SGR mode).
click() {
	screen_keys -l "$(printf '\033[<0;%s;%sM\033[<0;%s;%sm' "$1" "$2" \
	    "$1" "$2")"
}
screen_keys Escape q i
screen_wait 'Improvement plan: '
row=$(line_of 'MRI OPS +OPS 3 ')
click 10 "$row"
shows '> MRI OPS +OPS 3 ' "a click selects a finding"
click 10 "$row"
shows '>MRI OPS 3 ' "a second click goes to its question"

# --- Text from files stays text ---
"$WAFR" answer "$W" org-culture \
    --evidence "$(printf 'see \033[31mRED\033[0m here')" >/dev/null
"$WAFR" roadmap "$W" org-culture \
    --owner "$(printf 'Eve\033]0;pwned\007')" >/dev/null
shows 'see \^\[\[31mRED\^\[\[0m here' "evidence shows its escapes inert"
screen_keys i
shows 'Eve\^\[\]0;pwned\^G' "so does an owner in the plan"
screen_keys r
shows 'Eve\^\[\]0;pwned\^G' "and in the roadmap"
title=$(tmux -S "$TMUX_SOCKET" display-message -p -t t '#{pane_title}')
case $title in *pwned*) r=1 ;; *) r=0 ;; esac
ok $r "no control sequence reached the terminal"
screen_keys g X
shows 'Remove from the roadmap\? \[1 keep it\]' "X asks before taking an item off"
screen_keys 2
shows 'taken off the roadmap' "the item is taken off"
out=$("$WAFR" roadmap "$W")
case $out in *org-culture*) r=1 ;; *) r=0 ;; esac
ok $r "wafr roadmap: the item is gone"
screen_keys q
screen_wait 'Pillars'

# --- Help ---
# page_to REGEX: page down the help until it shows REGEX.
page_to() {
	local i=0
	while [ "$i" -lt 12 ] && ! screen_text | grep -Eq -- "$1"; do
		screen_keys PgDn
		screen_wait "$1" 1
		i=$((i + 1))
	done
	like "$(screen_text)" "$1" "$2"
}
screen_keys '?'
screen_wait 'Keys \(every change'
page_to ' e +add or remove evidence' "? shows e"
page_to ' v +cycle the verification' "? shows v"
page_to ' i +show the improvement plan' "? shows i"
page_to ' r +show the remediation roadmap' "? shows r"
page_to ' M +list the milestones' "? shows M"
page_to 'Improvement plan \(i\)' "? has a section for the plan"
page_to ' t +take the finding onto the roadmap' "with its keys"
page_to 'Roadmap \(r\)' "and one for the roadmap"
page_to 'd +set the target date' "with its keys"
page_to 'Milestones \(M\)' "and one for the milestones"
page_to 'Space +mark a milestone' "with its keys"
screen_keys q
shows 'Pillars' "q leaves the help for the view it came from"
screen_keys i '?'
screen_wait 'Keys \(every change'
screen_keys q
shows 'Improvement plan: ' "the plan, when asked from the plan"
screen_keys q
screen_wait 'Pillars'
screen_keys q
shows 'EXITED 0' "q quits"

done_testing
