#!/bin/sh
# The first commit of a new workspace holds what "git add -A" of its files
# would: the same tree, an index whose stat data matches the files (nothing
# for git to refresh), the user's ignore rules and git's clean filters.
. "$(dirname "$0")/lib.sh"

# git_tree DIR: the tree "git add -A" makes of a copy of DIR's files.
git_tree() {
	rm -rf "$TMP/copy"
	mkdir "$TMP/copy"
	(cd "$1" && tar cf - --exclude=./.git --exclude=./.wafr .) |
	    (cd "$TMP/copy" && tar xf -)
	git -C "$TMP/copy" init -q
	git -C "$TMP/copy" add -A
	git -C "$TMP/copy" write-tree
}

W=$TMP/w
"$WAFR" init "$W" --name Shop --lens wellarchitected --lens wafr-saas \
	>/dev/null
ok $? "init with two lenses"
is "$(git -C "$W" rev-parse 'HEAD^{tree}')" "$(git_tree "$W")" \
	"the first commit's tree is the one git add -A makes of the files"
git -C "$W" diff-files --quiet
ok $? "the index holds every file's stat data: git has nothing to refresh"
is "$(git -C "$W" status --porcelain --untracked-files=all)" "" \
	"git status is clean"
is "$(git -C "$W" fsck --no-progress 2>&1)" "" "git fsck finds nothing amiss"

# A lens with CRLF line ends, for a user whose git converts line ends.
sed 's/$/\r/' "$WAFR_DATADIR/lenses/wellarchitected.yaml" >"$TMP/crlf.yaml"
git config --global core.autocrlf true
C=$TMP/crlf
"$WAFR" init "$C" --lens "$TMP/crlf.yaml" >/dev/null
ok $? "init with a CRLF lens under core.autocrlf"
is "$(git -C "$C" rev-parse 'HEAD^{tree}')" "$(git_tree "$C")" \
	"its line ends are converted as git add converts them"
is "$(git -C "$C" status --porcelain)" "" "and git status is clean"
git config --global --unset core.autocrlf

# The user's own ignore rules are followed as git add follows them.
printf 'REPORT.md\n' >"$HOME/ignore"
git config --global core.excludesFile "$HOME/ignore"
I=$TMP/ignoring
"$WAFR" init "$I" >/dev/null
ok $? "init under an ignore rule of the user's"
is "$(git -C "$I" ls-files REPORT.md)" "" "the file it ignores is left out"
is "$(git -C "$I" rev-parse 'HEAD^{tree}')" "$(git_tree "$I")" \
	"as git add leaves it out"
git config --global --unset core.excludesFile

done_testing
