# SPDX-License-Identifier: MIT
"""Fixtures of the plot and report tests (tests/report), with those of
tests/common/pytest_common.py (shared with tests/python).

Run by ctest (label python) with PYTHONPATH at the build tree's python/
folder, ZCCSIM_EXE the zccsim program, ZCCSIM_SOURCE_DIR the source tree and
ZCCSIM_REPORT_OUT a folder of the build tree (the browser screenshot stays
there). By hand:
    PYTHONPATH=build/release/python ZCCSIM_EXE=build/release/zccsim \\
        /usr/bin/python3 -m pytest tests/report -q
"""
import os
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "common"))
from pytest_common import SMALL_REGION, cli, short_mmc_path, small_region, zccsim_exe  # noqa: E402,F401


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory) -> pathlib.Path:
    """Where files worth keeping go (the build tree under ctest)."""
    d = os.environ.get("ZCCSIM_REPORT_OUT")
    path = pathlib.Path(d) if d else tmp_path_factory.mktemp("report_out")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def run_h5(tmp_path_factory, cli) -> pathlib.Path:
    """zccsim run of the small test region with hourly series and event log."""
    path = tmp_path_factory.mktemp("run") / "run.h5"
    proc = cli("run", SMALL_REGION, "--replications", 4, "--seed", 7, "--out", path, "--event-log", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture(scope="session")
def experiment(tmp_path_factory) -> pathlib.Path:
    path = tmp_path_factory.mktemp("exp") / "points.yaml"
    path.write_text(
        f"base: {SMALL_REGION}\nreplications: 4\nseed: 3\npoints:\n"
        "  - {label: zcc}\n"
        "  - {label: fragmented, set: {triage.mode: fragmented}}\n"
        "  - {label: no insight, set: {capacity_insight: false}}\n")
    return path


@pytest.fixture(scope="session")
def sweep_h5(tmp_path_factory, cli, experiment) -> pathlib.Path:
    """zccsim sweep of three points of the small test region (no hourly series, no event log)."""
    path = tmp_path_factory.mktemp("sweep") / "sweep.h5"
    proc = cli("sweep", experiment, "--out", path, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture(scope="session")
def mmc_h5(tmp_path_factory, cli, short_mmc_path) -> pathlib.Path:
    """A network-model results file (a tenth of mmc.yaml's horizon)."""
    path = tmp_path_factory.mktemp("mmc") / "mmc.h5"
    proc = cli("run", short_mmc_path, "--replications", 3, "--out", path, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return path
