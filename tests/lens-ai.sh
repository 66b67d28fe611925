#!/bin/sh
# The Generative AI and Machine Learning lenses: they load, have the
# framework's six pillars and the expected number of questions, ids AWS
# custom lenses accept (no hyphen), no duplicate, a risk level on every
# practice, and every question answers: all practices in place is no risk,
# "None of these" is a high risk.
. "$(dirname "$0")/lib.sh"

PILLARS="operationalExcellence security reliability performance costOptimization sustainability"

check_lens() {	# ID QUESTIONS
	id=$1 want=$2 file=$top_srcdir/data/lenses/$1.yaml W=$TMP/$1
	like "$("$WAFR" lens list)" "^$id +[^ ]+ +$want " "lens list: $id with $want questions"
	out=$("$WAFR" lens check "$file" 2>&1)
	is "$?:$out" "0:" "lens check: $id is clean"

	"$WAFR" init "$W" --name "$id" --lens "$id" >/dev/null
	ok $? "$id: a workspace opens with it"
	"$WAFR" status "$W" --json >"$TMP/$id.json"
	is "$(sed -n 's/.*"lens": "[^"]*", "id": "\([^"]*\)".*/\1/p' "$TMP/$id.json" | tr '\n' ' ')" \
	    "$PILLARS " "$id: the six pillars, in the framework's order"

	# Ids: the YAML's question and choice ids, in order.
	sed -n 's/^      - id: //p' "$file" >"$TMP/$id.q"
	sed -n 's/^          - id: //p' "$file" >"$TMP/$id.c"
	is "$(wc -l <"$TMP/$id.q" | tr -d ' ')" "$want" "$id: $want questions in the file"
	is "$(sort "$TMP/$id.q" | uniq -d)" "" "$id: no question id twice"
	is "$(sort "$TMP/$id.c" | uniq -d)" "" "$id: no choice id twice"
	is "$(cat "$TMP/$id.q" "$TMP/$id.c" | grep -v '^[A-Za-z0-9_]*$')" "" \
	    "$id: ids hold only letters, digits and underscores"
	codes=$(grep -c '^            code: ' "$file")
	risks=$(grep -c '^            risk: \(high\|medium\|low\)$' "$file")
	is "$risks" "$codes" "$id: each of the $codes practices has a risk level"
	is "$(grep -c '^            none: true$' "$file")" "$want" \
	    "$id: each question has a \"None of these\""
	is "$(grep -c '^        url: https://docs\.aws\.amazon\.com/' "$file")" "$want" \
	    "$id: each question links to AWS documentation"
	is "$(grep -c '^            url: https://docs\.aws\.amazon\.com/' "$file")" "$codes" \
	    "$id: each practice links to AWS documentation"

	# Every question answers both ways through the risk engine.
	bad=
	while read -r q; do
		choices=$("$WAFR" answer "$W" "$id/$q" | sed -n 's/^  \[ \] //p')
		sel=
		for c in $choices; do
			case $c in *_no) ;; *) sel="$sel --select $c" ;; esac
		done
		# shellcheck disable=SC2086
		r=$("$WAFR" answer "$W" "$id/$q" $sel | head -1)
		case $r in *": none") ;; *) bad="$bad $q(all:$r)" ;; esac
		r=$("$WAFR" answer "$W" "$id/$q" --none | head -1)
		case $r in *": high") ;; *) bad="$bad $q(none:$r)" ;; esac
	done <"$TMP/$id.q"
	is "$bad" "" "$id: every question is no risk with all practices, high with none"
}

check_lens wafr-genai 29
check_lens wafr-ml 35

# No question of these lenses shares its title with one of another lens.
grep -h '^        title: ' "$top_srcdir"/data/lenses/*.yaml | sort | uniq -d >"$TMP/dup"
is "$(cat "$TMP/dup")" "" "no two bundled questions share a title"
done_testing
