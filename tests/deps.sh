#!/bin/sh
# Install what wafr needs to build and to run its whole test suite (Debian).
set -e
pkgs="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libyaml-dev liblmdb-dev libgit2-dev libdeflate-dev
tmux git python3 python3-yaml groff-base man-db clang libclang-rt-14-dev
chromium cmake strace"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
	    missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "wafr: missing packages:$missing (run as root to install" \
		    "them)" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi
# A libgit2 without network transports for the git module (optional).
[ "$(id -u)" -ne 0 ] || sh "$(dirname "$0")/libgit2.sh"
