#!/bin/bash
# Durability: answers are applied while the process is killed with SIGKILL at
# random moments. Every answer whose command returned must be there, a killed
# one is either wholly there or wholly absent, and the workspace always opens.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" >/dev/null || { ok 1 "init"; done_testing; exit; }
QUESTIONS="priorities ops-model org-culture observability dev-integ
securely-operate identities permissions data-classification
backing-up-data planning-for-recovery cloud-financial-management"

# The selected choices of a question, one line, in lens order.
selected() { "$WAFR" answer "$W" "$1" | sed -n 's/^  \[x\] //p' | tr '\n' ' '; }
# The nth choice of a question.
choice() { "$WAFR" answer "$W" "$1" | sed -n 's/^  \[.\] //p' | sed -n "${2}p"; }

declare -A expect
for q in $QUESTIONS; do expect[$q]=""; done
RANDOM=42
# Kill moments spread over one and a half times a command's life, measured
# here: a slow build (sanitizers) gets later kills.
t0=$(date +%s%N)
for i in 1 2 3; do "$WAFR" answer "$W" priorities --note "timing" >/dev/null; done
life_us=$(( ($(date +%s%N) - t0) / 3000 ))
"$WAFR" answer "$W" priorities --note "" >/dev/null
iterations=150 returned=0 killed=0 bad=0 opened=0

for i in $(seq "$iterations"); do
	set -- $QUESTIONS
	shift $((RANDOM % 12))
	q=$1
	c=$(choice "$q" $((RANDOM % 3 + 1)))
	before=${expect[$q]}
	case " $before" in
	*" $c "*) op=--unselect ;;
	*) op=--select ;;
	esac
	"$WAFR" answer "$W" "$q" $op "$c" >/dev/null 2>&1 &
	pid=$!
	# Kill at a random moment within the command's life, or not at all.
	delay=$(( (RANDOM * 32768 + RANDOM) % (life_us * 3 / 2 + 1) ))
	sleep "$(printf '0.%06d' "$delay")"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	status=$?
	now=$(selected "$q")
	if [ "$status" -eq 0 ]; then
		returned=$((returned + 1))
		after=$(printf '%s\n' $before $c | sort -u)
		[ "$op" = --unselect ] && after=$(printf '%s\n' $before | grep -vx -- "$c")
		# Compare as sets.
		a=$(printf '%s\n' $after | sort | tr '\n' ' ')
		b=$(printf '%s\n' $now | sort | tr '\n' ' ')
		[ "$a" = "$b" ] || { bad=$((bad + 1)); echo "# $q: expected '$a', found '$b'"; }
	else
		killed=$((killed + 1))
	fi
	expect[$q]=$now
	"$WAFR" status "$W" >/dev/null 2>&1 && opened=$((opened + 1))
done

echo "# $returned returned, $killed killed"
ok $((killed == 0)) "some commands were killed mid-way ($killed)"
ok $((returned == 0)) "some commands returned ($returned)"
is "$bad" 0 "every answer whose command returned is there"
is "$opened" "$iterations" "the workspace opened cleanly after every kill"

# --- Milestones killed ---
# "wafr milestone" is killed at random moments and, where strace can do it,
# as it enters each call that changes the repository (link, rename,
# unlink: objects, refs, the index). After each kill the next milestone
# works: no lock is left that blocks it, no tag points off the branch, a
# commit whose tag was not made yet gets it, and no temporary file is ever
# committed. Answers killed on the way leave temporary files to skip.
M=$TMP/m
"$WAFR" init "$M" >/dev/null
# The milestone tags that are not on the branch.
off_branch() { git -C "$1" tag -l 'milestone/*' --no-merged HEAD; }
# The system calls strace can kill at, of those that change files.
killable=
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null
then
	for s in link linkat rename renameat renameat2 unlink unlinkat; do
		strace -qq -o /dev/null -e trace="$s" true 2>/dev/null &&
		    killable="$killable $s"
	done
