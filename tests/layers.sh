#!/bin/sh
# The layers of src/: which folder may include which, the libraries each
# may use, and no two modules that include each other in a circle. The build
# stops a forbidden library header (src/deny/); this checks the project's own.
. "$(dirname "$0")/lib.sh"

python3 - "$top_srcdir/src" <<'EOF'
import os, re, sys

src = sys.argv[1]
# What each layer may include, besides itself.
allowed = {
    "base": [],
    "model": ["base"],
    "files": ["model", "base"],
    "store": ["base"],
    "git": ["files", "model", "base"],
    "report": ["model", "base"],
    "review": ["git", "files", "store", "report", "model", "base"],
    "ui": ["review", "git", "files", "store", "report", "model", "base"],
    "cli": ["ui", "review", "git", "files", "store", "report", "model",
            "base"],
}
libraries = {"curses.h": "ui", "ncurses.h": "ui", "yaml.h": "files",
             "lmdb.h": "store", "git2.h": "git"}

n = failed = 0
def check(cond, what, detail=""):
    global n, failed
    n += 1
    failed += not cond
    print(("ok" if cond else "not ok") + " %d - %s" % (n, what))
    if not cond and detail:
        print("#   " + detail.replace("\n", "\n#   "))

includes = {}   # "layer/file" -> [included "layer/file"]
system = {}     # "layer/file" -> [<headers>]
for layer in sorted(allowed):
    for name in sorted(os.listdir(os.path.join(src, layer))):
        if not name.endswith((".c", ".h")):
            continue
        text = open(os.path.join(src, layer, name), encoding="utf-8").read()
        key = layer + "/" + name
        includes[key] = [h for h in re.findall(r'#include "([^"]+)"', text)
                         if h != "config.h"]
        system[key] = re.findall(r'#include <([^>]+)>', text)

check(set(os.listdir(src)) - {"deny"} == set(allowed),
      "src/ has one folder a layer, and only those",
      " ".join(sorted(os.listdir(src))))

bad = []
for f, hs in sorted(includes.items()):
    layer = f.split("/")[0]
    for h in hs:
        to = h.split("/")[0]
        if to != layer and to not in allowed[layer]:
            bad.append("%s includes %s" % (f, h))
        elif not os.path.exists(os.path.join(src, h)):
            bad.append("%s includes %s, which is not there" % (f, h))
check(not bad, "every include goes down the layers, by its folder",
      "\n".join(bad))

bad = ["%s includes <%s>" % (f, h) for f, hs in sorted(system.items())
       for h in hs if h in libraries and f.split("/")[0] != libraries[h]]
check(not bad, "curses only in ui/, libyaml in files/, LMDB in store/, "
      "libgit2 in git/", "\n".join(bad))

# Modules: a .c and its .h. A circle is a path back to where it started.
def module(f):
    return f.rsplit(".", 1)[0]
graph = {}
for f, hs in includes.items():
    graph.setdefault(module(f), set()).update(
        module(h) for h in hs if module(h) != module(f))
circles = []
state = {}
def visit(m, path):
    state[m] = 1
    for d in sorted(graph.get(m, ())):
        if state.get(d) == 1:
            circles.append(" -> ".join(path[path.index(d):] + [d]))
        elif d not in state:
            visit(d, path + [d])
    state[m] = 2
for m in sorted(graph):
    if m not in state:
        visit(m, [m])
check(not circles, "no two modules include each other in a circle",
      "\n".join(circles))

# The model is pure: it opens no file and runs no program.
impure = []
for f in includes:
    if not f.startswith("model/"):
        continue
    text = open(os.path.join(src, f), encoding="utf-8").read()
    for call in ("fopen", "open(", "read_file", "write_file_atomic",
                 "opendir", "system(", "getenv", "time("):
        if re.search(r'\b' + re.escape(call), text):
            impure.append("%s calls %s" % (f, call))
check(not impure, "model/ does no I/O", "\n".join(impure))

