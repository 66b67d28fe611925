#!/bin/sh
# The manual pages: they format without a warning, read at 80 columns, name
# every command and option the program has, and their lens example means
# what they say it means.
. "$(dirname "$0")/lib.sh"

# The pages as configure made them from man/*.in: in the build tree.
: "${WAFR_MANDIR:=$(dirname "$WAFR")/../man}"
MAN1=$WAFR_MANDIR/wafr.1
MAN5=$WAFR_MANDIR/wafr-lens.5

if ! command -v groff >/dev/null 2>&1 || ! command -v man >/dev/null 2>&1
then
	echo "1..0 # SKIP groff or man is not installed"
	exit 0
fi

# Troff warnings in man's own run too; no pager, no formatting codes.
export MANWIDTH=80 MANROFFOPT=-ww
unset MANPAGER PAGER MAN_KEEP_FORMATTING

# Their version is the program's, their date a date; nothing is left of
# what configure substitutes.
version=$("$WAFR" --version | sed -n '1s/^wafr //p')
for page in "$MAN1" "$MAN5"; do
	name=$(basename "$page")
	like "$(sed -n '/^\.TH /p' "$page")" \
	    "^\.TH [A-Z\\-]+ [1-8] [0-9]{4}-[0-9]{2}-[0-9]{2} \"wafr $version\" " \
	    "$name: its header has a date and the version of wafr ($version)"
	is "$(grep -c '@[A-Z_]*@' "$page")" 0 "$name: configure left no @VARIABLE@"
	for macros in -man -mandoc; do
		err=$(groff -ww -z $macros "$page" 2>&1)
		ok $? "$name: groff $macros formats it"
		is "$err" "" "$name: groff -ww $macros is silent"
	done
	man -l "$page" >"$TMP/$name.txt" 2>"$TMP/$name.err"
	ok $? "$name: man -l renders it"
	is "$(cat "$TMP/$name.err")" "" "$name: man -l prints no warning"
	like "$(head -n 5 "$TMP/$name.txt")" "^NAME" "$name: it starts with NAME"
	long=$(awk -v f="$TMP/$name.txt" 'BEGIN { n = 0 }
	    { if (length($0) > 80) n++ } END { print n }' "$TMP/$name.txt")
	# awk counts bytes; recount the long lines as characters.
	if [ "$long" -gt 0 ]; then
		long=$(python3 -c 'import sys
print(sum(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' \
		    "$TMP/$name.txt")
	fi
	is "$long" 0 "$name: no line is wider than 80 columns"
done
TXT1=$TMP/wafr.1.txt

# Every command of the program has its section in wafr(1), and every long
# option its --help names is in that section.
cmds=$("$WAFR" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$cmds" ]
ok $? "wafr --help lists the commands"
missing=
for c in $cmds; do
	grep -q "^\.SS wafr $c\( \|\$\)" "$MAN1" || missing="$missing $c"
done
is "$missing" "" "wafr(1) has a section for every command"

missing=
options() {
	"$WAFR" "$@" --help 2>/dev/null |
	    grep -o -- '--[a-z][a-z-]*' | grep -v -- '^--help$' | sort -u
}
# The rendered subsection "wafr COMMAND ...", up to the next heading.
section() {
	awk -v h="   wafr $*" '
	    on && (/^   [^ ]/ || /^[^ ]/) { on = 0 }
	    index($0, h " ") == 1 || $0 == h { on = 1 }
	    on' "$TXT1"
}
for c in $cmds; do
	case $c in
	lens)	subs="check list convert diff upgrade" ;;
	*)	subs="-" ;;
	esac
	for s in $subs; do
		if [ "$s" = - ]; then set -- "$c"; else set -- "$c" "$s"; fi
		"$WAFR" "$@" --help >/dev/null 2>&1 || continue
		section "$@" >"$TMP/section"
		for o in $(options "$@"); do
			grep -q -e "^ *$o\( \|,\|$\)" -e " $o\( \|,\|]\|$\)" \
			    "$TMP/section" || missing="$missing $*:$o"
		done
	done
done
is "$missing" "" "wafr(1) names every option in its command's section"

# The example lenses of wafr-lens(5), taken from the page's source.
unescape() {
	sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\e/\\/g'
}
sed -n '/^lens: backup$/,/^\.EE$/p' "$MAN5" | sed '$d' | unescape \
    >"$TMP/backup.yaml"
sed -n '/^{$/,/^\.EE$/p' "$MAN5" | sed '$d' | unescape >"$TMP/backup.json"
out=$("$WAFR" lens check "$TMP/backup.yaml" 2>&1)
ok $? "the YAML example lens loads"
is "$out" "" "the YAML example lens has no warning"
out=$("$WAFR" lens check --aws "$TMP/backup.json" 2>&1)
ok $? "the JSON example lens loads within the AWS limits"
is "$out" "" "the JSON example lens has no warning"

# The risks the page states for the example.
W=$TMP/w
"$WAFR" init "$W" --lens "$TMP/backup.yaml" >/dev/null
ok $? "a workspace uses the example lens"
risk() {
	q=$1; shift
	"$WAFR" answer "$W" "$q" --clear "$@" | sed 's/.*: //'
}
is "$("$WAFR" answer "$W" backups | sed -n '1s/.*: //p')" unanswered \
    "backups: nothing selected is unanswered"
is "$(risk backups --select rec_backups_encrypted)" high \
    "backups: automated backups missing is high"
is "$(risk backups --select rec_backups_automated \
    --select rec_backups_encrypted)" medium \
    "backups: off-site copy missing is medium"
is "$(risk backups --select rec_backups_automated \
    --select rec_backups_offsite)" none \
    "backups: a low-risk practice missing is no risk"
is "$(risk backups --select rec_backups_no)" high \
    "backups: None of these is high"
is "$(risk restore --select rec_restore_runbook)" medium \
    "restore: one practice is medium by the second rule"
is "$(risk restore --choice-na rec_restore_tested=OTHER \
    --select rec_restore_runbook)" none \
    "restore: a choice not applicable counts as in place"
is "$(risk restore --select rec_restore_no)" high \
    "restore: None of these falls to the default rule"

W2=$TMP/w2
"$WAFR" init "$W2" --lens "$TMP/backup.json" >/dev/null
ok $? "a workspace uses the JSON example lens"
is "$("$WAFR" answer "$W2" restore --select rec_restore_tested \
    --select rec_restore_runbook | sed 's/.*: //')" none \
    "JSON restore: both practices are no risk"
is "$("$WAFR" answer "$W2" restore --none | sed 's/.*: //')" high \
    "JSON restore: the _no choice is None of these"

done_testing
