#!/bin/sh
# Milestones as git history: the snapshot files, commits and tags, the list,
# the risk-aware diff, and the cases that must leave nothing half-done.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
ok $? "init creates a workspace"
is "$(git -C "$W" rev-parse --is-inside-work-tree 2>&1)" true \
	"the workspace is a git repository"
is "$(git -C "$W" status --porcelain)" "" "its first commit holds every file"
is "$(cat "$W/.gitignore")" ".wafr/" ".gitignore leaves the live state out"
is "$(git -C "$W" ls-files answers | wc -l | tr -d ' ')" 57 \
	"one answer file per question"
is "$(git -C "$W" ls-files lenses workload.yaml REPORT.md | tr '\n' ' ')" \
	"REPORT.md lenses/wellarchitected.yaml workload.yaml " \
	"the lens, workload.yaml and REPORT.md are committed"
is "$(git -C "$W" log -1 --format='%an <%ae>')" "wafr <wafr@localhost>" \
	"without git config the author is a clear default"

mkdir -p "$HOME/.config/wafr"
printf 'set author "Ana Lima <ana@example.org>"\n' > "$HOME/.config/wafr/config"
"$WAFR" init "$TMP/authored" >/dev/null
is "$(git -C "$TMP/authored" log -1 --format='%an <%ae>')" "Ana Lima <ana@example.org>" \
	"without git config, the configured author"
rm "$HOME/.config/wafr/config"

git config --global user.name "Dana Lead"
git config --global user.email "dana@example.org"

A=$W/answers/wellarchitected/operationalExcellence/priorities.yaml
"$WAFR" answer "$W" priorities --none --note "Nobody decides.
Ça dépend." >/dev/null
"$WAFR" answer "$W" ops-model --select ops_ops_model_def_resource_owners \
	--select ops_ops_model_def_proc_owners \
	--select ops_ops_model_def_activity_owners \
	--select ops_ops_model_def_responsibilities_ownership >/dev/null
# REPORT.md follows a moment later, once the commands pause.
until_ok 10 grep -q '| Operational excellence | 11 | 2 | 1 | 1 |' "$W/REPORT.md"
is "$(git -C "$W" status --porcelain | tr '\n' ' ')" \
	" M REPORT.md  M answers/wellarchitected/operationalExcellence/ops-model.yaml  M answers/wellarchitected/operationalExcellence/priorities.yaml " \
	"git status shows what changed since the last commit"
is "$(cat "$A")" "question: priorities
number: OPS 1
title: How do you decide what your operations work should focus on?
risk: high
selected:
- ops_priorities_no
note: |-
  Nobody decides.
  Ça dépend." "the answer file is readable YAML, the note a literal block"
like "$(cat "$W/REPORT.md")" '\| Operational excellence \| 11 \| 2 \| 1 \| 1 \|' \
	"REPORT.md follows the live state"

out=$("$WAFR" milestone "$W" "Before fix")
is $? 0 "a milestone is saved"
like "$out" 'milestone/before-fix' "it names its tag"
is "$(git -C "$W" cat-file -t milestone/before-fix)" tag "the tag is annotated"
msg=$(git -C "$W" tag -l --format='%(contents)' milestone/before-fix)
like "$msg" '^Before fix$' "the tag message holds the name"
like "$msg" '^high: 1$' "and the tallies"
is "$(git -C "$W" status --porcelain)" "" "after a milestone nothing is left to commit"
is "$(git -C "$W" log -1 --format='%an <%ae>')" "Dana Lead <dana@example.org>" \
	"the author comes from git config"
# Its objects are one pack, which git reads and checks as its own.
is "$(git -C "$W" count-objects -v | sed -n 's/^count: //p')" 0 \
	"the milestone leaves no loose object"
is "$(ls "$W/.git/objects/pack" | grep -c '\.idx$')" 2 \
	"the first commit and the milestone are a pack each"
is "$(git -C "$W" fsck --full --strict --no-progress 2>&1)" "" \
	"git fsck --full --strict finds nothing amiss"
