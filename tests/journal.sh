#!/bin/bash
# The journal: every change to a review is logged (wafr log), and can be
# undone (wafr undo, z on the screen) and redone (wafr redo, Z), restoring
# the files byte for byte; what each check asserts is what a user sees: the
# command's output and exit status, the files, the tallies, the screen.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is not installed"
	exit 0
fi
# The interpreter itself, run with -S (no site packages), not a wrapper that
# may cost a fraction of a second a call (pyenv shims): the log is read many
# times.
PY=$(python3 -c 'import sys; print(sys.executable)')
# lib.sh's status_field, with that interpreter.
status_field() {
	"$WAFR" status "$1" --json | "$PY" -S -c '
import json, sys
d = json.load(sys.stdin)
if len(sys.argv) > 2:
    print([p for p in d["pillars"] if p["id"] == sys.argv[2]][0][sys.argv[1]])
else:
    print(d["totals"][sys.argv[1]])' "$2" ${3:+"$3"}
}
have_tmux=0
command -v tmux >/dev/null 2>&1 && have_tmux=1

OPS=answers/wellarchitected/operationalExcellence
PRI=$OPS/priorities.yaml
MODEL=$OPS/ops-model.yaml

# skip N REASON: N skipped test points.
skip() {
	local i=0
	while [ "$i" -lt "$1" ]; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP $2"
		i=$((i + 1))
	done
}

# logq DIR EXPR [QUESTION]: a Python expression over `wafr log DIR
# [QUESTION] --json`, the list L (newest first); a tuple prints as words.
# $SEQ, when set, is in SEQ (an int). Prints ERROR: ... when the log is not
# a JSON array or the expression fails.
logq() {
	local dir=$1 expr=$2; shift 2
	"$WAFR" log "$dir" "$@" --json 2>"$TMP/log.err" | "$PY" -S -c '
import calendar, json, os, re, sys, time
try:
    L = json.load(sys.stdin)
    assert isinstance(L, list)
except Exception as e:
    print("ERROR: wafr log --json gave no JSON array (%s)" % e)
    sys.exit(0)
try:
    SEQ = int(os.environ["SEQ"]) if os.environ.get("SEQ") else None
    r = eval("(" + sys.argv[1].strip() + ")")
    print(" ".join(map(str, r)) if isinstance(r, tuple) else r)
except Exception as e:
    print("ERROR: %r" % (e,))' "$expr"
}
# The newest entry, as "op target undone".
newest() { logq "$1" 'L[0]["op"], L[0]["target"], L[0]["undone"]'; }
# The newest entry's op and "undoes", and the undone flag of entry $SEQ. A
# redo's "undoes" names the change it redid (not the undo entry).
after_step() {
	logq "$1" 'L[0]["op"], L[0].get("undoes"),
	    [e["undone"] for e in L if e["seq"] == SEQ][0]'
}

