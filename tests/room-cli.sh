#!/bin/sh
# Small things seen in the room, from the command line: milestone tags in
# ASCII, plural forms in every language, a locale that is not installed,
# the audience view on a fresh clone, and a terminal that vanished.
. "$(dirname "$0")/lib.sh"

WS=$TMP/ws
"$WAFR" init "$WS" --name "Cli shop" >/dev/null

# --- Milestone tags: ASCII letters, digits and '-' ---
tag() { "$WAFR" milestone "$WS" "$1" | sed -n 's/.* as tag \([^ ]*\) .*/\1/p'; }
is "$(tag "Day 2 — après-midi 🚀")" "milestone/day-2-apres-midi" \
    "accents go, the dash and the emoji are dropped"
is "$(tag "Straße Łódź Ærø")" "milestone/strasse-lodz-aero" \
    "ß is ss, Latin letters beyond Latin-1 lose their accents too"
t=$(tag "Обзор")
like "$t" "^milestone/m-[0-9a-f]{8}$" "a name in another script alone gets a tag from its hash"
is "$(git -C "$WS" tag -l | grep -cv '^milestone/[a-z0-9-]*$')" 0 "every tag is ASCII"
"$WAFR" milestone "$WS" "🚀" 2>"$TMP/err"
is $? 1 "a name of symbols alone is refused"
like "$(cat "$TMP/err")" "no letter or digit" "and says why"
like "$("$WAFR" diff "$WS" "Day 2 — après-midi 🚀" 2>&1)" "^From Day 2" \
    "the milestone is found by its name"

# --- Plural forms, in every language ---
mkdir -p "$TMP/locale/de/LC_MESSAGES" "$TMP/locale/fr/LC_MESSAGES"
have_mo=0
if command -v msgfmt >/dev/null && msgfmt -o "$TMP/locale/de/LC_MESSAGES/wafr.mo" \
    "$top_srcdir/po/de.po" && msgfmt -o "$TMP/locale/fr/LC_MESSAGES/wafr.mo" \
    "$top_srcdir/po/fr.po"; then
	have_mo=1
fi
export WAFR_LOCALEDIR=$TMP/locale
ONE=$TMP/one
"$WAFR" init "$ONE" --name "One" >/dev/null
"$WAFR" answer "$ONE" priorities --none >/dev/null
like "$("$WAFR" report "$ONE" --format md)" "1 finding: 1 high risk" "one finding, singular"
"$WAFR" answer "$ONE" dev-integ --note "$(python3 -c 'print("x" * 2100)')" >/dev/null
"$WAFR" export "$ONE" --format aws -o "$TMP/aws" >"$TMP/out" 2>"$TMP/err"
like "$(cat "$TMP/err")" "1 note cut to the AWS limit" "one note cut, singular"
like "$(cat "$TMP/out")" "^2 answers written" "two answers, plural"
# The roadmap against the last milestone, in every front end.
"$WAFR" milestone "$ONE" "Base" >/dev/null
since1="Since the last milestone: 1 of its 1 high-risk issue is still open\."
like "$("$WAFR" roadmap "$ONE")" "$since1" "wafr roadmap: one HRI of one, singular"
like "$("$WAFR" report "$ONE" --format md)" "$since1" "the Markdown report too"
like "$("$WAFR" report "$ONE" --format html)" "$since1" "the HTML report too"
TWO=$TMP/two
"$WAFR" init "$TWO" --name "Two" >/dev/null
"$WAFR" answer "$TWO" priorities --none >/dev/null
"$WAFR" answer "$TWO" securely-operate --none >/dev/null
"$WAFR" milestone "$TWO" "Base" >/dev/null
like "$("$WAFR" roadmap "$TWO")" "Since the last milestone: 2 of its 2 high-risk issues are still open\." \
    "two of two, plural"
"$WAFR" answer "$TWO" priorities --select ops_priorities_ext_cust_needs \
    --select ops_priorities_int_cust_needs --select ops_priorities_governance_reqs \
    --select ops_priorities_compliance_reqs --select ops_priorities_eval_threat_landscape \
    --select ops_priorities_eval_tradeoffs >/dev/null
like "$("$WAFR" roadmap "$TWO")" "Since the last milestone: 1 of its 2 high-risk issues is still open\." \
    "one still open of two: the issues plural, the verb singular"