# Only the operations change a review: no front end commits to the store.
writers = []
for f in includes:
    if f.split("/")[0] not in ("cli", "ui"):
        continue
    text = open(os.path.join(src, f), encoding="utf-8").read()
    for call in ("store_commit", "store_apply", "store_replace",
                 "store_undo", "store_redo", "workspace_commit",
                 "workspace_adopt", "workspace_set_session",
                 "workspace_add_time",
                 "history_milestone("):
        if call in text:
            writers.append("%s calls %s" % (f, call))
check(not writers, "the command line and the screen change a review only "
      "through review/ops", "\n".join(writers))
# The build gives each layer only its own libraries: a header of another
# resolves to src/deny/ and stops the compiler, saying where it belongs.
import subprocess
for lib, header, home in (("curses", "curses.h", "src/ui/"),
                          ("yaml", "yaml.h", "src/files/"),
                          ("lmdb", "lmdb.h", "src/store/"),
                          ("git2", "git2.h", "src/git/")):
    r = subprocess.run(["cc", "-fsyntax-only", "-I" + os.path.join(src,
                        "deny", lib), "-x", "c", "-"],
                       input="#include <%s>\n" % header, text=True,
                       capture_output=True)
    check(r.returncode != 0 and home in r.stderr,
          "<%s> outside %s stops the build" % (header, home), r.stderr)
# And the build does give each layer its flags (Makefile.am).
mk = open(os.path.join(src, "..", "Makefile.am"), encoding="utf-8").read()
mk = mk.replace("\\\n", " ")
deny = {"curses": "ui", "yaml": "files", "lmdb": "store", "git2": "git"}
bad = []
for layer in allowed:
    var = "src_wafr_CPPFLAGS" if layer == "cli" else \
        "src_%s_lib%s_a_CPPFLAGS" % (layer, layer)
    m = re.search(r"^%s = (.*)$" % var, mk, re.M)
    flags = m.group(1) if m else ""
    for lib, home in deny.items():
        denied = "$(DENY_ALL)" in flags or \
            "$(DENY_%s)" % lib.upper() in flags
        if denied == (home == layer):
            bad.append("%s: %s %s" % (layer, lib, "denied at home" if
                                       denied else "not denied"))
check(not bad, "each layer's library is built denying the others' headers",
      "\n".join(bad))
# libgit2 is loaded only by the commands that use git: a dynamic program
# and the tests link the loader (git/history-load.c), and only the module
# that holds git/history.c links libgit2. A static program (configure.ac)
# builds history.c in, and links libgit2, inside "if STATIC_BINARY" alone.
m = re.search(r"^LDADD = (.*)$", mk, re.M)
mod = re.search(r"^src_wafr_git_so_LDADD = (.*)$", mk, re.M)
srcs = re.search(r"^src_git_libgit_a_SOURCES = (.*)$", mk, re.M)
static = re.search(r"^if STATIC_BINARY\n(.*?)^else\n(.*?)^endif$", mk,
                   re.M | re.S)
# The module's sources are named once (GIT_MODULE_SOURCES) and used
# inside the conditional alone.
modsrcs = re.search(r"^GIT_MODULE_SOURCES = (.*)$", mk, re.M)
outside = mk.replace(static.group(0), "") if static else mk
if modsrcs:
    outside = outside.replace(modsrcs.group(0), "")
check(m is not None and "GIT2_LIBS" not in m.group(1) and mod is not None
      and "GIT2_LIBS" in mod.group(1) and srcs is not None and
      "history.c" not in srcs.group(1).replace("history-load.c", "") and
      modsrcs is not None and "history.c" in modsrcs.group(1) and
      static is not None and "src_wafr_git_so_LDADD" in static.group(2) and
      "BUILTIN_LIBS = $(GIT2_LIBS)" in static.group(1) and
      "BUILTIN_LIBS =" not in outside and
      "$(GIT_MODULE_SOURCES)" not in outside and
      "history.c" not in re.sub(r"history-(load|module)", "", outside),
      "only the git module links libgit2, or a static program, which "
      "builds it in")
print("1..%d" % n)
sys.exit(1 if failed else 0)
EOF
