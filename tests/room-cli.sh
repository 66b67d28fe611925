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
if [ "$have_mo" = 1 ]; then
	like "$(LANGUAGE=de "$WAFR" report "$ONE" --format md)" "1 Befund:" "German: one finding, singular"
	like "$(LANGUAGE=fr "$WAFR" report "$ONE" --format md)" "1 constat :" "French: one finding, singular"
	LANGUAGE=de "$WAFR" export "$ONE" --format aws -o "$TMP/aws-de" >/dev/null 2>"$TMP/err"
	like "$(cat "$TMP/err")" "1 Notiz auf das AWS-Limit" "German: one note cut, singular"
	grep -q '^msgid_plural' "$top_srcdir/po/de.po" && grep -q '^msgid_plural' "$top_srcdir/po/fr.po"
	ok $? "the catalogues have plural forms"

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
