#!/bin/bash
# A damaged live state (.wafr/data.mdb cut short, bytes flipped) is said so,
# never a crash, and "wafr sync --rebuild" builds it again from the files;
# a workspace one may only read can still be read.
. "$(dirname "$0")/lib.sh"

W=$TMP/w
"$WAFR" init "$W" --name Damage >/dev/null
"$WAFR" answer "$W" priorities --none --note "kept in the files" >/dev/null
for i in 1 2 3 4 5 6; do
	"$WAFR" answer "$W" org-culture --note "note $i" >/dev/null
done
live=$("$WAFR" status "$W" --json)
cp "$W/.wafr/data.mdb" "$TMP/good.mdb"

for size in 0 100 8192 12288; do
	cp "$TMP/good.mdb" "$W/.wafr/data.mdb"
	truncate -s "$size" "$W/.wafr/data.mdb"
	"$WAFR" status "$W" >/dev/null 2>"$TMP/err"
	is $? 1 "a store cut to $size bytes: status 1, no signal"
	like "$(cat "$TMP/err")" "damaged.*wafr sync --rebuild" \
	    "and the message says how to rebuild it"
done

# Flipped bytes: a clear error or a good read, never a signal.
signals=0
for i in $(seq 1 60); do
	cp "$TMP/good.mdb" "$W/.wafr/data.mdb"
	python3 - "$W/.wafr/data.mdb" "$i" <<'EOF'
import os, random, sys
random.seed(int(sys.argv[2]))
n = os.path.getsize(sys.argv[1])
with open(sys.argv[1], "r+b") as f:
    for _ in range(16):
        f.seek(random.randrange(8192, n))
        f.write(bytes([random.randrange(256)]))
EOF
	"$WAFR" status "$W" >/dev/null 2>&1
	[ $? -ge 128 ] && signals=$((signals + 1))
done
is "$signals" 0 "60 stores with flipped bytes: no command dies of a signal"

truncate -s 8192 "$W/.wafr/data.mdb"
out=$("$WAFR" sync --rebuild "$W" 2>&1)
is $? 0 "wafr sync --rebuild"
like "$out" "kept as .*damaged-.*\.mdb" "says where the damaged store is kept"
is "$("$WAFR" status "$W" --json)" "$live" "the live state is back from the files"
like "$("$WAFR" answer "$W" priorities)" "kept in the files" "with the notes"
is "$(git -C "$W" status --porcelain --ignored .wafr | grep -c damaged)" 0 \
    "the damaged store stays out of git (inside .wafr/)"

# A workspace on a read-only mount: reading works.
# The compiled lens cache is never trusted: cut short, flipped, replaced by
# another lens's or by a link, the lens is read again and the cache made
# again.
cache=$W/.wafr/lens-wellarchitected.yaml.cache
cp "$TMP/good.mdb" "$W/.wafr/data.mdb"
"$WAFR" status "$W" >/dev/null
test -s "$cache"
ok $? "status leaves a compiled lens in .wafr/"
is "$("$WAFR" status "$W" --json)" "$live" "read from it, the state is the same"
cp "$cache" "$TMP/cache"
"$WAFR" report "$W" -o "$TMP/report.md"
# A question's choices and rules are checked when first read: a command
# that reads none of a damaged question's does not notice. The report
# reads every one of them, so after it the damage is found and the cache
# made again.
bad=0
for i in $(seq 1 20); do
	cp "$TMP/cache" "$cache"
	python3 - "$cache" "$i" <<'EOF'
import os, random, sys
random.seed(int(sys.argv[2]))
n = os.path.getsize(sys.argv[1])
with open(sys.argv[1], "r+b") as f:
    if int(sys.argv[2]) % 4 == 0:
        f.truncate(random.randrange(n))
    else:
        f.seek(random.randrange(n))
        f.write(bytes([random.randrange(256)]))
