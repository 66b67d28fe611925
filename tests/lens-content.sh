#!/bin/sh
# Every bundled lens (data/lenses/*.yaml, whoever adds one): each question
# tells the facilitator what to ask (ask:), what to request as proof
# (evidence:) and where to read more (url:); no question title is another
# lens's or one of the AWS framework's own; lens check is clean; and each
# lens converts to an AWS custom lens that the AWS limits accept.
. "$(dirname "$0")/lib.sh"

TITLES=$top_srcdir/tests/data/aws-framework-titles.txt
set -- "$top_srcdir"/data/lenses/*.yaml
ok $([ $# -ge 3 ]; echo $?) "there are bundled lenses ($#)"

for f in "$@"; do
	name=${f##*/}
	out=$("$WAFR" lens check "$f" 2>&1)
	is "$?:$out" "0:" "$name: lens check is clean"
done

if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$TITLES" "$@" >"$TMP/content" <<'PY'
import difflib, re, sys, yaml

def words(s):
    return re.sub(r"[^a-z0-9' ]", " ", s.lower()).split()

aws = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1])
       if "\t" in l and not l.startswith("#")]
seen = {}
for path in sys.argv[2:]:
    name = path.rsplit("/", 1)[-1]
    lens = yaml.safe_load(open(path))
    missing, titles = [], []
    for p in lens["pillars"]:
        for q in p["questions"]:
            qn = "%s %s" % (name, q.get("number", q["id"]))
            for key in ("ask", "evidence"):
                v = q.get(key) or []
                if not (2 <= len(v) <= 5 and all(isinstance(t, str) and t.strip() for t in v)):
                    missing.append("%s: %s has %d texts" % (qn, key, len(v)))
            if not str(q.get("url", "")).startswith("https://"):
                missing.append("%s: no https url" % qn)
            t = " ".join(words(q["title"]))
            if t in seen:
                titles.append("%s: the title of %s" % (qn, seen[t]))
            seen.setdefault(t, qn)
            for num, a in aws:
                r = difflib.SequenceMatcher(None, words(a), words(q["title"])).ratio()
                if r >= 0.75:
                    titles.append("%s: reads as AWS's %s (%.2f)" % (qn, num, r))
    print("%s\tfields\t%s" % (name, "; ".join(missing[:5]) or "ok"))
    print("%s\ttitles\t%s" % (name, "; ".join(titles[:5]) or "ok"))
PY
	while IFS='	' read -r name what res; do
		case $what in
		fields) d="every question has 2-5 ask:, 2-5 evidence: and a url:" ;;
		titles) d="no title is another lens's or reads as one of AWS's" ;;
		esac
		is "$res" ok "$name: $d"
	done <"$TMP/content"
else
	echo "ok $((tap_n = tap_n + 1)) # SKIP python3 yaml module missing"
fi

# Each converts to an AWS custom lens that the AWS limits accept.
for f in "$@"; do
	name=${f##*/}
	"$WAFR" lens convert --to aws "$f" -o "$TMP/${name%.yaml}.json"
	ok $? "$name: lens convert --to aws writes it"
	out=$("$WAFR" lens check --aws "$TMP/${name%.yaml}.json" 2>&1)
	is "$?:$out" "0:" "$name: the AWS JSON passes lens check --aws"
done

# The AWS risk rules give what the lens's own rules give: for every fifth
# question of the framework lens, with "None of these", with every practice
# in place, and with all but the first practice in place.
J=$TMP/wellarchitected.json
"$WAFR" init "$TMP/y" --lens "$top_srcdir/data/lenses/wellarchitected.yaml" >/dev/null
"$WAFR" init "$TMP/j" --lens "$J" >/dev/null
ok $? "a workspace opens with the converted framework lens"
: >"$TMP/risks-y"
: >"$TMP/risks-j"
for W in y j; do
	"$WAFR" status "$TMP/$W" --json >/dev/null
	sed -n 's/^      - id: //p' "$top_srcdir/data/lenses/wellarchitected.yaml" | awk 'NR % 5 == 1' |
	while read -r q; do
		[ $W = j ] && q=$(printf '%s' "$q" | tr -- - _)
		ids=$("$WAFR" answer "$TMP/$W" "$q" | sed -n 's/^  \[ \] //p')
		set -- $ids
		last=$(eval "echo \${$#}")
		all= first=
		for c in $ids; do
			[ "$c" = "$last" ] && continue
			all="$all --select $c"
			[ -n "$first" ] || first=$c
		done
		r1=$("$WAFR" answer "$TMP/$W" "$q" --none)
		r2=$("$WAFR" answer "$TMP/$W" "$q" --clear $all)
		r3=$("$WAFR" answer "$TMP/$W" "$q" --unselect "$first")
		echo "${r1##*: } ${r2##*: } ${r3##*: }" >>"$TMP/risks-$W"
	done
done
is "$(wc -l <"$TMP/risks-j" | tr -d ' ')" 12 "12 questions answered in both"
is "$(cmp -s "$TMP/risks-y" "$TMP/risks-j"; echo $?)" 0 \
    "the AWS JSON's risk rules give the lens's risks"

done_testing
