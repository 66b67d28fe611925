#!/bin/sh
# Whole screens: every view at 80x24 and 120x40, the whole captured
# terminal compared with the expected screen in tests/golden/VIEW-SIZE.txt,
# so that a layout change anywhere shows here.
#
# After a change that alters a screen on purpose, write them anew and read
# the diff before committing it:
#     tests/golden.sh --regenerate        (WAFR=build/src/wafr if need be)
#     WAFR_GOLDEN_REGENERATE=1 make check TESTS=tests/golden.sh
#
# The screens are deterministic: one workspace made here, the time of day
# fixed (WAFR_NOW, so no clock moves), TZ=UTC, a fixed author, C.UTF-8.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

GOLDEN=$top_srcdir/tests/golden
regen=${WAFR_GOLDEN_REGENERATE:-}
[ "${1:-}" = --regenerate ] && regen=1
# 2026-03-02 09:30 UTC: the workshop's morning, every screen's clock.
WAFR_NOW=1772443800
export WAFR_NOW
unset BROWSER DISPLAY WAYLAND_DISPLAY

# --- One workspace with something in every view ---
W=$TMP/w
"$WAFR" init "$W" --name "Acme Billing Platform" >/dev/null
"$WAFR" answer "$W" priorities --none --note "Sponsor is the CFO." \
    --evidence "https://wiki.example.org/ops/priorities" >/dev/null
"$WAFR" answer "$W" securely-operate --none >/dev/null
"$WAFR" answer "$W" org-culture --select ops_org_culture_executive_sponsor \
    --select ops_org_culture_team_enc_escalation >/dev/null
"$WAFR" milestone "$W" "Day 1" >/dev/null
"$WAFR" answer "$W" priorities --select ops_priorities_ext_cust_needs \
    --self-reported >/dev/null
"$WAFR" roadmap "$W" securely-operate --owner "Jörg Müller" \
    --ticket "https://jira.example.com/browse/SEC-1234" --target 2026-03-31 \
    --effort small >/dev/null
"$WAFR" roadmap "$W" org-culture --owner "Dana" --ticket "OPS-7" \
    --target 2026-04-15 --status in-progress >/dev/null
# A configuration, found from a HOME of "." so that its path on the screen
# is the same wherever the test runs.
mkdir -p "$TMP/cfg/.config/wafr"
cat >"$TMP/cfg/.config/wafr/config" <<'CFG'
unbind q
bind Q quit
bind Z no-such-action
CFG
cat >"$TMP/configured" <<SH
#!/bin/sh
cd "$TMP/cfg" && HOME=. exec "$WAFR" "$W"
SH
chmod +x "$TMP/configured"

# capture VIEW SIZE REGEX: the screen once it shows REGEX, compared whole
# with the golden screen (or written as it, when regenerating).
capture() {
	local view=$1 size=$2 re=$3 file=$GOLDEN/$1-$2.txt i=0
	if ! screen_wait "$re" 10; then
		ok 1 "$view at $size: the screen shows /$re/"
		screen_text | sed 's/^/#   /'
		return
	fi
	if [ -n "$regen" ]; then
		# Settled: two captures alike, a moment apart.
		screen_text >"$TMP/a"
		while :; do
			sleep 0.2
			screen_text >"$TMP/b"
			cmp -s "$TMP/a" "$TMP/b" && break
			mv "$TMP/b" "$TMP/a"
		done
		mkdir -p "$GOLDEN"
		mv "$TMP/a" "$file"
		ok 0 "$view at $size: written to tests/golden/$view-$size.txt"
		return
	fi
	while [ $i -lt 60 ]; do
		screen_text >"$TMP/screen"
		cmp -s "$TMP/screen" "$file" && break
		sleep 0.05
		i=$((i + 1))
	done
	if cmp -s "$TMP/screen" "$file"; then
		ok 0 "$view at $size: the whole screen is as expected"
	else
		ok 1 "$view at $size: the whole screen is as expected"
		diff -u "$file" "$TMP/screen" | sed 's/^/#   /'
	fi
}

for size in 80x24 120x40; do
	# The review and the views it opens, each once, back where it began.
	screen_start "$size" "$WAFR" "$W" "; echo EXITED \$?"
	capture pillars "$size" 'Pillars'
	screen_keys Tab
	capture questions "$size" '>HRI OPS 1 '
	screen_keys Tab
	capture review "$size" 'Space toggle'
	screen_keys D
	capture details "$size" 'The question \(D: the note again\)'
	screen_keys D '?'
	capture help "$size" 'Keys \(every change'
	screen_keys q n
	capture notes "$size" 'Esc done'
	screen_keys Escape e
	capture evidence "$size" 'Evidence: \[1 add evidence\]'
	screen_keys Escape i
	capture plan "$size" 'Improvement plan: 3 high'
	screen_keys q r
	capture roadmap "$size" 'Roadmap: by status'
	screen_keys q M
	capture milestones "$size" 'Milestones, newest first'
	screen_keys Enter
	capture diff "$size" 'Diff: Day 1'
	screen_keys Escape q Tab q
	screen_wait 'EXITED 0'
	ok $? "the review at $size quits"
	screen_stop

	# The audience view follows the review, left on OPS 1.
	screen_start "$size" "$WAFR" present "$W" "; echo EXITED \$?"
	capture present "$size" 'Sponsor is the CFO'
	screen_keys q
	screen_wait 'EXITED 0'
	screen_stop

	# The review under a configuration: a key rebound, a bad line shown.
	screen_start "$size" "$TMP/configured" "; echo EXITED \$?"
	capture config "$size" 'unknown action'
	screen_keys Q
	screen_wait 'EXITED 0'
	screen_stop
done

done_testing
