#!/bin/sh
# Where wafr finds its bundled lenses without WAFR_DATADIR: data/ beside the
# build tree it runs from (src/wafr, with config.status beside src/), else
# the installed folder. A binary anywhere else never takes a data/ folder
# that happens to lie beside it: it would shadow the installed lenses.
. "$(dirname "$0")/lib.sh"

# A lens of the default's id, under another title.
shadow() {
	mkdir -p "$1/data/lenses"
	sed 's/^title: .*/title: Shadow lens/' \
	    "$WAFR_DATADIR/lenses/wellarchitected.yaml" \
	    >"$1/data/lenses/wellarchitected.yaml"
	grep -q '^title: Shadow lens$' "$1/data/lenses/wellarchitected.yaml"
}
lenses() { env -u WAFR_DATADIR "$1" lens list 2>&1; }

# Installed somewhere (no build tree): data/ beside it is not looked at.
mkdir -p "$TMP/opt/bin"
cp "$WAFR" "$TMP/opt/bin/wafr"
shadow "$TMP/opt"
ok $? "a shadow lens beside an installed binary"
out=$(lenses "$TMP/opt/bin/wafr")
case $out in
*"Shadow lens"*) r=1 ;;
*) r=0 ;;
esac
ok "$r" "a binary outside a build tree does not take data/ beside it"

# In a build tree it does.
mkdir -p "$TMP/tree/src"
cp "$WAFR" "$TMP/tree/src/wafr"
shadow "$TMP/tree"
: >"$TMP/tree/config.status"
like "$(lenses "$TMP/tree/src/wafr")" "Shadow lens" \
    "a binary in its build tree takes the data/ of that tree"

# WAFR_DATADIR comes first, wherever the binary is.
like "$(WAFR_DATADIR=$TMP/opt/data "$WAFR" lens list)" "Shadow lens" \
    "WAFR_DATADIR names the folder of the bundled lenses"
done_testing
