#!/bin/sh
# The bundled framework lens against the table of framework facts
# (tests/data/wellarchitected-ids.tsv: pillar, question number and id,
# choice id, best-practice code, risk if missing). Ids, order, codes and
# risk levels must match exactly, checked through wafr itself where it
# shows them and through the YAML where it does not. Within a question the
# table's rows are in the order the AWS console lists the practices (its
# API's choice order), which is not always best-practice code order.
. "$(dirname "$0")/lib.sh"

TABLE=$top_srcdir/tests/data/wellarchitected-ids.tsv
LENS=$top_srcdir/data/lenses/wellarchitected.yaml
W=$TMP/w

# same GOT-FILE EXPECTED-FILE DESCRIPTION: files equal, else show the diff.
same() {
	tap_n=$((tap_n + 1))
	if cmp -s "$1" "$2"; then
		echo "ok $tap_n - $3"
	else
		echo "not ok $tap_n - $3"
		diff "$2" "$1" | head -20 | sed 's/^/#   /'
		tap_failed=$((tap_failed + 1))
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $*"
}

# What the table says.
tab() { awk -F'\t' 'NR > 1'"$1" "$TABLE"; }
tab '&& !seen[$1]++ { print $1 }' >"$TMP/t-pillars"
tab '&& !seen[$3]++ { print $3 "\t" $2 }' >"$TMP/t-questions"
tab '{ print $3 "\t" $5 }' >"$TMP/t-choices"
tab '&& $6 != "" { print $5 "\t" $6 "\t" tolower($7) }' >"$TMP/t-practices"
tab '&& $6 == "" { print $3 "\t" $5 }' >"$TMP/t-none"

is "$(wc -l <"$TMP/t-pillars" | tr -d ' ')" 6 "the table has 6 pillars"
is "$(wc -l <"$TMP/t-questions" | tr -d ' ')" 57 "the table has 57 questions"
is "$(wc -l <"$TMP/t-choices" | tr -d ' ')" 364 "the table has 364 choices"
is "$(wc -l <"$TMP/t-practices" | tr -d ' ')" 307 "the table has 307 best practices"

