#!/bin/sh
# Nothing from a file, a clone or a race escapes the workspace: temporary
# files, symbolic links in the snapshot folders, the modes of the files
# written, and text made inert on the command line and in REPORT.md.
. "$(dirname "$0")/lib.sh"

# count_bytes: how many of the byte sequences (printf escapes) stdin holds.
count_bytes() {
	python3 -c '
import sys
d = sys.stdin.buffer.read()
print(sum(d.count(a.encode("latin-1").decode("unicode_escape")
    .encode("latin-1")) for a in sys.argv[1:]))' "$@"
}

W=$TMP/w
"$WAFR" init "$W" --name "Shop" >/dev/null
"$WAFR" answer "$W" identities --none >/dev/null
"$WAFR" milestone "$W" "Start" >/dev/null
ok $? "a workspace with a milestone"
SEC=$W/answers/wellarchitected/security
OPS=$W/answers/wellarchitected/operationalExcellence

# --- Temporary files ---

# A planted link at the name the temporary used to have (FILE.tmp.PID)
# is not written through: the temporary is a new file of its own.
printf 'precious\n' >"$TMP/victim"
sh -c 'ln -s "$1" "$2/REPORT.md.tmp.$$" &&
    ln -s "$1" "$3/priorities.yaml.tmp.$$" &&
    exec "$WAFR" answer "$2" priorities --none' sh "$TMP/victim" "$W" "$OPS" \
    >/dev/null
ok $? "an answer with links planted at the old temporary names"
is "$(cat "$TMP/victim")" "precious" "the file they point to is untouched"
[ -f "$W/REPORT.md" ] && [ ! -L "$W/REPORT.md" ] &&
    [ -f "$OPS/priorities.yaml" ] && [ ! -L "$OPS/priorities.yaml" ]
ok $? "REPORT.md and the answer file are regular files"
grep -q 'ops_priorities_no' "$OPS/priorities.yaml"
ok $? "with the new answer"
find "$W" -name '*.tmp.*' -type l -delete

is "$(find "$W" -path "$W/.git" -prune -o -name '*wafr-tmp*' -print)" "" \
    "no temporary (.NAME.wafr-tmp-XXXXXX) is left behind"

# A file being replaced keeps its mode; a new one gets 0666 less the umask.
chmod 600 "$W/REPORT.md" "$OPS/priorities.yaml"
"$WAFR" answer "$W" priorities --select ops_priorities_ext_cust_needs \
    >/dev/null
is "$(stat -c %a "$W/REPORT.md") $(stat -c %a "$OPS/priorities.yaml")" \
    "600 600" "a rewritten file keeps its mode (0600)"
(umask 002 && "$WAFR" init "$TMP/u2" >/dev/null)
is "$(stat -c %a "$TMP/u2/REPORT.md") $(stat -c %a "$TMP/u2/workload.yaml")" \
    "664 664" "a new file is 0666 less the umask (002)"
(umask 077 && "$WAFR" init "$TMP/u7" >/dev/null)
is "$(stat -c %a "$TMP/u7/REPORT.md")" 600 "a new file under umask 077: 0600"

# apply.sh is executable as the umask allows.
(umask 077 && "$WAFR" export "$W" --format aws -o "$TMP/x7" >/dev/null)
is "$(stat -c %a "$TMP/x7/apply.sh")" 700 "apply.sh under umask 077: 0700"
(umask 022 && "$WAFR" export "$W" --format aws -o "$TMP/x2" >/dev/null)
is "$(stat -c %a "$TMP/x2/apply.sh")" 755 "apply.sh under umask 022: 0755"
git -C "$W" checkout -q -- . && "$WAFR" sync "$W" >/dev/null
ok $? "back to the milestone's files"

# --- Symbolic links in the snapshot folders, from a clone ---

git clone -q "$W" "$TMP/evil"
E=$TMP/evil/answers/wellarchitected
mkdir "$TMP/out"
rm -rf "$E/security"
ln -s "$TMP/out" "$E/security"
git -C "$TMP/evil" add -A && git -C "$TMP/evil" commit -q -m "a link"
git -C "$W" fetch -q "$TMP/evil" HEAD &&
    git -C "$W" merge -q --ff-only FETCH_HEAD
ok $? "pull a committed directory link under answers/"
err=$("$WAFR" sync "$W" 2>&1)
is $? 1 "sync refuses it"
like "$err" "answers/wellarchitected/security: a symbolic link, not followed" \
    "and names the link"