# A lens check's count: one item is not "1 items".
cat >"$TMP/one-ask.yaml" <<'YAML'
lens: one-ask
version: "1"
title: One ask
pillars:
  - id: security
    code: SEC
    title: Security
    questions:
      - id: keys
        number: SEC 1
        title: How are the encryption keys looked after?
        ask:
          - Who can use the keys?
        choices:
          - id: keys_rotated
            title: Keys rotate on a schedule
            risk: high
          - id: keys_no
            title: None of these
            none: true
YAML
like "$("$WAFR" lens check "$TMP/one-ask.yaml" 2>&1)" 'question "keys": ask has 1 item; give 2 to 5' \
    "a lens check counts one item, singular"
if [ "$have_mo" = 1 ]; then
	like "$(LANGUAGE=de "$WAFR" report "$ONE" --format md)" "1 Befund:" "German: one finding, singular"
	like "$(LANGUAGE=fr "$WAFR" report "$ONE" --format md)" "1 constat :" "French: one finding, singular"
	LANGUAGE=de "$WAFR" export "$ONE" --format aws -o "$TMP/aws-de" >/dev/null 2>"$TMP/err"
	like "$(cat "$TMP/err")" "1 Notiz auf das AWS-Limit" "German: one note cut, singular"
	grep -q '^msgid_plural' "$top_srcdir/po/de.po" && grep -q '^msgid_plural' "$top_srcdir/po/fr.po"
	ok $? "the catalogues have plural forms"
	like "$(LANGUAGE=de "$WAFR" roadmap "$ONE")" \
	    "Seit dem letzten Meilenstein: 1 von 1 Problem mit hohem Risiko ist noch offen\." \
	    "German: one HRI of one, singular"
	like "$(LANGUAGE=de "$WAFR" roadmap "$TWO")" \
	    "Seit dem letzten Meilenstein: 1 von 2 Problemen mit hohem Risiko ist noch offen\." \
	    "German: one of two, the plural form of the noun"
	like "$(LANGUAGE=de "$WAFR" report "$ONE" --format html)" \
	    "1 von 1 Problem mit hohem Risiko ist noch offen" "German: in the HTML report too"
	like "$(LANGUAGE=fr "$WAFR" roadmap "$TWO")" \
	    "Depuis le dernier jalon.: 1 sur 2 problèmes à risque élevé reste ouvert\." \
	    "French: one of two"
	like "$(LANGUAGE=de "$WAFR" lens check "$TMP/one-ask.yaml" 2>&1)" \
	    'Frage "keys": ask hat 1 Eintrag; erlaubt sind 2 bis 5' \
	    "German: a lens check counts one item, singular"

	# --- A locale that is not installed ---
	like "$(env -u LC_ALL LANG=de_DE.UTF-8 "$WAFR" --help)" "Aufruf|Befehle" \
	    "LANG=de_DE.UTF-8 not installed: wafr still speaks German"
	like "$(env -u LC_ALL LANG=fr_FR.UTF-8 "$WAFR" --help)" "Utilisation|Commandes" \
	    "and LANG=fr_FR.UTF-8 French"
	like "$(env -u LC_ALL LANG=de_DE.UTF-8 "$WAFR" milestone "$ONE" "Größe")" \
	    "milestone/grosse" "in a UTF-8 locale: the name's letters are read right"
else
	echo "ok 100 # SKIP no msgfmt"
fi
unset WAFR_LOCALEDIR

# --- The audience view on a fresh clone (no .wafr/ yet) ---
git clone -q "$WS" "$TMP/clone"
[ ! -e "$TMP/clone/.wafr" ]
ok $? "a fresh clone has no live state"
if command -v tmux >/dev/null; then
	term_start clone 80x24 "$WAFR" present "$TMP/clone"
	term_shows clone "wafr Cli shop" "wafr present on a fresh clone shows the review"
	term_shows clone "OPS 1 " "with its first question"
	term_keys clone q
	term_kill clone
	is "$(git -C "$TMP/clone" status --porcelain)" "" "and leaves the files as they are"
fi
mkdir "$TMP/empty"
"$WAFR" present "$TMP/empty" 2>"$TMP/err" </dev/null
like "$(cat "$TMP/err")" "not a wafr workspace \(no .wafr/ and no workload.yaml\)" \
    "a folder without workload.yaml is no workspace, and says so"

# --- A terminal that vanished without SIGHUP ---
vanish() { python3 "$top_srcdir/tests/data/vanish.py" "$@"; }
is "$(vanish "$WAFR" "$WS")" exited "wafr open exits when its terminal vanished without SIGHUP"
is "$(vanish "$WAFR" present "$WS")" exited "so does wafr present"

done_testing