# snap NAME DIR FILE...: save, as they are now, the files named (paths in
# DIR), workload.yaml, every answer file and `wafr status --json`.
snap() {
	local dir=$2 s=$TMP/snap/$1; shift 2
	rm -rf "$s" && mkdir -p "$s"
	(cd "$dir" && cp -a --parents workload.yaml "$@" "$s/" 2>/dev/null)
	cp -a "$dir/answers" "$s/all-answers"
	"$WAFR" status "$dir" --json >"$s/status.json"
	printf '%s\n' "$@" >"$s/files"
}
# differ NAME DIR: what differs from what snap NAME saved, byte for byte
# (cmp): the files it names, workload.yaml, the answers, the tallies.
differ() {
	local s=$TMP/snap/$1 dir=$2 bad='' f
	for f in workload.yaml $(cat "$s/files"); do
		cmp -s "$s/$f" "$dir/$f" || bad="$bad $f"
	done
	diff -r "$s/all-answers" "$dir/answers" >/dev/null 2>&1 ||
	    bad="$bad answers/"
	"$WAFR" status "$dir" --json >"$TMP/status.now" 2>&1
	cmp -s "$s/status.json" "$TMP/status.now" || bad="$bad status--json"
	echo "${bad# }"
}
# same_as NAME DIR DESCRIPTION: nothing differs.
same_as() { is "$(differ "$1" "$2")" "" "$3"; }
# has_line TEXT LINE DESCRIPTION: TEXT has LINE, whole.
has_line() {
	tap_n=$((tap_n + 1))
	if printf '%s\n' "$1" | grep -Fqx -- "$2"; then
		echo "ok $tap_n - $3"
	else
		echo "not ok $tap_n - $3"
		printf '%s\n' "$1" | head -20 | sed 's/^/#   /'
		echo "#   expected the line: $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# round_trip LABEL DIR OP TARGET "FILE..." COMMAND...: make a change with
# COMMAND; the log names it; undo gives back the files saved before it,
# byte for byte, redo those after it. $ON_UNDO and $ON_REDO, when set, are
# run after each (checks of what the screen shows).
round_trip() {
	local label=$1 dir=$2 op=$3 target=$4 files=$5 out rc seq undo_bad bad
	local changed
	shift 5
	snap before "$dir" $files
	"$@" >/dev/null 2>"$TMP/err"
	ok $? "$label: the change is made"
	snap after "$dir" $files
	changed=$(differ before "$dir")
	is "$(newest "$dir")" "$op $target False" \
	    "$label: log names op $op, target $target, not undone"
	seq=$(logq "$dir" 'L[0]["seq"]')
	out=$("$WAFR" undo "$dir" 2>"$TMP/err"); rc=$?
	is "$rc" 0 "$label: wafr undo exits 0"
	is "$out" "undone: $op $target" "$label: undo says what it undid"
	undo_bad=$(differ before "$dir")
	[ -z "$changed" ] && undo_bad="${undo_bad:+$undo_bad; }the change changed no file"
	is "$undo_bad" "" "$label: undo restores the files and the tallies"
	[ "$out" = "undone: $op $target" ] || undo_bad="${undo_bad:-undo failed}"
	is "$(SEQ=$seq after_step "$dir")" "undo $seq True" \
	    "$label: log shows the undo, naming the change, marked undone"
	[ -n "${ON_UNDO:-}" ] && $ON_UNDO
	out=$("$WAFR" redo "$dir" 2>"$TMP/err"); rc=$?
	is "$rc" 0 "$label: wafr redo exits 0"
	is "$out" "redone: $op $target" "$label: redo says what it redid"
	bad=$(differ after "$dir")
	[ -n "$undo_bad" ] && bad="${bad:+$bad; }the undo before it failed"
	is "$bad" "" "$label: redo restores the files after the change"
	is "$(SEQ=$seq after_step "$dir")" "redo $seq False" \
	    "$label: log shows the redo, the change no longer undone"
	[ -n "${ON_REDO:-}" ] && $ON_REDO
	ON_UNDO='' ON_REDO=''
}

# The screen, for the parts that need it.
selected() {	# DIR QUESTION CHOICE: is the choice ticked?
	"$WAFR" answer "$1" "$2" | grep -q "^  \[x\] $3\$"
}

# ====================================================================
# One change of each kind, undone and redone.
J=$TMP/j
"$WAFR" init "$J" --name "Journal shop" >/dev/null
ok $? "init"

# (a) wafr answer --select
round_trip "select" "$J" select wellarchitected/priorities "$PRI" \
    "$WAFR" answer "$J" priorities --select ops_priorities_ext_cust_needs
ok "$(selected "$J" priorities ops_priorities_ext_cust_needs; echo $?)" \
    "select: after redo the choice shows ticked"

# (b) a toggle on the screen (Space), undone and redone from another
# terminal while the screen is open: the screen follows.
if [ "$have_tmux" = 1 ]; then
	screen_start 120x40 "$WAFR" "$J" "; echo EXITED \$?"
	screen_wait 'Pillars'
	screen_keys Tab j
	screen_wait '>.{3} OPS 2 '
	screen_toggle() {
		screen_keys Tab Space
		screen_wait '> \[x\] Name an owner for every resource' &&
		    until_ok 5 selected "$J" ops-model \
		    ops_ops_model_def_resource_owners
	}
	undo_shows() {
		screen_wait '> \[ \] Name an owner for every resource' 3
		undo_shown=$?
		ok $undo_shown \
		    "screen: an undo from the command line shows on the open screen"
	}
	redo_shows() {
		ok "$([ "$undo_shown" = 0 ] && screen_wait \
		    '> \[x\] Name an owner for every resource' 3; echo $?)" \
		    "screen: and so does the redo"
	}
	ON_UNDO=undo_shows ON_REDO=redo_shows
	round_trip "screen Space" "$J" select wellarchitected/ops-model \
	    "$MODEL" screen_toggle
	screen_keys q
	shows 'EXITED 0' "screen: quits"
	screen_stop
else
	skip 13 "tmux is not installed"
fi

# (c) a note
round_trip "note" "$J" note wellarchitected/priorities "$PRI" \
    "$WAFR" answer "$J" priorities --note "$(printf 'Line one\nZeile zwei: äöü ✓')"
like "$("$WAFR" answer "$J" priorities)" 'Zeile zwei: äöü ✓' \
    "note: after redo the note shows"

# (d) evidence: two pieces added, the first removed
"$WAFR" answer "$J" priorities --evidence "https://wiki.example.org/one" \
    --evidence "docs/two.md" >/dev/null
out=$("$WAFR" answer "$J" priorities)
has_line "$out" 'evidence 1: https://wiki.example.org/one' \
    "evidence is listed numbered from 1: evidence 1: TEXT"
has_line "$out" 'evidence 2: docs/two.md' "evidence 2: TEXT"
is "$(newest "$J")" "evidence-add wellarchitected/priorities False" \
    "log: evidence-add"
round_trip "evidence removal" "$J" evidence-remove wellarchitected/priorities \
    "$PRI" "$WAFR" answer "$J" priorities --remove-evidence 1
out=$("$WAFR" answer "$J" priorities)
is "$(printf '%s\n' "$out" | grep '^evidence')" "evidence 1: docs/two.md" \
    "evidence removal: after redo one piece is left, renumbered"
"$WAFR" answer "$J" priorities --remove-evidence 5 >/dev/null 2>"$TMP/err"
is $? 1 "--remove-evidence past the last piece fails with status 1"
is "$("$WAFR" answer "$J" priorities)" "$out" "and changes nothing"

# (e) the roadmap (priorities, one practice in place, is a high risk)
round_trip "roadmap" "$J" roadmap wellarchitected/priorities "$PRI" \
    "$WAFR" roadmap "$J" priorities --owner Ana --effort small \
    --target 2027-01-31
like "$("$WAFR" roadmap "$J" priorities)" 'owner: Ana .*target: 2027-01-31' \
    "roadmap: after redo the item shows"

# (f) a workload property
round_trip "workload" "$J" workload owner "" \
    "$WAFR" workload "$J" owner "Platform team"
is "$("$WAFR" workload "$J" owner)" "Platform team" \
    "workload: after redo the property shows"

# (g) the agenda: the target is the property's key, as in workload.yaml
round_trip "agenda" "$J" agenda agenda/wellarchitected/security "" \
    "$WAFR" agenda "$J" SEC 30
like "$("$WAFR" agenda "$J")" 'wellarchitected/security +Security +30 min' \
    "agenda: after redo the time box shows"

# Options of several kinds in one call: one entry, op "answer".
round_trip "several kinds" "$J" answer wellarchitected/ops-model "$MODEL" \
    "$WAFR" answer "$J" ops-model --select ops_ops_model_def_proc_owners \
    --note "Owners named in the wiki"

# --unverified
"$WAFR" answer "$J" priorities --verified >/dev/null
is "$(newest "$J")" "verification wellarchitected/priorities False" \
    "log: --verified is a verification change"
round_trip "--unverified" "$J" verification wellarchitected/priorities \
    "$PRI" "$WAFR" answer "$J" priorities --unverified
case $("$WAFR" answer "$J" priorities) in
*verification:*) r=1 ;;
*) r=0 ;;
esac
ok $r "--unverified: the answer no longer shows a verification"
out=$("$WAFR" undo "$J" 2>&1)
ok "$([ "$out" = "undone: verification wellarchitected/priorities" ] &&
    "$WAFR" answer "$J" priorities | grep -qx 'verification: verified'
    echo $?)" "--unverified undone: verified again"
