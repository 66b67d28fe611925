#!/bin/sh
# tests/libgit2.sh [PREFIX]: build Debian's own libgit2 source without its
# network transports, as a position-independent archive under PREFIX
# (default /usr/local/lib/wafr-libgit2), which configure then links into
# the git module.
#
# Debian's libgit2 links SSH, HTTPS and Kerberos in: loading it maps 17
# libraries and resolves about 7,000 symbols (OpenSSL's alone 4,000),
# which is most of what a milestone costs before it does any work. wafr
# opens no network connection: a workspace is shared with plain git.
#
# Nothing here is needed: when a step fails, configure uses the system's
# libgit2, and milestones only start slower. The system is not changed but
# for PREFIX: the source index is fetched into a temporary folder.
set -eu
prefix=${1:-/usr/local/lib/wafr-libgit2}
[ -f "$prefix/lib/libgit2.a" ] && exit 0

say() { echo "wafr: $*; the system's libgit2 is used" >&2; exit 0; }
command -v cmake >/dev/null || say "no cmake"
command -v dpkg-source >/dev/null || say "no dpkg-source"
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ -n "$codename" ] || say "no Debian release name in /etc/os-release"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wafr-libgit2.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lists/partial"
printf 'deb-src http://deb.debian.org/debian %s main\n' "$codename" \
    >"$tmp/sources.list"
set -- -q -o "Dir::Etc::SourceList=$tmp/sources.list" \
    -o "Dir::Etc::SourceParts=$tmp/none" -o "Dir::State::Lists=$tmp/lists" \
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
apt-get "$@" update >"$tmp/log" 2>&1 || say "cannot fetch the source index"
(cd "$tmp" && apt-get "$@" source libgit2) >>"$tmp/log" 2>&1 ||
    say "cannot fetch libgit2's source"
src=$(find "$tmp" -maxdepth 1 -type d -name 'libgit2-*' | head -n 1)
[ -n "$src" ] || say "libgit2's source did not unpack"

# No network transport, threads and the collision-detecting SHA-1 as
# Debian's; regular expressions from the C library.
cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DBUILD_TESTS=OFF -DBUILD_CLI=OFF -DUSE_SSH=OFF -DUSE_HTTPS=OFF \
    -DUSE_GSSAPI=OFF -DUSE_NTLMCLIENT=OFF -DREGEX_BACKEND=regcomp \
    -DUSE_HTTP_PARSER=system >>"$tmp/log" 2>&1 || say "cmake failed"
cmake --build "$tmp/build" -j "$(nproc 2>/dev/null || echo 2)" \
    >>"$tmp/log" 2>&1 || say "libgit2 did not build"
cmake --install "$tmp/build" >>"$tmp/log" 2>&1 ||
    say "libgit2 did not install in $prefix"
echo "wafr: libgit2 without network transports is in $prefix"
