# tests/lib.sh: TAP helpers for the shell tests. Source it first.
#
# Every test runs hermetic: its own HOME and temporary directory, UTC, a
# UTF-8 locale. $WAFR is the binary under test.

set -u
: "${WAFR:=$(cd "$(dirname "$0")/.." && pwd)/src/wafr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${WAFR_DATADIR:=$top_srcdir/data}"
export WAFR WAFR_DATADIR
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE NO_COLOR EDITOR VISUAL XDG_CONFIG_HOME

TMP=$(mktemp -d "${TMPDIR:-/tmp}/wafr-test.XXXXXX")
HOME=$TMP/home
mkdir -p "$HOME"
export HOME
export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="test@example.org"
export GIT_COMMITTER_NAME="Test Author" GIT_COMMITTER_EMAIL="test@example.org"
tap_n=0
tap_failed=0

tap_cleanup() {
	[ -n "${TMUX_SOCKET:-}" ] && tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null
	rm -rf "$TMP"
}
trap tap_cleanup EXIT

# ok CONDITION-STATUS DESCRIPTION: pass when the status is 0.
ok() {
	local status=$1; shift
	tap_n=$((tap_n + 1))
	if [ "$status" -eq 0 ]; then
		echo "ok $tap_n - $*"
	else
		echo "not ok $tap_n - $*"
		tap_failed=$((tap_failed + 1))
	fi
}

# is GOT EXPECTED DESCRIPTION
is() {
	local got=$1 expected=$2; shift 2
	tap_n=$((tap_n + 1))
	if [ "$got" = "$expected" ]; then
		echo "ok $tap_n - $*"
	else
		echo "not ok $tap_n - $*"
		printf '#   got:      %s\n#   expected: %s\n' "$got" "$expected" | sed '2,$s/^/#   /'
		tap_failed=$((tap_failed + 1))
	fi
}

# like GOT REGEX DESCRIPTION
like() {
	local got=$1 re=$2; shift 2
	tap_n=$((tap_n + 1))
	if printf '%s' "$got" | grep -Eq -- "$re"; then
		echo "ok $tap_n - $*"
	else
		echo "not ok $tap_n - $*"
		printf '%s\n' "$got" | head -20 | sed 's/^/#   /'
		echo "#   expected to match: $re"
		tap_failed=$((tap_failed + 1))
	fi
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# JSON field of `wafr status --json`: totals or one pillar.
# status_field DIR FIELD            -> totals.FIELD
# status_field DIR FIELD PILLAR-ID  -> that pillar's FIELD
status_field() {
	"$WAFR" status "$1" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
if len(sys.argv) > 2:
    p = [p for p in d["pillars"] if p["id"] == sys.argv[2]][0]
    print(p[sys.argv[1]])
else:
    print(d["totals"][sys.argv[1]])' "$2" ${3:+"$3"}
}

# --- The screen, in a real terminal emulator (tmux) ---
# screen_start COLSxROWS COMMAND...: run a command in a detached tmux session.
screen_start() {
	local size=$1; shift
	TMUX_SOCKET=$TMP/tmux.sock
	tmux -S "$TMUX_SOCKET" -f /dev/null new-session -d -s t \
	    -x "${size%x*}" -y "${size#*x}" \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME TZ=UTC $*; sleep 600"
	tmux -S "$TMUX_SOCKET" set-option -g status off >/dev/null
}
screen_keys() { tmux -S "$TMUX_SOCKET" send-keys -t t "$@"; }
screen_text() { tmux -S "$TMUX_SOCKET" capture-pane -p -t t 2>/dev/null; }
screen_resize() { tmux -S "$TMUX_SOCKET" resize-window -t t -x "${1%x*}" -y "${1#*x}"; }
# screen_wait REGEX [SECONDS]: poll the screen until it shows REGEX.
screen_wait() {
	local re=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		screen_text | grep -Eq -- "$re" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# shows TEXT DESCRIPTION [SECONDS]: the screen comes to show TEXT.
shows() {
	screen_wait "$1" "${3:-10}"
	like "$(screen_text)" "$1" "$2"
}
# screen_stop: end the terminal, and wait until its server is gone.
screen_stop() {
	tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null
	while tmux -S "$TMUX_SOCKET" has-session 2>/dev/null; do
		sleep 0.05
	done
	rm -f "$TMUX_SOCKET"
}
# until_ok SECONDS COMMAND...: poll until the command succeeds.
until_ok() {
	local limit=$1 i=0; shift
	while [ "$i" -lt $((limit * 20)) ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# --- Several terminals at once, by name, in one tmux server ---
# term_start NAME COLSxROWS COMMAND...: a terminal running a command (each
# word of COMMAND may set a variable first, as env takes them).
term_start() {
	local name=$1 size=$2; shift 2
	TMUX_SOCKET=$TMP/tmux.sock
	if tmux -S "$TMUX_SOCKET" has-session 2>/dev/null; then
		tmux -S "$TMUX_SOCKET" new-session -d -s "$name" \
		    -x "${size%x*}" -y "${size#*x}" \
		    "env TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME TZ=UTC WAFR_DATADIR=$WAFR_DATADIR $*; sleep 600"
	else
		tmux -S "$TMUX_SOCKET" -f /dev/null new-session -d -s "$name" \
		    -x "${size%x*}" -y "${size#*x}" \
		    "env TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME TZ=UTC WAFR_DATADIR=$WAFR_DATADIR $*; sleep 600"
		tmux -S "$TMUX_SOCKET" set-option -g status off >/dev/null
	fi
}
term_keys() { local name=$1; shift; tmux -S "$TMUX_SOCKET" send-keys -t "$name:" "$@"; }
term_text() { tmux -S "$TMUX_SOCKET" capture-pane -p -t "$1:"; }
term_resize() { tmux -S "$TMUX_SOCKET" resize-window -t "$1:" -x "${2%x*}" -y "${2#*x}"; }
term_kill() { tmux -S "$TMUX_SOCKET" kill-session -t "$1"; }
# term_pid NAME: the process the terminal runs (env execs the command).
term_pid() {
	local shell
	shell=$(tmux -S "$TMUX_SOCKET" display-message -p -t "$1:" '#{pane_pid}')
	ps -o pid= --ppid "$shell" | head -1 | tr -d ' '
}
# term_wait NAME REGEX [SECONDS]: poll the screen until it shows REGEX.
term_wait() {
	local i=0
	while [ "$i" -lt $((${3:-10} * 20)) ]; do
		term_text "$1" | grep -Eq -- "$2" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# term_gone NAME REGEX [SECONDS]: poll until the screen no longer shows it.
term_gone() {
	local i=0
	while [ "$i" -lt $((${3:-10} * 20)) ]; do
		term_text "$1" | grep -Eq -- "$2" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# term_shows NAME REGEX DESCRIPTION [SECONDS]: the terminal comes to show it.
term_shows() {
	term_wait "$1" "$2" "${4:-10}"
	like "$(term_text "$1")" "$2" "$3"
}
