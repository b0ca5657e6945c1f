#!/usr/bin/env python3
"""Check the layering of mdfuzz's top-level folders (docs/architecture.md).

Reads every #include "..." of the tree's C/C++ sources (not corpus/, not
build trees), maps each file to its top-level folder (include/mdfuzz/<group>/
to the folder that implements the group, compat/include/ to compat) and
fails when:
  (a) top-level folders include each other in a cycle;
  (b) a generic folder includes anything from targets/ or links a driver
      library (mdd_*) in its CMake files;
  (c) a generic folder includes a folder later in the layer order
      common <- mock-reader <- compat <- harness <- triage, fuzzers <- cli.
tests/, bench/, targets/ (and examples/, oss-fuzz/) may use anything.
Every offending include is printed as file:line.

  check-layering.py [ROOT]     check ROOT (default: the tree this script is in)
  check-layering.py --self-test
                               check a scratch tree with planted violations
                               and succeed only if each one is reported
"""
import os
import re
import shutil
import sys
import tempfile

SOURCE_EXT = (".c", ".h", ".cpp", ".cc", ".cxx", ".hpp", ".hh", ".def", ".inc")
SKIP_TOP = {"corpus", ".git"}
# include/mdfuzz/<group>/ -> the folder that implements it.
GROUPS = {"common": "common", "reader": "mock-reader", "harness": "harness",
          "fuzzers": "fuzzers", "triage": "triage", "compat": "compat"}
# Generic folders and their layer: a folder may include its own layer and below.
RANK = {"common": 0, "mock-reader": 1, "compat": 2, "harness": 3,
        "triage": 4, "fuzzers": 4, "cli": 5}
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
MDD_RE = re.compile(r"\bmdd_[A-Za-z0-9_]+")


def skip_top(name):
    return name in SKIP_TOP or name.startswith("build") or name.startswith(".")


def walk(root):
    """Relative paths of the tree's files, sorted."""
    out = []
    for top in sorted(os.listdir(root)):
        path = os.path.join(root, top)
        if skip_top(top):
            continue
        if os.path.isfile(path):
            out.append(top)
            continue
        for d, dirs, files in os.walk(path):
            dirs[:] = sorted(x for x in dirs if not x.startswith("."))
            for f in sorted(files):
                out.append(os.path.relpath(os.path.join(d, f), root))
    return out


def folder_of(rel):
    parts = rel.split(os.sep)
    if len(parts) < 2:
        return None
    if parts[0] == "include":
        if len(parts) >= 4 and parts[1] == "mdfuzz" and parts[2] in GROUPS:
            return GROUPS[parts[2]]
        return None  # a header outside the groups: not attributed
    return parts[0]


def resolve(root, rel, inc, by_suffix):
    """The tree-relative file an include names, or None (system, generated)."""
    here = os.path.dirname(rel)
    for base in (here, "include", os.path.join("compat", "include")):
        cand = os.path.normpath(os.path.join(base, inc))
        if not cand.startswith("..") and os.path.isfile(os.path.join(root, cand)):
            return cand
    # Module-private include folders (target_include_directories): by suffix,
    # preferring the including file's own folder.
    cands = by_suffix.get(os.path.normpath(inc).replace(os.sep, "/"), [])
    if not cands:
        return None
    own = [c for c in cands if folder_of(c) == folder_of(rel)]
    return (own or cands)[0]