for idx in "$W"/.git/objects/pack/*.idx; do
	git -C "$W" verify-pack "$idx" || echo "bad: $idx"
done >"$TMP/verify" 2>&1
is "$(cat "$TMP/verify")" "" "git verify-pack checks each pack and its index"
is "$(git -C "$W" show milestone/before-fix:REPORT.md)" "$(cat "$W/REPORT.md")" \
	"git reads REPORT.md back from the pack as it is on disk"

head=$(git -C "$W" rev-parse HEAD)
err=$("$WAFR" milestone "$W" "before FIX!" 2>&1)
is $? 1 "a name that exists fails with status 1"
like "$err" 'already exists' "and says so"
is "$(git -C "$W" rev-parse HEAD)" "$head" "no commit is made"
err=$("$WAFR" milestone "$W" "" 2>&1)
is $? 1 "an empty name fails with status 1"
like "$err" 'needs a name' "and says so"
"$WAFR" milestone "$W" >/dev/null 2>&1
is $? 2 "a missing name is a usage error"

# The remediation: one HRI and one MRI closed, one of each opened.
"$WAFR" answer "$W" priorities --clear \
	--select ops_priorities_ext_cust_needs --select ops_priorities_int_cust_needs \
	--select ops_priorities_governance_reqs --select ops_priorities_compliance_reqs \
	--select ops_priorities_eval_threat_landscape --select ops_priorities_eval_tradeoffs \
	--note "Product decides, weekly." >/dev/null
"$WAFR" answer "$W" ops-model --select ops_ops_model_req_add_chg_exception >/dev/null
"$WAFR" answer "$W" identities --none >/dev/null
"$WAFR" answer "$W" org-culture --select ops_org_culture_executive_sponsor \
	--select ops_org_culture_team_enc_escalation \
	--select ops_org_culture_effective_comms >/dev/null
"$WAFR" answer "$W" permissions --note "Ask Bo about roles." >/dev/null
"$WAFR" milestone "$W" "After fix" >/dev/null
is $? 0 "a second milestone is saved"

list=$("$WAFR" milestones "$W")
is $? 0 "milestones lists them"
is "$(printf '%s\n' "$list" | sed -n '2p;3p' | sed 's/^[0-9-]* [0-9:]* *//')" \
	"1    1  After fix (milestone/after-fix)
1    1  Before fix (milestone/before-fix)" \
	"newest first, with HRI and MRI counts"
like "$(printf '%s\n' "$list" | sed -n 2p)" '^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] ' \
	"with their date"

d=$("$WAFR" diff "$W" "Before fix" "After fix")
is $? 0 "diff between two milestones"
like "$d" 'HRI 1 -> 1, MRI 1 -> 1' "it shows the totals"
is "$(printf '%s\n' "$d" | sed -n '/^Operational excellence/,/^$/p' | sed 's/  *$//')" \
"Operational excellence (operationalExcellence)
  HRIs closed:
    OPS 1   How do you decide what your operations work should focus on? (high -> none)
  MRIs closed:
    OPS 2   How is your organization set up so that teams can deliver business outcomes? (medium -> none)
  MRIs opened:
    OPS 3   How does your culture support the people who run the workload? (unanswered -> medium)
  Answers or notes changed:
    OPS 1   How do you decide what your operations work should focus on? (high -> none, answer, note)
    OPS 2   How is your organization set up so that teams can deliver business outcomes? (medium -> none, answer)
    OPS 3   How does your culture support the people who run the workload? (unanswered -> medium, answer)" \
	"per pillar: HRIs and MRIs closed and opened, answers changed"
like "$d" '^  HRIs opened:$' "an HRI opened in another pillar is shown"
like "$d" 'SEC 3 .*\(unanswered -> unanswered, note\)' "a changed note is shown"

j=$("$WAFR" diff "$W" before-fix milestone/after-fix --json)
is "$(printf '%s' "$j" | python3 -c '
import json, sys
d = json.load(sys.stdin)
out = []
for p in d["pillars"]:
    for k in ("hri_closed", "hri_opened", "mri_closed", "mri_opened"):
        out += ["%s:%s:%s" % (p["id"], k, q["id"]) for q in p[k]]
print(" ".join(out), d["from"]["high"], d["to"]["high"])')" \
	"operationalExcellence:hri_closed:priorities operationalExcellence:mri_closed:ops-model operationalExcellence:mri_opened:org-culture security:hri_opened:identities 1 1" \
	"--json gives the same as data"