is "$(ls -A "$TMP/out")" "" "nothing is written into its target"
like "$("$WAFR" answer "$W" identities)" "identities SEC 2: high" \
    "the live state is as it was"

git clone -q "$TMP/evil" "$TMP/c1"
err=$("$WAFR" status "$TMP/c1" 2>&1)
is $? 1 "a fresh clone with the link does not open"
like "$err" "c1/answers/wellarchitected/security: a symbolic link, not followed" \
    "and says why"
is "$(ls -A "$TMP/out")" "" "nothing is written into its target"

# A file link is not read.
git -C "$TMP/evil" reset -q --hard HEAD~1
sed 's/^risk: .*/risk: none/' "$E/security/identities.yaml" >"$TMP/secret.yaml"
printf 'note: SECRET\n' >>"$TMP/secret.yaml"
rm "$E/security/identities.yaml"
ln -s "$TMP/secret.yaml" "$E/security/identities.yaml"
git -C "$TMP/evil" add -A && git -C "$TMP/evil" commit -q -m "a file link"
git -C "$W" fetch -q "$TMP/evil" HEAD &&
    git -C "$W" reset -q --hard FETCH_HEAD
ok $? "pull a committed file link under answers/"
err=$("$WAFR" sync "$W" 2>&1)
is $? 1 "sync refuses it"
like "$err" "security/identities.yaml: a symbolic link, not followed" \
    "and names the link"
out=$("$WAFR" answer "$W" identities)
! printf '%s' "$out" | grep -q SECRET
ok $? "what it points to is not read"
git clone -q "$TMP/evil" "$TMP/c2"
err=$("$WAFR" status "$TMP/c2" 2>&1)
is $? 1 "a fresh clone with the file link does not open"
like "$err" "identities.yaml: a symbolic link, not followed" "and says why"
git -C "$W" reset -q --hard milestone/start 2>/dev/null ||
    git -C "$W" reset -q --hard HEAD~1
"$WAFR" sync "$W" >/dev/null
ok $? "back to the milestone's files"

# --- Symbolic links in the snapshot folders, made by hand ---

# A directory link: the answer is kept, its file is not written there.
mv "$SEC" "$TMP/sec.saved"
ln -s "$TMP/out" "$SEC"
err=$("$WAFR" answer "$W" identities --select sec_identities_enforce_mechanisms \
    2>&1 >/dev/null)
like "$err" "security: a symbolic link, not followed" \
    "writing through a directory link is refused"
is "$(ls -A "$TMP/out")" "" "nothing is written into its target"
rm "$SEC" && mv "$TMP/sec.saved" "$SEC"

# A missing directory is not made through a linked one.
mv "$W/answers" "$TMP/answers.saved"
mkdir "$TMP/out2"
ln -s "$TMP/out2" "$W/answers"
err=$("$WAFR" answer "$W" priorities --none 2>&1 >/dev/null)
like "$err" "answers: a symbolic link, not followed" \
    "making directories through a link is refused"
is "$(ls -A "$TMP/out2")" "" "no directory is made in its target"
rm "$W/answers" && mv "$TMP/answers.saved" "$W/answers"

# A file link is not replaced, nor written through.
printf 'keep\n' >"$TMP/outside.md"
mv "$W/REPORT.md" "$TMP/report.saved"
ln -s "$TMP/outside.md" "$W/REPORT.md"
err=$("$WAFR" answer "$W" priorities --select ops_priorities_ext_cust_needs \
    2>&1 >/dev/null)
like "$err" "REPORT.md: a symbolic link, not followed" \
    "writing REPORT.md through a link is refused"
[ -L "$W/REPORT.md" ] && [ "$(cat "$TMP/outside.md")" = keep ]
ok $? "the link and its target are left as they were"
rm "$W/REPORT.md" && mv "$TMP/report.saved" "$W/REPORT.md"

# The workspace itself may be reached through a link.
ln -s "$W" "$TMP/wlink"
"$WAFR" answer "$TMP/wlink" priorities --none >/dev/null 2>"$TMP/err"
ok $? "a workspace reached through a link"
is "$(cat "$TMP/err")" "" "writes its files without a warning"
grep -q 'ops_priorities_no' "$OPS/priorities.yaml"
ok $? "into the workspace"
is "$(find "$W" -path "$W/.git" -prune -o -name '*wafr-tmp*' -print)" "" \
    "no temporary is left behind"