"$WAFR" redo "$J" >/dev/null 2>&1

# --- The log ---
n=$(logq "$J" 'len(L)')
ok "$([ "$n" -ge 20 ] 2>/dev/null; echo $?)" \
    "log --json lists every change, undo and redo (at least 20)"
is "$(logq "$J" '
all(set(e) >= {"seq", "time", "author", "op", "target", "undone"} and
    isinstance(e["undone"], bool) for e in L)')" True \
    "log --json: each entry has seq, time, author, op, target, undone"
is "$(logq "$J" '
all(("undoes" in e) == (e["op"] in ("undo", "redo")) and
    (not "undoes" in e or isinstance(e["undoes"], int)) for e in L)')" True \
    "log --json: undo and redo entries, and only they, name the entry they undo"
is "$(logq "$J" 'sorted(set(e["author"] for e in L))')" "['Test Author']" \
    "log --json: the author is git's author (GIT_AUTHOR_NAME)"
is "$(logq "$J" '
all(isinstance(e["seq"], int) for e in L) and
    [e["seq"] for e in L] == sorted((e["seq"] for e in L), reverse=True) and
    len(set(e["seq"] for e in L)) == len(L)')" True \
    "log --json: newest first, each seq once"
is "$(logq "$J" '
all(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z",
    e["time"]) and abs(time.time() - calendar.timegm(time.strptime(e["time"],
    "%Y-%m-%dT%H:%M:%SZ"))) < 600 for e in L)')" True \
    "log --json: each time is ISO 8601 UTC (YYYY-MM-DDTHH:MM:SSZ), and now"