EOF
	[ "$("$WAFR" status "$W" --json 2>&1)" = "$live" ] || bad=$((bad + 1))
	"$WAFR" report "$W" -o "$TMP/again.md" 2>&1
	cmp -s "$TMP/again.md" "$TMP/report.md" || bad=$((bad + 1))
	"$WAFR" status "$W" >/dev/null 2>&1
	cmp -s "$cache" "$TMP/cache" || bad=$((bad + 1))
done
is "$bad" 0 "a damaged cache is read around and made again"

# One byte changed inside the choices of the question answered: each
# command that reads them shows what it shows with a good cache (they are
# read from the pinned lens), the damaged cache goes, and the next command
# makes it again.
flip_body() {
	cp "$TMP/cache" "$cache"
	python3 - "$cache" <<'EOF'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[b.index(b"ops_priorities_ext_cust_needs\0") + 3] ^= 1
open(sys.argv[1], "wb").write(b)
EOF
}
answer=$("$WAFR" answer "$W" priorities)
flip_body
is "$("$WAFR" status "$W" --json 2>&1)" "$live" \
    "a damaged body: status is the same"
test ! -e "$cache"
ok $? "and the damaged cache is removed"
"$WAFR" status "$W" >/dev/null
cmp -s "$cache" "$TMP/cache"
ok $? "the next command makes it again"
flip_body
is "$("$WAFR" answer "$W" priorities 2>&1)" "$answer" \
    "a damaged body: answer shows the same"
"$WAFR" status "$W" >/dev/null
cmp -s "$cache" "$TMP/cache"
ok $? "and the cache is made again"
if command -v tmux >/dev/null; then
	export WAFR_NOW=1772443800
	term_start good 80x24 "$WAFR" open "$W"
	term_wait good "kept in the files"
	# All but the last line, which says who leads once that is settled.
	screen=$(term_text good | sed '$d')
	term_kill good
	flip_body
	term_start bad 80x24 "$WAFR" open "$W"
	term_wait bad "kept in the files"
	is "$(term_text bad | sed '$d')" "$screen" \
	    "a damaged body: the screen is the same"
	term_kill bad
	"$WAFR" status "$W" >/dev/null
	cmp -s "$cache" "$TMP/cache"
	ok $? "and the cache is made again"
	unset WAFR_NOW
else
	echo "ok $((tap_n += 1)) # SKIP no tmux"
	echo "ok $((tap_n += 1)) # SKIP no tmux"
fi
"$WAFR" init "$TMP/other" --lens serverless --name Other >/dev/null
cp "$TMP/other/.wafr/lens-wafr-serverless.yaml.cache" "$cache"
is "$("$WAFR" status "$W" --json)" "$live" "another lens's cache is not taken"
rm -f "$cache"
ln -s "$TMP/cache" "$cache"
is "$("$WAFR" status "$W" --json)" "$live" "nor a cache that is a link"
test -f "$cache" -a ! -L "$cache"
ok $? "which is replaced by a file"

R=$TMP/ro
mkdir -p "$R"
if mount --bind "$W" "$R" 2>/dev/null && mount -o remount,ro,bind "$R" 2>/dev/null; then
	trap 'umount "$R" 2>/dev/null; tap_cleanup' EXIT
	"$WAFR" status "$R" >/dev/null 2>"$TMP/err"
	is $? 0 "status reads a workspace on a read-only mount"
	"$WAFR" report "$R" --format json >/dev/null 2>"$TMP/err"
	is $? 0 "so does report"
	"$WAFR" answer "$R" priorities --select ops_priorities_ext_cust_needs \
	    >/dev/null 2>"$TMP/err"
	is $? 1 "a change there is refused"
	like "$(cat "$TMP/err")" "Read-only|read-only|Permission" "saying why"
	umount "$R"
else
	echo "ok $((tap_n += 1)) # SKIP cannot make a read-only mount here"
fi
done_testing