# --- Text made inert ---

# Ids name files and hold no control character, but may hold bidi
# controls; titles and notes may hold anything.
cat >"$TMP/hard.yaml" <<'EOF'
lens: hard
version: "1"
title: "Hard \u202Eevil\u202C lens"
pillars:
  - id: p
    title: "P \u2066iso\u2069 \u200Bzw\uFEFF"
    questions:
      - id: "q\u202Ed\u2067e"
        title: "Title \x7f\u0085\u009b \u202Etxt\u200F"
        choices:
          - id: a
            title: "A"
            risk: high
          - id: none
            title: None of these
            none: true
EOF
"$WAFR" init "$TMP/h" --lens "$TMP/hard.yaml" >/dev/null
ok $? "a lens whose id and titles hold bidi, C1 and DEL characters"
q=$(printf 'q\342\200\256d\342\201\247e')
out=$({ "$WAFR" status "$TMP/h"; "$WAFR" answer "$TMP/h" "$q" --none \
    --note "$(printf 'n\342\200\256o\302\205\177te')";
    "$WAFR" answer "$TMP/h" "$q";
    "$WAFR" answer "$TMP/h" "$(printf '%s\177x' "$q")";
    "$WAFR" plan "$TMP/h"; } 2>&1)
is "$(printf '%s' "$out" | count_bytes '\xe2\x80\xae' '\xe2\x80\xac' \
    '\xe2\x81\xa6' '\xe2\x81\xa7' '\xe2\x81\xa9' '\xe2\x80\x8b' \
    '\xef\xbb\xbf' '\xe2\x80\x8f' '\xc2\x85' '\xc2\x9b' '\x7f')" 0 \
    "no bidi, invisible, C1 or DEL character reaches the terminal"
# REPORT.md follows the answers a second later: write it now.
"$WAFR" report "$TMP/h" --update >/dev/null
like "$out" "Hard <U\+202E>evil<U\+202C> lens" "bidi controls are shown as <U+202E>"
like "$out" "hard/q<U\+202E>d<U\+2067>e: high" "isolates as <U+2067>"
like "$out" "no question \"q<U\+202E>d<U\+2067>e\?x\"" \
    "in error messages too, DEL as ?"
like "$out" "note: n<U\+202E>o\?\?te" "and in notes, C1 and DEL as ?"
is "$(count_bytes '\xe2\x80\xae' '\xe2\x80\xac' '\xe2\x81\xa6' '\xe2\x81\xa7' \
    '\xe2\x81\xa9' '\xe2\x80\x8b' '\xef\xbb\xbf' '\xe2\x80\x8f' '\xc2\x85' \
    '\xc2\x9b' '\x7f' <"$TMP/h/REPORT.md")" 0 \
    "REPORT.md holds no bidi, invisible, C1 or DEL character"
like "$(cat "$TMP/h/REPORT.md")" '`hard/q<U\+202E>d<U\+2067>e`' \
    "code spans show them inert"

# Removing a lens never deletes through a link under answers/ or lenses/.
L=$TMP/lensrm
"$WAFR" init "$L" --lens wellarchitected --lens serverless >/dev/null
mkdir -p "$TMP/precious"
echo keep >"$TMP/precious/file"
rm -rf "$L/answers/wafr-serverless"
ln -s "$TMP/precious" "$L/answers/wafr-serverless"
"$WAFR" lens remove "$L" wafr-serverless >/dev/null 2>"$TMP/err"
is "$(cat "$TMP/precious/file" 2>/dev/null)" "keep" \
    "lens remove: the folder a link under answers/ points to is untouched"
[ ! -e "$L/answers/wafr-serverless" ]
ok $? "and the link itself is gone"
# A workload.yaml that names other lenses than the store (a hand edit, a
# merge): sync refuses, naming both, and reads nothing freed (ASan).
S=$TMP/synclens
"$WAFR" init "$S" >/dev/null
sed -i 's/^- wellarchitected$/- serverless/' "$S/workload.yaml"
"$WAFR" sync "$S" >/dev/null 2>"$TMP/err"
is $? 1 "sync refuses a workload.yaml that names other lenses"
like "$(cat "$TMP/err")" "names other lenses \(serverless\) than the workspace \(wellarchitected\)" \
    "and names both"
done_testing