is "$(logq "$J" '
[(e["op"], e["undone"]) for e in L if e["op"] not in ("undo", "redo")][0]')" \
    "verification False" \
    "log --json: the newest change is the last one made, not undone"

out=$("$WAFR" log "$J" 2>&1)
is $? 0 "wafr log exits 0"
first=$(printf '%s\n' "$out" | grep -m1 'Test Author')
like "$first" 'redo' "wafr log: newest first (the redo just made)"
like "$out" 'evidence-remove.* wellarchitected/priorities' \
    "wafr log: each entry names its op and target"

# QUESTION filters.
is "$(logq "$J" 'sorted(set(e["target"] for e in L))' priorities)" \
    "['wellarchitected/priorities']" "log QUESTION: only that question's entries"
is "$(logq "$J" '
all(o in [e["op"] for e in L] for o in ("select", "note", "evidence-add",
    "evidence-remove", "roadmap", "verification"))' priorities)" True \
    "log QUESTION: every kind of change to it"
a=$(logq "$J" 'len(L) > 0 and L' wellarchitected/priorities)
b=$(logq "$J" 'len(L) > 0 and L' priorities)
ok "$([ "$a" = "$b" ] && [ "${a#ERROR}" = "$a" ] && [ "$a" != False ]
    echo $?)" "log QUESTION: by id or lens/id, the same entries"
if [ "$have_tmux" = 1 ]; then
	want="['answer', 'select']"	# the screen's toggle, then "several kinds"
else
	want="['answer']"
fi
is "$(logq "$J" '[e["op"] for e in L if e["op"] not in ("undo", "redo")]' ops-model)" \
    "$want" "log QUESTION: ops-model's own changes, newest first"
"$WAFR" log "$J" nosuch >/dev/null 2>&1
is $? 1 "log of an unknown question fails with status 1"

# The journal is in the store, never in git-tracked files.
n=$(logq "$J" 'len(L)')
ok "$([ "$n" -gt 0 ] 2>/dev/null; echo $?)" \
    "there is a journal (for the checks that it is in no git file)"
st=$(git -C "$J" status --porcelain --untracked-files=all)
bad=$(printf '%s\n' "$st" | sed 's/^...//' | grep -Ev \
    '^(REPORT\.md|workload\.yaml|answers/[^ ]+\.yaml|lenses/[^ ]+)$' | grep .)
is "$bad" "" "git status lists no journal file (only the review's files)"
is "$(grep -rl -e 'evidence-remove' -e '"undoes"' --exclude-dir=.git \
    --exclude-dir=.wafr "$J" | sed "s|^$J/||")" "" \
    "no file of the workspace outside .wafr holds the journal"
"$WAFR" milestone "$J" "Journal day" >/dev/null
ok $? "a milestone commits the review"
is "$(git -C "$J" ls-files | grep -Ev '^(REPORT\.md|workload\.yaml|\.gitignore|\.gitattributes|answers/.+\.yaml|lenses/.+)$')" "" \
    "and the commit holds no journal file"

# The journal survives sync.
before=$(logq "$J" '[e["seq"] for e in L]')
"$WAFR" sync "$J" >/dev/null
ok $? "sync"
is "$(SEQS="$before" logq "$J" '
set(eval(os.environ["SEQS"])) <= set(e["seq"] for e in L)')" True \
    "after sync the log still lists every earlier entry"
is "$(logq "$J" 'len([e for e in L if e["op"] == "evidence-remove"])' priorities)" 1 \
    "with its op and target"

# ====================================================================
# Undo of "None of these" gives back the five practices it cleared.
N=$TMP/n
"$WAFR" init "$N" --name "None" >/dev/null
FIVE="ops_ops_model_def_resource_owners ops_ops_model_def_proc_owners
ops_ops_model_def_activity_owners ops_ops_model_def_responsibilities_ownership
ops_ops_model_req_add_chg_exception"
args=
for c in $FIVE; do args="$args --select $c"; done
"$WAFR" answer "$N" ops-model $args >/dev/null
ticked() { "$WAFR" answer "$N" ops-model | sed -n 's/^  \[x\] //p' | tr '\n' ' '; }
is "$(ticked)" "$(echo $FIVE) " "five practices ticked"
round_trip "none" "$N" none wellarchitected/ops-model "$MODEL" \
    "$WAFR" answer "$N" ops-model --none
