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
done_testing
