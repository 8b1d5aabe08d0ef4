#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fails on an #include that goes against the layering (docs/architecture.md).

Each source folder is a layer and may include only the layers listed for it
in ALLOWED; a model family never includes another family. Run from anywhere:
    python3 tests/layering/check_layers.py [SOURCE_ROOT]
"""
import pathlib
import re
import sys

# layer -> layers its files may include (itself included)
ALLOWED = {
    "sim": {"sim"},                                   # the engine
    "exec": {"sim", "exec"},                          # threads, MPI, ordered delivery, atomic files
    "io": {"sim", "exec", "io"},                      # YAML reader, JSON, HDF5, records
    "models": {"sim", "io", "models"},                # models only
    "study": {"sim", "exec", "io", "models", "study"},  # scenarios, registry, compare, sweeps
    "app": {"sim", "exec", "io", "models", "study", "app"},  # the zccsim program
    "bindings": {"sim", "exec", "io", "models", "study", "bindings"},  # Python
}
# (file, included layer): known exceptions, each with its reason. Keep short.
EXCEPTIONS: dict = {}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def layer_of_include(path: str):
    first = path.split("/", 1)[0]
    if first == "zccsim":  # the generated zccsim/version.hpp (io/version.hpp.in)
        return "io"
    return first if first in ALLOWED else None


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    problems, checked = [], 0
    for layer in ALLOWED:
        for f in sorted((root / layer).rglob("*")):
            if f.suffix not in {".hpp", ".cpp", ".h", ".in"}:
                continue
            rel = f.relative_to(root).as_posix()
            checked += 1
            for inc in INCLUDE.findall(f.read_text(encoding="utf-8")):
                to = layer_of_include(inc)
                if to is None:
                    continue  # relative to the file's own folder, or a library header
                if to == "models" and layer == "models":
                    own, other = rel.split("/")[1], inc.split("/")[1]
                    if own != other:
                        problems.append(f"{rel}: includes {inc}: one model family never includes another")
                    continue
                if to not in ALLOWED[layer] and (rel, to) not in EXCEPTIONS:
                    problems.append(f"{rel}: includes {inc}: {layer}/ may include only "
                                    f"{', '.join(sorted(ALLOWED[layer]))}/")
    for p in problems:
        print(p)
    if checked == 0:
        print("no source files found under", root)
        return 1
    print(f"{checked} files checked, {len(problems)} layering violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