is "$(ticked)" "ops_ops_model_no " "--none clears every other choice"
"$WAFR" undo "$N" >/dev/null 2>&1
is "$(ticked)" "$(echo $FIVE) " "undo of none: all five practices are back"
"$WAFR" answer "$N" ops-model --none >/dev/null
"$WAFR" answer "$N" ops-model --select ops_ops_model_def_proc_owners >/dev/null
is "$(ticked)" "ops_ops_model_def_proc_owners " \
    "selecting another choice clears None of these"

# ====================================================================
# Nothing to undo or redo; a new change clears what could be redone.
E=$TMP/e
"$WAFR" init "$E" --name "Empty" >/dev/null
out=$("$WAFR" undo "$E" 2>"$TMP/err"); rc=$?
is "$rc" 1 "undo with nothing to undo exits 1"
is "$(cat "$TMP/err")" "wafr: nothing to undo" "and says so on stderr"
is "$out" "" "and prints nothing on stdout"
"$WAFR" redo "$E" >/dev/null 2>"$TMP/err"
is $? 1 "redo with nothing to redo exits 1"
is "$(cat "$TMP/err")" "wafr: nothing to redo" "and says so on stderr"

"$WAFR" answer "$E" priorities --select ops_priorities_ext_cust_needs >/dev/null
"$WAFR" answer "$E" ops-model --none >/dev/null
"$WAFR" answer "$E" org-culture --na OUT_OF_SCOPE >/dev/null
is "$("$WAFR" undo "$E" 2>&1)" "undone: question-na wellarchitected/org-culture" \
    "undo: the newest change first (question-na)"
is "$("$WAFR" undo "$E" 2>&1)" "undone: none wellarchitected/ops-model" \
    "undo again: the one before it"
is "$(status_field "$E" answered)" 1 "two changes undone: one answer is left"
is "$("$WAFR" redo "$E" 2>&1)" "redone: none wellarchitected/ops-model" \
    "redo: the change undone last first"
is "$(status_field "$E" answered)" 2 "redone: it counts again"
snap redo-cleared "$E"
"$WAFR" answer "$E" sus_region --na BUSINESS_PRIORITIES >/dev/null
snap new-change "$E"
"$WAFR" redo "$E" >/dev/null 2>"$TMP/err"
is $? 1 "redo after a new change exits 1: the new change clears redo"
is "$(cat "$TMP/err")" "wafr: nothing to redo" "and says so"
same_as new-change "$E" "and changes nothing"
is "$("$WAFR" undo "$E" 2>&1)" "undone: question-na wellarchitected/sus_region" \
    "undo then undoes the new change"
same_as redo-cleared "$E" "back to the state before it"

# ====================================================================
# A milestone is not undone: undo after it undoes the change before it.
M=$TMP/m
"$WAFR" init "$M" --name "Milestones" >/dev/null
"$WAFR" answer "$M" priorities --none >/dev/null
snap before-ms "$M" "$PRI"
"$WAFR" answer "$M" priorities --note "Agreed in the workshop" >/dev/null
"$WAFR" milestone "$M" "Workshop day 1" >/dev/null
ok $? "a milestone"
is "$(logq "$M" 'L[0]["op"]')" "milestone" "log: the milestone is journaled"
out=$("$WAFR" undo "$M" 2>&1)
is "$out" "undone: note wellarchitected/priorities" \
    "undo after a milestone undoes the change before it"
same_as before-ms "$M" "and restores the files as they were before that change"
tag_there() {
	git -C "$M" rev-parse -q --verify refs/tags/milestone/workshop-day-1 \
	    >/dev/null
}
ok "$([ "$out" = "undone: note wellarchitected/priorities" ] && tag_there
    echo $?)" "after the undo the milestone's tag still exists"
ok "$([ "$out" = "undone: note wellarchitected/priorities" ] &&
    "$WAFR" milestones "$M" | grep -q 'Workshop day 1 (milestone/workshop-day-1)'
    echo $?)" "and wafr milestones still lists it"
out=$("$WAFR" undo "$M" 2>&1)
is "$out" "undone: none wellarchitected/priorities" \
    "undo again: the change before (the milestone is skipped)"
"$WAFR" undo "$M" >/dev/null 2>"$TMP/err"
is $? 1 "then nothing is left to undo (the milestone is not undone)"
ok "$([ "$out" = "undone: none wellarchitected/priorities" ] && tag_there
    echo $?)" "and the tag is still there"

