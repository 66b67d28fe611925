#!/bin/sh
# Profiles and templates on the screen: the marks (* prioritized, T from a
# template), p shows only the prioritized questions, C goes to the next
# answer from a template, c confirms it; ? lists the keys. Each checked
# with the command line afterwards.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

cat >"$TMP/t.yaml" <<'EOT'
template: Reference
lenses: [wellarchitected]
answers:
  wellarchitected:
    priorities:
      selected: [ops_priorities_ext_cust_needs]
    identities:
      selected: [sec_identities_enforce_mechanisms]
EOT
W=$TMP/w
"$WAFR" init "$W" --name Shop --template "$TMP/t.yaml" >/dev/null
"$WAFR" profile "$W" audience --select customers >/dev/null
unconfirmed() {
	"$WAFR" status "$W" --json | python3 -c '
import json, sys; print(json.load(sys.stdin)["unconfirmed"])'
}
is "$(unconfirmed)" 2 "two answers from the template"

screen_start 100x32 "$WAFR" "$W"
shows 'Pillars' "the review opens"
like "$(screen_text)" '>HRI OPS 1 .* T$' "an answer from a template is marked T"
like "$(screen_text)" '\* - +OPS 8 ' "a prioritized question is marked *"

screen_keys Tab p
shows 'Only the prioritized questions' "p shows only the prioritized questions"
like "$(screen_text)" '\* - +OPS 8 ' "OPS 8 is shown"
[ -z "$(screen_text | grep -E ' OPS 1 +How')" ]
ok $? "OPS 1, not prioritized, is not"
screen_keys p
shows 'Every question\.' "p again shows every question"

screen_keys C
shows '\*HRI SEC 2 .* T$' "C goes to the next answer from a template"
like "$(screen_text)" 'SEC 2 +How .*identities' "SEC 2, prioritized and from the template"
screen_keys c
shows 'Confirmed\.' "c confirms it"
until_ok 5 sh -c "[ \"\$(\"$WAFR\" status \"$W\" --json | grep -c '\"unconfirmed\": 1,')\" = 1 ]"
is "$(unconfirmed)" 1 "one answer left to confirm"
screen_keys c
shows 'not from a template' "c on a confirmed answer says there is nothing to confirm"
screen_keys z
shows 'Undone' "z undoes the confirm"
until_ok 5 sh -c "[ \"\$(\"$WAFR\" status \"$W\" --json | grep -c '\"unconfirmed\": 2,')\" = 1 ]"
is "$(unconfirmed)" 2 "both unconfirmed again"

screen_keys '?'
shows 'show only the questions the profile prioritizes' "? lists p"
like "$(screen_text)" 'confirm an answer from a template' "and c"
like "$(screen_text)" 'next answer from a template not confirmed' "and C"
screen_stop
done_testing