def strongly_connected(nodes, edges):
    """Tarjan's SCCs of the folder graph."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def check(root):
    files = walk(root)
    by_suffix = {}
    for f in files:
        parts = f.split(os.sep)
        for i in range(len(parts)):
            by_suffix.setdefault("/".join(parts[i:]), []).append(f)

    uses = {}  # (from folder, to folder) -> [(file, line, include)]
    errors = []
    for rel in files:
        if not rel.endswith(SOURCE_EXT):
            continue
        src = folder_of(rel)
        if src is None:
            continue
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                m = INCLUDE_RE.match(line)
                if not m:
                    continue
                target = resolve(root, rel, m.group(1), by_suffix)
                dst = folder_of(target) if target else None
                if dst is None or dst == src:
                    continue
                uses.setdefault((src, dst), []).append((rel, n, m.group(1)))

    # (b) generic folders and targets/: includes, then CMake links.
    for (src, dst), where in sorted(uses.items()):
        if src in RANK and dst == "targets":
            for rel, n, inc in where:
                errors.append(f'{rel}:{n}: #include "{inc}": {src}/ is generic and may not use targets/')
    for rel in files:
        src = folder_of(rel)
        base = os.path.basename(rel)
        if src not in RANK or not (base == "CMakeLists.txt" or base.endswith(".cmake")):
            continue
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                code = line.split("#", 1)[0]
                for lib in MDD_RE.findall(code):
                    errors.append(f"{rel}:{n}: {lib}: {src}/ is generic and may not link a driver library")

    # (c) the layer order.
    for (src, dst), where in sorted(uses.items()):
        if src in RANK and dst in RANK and RANK[dst] > RANK[src]:
            for rel, n, inc in where:
                errors.append(f'{rel}:{n}: #include "{inc}": {src}/ may not use {dst}/ '
                              "(layer order: common <- mock-reader <- compat <- harness "
                              "<- triage, fuzzers <- cli)")

    # (a) cycles between folders.
    edges = {}
    for src, dst in uses:
        edges.setdefault(src, set()).add(dst)
    nodes = set(edges) | {d for s in edges.values() for d in s}
    for comp in strongly_connected(nodes, edges):
        if len(comp) < 2:
            continue
        errors.append("cycle between folders: " + " <-> ".join(c + "/" for c in comp))
        for (src, dst), where in sorted(uses.items()):
            if src in comp and dst in comp:
                for rel, n, inc in where:
                    errors.append(f'  {rel}:{n}: #include "{inc}": {src}/ -> {dst}/')
    return errors, len(files)


def self_test():
    """Plant one violation of each kind in a scratch tree; all must be found."""
    tmp = tempfile.mkdtemp(prefix="mdf-layering-")
    try:
        def put(rel, text):
            path = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        put("include/mdfuzz/common/c.h", "int c(void);\n")
        put("include/mdfuzz/reader/r.h", '#include "mdfuzz/common/c.h"\n')
        put("common/c.c", '#include "mdfuzz/common/c.h"\n#include "mdfuzz/reader/r.h"\n')
        put("mock-reader/r.c", '#include "mdfuzz/reader/r.h"\n')
        put("targets/drv/drv.h", "int drv(void);\n")
        put("harness/h.c", '#include "../targets/drv/drv.h"\n')
        put("fuzzers/CMakeLists.txt", "target_link_libraries(x PRIVATE mdd_drv)\n")
        put("tests/t.c", '#include "../targets/drv/drv.h"\n#include "mdfuzz/reader/r.h"\n')
        put("corpus/x/bad.c", '#include "../../targets/drv/drv.h"\n')
        errors, _ = check(tmp)
        text = "\n".join(errors)
        expected = ["common/c.c:2:", "cycle between folders: common/ <-> mock-reader/",
                    "harness/h.c:1:", "fuzzers/CMakeLists.txt:1: mdd_drv"]
        unexpected = ["tests/t.c", "corpus/"]
        missing = [e for e in expected if e not in text]
        extra = [u for u in unexpected if u in text]
        print(text)
        if missing or extra:
            print(f"check-layering self-test FAILED: not reported {missing}, wrongly reported {extra}")
            return 1
        print("check-layering self-test: every planted violation was reported")
        return 0
    finally:
        shutil.rmtree(tmp)


def main(argv):
    if len(argv) > 1 and argv[1] == "--self-test":
        return self_test()
    if len(argv) > 1 and argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    errors, nfiles = check(root)
    for e in errors:
        print(e)
    if errors:
        print(f"check-layering: {len([e for e in errors if not e.startswith('  ')])} problem(s)")
        return 1
    print(f"check-layering: {nfiles} files, layering OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
