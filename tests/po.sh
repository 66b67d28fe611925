#!/bin/sh
# Translations: every catalogue is complete and valid, and wafr speaks it.
. "$(dirname "$0")/lib.sh"

po=$top_srcdir/po
langs=$(sed 's/#.*//' "$po/LINGUAS" | tr '\n' ' ')
if [ -z "$langs" ] || ! command -v msgfmt >/dev/null; then
	echo "ok 1 # SKIP no catalogue or no gettext tools"
	echo "1..1"
	exit 0
fi
# A fresh template from the sources, so a new message fails the test.
(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
    --language=C --add-comments=TRANSLATORS -o "$TMP/wafr.pot" \
    $(sed 's/#.*//' po/POTFILES.in)) 2>/dev/null
ok $? "xgettext makes a template from the sources"
total=$(msgattrib --no-obsolete "$TMP/wafr.pot" 2>/dev/null | grep -c '^msgid ')

for l in $langs; do
	msgmerge -q --no-fuzzy-matching "$po/$l.po" "$TMP/wafr.pot" -o "$TMP/$l.po"
	ok $? "$l: the catalogue merges with the template"
	untranslated=$(msgattrib --untranslated --no-obsolete "$TMP/$l.po" | grep -c '^msgid ')
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$TMP/$l.po" | grep -c '^msgid ')
	# The header is one msgid of its own in each count.
	is "$untranslated" 0 "$l: every one of the $((total - 1)) messages is translated"
	is "$fuzzy" 0 "$l: no message is fuzzy"
	msgfmt --check -o "$TMP/$l.mo" "$po/$l.po" 2>"$TMP/err"
	ok $? "$l: msgfmt --check passes (format strings match)"
	mkdir -p "$TMP/locale/$l/LC_MESSAGES"
	cp "$TMP/$l.mo" "$TMP/locale/$l/LC_MESSAGES/wafr.mo"
done

export WAFR_LOCALEDIR=$TMP/locale
case " $langs " in *" de "*)
	like "$(LANGUAGE=de "$WAFR" --help)" "Aufruf|Befehle" "LANGUAGE=de wafr --help speaks German"
	;;
esac
case " $langs " in *" fr "*)
	like "$(LANGUAGE=fr "$WAFR" --help)" "Utilisation|Commandes" "LANGUAGE=fr wafr --help speaks French"
	;;
esac
# Tables line up by terminal columns, whatever the language's letters.
"$WAFR" init "$TMP/agenda" >/dev/null
for l in $langs; do
	rows=$(LANGUAGE=$l "$WAFR" agenda "$TMP/agenda")
	widths=$(printf '%s\n' "$rows" | while IFS= read -r line; do
		printf '%s' "$line" | wc -L; done | sort -u | wc -l)
	is "$widths" 1 "$l: the agenda's header and rows are one width"
done

# Untranslated, the characters' locale is loaded at the first cell beyond
# ASCII, not at start: such a cell is still whole and lines up.
cat >"$TMP/wide.yaml" <<'EOF'
lens: wide
title: Wide
pillars:
  - id: sec
    title: Sécurité
    questions:
      - id: q1
        title: Une question ?
        choices:
          - id: c1
            title: Oui
            risk: high
  - id: rel
    title: 信頼性の柱
    questions:
      - id: q2
        title: 質問
        choices:
          - id: c2
            title: はい
            risk: high
EOF
"$WAFR" init "$TMP/wide" --lens "$TMP/wide.yaml" >/dev/null
rows=$("$WAFR" agenda "$TMP/wide")
like "$rows" "Sécurité " "a title beyond ASCII is shown whole"
like "$rows" "信頼性の柱 " "so is one of wide characters"
widths=$(printf '%s\n' "$rows" | while IFS= read -r line; do
	printf '%s' "$line" | wc -L; done | sort -u | wc -l)
is "$widths" 1 "and the rows are one width"

# REPORT.md is shared through git: whoever writes it, it is not translated.
for l in $langs; do
	rm -rf "$TMP/r-$l"
	LANGUAGE=$l "$WAFR" init "$TMP/r-$l" --name R >/dev/null
	LANGUAGE=$l "$WAFR" answer "$TMP/r-$l" priorities --none >/dev/null
	head -1 "$TMP/r-$l/REPORT.md" > "$TMP/r-$l.head"
	is "$(cat "$TMP/r-$l.head")" "# Architecture review: R" "$l: REPORT.md stays untranslated"
done
done_testing