# ====================================================================
# Selecting a choice marked not applicable makes it applicable again.
R=$TMP/r
"$WAFR" init "$R" --name "Rules" >/dev/null
C=ops_org_culture_executive_sponsor
"$WAFR" answer "$R" org-culture --choice-na $C=OUT_OF_SCOPE >/dev/null
like "$("$WAFR" answer "$R" org-culture)" "\[-\] $C \(OUT_OF_SCOPE\)" \
    "a choice marked not applicable"
is "$(newest "$R")" "choice-na wellarchitected/org-culture False" "log: choice-na"
"$WAFR" answer "$R" org-culture --select $C >/dev/null
out=$("$WAFR" answer "$R" org-culture)
has_line "$out" "  [x] $C" "--select on it: the choice is selected"
case $out in *"[-] $C"*) r=1 ;; *) r=0 ;; esac
ok $r "and no longer not applicable"
f=$R/$OPS/org-culture.yaml
is "$("$PY" -S -c '
import re, sys
t = open(sys.argv[1]).read()
print("choices-not-applicable" in t, bool(re.search(r"^- " + sys.argv[2] + "$", t, re.M)))' "$f" $C)" \
    "False True" "the answer file has it selected, not also not applicable"
"$WAFR" answer "$R" org-culture --choice-na $C=OTHER >/dev/null
out=$("$WAFR" answer "$R" org-culture)
like "$out" "\[-\] $C \(OTHER\)" "marked not applicable again"
case $out in *"[x] $C"*) r=1 ;; *) r=0 ;; esac
ok $r "which unselects it"
is "$("$WAFR" undo "$R" 2>&1)" "undone: choice-na wellarchitected/org-culture" \
    "undo: choice-na"
like "$("$WAFR" answer "$R" org-culture)" "  \[x\] $C" "selected again"
"$WAFR" answer "$R" org-culture --unselect $C >/dev/null
is "$(newest "$R")" "unselect wellarchitected/org-culture False" "log: unselect"
"$WAFR" answer "$R" org-culture --choice-na $C=OTHER >/dev/null
"$WAFR" answer "$R" org-culture --choice-applicable $C >/dev/null
is "$(newest "$R")" "choice-applicable wellarchitected/org-culture False" \
    "log: choice-applicable"
"$WAFR" answer "$R" org-culture --select ops_org_culture_effective_comms >/dev/null
"$WAFR" answer "$R" org-culture --clear >/dev/null
is "$(newest "$R")" "clear wellarchitected/org-culture False" "log: clear"
is "$(status_field "$R" answered)" 0 "cleared: nothing answered"
"$WAFR" answer "$R" sus_region --na OUT_OF_SCOPE >/dev/null
"$WAFR" answer "$R" sus_region --applicable >/dev/null
is "$(newest "$R")" "applicable wellarchitected/sus_region False" "log: applicable"
is "$(logq "$R" '[e["op"] for e in L][:2]' sus_region)" \
    "['applicable', 'question-na']" "log: question-na"

# Another author: git's user.name when GIT_AUTHOR_NAME is not set.
git -C "$R" config user.name "Repo Person"
env -u GIT_AUTHOR_NAME "$WAFR" answer "$R" priorities --none >/dev/null
is "$(logq "$R" 'L[0]["author"]')" "Repo Person" \
    "log: without GIT_AUTHOR_NAME the author is git's user.name"

# ====================================================================
# Lenses added and removed.
L=$TMP/l
"$WAFR" init "$L" --name "Lenses" >/dev/null
"$WAFR" lens add "$L" serverless >/dev/null 2>"$TMP/err"
is $? 0 "lens add ID"
is "$(status_field "$L" questions)" 91 "its questions count"
ok "$(test -f "$L/lenses/wafr-serverless.yaml"; echo $?)" "it is pinned: lenses/wafr-serverless.yaml"
has_line "$(cat "$L/workload.yaml")" '- wafr-serverless' "workload.yaml lists it"
is "$(newest "$L")" "lens-add wafr-serverless False" "log: lens-add, the lens id"
"$WAFR" lens add "$L" "$top_srcdir/tests/lenses/edge.json" >/dev/null 2>&1
is $? 0 "lens add FILE (AWS JSON)"
is "$(status_field "$L" questions)" 93 "its questions count"
is "$(newest "$L")" "lens-add edge False" "log: lens-add, the id made from the file name"
was=$(test -f "$L/lenses/edge.json" && test -d "$L/answers/edge"; echo $?)
is "$was" 0 "it is pinned as it is (lenses/edge.json), with its answer files"
"$WAFR" lens remove "$L" edge >/dev/null 2>&1
is $? 0 "lens remove: a lens without answers goes"
is "$(status_field "$L" questions)" 91 "its questions no longer count"
ok "$([ "$was" = 0 ] && test ! -e "$L/lenses/edge.json" &&
    test ! -e "$L/answers/edge"; echo $?)" \
    "its pinned file and answer files are gone"