fi
# calls SYSCALL TRACE: how many times the traced command made it.
calls() { grep -c "^$1(" "$2"; }
# LeakSanitizer cannot work under ptrace: no leak check in traced commands.
traced_env() { env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@"; }
# trace OUT COMMAND...: run it, writing the calls that change files to OUT.
trace() {
	local out=$1; shift
	traced_env strace -qq -o "$out" -e trace="$(echo $killable | tr ' ' ',')" "$@"
}
# strace_kill SYSCALL N COMMAND...: run it, killed as it enters its Nth SYSCALL.
strace_kill() {
	local s=$1 n=$2; shift 2
	traced_env strace -qq -o /dev/null -e trace="$s" \
	    -e inject="$s:signal=KILL:when=$n" "$@"
}
# rounds: the milestones killed; then the status of the next one.
returned=0 killed=0 failed=0 off=0 rounds=0
after_kill() {
	case $1 in
	0)	returned=$((returned + 1)) ;;
	137)	killed=$((killed + 1)) ;;
	*)	failed=$((failed + 1)); sed 's/^/# '"$2"': /' "$TMP/out" ;;
	esac
	[ -z "$(off_branch "$M")" ] || { off=$((off + 1)); echo "# $2: a tag off the branch"; }
	rounds=$((rounds + 1))
}

# A milestone's life as in the rounds: after a changed answer.
life_us=0
for i in 1 2 3; do
	"$WAFR" answer "$M" priorities --note "before timing $i" >/dev/null
	t0=$(date +%s%N)
	"$WAFR" milestone "$M" "Timing $i" >/dev/null
	life_us=$(( life_us + ($(date +%s%N) - t0) / 3000 ))
done
t0=$(date +%s%N)
for i in 1 2 3; do "$WAFR" answer "$M" priorities --note "timing $i" >/dev/null; done
answer_us=$(( ($(date +%s%N) - t0) / 3000 ))
for i in $(seq 25); do
	"$WAFR" answer "$M" priorities --note "round $i" >/dev/null 2>&1 &
	pid=$!
	if [ $((RANDOM % 2)) -eq 0 ]; then
		sleep "$(printf '0.%06d' $(( (RANDOM * 32768 + RANDOM) % (answer_us + 1) )))"
		kill -KILL "$pid" 2>/dev/null
	fi
	{ wait "$pid"; } 2>/dev/null
	"$WAFR" milestone "$M" "Round $i" >"$TMP/out" 2>&1 &
	pid=$!
	sleep "$(printf '0.%06d' $(( (RANDOM * 32768 + RANDOM) % (life_us * 3 / 2 + 1) )))"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	after_kill $? "round $i"
done
ok $((killed == 0)) "some milestones were killed at random moments ($killed)"
ok $((returned == 0)) "some milestones returned ($returned)"

if [ -n "$killable" ]; then
	"$WAFR" answer "$M" ops-model --note "measure" >/dev/null
	trace "$TMP/trace" "$WAFR" milestone "$M" "Measured" >/dev/null
	n=0 strace_killed=0
	for s in $killable; do
		c=$(calls "$s" "$TMP/trace")
		for k in $(seq "$c"); do
			n=$((n + 1))
			"$WAFR" answer "$M" ops-model --note "kill $s $k" >/dev/null
			{ strace_kill "$s" "$k" "$WAFR" milestone "$M" "Kill $s $k" \
			    >"$TMP/out" 2>&1; } 2>/dev/null
			st=$?
			[ "$st" -eq 137 ] && strace_killed=$((strace_killed + 1))
			after_kill 0 "kill at $s $k"
			"$WAFR" milestone "$M" "After $s $k" >"$TMP/out" 2>&1
			after_kill $? "the milestone after the kill at $s $k"
		done
	done
	echo "# $strace_killed milestones killed at one of $n calls"
	ok $((strace_killed == 0)) "milestones were killed as they entered each call that changes the repository ($strace_killed)"

	# One killed before its tag (at the link of the tag's reference),
	# the next killed as it writes its start in the guard: the one
	# after makes the first one's tag all the same.
	G=$TMP/guard
	"$WAFR" init "$G" >/dev/null
	"$WAFR" answer "$G" priorities --note "untagged" >/dev/null
	strace_kill link 2 "$WAFR" milestone "$G" "Untagged" >/dev/null 2>&1
	untagged=$(git -C "$G" rev-parse -q --verify refs/tags/milestone/untagged)
	like "$(sed -n 2p "$G/.git/wafr-milestone")" '^commit [0-9a-f]* milestone/untagged$' \
	    "a milestone killed before its tag: the guard names its commit (${untagged:-no tag})"
	"$WAFR" answer "$G" priorities --note "taking the guard" >/dev/null
	strace_kill write 1 "$WAFR" milestone "$G" "Taking" >/dev/null 2>&1
	is $? 137 "the next one killed at its first write, its start in the guard"
	"$WAFR" milestone "$G" "After both" >/dev/null 2>&1
	is "$(git -C "$G" rev-parse 'milestone/untagged^{commit}' 2>/dev/null)" \
	    "$(git -C "$G" log --format=%H --grep='^Milestone: Untagged$')" \
	    "the one after makes the first one's tag at its commit"