"$WAFR" answer "$W" identities --clear >/dev/null
d=$("$WAFR" diff "$W" "After fix")
like "$d" 'to the live state' "TO defaults to the live state"
like "$d" 'SEC 2 .*\(high -> unanswered\)' "a live change shows against a milestone"
first=$(git -C "$W" rev-list --max-parents=0 HEAD)
d=$("$WAFR" diff "$W" "$first" HEAD)
is $? 0 "FROM and TO may be commits"
like "$d" 'HRI 0 -> 1' "a diff from the first commit"

g=$(git -C "$W" diff milestone/before-fix milestone/after-fix -- \
	answers/wellarchitected/operationalExcellence/priorities.yaml)
like "$g" '^-risk: high$' "plain git diff is readable on its own"
like "$g" '^\+- ops_priorities_ext_cust_needs$' "it shows the practices chosen"

err=$("$WAFR" diff "$W" "no such thing" 2>&1)
is $? 1 "an unknown milestone fails with status 1"
like "$err" 'no milestone, tag or commit "no such thing"' "and says so"

# A merge in progress, then a detached HEAD: refused, nothing done.
git -C "$W" rev-parse HEAD >"$W/.git/MERGE_HEAD"
head=$(git -C "$W" rev-parse HEAD)
err=$("$WAFR" milestone "$W" "During merge" 2>&1)
is $? 1 "a milestone during a merge fails with status 1"
like "$err" 'merge is in progress' "and says why"
is "$(git -C "$W" tag -l 'milestone/during*')" "" "no tag is made"
is "$(git -C "$W" rev-parse HEAD)" "$head" "no commit is made"
rm -f "$W/.git/MERGE_HEAD"
git -C "$W" checkout -q --detach
err=$("$WAFR" milestone "$W" "Detached" 2>&1)
is $? 1 "a milestone on a detached HEAD fails with status 1"
like "$err" 'HEAD is detached' "and says why"
is "$(git -C "$W" tag -l 'milestone/detached')" "" "no tag is made"
git -C "$W" checkout -q -

"$WAFR" milestone "$W" "Third" >/dev/null
is $? 0 "back on the branch, milestones work again"
is "$("$WAFR" milestones "$W" | sed -n 2p | sed 's/.*  //')" \
	"Third (milestone/third)" "the newest is listed first"

out=$("$WAFR" milestone "$W" "Étape 2 — revue")
like "$out" 'milestone/etape-2-revue' "accents leave the tag name, not the milestone"
like "$("$WAFR" diff "$W" "étape 2 revue")" '^From étape 2 revue' \
	"a milestone is found by its name written differently"
like "$("$WAFR" milestones "$W" | sed -n 2p)" ' Étape 2 — revue \(milestone/etape-2-revue\)$' \
	"the list shows the name as given"
err=$("$WAFR" milestone "$W" "   " 2>&1)
is $? 1 "a blank name fails with status 1"

# Saved within one second or not, the list keeps the order they were made in.
for i in 1 2 3 4 5 6; do "$WAFR" milestone "$W" "Quick $i" >/dev/null; done
is "$("$WAFR" milestones "$W" | sed -n '2,7p' | sed 's/.*  //' | tr '\n' ' ')" \
	"Quick 6 (milestone/quick-6) Quick 5 (milestone/quick-5) Quick 4 (milestone/quick-4) Quick 3 (milestone/quick-3) Quick 2 (milestone/quick-2) Quick 1 (milestone/quick-1) " \
	"milestones made in quick succession are listed newest first"

# init makes the repository aside and renames it: nothing of it is left
# beside .git, and .git is an ordinary repository of the workspace.
is "$(ls -a "$W" | grep -c 'wafr-tmp')" 0 "init leaves no temporary repository"
is "$(git -C "$W" config core.bare)" false "the repository is not bare"
is "$(git -C "$W" config core.worktree)" "" "and names no work tree: it is the folder's own"