is "$(newest "$L")" "lens-remove edge False" "log: lens-remove"

SQ=$("$WAFR" answer "$L" wafr-serverless/sls_ops_health 2>/dev/null | sed -n 's/^  \[ \] //p' | head -1)
SF=answers/wafr-serverless/operationalExcellence/sls_ops_health.yaml
"$WAFR" answer "$L" wafr-serverless/sls_ops_health --select "$SQ" --note "Serverless note" >/dev/null
"$WAFR" milestone "$L" "With serverless" >/dev/null
snap lens-before "$L" lenses/wafr-serverless.yaml "$SF"
"$WAFR" lens remove "$L" wafr-serverless >/dev/null 2>"$TMP/err"
is $? 1 "lens remove: refused when the lens has answers"
like "$(cat "$TMP/err")" '^wafr: .*(answer|serverless)' "and says why"
same_as lens-before "$L" "and changes nothing"
was=$(test -f "$L/lenses/wafr-serverless.yaml" && test -f "$L/$SF" &&
    grep -qx -- '- wafr-serverless' "$L/workload.yaml"; echo $?)
"$WAFR" lens remove "$L" wafr-serverless --force >/dev/null 2>"$TMP/err"
is $? 0 "lens remove --force"
ok "$([ "$was" = 0 ] && [ "$(status_field "$L" questions)" = 57 ]; echo $?)" \
    "only the framework's questions are left"
ok "$([ "$was" = 0 ] && test ! -e "$L/lenses/wafr-serverless.yaml" &&
    test ! -e "$L/answers/wafr-serverless"; echo $?)" \
    "the lens's pinned file and answer files are gone"
ok "$([ "$was" = 0 ] && ! grep -qx -- '- wafr-serverless' "$L/workload.yaml"
    echo $?)" "workload.yaml no longer lists it"
git -C "$L" log -p -- "$SF" | grep -q "^+- $SQ\$"
ok $? "git log -p still has its answers"
is "$(newest "$L")" "lens-remove wafr-serverless False" "log: lens-remove wafr-serverless"
is "$("$WAFR" undo "$L" 2>&1)" "undone: lens-remove wafr-serverless" "undo of lens remove"
same_as lens-before "$L" \
    "brings back lenses/wafr-serverless.yaml and its answer files, byte for byte"
like "$("$WAFR" answer "$L" wafr-serverless/sls_ops_health 2>&1)" "note: Serverless note" \
    "and the answers show again"
was=$(test -f "$L/lenses/wafr-serverless.yaml"; echo $?)
is "$("$WAFR" redo "$L" 2>&1)" "redone: lens-remove wafr-serverless" "redo of lens remove"
ok "$([ "$was" = 0 ] && test ! -e "$L/lenses/wafr-serverless.yaml"; echo $?)" \
    "the lens is gone again"