else
	echo "# strace cannot kill here: milestones killed at random moments only"
fi
echo "# milestones: $rounds rounds, $returned returned, $killed killed, $failed failed"
is "$failed" 0 "no milestone failed after one was killed (no stale lock blocks it)"
is "$off" 0 "after every kill, every milestone tag is on the branch"
out=$("$WAFR" milestone "$M" "After the kills" 2>&1)
ok $? "a milestone after the kills works"
is "$(find "$M/.git" -name '*.lock' | sed "s|^$M/||")" "" "no git lock is left"
is "$(tail -n 1 "$M/.git/wafr-milestone" | cut -d ' ' -f 1)" done \
	"the guard says the last milestone is done: nothing is left to finish"
is "$(off_branch "$M")" "" "every milestone tag is on the branch"
# A milestone killed between moving the branch and making its tag was
# finished by the next one: each milestone commit has its tag.
git -C "$M" for-each-ref --format='%(*objectname)' refs/tags/milestone/ |
	sort >"$TMP/tagged"
untagged=$(git -C "$M" log --format='%H %s' |
	sed -n 's/^\([0-9a-f]*\) Milestone: .*/\1/p' | sort | comm -23 - "$TMP/tagged")
is "$untagged" "" "every milestone commit has its tag"
is "$(git -C "$M" log --all --name-only --format= | sort -u |
	grep -E '\.tmp\.[0-9]+$|\.wafr-tmp-|^(lenses|answers)/(.*/)?\.')" "" \
	"no temporary or dot-file was ever committed"
git -C "$M" fsck --no-progress --no-dangling >"$TMP/fsck" 2>&1
ok $? "git fsck finds the repository sound"
is "$(git -C "$M" status --porcelain | grep -v '^??')" "" "git status is clean after the milestone"

# --- Init killed ---
# A killed init may leave a half-made workspace (or the folder it builds
# one in), but never a half-made git repository: wherever a .git is, it has
# its first commit, which holds the answers.
half=0 made=0 returned=0 rounds=0
# after_init STATUS PARENT WHAT: check every .git under PARENT.
after_init() {
	local g
	rounds=$((rounds + 1))
	[ "$1" -eq 0 ] && returned=$((returned + 1))
	for g in $(find "$2" -maxdepth 2 -name .git); do
		made=$((made + 1))
		if ! git --git-dir="$g" rev-parse -q --verify HEAD >/dev/null ||
		    [ -z "$(git --git-dir="$g" ls-tree -r --name-only HEAD -- answers)" ]; then
			half=$((half + 1)); echo "# $3: a half-made ${g#"$2"/}"
		fi
	done
	if [ "$1" -eq 0 ] && [ ! -d "$2/w/.git" ]; then
		half=$((half + 1)); echo "# $3: init returned without .git"
	fi
}
t0=$(date +%s%N)
for i in 1 2 3; do "$WAFR" init "$TMP/timing-$i" >/dev/null; done
init_us=$(( ($(date +%s%N) - t0) / 3000 ))
for i in $(seq 10); do
	mkdir "$TMP/ik-$i"
	"$WAFR" init "$TMP/ik-$i/w" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%06d' $(( (RANDOM * 32768 + RANDOM) % (init_us * 3 / 2 + 1) )))"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	after_init $? "$TMP/ik-$i" "init killed at random $i"
done
if [ -n "$killable" ]; then
	trace "$TMP/trace" "$WAFR" init "$TMP/init-measured" >/dev/null
	for s in $killable; do
		c=$(calls "$s" "$TMP/trace")
		# Six moments spread over the calls, the last one among them:
		# the repository is made last.
		for k in $(seq "$c" "-$(( c / 6 + 1 ))" 1); do
			d=$TMP/ik-$s-$k
			mkdir "$d"
			{ strace_kill "$s" "$k" "$WAFR" init "$d/w" >/dev/null 2>&1; } 2>/dev/null
			after_init $? "$d" "init killed at $s $k"
		done
	done
fi
echo "# init: $rounds rounds, $returned returned, $made repositories found"
is "$half" 0 "a killed init never leaves a half-made git repository"
done_testing
