# SPDX-License-Identifier: MIT
"""Runs a notebook top to bottom in a fresh Jupyter kernel (the ctest of notebooks/).

    PYTHONPATH=build/release/python /usr/bin/python3 tests/notebooks/run_notebook.py \\
        notebooks/01_quick_start.ipynb --out /tmp/nb

Fails (exit status 1) when the stored notebook has outputs or execution
counts (notebooks are stored without them), lacks its SPDX line, or when a
cell raises. The kernel starts in the notebook's folder, as Jupyter does.
The executed copy goes to OUT/NAME.ipynb; the run time is printed.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def stored_problems(nb: nbformat.NotebookNode) -> list[str]:
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"cell {i} is stored with outputs or an execution count (clear them before committing)")
    if not nb.cells or "SPDX-License-Identifier: MIT" not in nb.cells[0].source:
        problems.append("the first cell does not carry the line SPDX-License-Identifier: MIT")
    return problems


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebook")
    p.add_argument("--out", required=True, help="folder for the executed copy")
    p.add_argument("--cell-timeout", type=int, default=300, help="seconds per cell")
    a = p.parse_args()
    path = pathlib.Path(a.notebook).resolve()
    nb = nbformat.read(path, as_version=4)
    problems = stored_problems(nb)
    for msg in problems:
        print(f"{path.name}: {msg}", file=sys.stderr)
    client = NotebookClient(nb, timeout=a.cell_timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    status = 1 if problems else 0
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"{path.name}: a cell failed:\n{e}", file=sys.stderr)
        status = 1
    elapsed = time.monotonic() - t0
    nb.metadata["zccsim_run_seconds"] = round(elapsed, 1)
    nbformat.write(nb, out / path.name)
    print(f"{path.name}: {'ok' if status == 0 else 'FAILED'} in {elapsed:.1f} s (executed copy: {out / path.name})")
    return status


if __name__ == "__main__":
    sys.exit(main())