# The lens as wafr loads it.
out=$("$WAFR" lens check "$top_srcdir"/data/lenses/*.yaml 2>&1)
is "$?" 0 "wafr lens check accepts every bundled lens"
is "$out" "" "wafr lens check prints nothing for the bundled lenses"

"$WAFR" init "$W" --name "Framework" --lens "$LENS" >/dev/null
ok $? "a workspace opens with the framework lens"

"$WAFR" status "$W" --json | python3 -c '
import json, sys
for p in json.load(sys.stdin)["pillars"]:
    print(p["id"] + "\t" + str(p["questions"]))' >"$TMP/w-pillars"
awk -F'\t' 'NR > 1 && !seen[$3]++ { if (!($1 in n)) o[++k] = $1; n[$1]++ }
    END { for (i = 1; i <= k; i++) print o[i] "\t" n[o[i]] }' "$TABLE" >"$TMP/t-pillar-counts"
same "$TMP/w-pillars" "$TMP/t-pillar-counts" \
    "wafr shows the table's pillars, in order, with its question counts"

# Each question as `wafr answer` shows it: number, then choices in order.
: >"$TMP/w-questions"
: >"$TMP/w-choices"
cut -f1 "$TMP/t-questions" | while read -r q; do
	"$WAFR" answer "$W" "$q" >"$TMP/shown" 2>&1
	sed -n "1s|^wellarchitected/$q \\(.*\\): [a-z ]*\$|$q	\\1|p" "$TMP/shown" \
	    >>"$TMP/w-questions"
	sed -n "s|^  \\[.\\] \\([^ ]*\\).*|$q	\\1|p" "$TMP/shown" >>"$TMP/w-choices"
done
same "$TMP/w-questions" "$TMP/t-questions" \
    "wafr finds every question id of the table, with the table's number"
same "$TMP/w-choices" "$TMP/t-choices" \
    "every question has the table's choice ids, in the table's order"

# The none-of-these choice is each question's last one, and choosing it
# is a high risk.
awk -F'\t' '{ last[$1] = $2; if (!($1 in o)) o[$1] = ++k; q[k] = $1 }
    END { for (i = 1; i <= k; i++) print q[i] "\t" last[q[i]] }' \
    "$TMP/t-choices" >"$TMP/t-last"
same "$TMP/t-none" "$TMP/t-last" "the table's none-of-these choice is last in every question"
: >"$TMP/w-none"
cut -f1 "$TMP/t-questions" | while read -r q; do
	r=$("$WAFR" answer "$W" "$q" --clear --none)
	c=$("$WAFR" answer "$W" "$q" | sed -n 's/^  \[x\] \([^ ]*\).*/\1/p' | tr '\n' ' ')
	printf '%s\t%s %s\n' "$q" "${r##*: }" "$c" >>"$TMP/w-none"
done
awk -F'\t' '{ print $1 "\thigh " $2 " " }' "$TMP/t-none" >"$TMP/t-none-high"
same "$TMP/w-none" "$TMP/t-none-high" \
    "--none selects exactly the last choice of every question and is a high risk"

# Risk levels through the risk engine: with every other practice chosen,
# the risk of a question is the risk of the one practice left out
# (high -> high, medium -> medium, low -> none). A question with a single
# practice cannot leave it out and still be answered: the YAML check
# below covers those.
: >"$TMP/w-risks"
tab '&& $6 != "" { print $3 "\t" $5 }' >"$TMP/t-qp"
awk -F'\t' '{ n[$1]++ } END { for (q in n) if (n[q] > 1) print q }' "$TMP/t-qp" \
    >"$TMP/t-multi"
cut -f1 "$TMP/t-questions" | grep -F -x -f "$TMP/t-multi" | while read -r q; do
	ids=$(awk -F'\t' -v q="$q" '$1 == q { print $2 }' "$TMP/t-qp")
	for c in $ids; do
		args=
		for o in $ids; do
			[ "$o" = "$c" ] || args="$args --select $o"
		done
		# shellcheck disable=SC2086
		r=$("$WAFR" answer "$W" "$q" --clear $args)
		printf '%s\t%s\n' "$c" "${r##*: }" >>"$TMP/w-risks"
	done
done
awk -F'\t' 'NR == FNR { m[$1] = 1; next } ($1 in m) { print $2 }' \
    "$TMP/t-multi" "$TMP/t-qp" >"$TMP/t-multi-practices"
awk -F'\t' 'NR == FNR { m[$1] = 1; next }
    ($1 in m) { r = $3; if (r == "low") r = "none"; print $1 "\t" r }' \
    "$TMP/t-multi-practices" "$TMP/t-practices" >"$TMP/t-risks"
is "$(wc -l <"$TMP/t-risks" | tr -d ' ')" 305 \
    "305 practices sit in questions with more than one practice"
same "$TMP/w-risks" "$TMP/t-risks" \
    "the risk engine gives each of them the table's risk level"
awk -F'\t' 'NR == FNR { q[$2] = $1; next } $2 == "high" { print q[$1] }' \
    "$TMP/t-qp" "$TMP/w-risks" | sort -u >"$TMP/w-high"
tab '&& $7 == "High" && !seen[$3]++ { print $3 }' | sort >"$TMP/t-high"
same "$TMP/w-high" "$TMP/t-high" \
    "every question with a high-risk practice in the table has one in the lens"

# What wafr does not show: best-practice codes and the YAML itself.
if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$LENS" >"$TMP/y-lens" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
for p in d["pillars"]:
    for q in p["questions"]:
        print("Q\t%s\t%s\t%s" % (p["id"], q["id"], q["number"]))
        for c in q["choices"]:
            print("C\t%s\t%s\t%s\t%s\t%s" % (q["id"], c["id"], c.get("code", ""),
                c.get("risk", ""), "none" if c.get("none") else ""))
PY
	ok $? "the lens parses as YAML"
	awk -F'\t' '$1 == "Q" { print $2 "\t" $3 "\t" $4 }' "$TMP/y-lens" >"$TMP/y-q"
	tab '&& !seen[$3]++ { print $1 "\t" $3 "\t" $2 }' >"$TMP/t-q"
	same "$TMP/y-q" "$TMP/t-q" "the YAML has the table's pillars, question ids and numbers"
	awk -F'\t' '$1 == "C" && $4 != "" { print $3 "\t" $4 "\t" $5 }' "$TMP/y-lens" \
	    >"$TMP/y-practices"
	same "$TMP/y-practices" "$TMP/t-practices" \
	    "the YAML has the table's best-practice codes and risk levels"
	awk -F'\t' '$1 == "C" && $6 == "none" { print $2 "\t" $3 "\t" $4 $5 }' \
	    "$TMP/y-lens" >"$TMP/y-none"
	awk -F'\t' '{ print $1 "\t" $2 "\t" }' "$TMP/t-none" >"$TMP/t-none-y"
	same "$TMP/y-none" "$TMP/t-none-y" \
	    "only the none-of-these choices are marked none, with no code or risk"
else
	skip "python3 yaml module missing: YAML-level checks"
	skip "python3 yaml module missing: YAML-level checks"
	skip "python3 yaml module missing: YAML-level checks"
	skip "python3 yaml module missing: YAML-level checks"
fi

done_testing