# ====================================================================
# The screen: z and Z, what a destructive step says, another terminal's
# undo and milestone, hidden notes.
if [ "$have_tmux" = 1 ]; then
	S=$TMP/s
	"$WAFR" init "$S" --name "Screen" >/dev/null
	"$WAFR" answer "$S" ops-model $args >/dev/null
	"$WAFR" answer "$S" ops-model --note "Visible note" >/dev/null
	screen_start 120x40 "$WAFR" "$S" "; echo EXITED \$?"
	shows 'Pillars' "screen: the review opens"
	screen_keys Tab j
	screen_wait '>.{3} OPS 2 '
	screen_keys Tab End Space
	shows '5 practices cleared' \
	    "screen: None of these over 5 practices says they were cleared" 3
	like "$(screen_text | tail -2)" 'z undoes' "and that z undoes it"
	# The contract names no op for Space on "None of these": the CLI's
	# "none", or "select" (of the choice ops_ops_model_no).
	like "$(newest "$S")" '^(none|select) wellarchitected/ops-model False$' \
	    "log: the screen's None of these is journaled"
	screen_keys z
	screen_wait '> \[ \] None of these' 3
	z_ok=$?
	ok $z_ok "screen: z undoes: None of these unticked"
	is "$(screen_text | grep -c '\[x\]')" 5 "screen: the five practices ticked again"
	is "$("$WAFR" answer "$S" ops-model | grep -c '^  \[x\]')" 5 \
	    "wafr answer: five practices again"
	is "$(logq "$S" 'L[0]["op"], L[1]["undone"]')" "undo True" \
	    "log: the screen's undo"
	screen_keys Z
	ok "$([ "$z_ok" = 0 ] && screen_wait '> \[x\] None of these' 3 &&
	    [ "$(screen_text | grep -c '\[x\]')" = 1 ]; echo $?)" \
	    "screen: Z redoes: the practices cleared again"

	# An undo in another terminal shows on the open screen.
	like "$("$WAFR" undo "$S" 2>&1)" '^undone: (none|select) wellarchitected/ops-model$' \
	    "the command line undoes the screen's change"
	shows '> \[ \] None of these' "screen: the undo shows within a poll" 3
	is "$(screen_text | grep -c '\[x\]')" 5 "screen: with the five practices"

	# z on the screen undoes a change made on the command line.
	"$WAFR" answer "$S" ops-model --unselect ops_ops_model_def_proc_owners >/dev/null
	screen_wait '\[ \] Give each operational process an owner' 3
	is "$(screen_text | grep -c '\[x\]')" 4 "screen: a command-line change shows"
	screen_keys z
	screen_wait '\[x\] Give each operational process an owner' 3
	is "$(screen_text | grep -c '\[x\]')" 5 "screen: z undoes the command line's change"
	ok "$(selected "$S" ops-model ops_ops_model_def_proc_owners; echo $?)" \
	    "wafr answer: undone"

	# A milestone saved on the command line shows in the header.
	like "$(screen_text | head -1)" 'no milestone' "screen: no milestone yet"
	"$WAFR" milestone "$S" "Screen day" >/dev/null
	screen_wait 'Screen day'
	like "$(screen_text | head -1)" 'Screen day' \
	    "screen: a milestone from the command line shows in the header at its next poll"

	# z and Z in the help.
	screen_keys '?'
	screen_wait 'Keys \(every change'
	help_has() {	# KEY WORD: a help row binds KEY to a text with WORD
		screen_text | "$PY" -S -c '
import re, sys
for l in sys.stdin.read().split("\n"):
    m = re.match(r"^  +(\S.*?)  +(\S.*)$", l)
    if m and sys.argv[1] in m.group(1).split() and sys.argv[2] in m.group(2).lower():
        sys.exit(0)
sys.exit(1)' "$1" "$2"
	}
	# Page down until each has shown (they may sit on two pages).
	i=0 z_seen=1 Z_seen=1
	while [ "$i" -lt 10 ]; do
		help_has z undo && z_seen=0
		help_has Z redo && Z_seen=0
		[ "$z_seen$Z_seen" = 00 ] && break
		screen_keys PgDn
		sleep 0.2
		i=$((i + 1))
	done
	ok "$z_seen" "help: z undoes"
	ok "$Z_seen" "help: Z redoes"
	screen_keys q q
	shows 'EXITED 0' "screen: quits"
	screen_stop

	# present --hide-notes / --show-notes set the flag, open no screen.
	"$WAFR" present "$S" --hide-notes </dev/null >"$TMP/out" 2>"$TMP/err"
	hide_rc=$?
	is $hide_rc 0 "present --hide-notes exits 0 without a terminal"
	is "$(logq "$S" 'L[0]["op"]')" "hide-notes" "log: hide-notes"
	screen_start 120x40 "$WAFR" "$S"
	shows 'Note \(n: edit; hidden from the audience' \
	    "screen: the note is marked hidden from the audience"
	screen_stop
	screen_start 80x24 "$WAFR" present "$S"
	screen_wait 'How is your organization set up'
	sleep 0.5
	case $(screen_text) in *"Visible note"*) r=1 ;; *) r=$hide_rc ;; esac
	ok $r "the audience view hides the note"
	screen_stop
	"$WAFR" present "$S" --show-notes </dev/null >"$TMP/out" 2>"$TMP/err"
	is $? 0 "present --show-notes exits 0"
	is "$(logq "$S" 'L[0]["op"]')" "show-notes" "log: show-notes"
	screen_start 80x24 "$WAFR" present "$S"
	ok "$([ "$hide_rc" = 0 ] && screen_wait 'Visible note'; echo $?)" \
	    "the audience view shows the note again"
	screen_stop
	screen_start 120x40 "$WAFR" "$S"
	ok "$([ "$hide_rc" = 0 ] && screen_wait 'Note \(n: edit, E: \$EDITOR\)'
	    echo $?)" "screen: the note is no longer marked hidden"
	screen_stop
else
	skip 28 "tmux is not installed"
fi

done_testing