# Temporary files and dot-files are never committed; stale temporaries
# (of a process that is gone, or older than a minute) are removed, a fresh
# one is left to the process writing it.
sh -c 'exit 0' & dead=$!; wait "$dead"
O=$W/answers/wellarchitected/operationalExcellence
"$WAFR" answer "$W" priorities --note "Temporaries around." >/dev/null
echo x >"$O/priorities.yaml.tmp.$dead"
echo x >"$O/.ops-model.yaml.wafr-tmp-Ab12Cd"
echo x >"$O/.ops-model.yaml.wafr-tmp-Old123"
touch -d '2 minutes ago' "$O/.ops-model.yaml.wafr-tmp-Old123"
echo x >"$W/answers/.DS_Store"
mkdir -p "$W/lenses/.hidden" && echo x >"$W/lenses/.hidden/x.yaml"
echo x >"$W/REPORT.md.tmp.$dead"
echo x >"$W/.workload.yaml.wafr-tmp-Fresh1"
echo "a file of its own" >"$O/kept.tmp.yaml"	# not a temporary: no PID after .tmp.
# One an older wafr committed: the next milestone takes it out.
echo x >"$O/org-culture.yaml.tmp.1"
git -C "$W" add -f "$O/org-culture.yaml.tmp.1" && git -C "$W" commit -q -m "by hand"
"$WAFR" milestone "$W" "Temporaries" >/dev/null
ok $? "a milestone with temporary files around"
is "$(git -C "$W" ls-tree -r --name-only HEAD | grep -E '\.tmp\.[0-9]+$|wafr-tmp|/\.')" "" \
	"no temporary file nor dot-file is committed, not even one committed before"
is "$(git -C "$W" show --name-only --format= HEAD | tr '\n' ' ')" \
	"REPORT.md answers/wellarchitected/operationalExcellence/kept.tmp.yaml answers/wellarchitected/operationalExcellence/org-culture.yaml.tmp.1 answers/wellarchitected/operationalExcellence/priorities.yaml " \
	"the milestone commits the changed answer and drops the old temporary"
is "$(cd "$W" && ls -a "$O" . | grep -E '\.tmp\.[0-9]+$|wafr-tmp' | sort | tr '\n' ' ')" \
	".ops-model.yaml.wafr-tmp-Ab12Cd .workload.yaml.wafr-tmp-Fresh1 org-culture.yaml.tmp.1 " \
	"stale temporaries are removed, fresh ones are left"
git -C "$W" rm -q "$O/kept.tmp.yaml" && git -C "$W" commit -q -m "by hand"
rm -f "$O/.ops-model.yaml.wafr-tmp-Ab12Cd" "$W/.workload.yaml.wafr-tmp-Fresh1" \
	"$O/org-culture.yaml.tmp.1" "$W/answers/.DS_Store"
rm -rf "$W/lenses/.hidden"

# A git lock: a fresh one is refused, saying which; a stale one is removed.
head=$(git -C "$W" rev-parse HEAD)
: >"$W/.git/refs/heads/master.lock"
err=$("$WAFR" milestone "$W" "Locked" 2>&1)
is $? 1 "a milestone while git holds the branch fails with status 1"
like "$err" 'refs/heads/master is being changed by another git command \(.*/\.git/refs/heads/master\.lock exists\)' \
	"and names the lock"
is "$(git -C "$W" rev-parse HEAD)$(git -C "$W" tag -l milestone/locked)" "$head" \
	"no commit and no tag is made"
touch -d '2 minutes ago' "$W/.git/refs/heads/master.lock"
"$WAFR" milestone "$W" "Locked" >/dev/null 2>"$TMP/err"
ok $? "a lock older than a minute is stale: the milestone is saved"
like "$(cat "$TMP/err")" 'removed .*/\.git/refs/heads/master\.lock, a lock left by an interrupted git command' \
	"and it says it removed the lock"
ok "$([ ! -e "$W/.git/refs/heads/master.lock" ]; echo $?)" "the stale lock is gone"
: >"$W/.git/refs/tags/milestone/tag-locked.lock"
err=$("$WAFR" milestone "$W" "Tag locked" 2>&1)
like "$err" 'refs/tags/milestone/tag-locked is being changed' "a fresh lock of the tag is refused"
rm -f "$W/.git/refs/tags/milestone/tag-locked.lock"
: >"$W/.git/index.lock"
"$WAFR" milestone "$W" "Index locked" >/dev/null 2>&1
ok $? "a fresh lock of the index (a git status, say) does not stop a milestone"
ok "$([ -e "$W/.git/index.lock" ]; echo $?)" "and is left to its owner"
rm -f "$W/.git/index.lock"

