#!/bin/sh
# bench/screen.sh [WAFR [DATADIR]]: what the review costs on the wire.
#
# Runs the review in a terminal (tmux) under script(1), which records every
# byte the program writes with timings. Reports the time and bytes to the
# first frame, and the bytes sent for one keystroke: moving between
# questions, toggling a choice, typing in a note. Each key is sent just after
# the clock in the header has ticked, so the clock's own redraw (once a
# second) is not counted.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
WAFR=${1:-$top/src/wafr}
WAFR_DATADIR=${2:-$top/data}
export WAFR_DATADIR TZ=UTC LC_ALL=C.UTF-8
command -v tmux >/dev/null || { echo "bench/screen.sh: tmux is needed" >&2; exit 1; }
command -v script >/dev/null || { echo "bench/screen.sh: script is needed" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/wafr-bench.XXXXXX")
SOCK=$TMP/tmux.sock
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
W=$TMP/w
HOME=$TMP
export HOME
"$WAFR" init "$W" --name "Bench" >/dev/null

size() { wc -c <"$TMP/out" | tr -d ' '; }

# Wait for the output to grow (the clock ticked), then to stay still.
after_tick() {
	s0=$(size)
	while [ "$(size)" = "$s0" ]; do sleep 0.01; done
	s1=$(size)
	sleep 0.05
	while [ "$(size)" != "$s1" ]; do s1=$(size); sleep 0.05; done
}

# key NAME KEYS...: bytes written in answer to the keys within 150 ms
# (the answer takes a few; a note's save comes 400 ms after typing stops,
# and is measured on its own).
key() {
	name=$1; shift
	sleep 0.5
	after_tick
	s0=$(size)
	tmux -S "$SOCK" send-keys -t b "$@"
	sleep 0.15
	printf '  %-34s %6d bytes\n' "$name" $(($(size) - s0))
}

run() {
	geom=$1
	rm -f "$TMP/out" "$TMP/timing"
	tmux -S "$SOCK" -f /dev/null new-session -d -s b -x "${geom%x*}" \
	    -y "${geom#*x}" "env TERM=xterm-256color script -q -f \
	    -T '$TMP/timing' -O '$TMP/out' -c '$WAFR $W'; sleep 600"
	tmux -S "$SOCK" set-option -g status off >/dev/null
	while ! tmux -S "$SOCK" capture-pane -p -t b | grep -q 'q quit'; do
		sleep 0.05
	done
	sleep 1.2
	echo "$geom:"
	# The first frame: the output up to the first pause of 100 ms.
	awk '{ t += $1; if (NR > 1 && $1 > 0.1) exit; n += $2; end = t }
	    END { printf "  %-34s %6.1f ms, %d bytes\n", "first frame", \
	    end * 1000, n }' "$TMP/timing"
	key "focus the questions (Tab)" Tab
	key "down a question (j)" j
	key "next pillar's question (u)" u
	key "focus the choices (Tab)" Tab
	key "toggle a choice (Space)" Space
	key "toggle it back (Space)" Space
	key "open the note editor (n)" n
	key "type the first character" x
	# While typing: the next key comes before the pause that saves.
	tmux -S "$SOCK" send-keys -t b y
	sleep 0.1
	s0=$(size)
	tmux -S "$SOCK" send-keys -t b y
	sleep 0.1
	printf '  %-34s %6d bytes\n' "type a character, mid-word" \
	    $(($(size) - s0))
	after_tick
	s0=$(size)
	tmux -S "$SOCK" send-keys -t b z
	sleep 0.6
	printf '  %-34s %6d bytes\n' "type one more, and its save" $(($(size) - s0))
	key "leave the note (Esc)" Escape
	key "help (?)" '?'
	key "back from help (q)" q
	tmux -S "$SOCK" send-keys -t b q
	sleep 0.3
	tmux -S "$SOCK" kill-server 2>/dev/null || true
	sleep 0.2
}

echo "wafr review, bytes written to the terminal (TERM=xterm-256color)"
run 80x24
run 160x48
