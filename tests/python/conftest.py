# SPDX-License-Identifier: MIT
"""Fixtures of the zccsim Python tests: those of tests/common/pytest_common.py
(shared with tests/report).

Run by ctest (label python) with PYTHONPATH at the build tree's python/
folder, ZCCSIM_EXE the zccsim program and ZCCSIM_SOURCE_DIR the source tree.
By hand:
    PYTHONPATH=build/release/python ZCCSIM_EXE=build/release/zccsim \\
        /usr/bin/python3 -m pytest tests/python -q
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "common"))
from pytest_common import (  # noqa: E402,F401 (paths for the tests; fixtures)
    BAD_DIR,
    MMC,
    SMALL_REGION,
    SOURCE_DIR,
    cli,
    mmc,
    short_mmc,
    short_mmc_path,
    small_region,
    zccsim_exe,
)