# Another wafr saving a milestone in the same workspace: refused.
python3 - "$W/.git/wafr-milestone" "$WAFR" "$W" >"$TMP/out" 2>&1 <<'PY'
import fcntl, subprocess, sys
with open(sys.argv[1], "w") as f:
    fcntl.lockf(f, fcntl.LOCK_EX)
    r = subprocess.run([sys.argv[2], "milestone", sys.argv[3], "Concurrent"],
                       capture_output=True, text=True)
    print(r.returncode, r.stderr.strip())
PY
like "$(cat "$TMP/out")" '^1 wafr: .*another wafr milestone is being saved there' \
	"a milestone while another is being saved is refused"
rm -f "$W/.git/wafr-milestone"

# A milestone killed after it moved the branch, before its tag: its guard
# names the commit; the next milestone makes the tag, at the commit's time.
"$WAFR" answer "$W" org-culture --note "Killed before its tag." >/dev/null
"$WAFR" report "$W" --update	# as the milestone did before its commit
git -C "$W" add -A REPORT.md answers workload.yaml lenses &&
git -C "$W" commit -q -m "Milestone: Killed

questions: 57"
killed=$(git -C "$W" rev-parse HEAD)
before=$(git -C "$W" rev-parse HEAD~1)
printf 'start 4242 %s\ncommit %s milestone/killed\n' "$(($(date +%s) - 5))" \
	"$killed" >"$W/.git/wafr-milestone"
: >"$W/.git/refs/heads/master.lock"
"$WAFR" milestone "$W" "Next" >/dev/null 2>"$TMP/err"
ok $? "the milestone after a killed one is saved"
like "$(cat "$TMP/err")" 'removed .*master\.lock.*; the milestone saved as tag milestone/killed was interrupted before its tag was made: the tag is made now' \
	"it removes the lock the killed one left (fresh but its own) and says it finished it"
is "$(git -C "$W" rev-parse 'milestone/killed^{commit}')" "$killed" \
	"the killed milestone's tag is made at its commit"
like "$(git -C "$W" tag -l --format='%(contents)' milestone/killed)" "^Killed$" \
	"with its name"
like "$(git -C "$W" tag -l --format='%(contents)' milestone/killed)" "^previous: $before$" \
	"and the commit it came after"
is "$(git -C "$W" tag -l 'milestone/*' --no-merged HEAD)" "" "every tag is on the branch"
# Killed again, and saved again under the same name with nothing changed:
# that finishes it.
git -C "$W" tag -d milestone/killed >/dev/null
printf 'start 4242 %s\ncommit %s milestone/killed\n' "$(($(date +%s) - 5))" \
	"$killed" >"$W/.git/wafr-milestone"
git -C "$W" reset -q --soft "$killed"
git -C "$W" reset -q --hard
out=$("$WAFR" milestone "$W" "Killed" 2>/dev/null)
ok $? "saving the killed milestone again finishes it"
like "$out" "milestone/killed \(commit ${killed%"${killed#???????}"}\)" "at the commit made before the kill"
is "$(git -C "$W" rev-parse HEAD)" "$killed" "without a new commit"

# A note with an emoji and a control character diffs line by line.
D=$TMP/diffs
"$WAFR" init "$D" --name "Diffs" >/dev/null
N=$D/answers/wellarchitected/operationalExcellence/priorities.yaml
note=$(printf 'Outage \360\237\232\250 on Monday\nthe pager rang \007 twice\nowner: Ana\nlast line')
"$WAFR" answer "$D" priorities --none --note "$note" >/dev/null
"$WAFR" milestone "$D" "Noted" >/dev/null
ok $? "a milestone with the note"
grep -q "$(printf 'Outage \360\237\232\250 on Monday')" "$N"
ok $? "the emoji is written as itself"
"$WAFR" answer "$D" priorities --note "$(printf '%s' "$note" | sed 's/^owner: Ana$/owner: Bo/')" >/dev/null
is "$(git -C "$D" diff --numstat -- "$N" | cut -f1,2 | tr '\t' ' ')" "1 1" \
	"one line of the note edited: git diff shows one line changed"
is "$(git -C "$D" diff -U0 -- "$N" | grep '^[-+][^-+]')" "-  owner: Ana
+  owner: Bo" "and it is that line"

# Most answer files of a milestone are known unanswered by their hash; one
# written by hand in another form, or with more in it, is read as it is.
F=$TMP/forms
"$WAFR" init "$F" --name "Forms" >/dev/null
O=$F/answers/wellarchitected/operationalExcellence
printf 'question: "ops-model"\nrisk: unanswered\n' >"$O/ops-model.yaml"
printf 'question: priorities\nnote: |\n  by hand\n' >"$O/priorities.yaml"
git -C "$F" commit -qam "By hand"
out=$("$WAFR" diff "$F" HEAD)
ok $? "a diff from answer files written by hand"
like "$out" "OPS 1 .*\(unanswered -> unanswered, note\)" "the note is read"
is "$(printf '%s\n' "$out" | grep -c '^    ')" 1 \
	"the unanswered file in another form is no change"

# A milestone stages what changed: a file added under lenses/ goes in, and
# out once removed; a file staged by hand elsewhere goes in as with git.
echo "read me" >"$F/lenses/README.txt"
echo "mine" >"$F/mine.txt"
git -C "$F" add mine.txt
"$WAFR" milestone "$F" "Added" >/dev/null
ok $? "a milestone with a new file"
is "$(git -C "$F" ls-tree -r --name-only HEAD | grep -c -e README.txt -e mine.txt)" 2 \
	"both files are committed"
is "$(git -C "$F" status --porcelain)" "" "nothing is left to commit"
rm "$F/lenses/README.txt"
"$WAFR" milestone "$F" "Removed" >/dev/null
is "$(git -C "$F" ls-tree -r --name-only HEAD | grep -c README.txt)" 0 \
	"the removed file leaves the next milestone"
is "$(git -C "$F" status --porcelain)" "" "and the index"

# A milestone takes the files the last one committed as they are while
# git has not changed the index since, but a file changed since, by hand
# or by git, is written back from the live state before it is committed.
F=$TMP/files
"$WAFR" init "$F" --name Files >/dev/null
FO=$F/answers/wellarchitected/operationalExcellence
FP=answers/wellarchitected/operationalExcellence/priorities.yaml
FC=answers/wellarchitected/operationalExcellence/org-culture.yaml
"$WAFR" answer "$F" priorities --note "Live note." >/dev/null
"$WAFR" milestone "$F" "One" >/dev/null
live=$(cat "$F/$FP")
cp -p "$F/$FP" "$TMP/times"
sed 's/Live note\./Hand note./' "$TMP/times" >"$F/$FP"
touch -r "$TMP/times" "$F/$FP"	# the same size and times but the change's
# written_back NAME FILE TEXT WHAT: milestone NAME writes FILE back as the
# live state holds it (TEXT), on disk and in its commit.
written_back() {
	"$WAFR" milestone "$F" "$1" >/dev/null
	is "$(cat "$F/$2")" "$3" "$4 is written back"
	is "$(git -C "$F" show "milestone/$(echo "$1" | tr A-Z a-z):$2")" "$3" \
	    "and committed as the live state holds it"
}
"$WAFR" answer "$F" org-culture --note "Live culture." >/dev/null
written_back Two "$FP" "$live" \
	"a file edited by hand (same size, same modification time)"
culture=$(cat "$F/$FC")
git -C "$F" checkout -q milestone/one -- "$FC"
# Its index entry matching it, not racily (as a later git status leaves it).
touch -d '2 minutes ago' "$F/$FC" && git -C "$F" update-index -q --refresh
"$WAFR" answer "$F" priorities --note "Live note, again." >/dev/null
written_back Three "$FC" "$culture" \
	"a file git checked out from an older milestone"
is "$(git -C "$F" status --porcelain)" "" "git status is clean after each"
rm -f "$FO/org-culture.yaml"
"$WAFR" answer "$F" priorities --note "Live note, once more." >/dev/null
written_back Four "$FC" "$culture" "a file removed by hand"

# The store vouches for the files it wrote: put back from a copy made
# before a change, it has the next milestone write that file again.
"$WAFR" milestone "$F" "Five" >/dev/null
cp -a "$F/.wafr" "$TMP/store-copy"
before=$(cat "$F/$FP")
"$WAFR" answer "$F" priorities --note "Changed after the copy." >/dev/null
"$WAFR" milestone "$F" "Six" >/dev/null
rm -rf "$F/.wafr" && cp -a "$TMP/store-copy" "$F/.wafr"
"$WAFR" answer "$F" org-culture --note "After the store came back." >/dev/null
written_back Seven "$FP" "$before" "after the store is put back, its answer"

done_testing
