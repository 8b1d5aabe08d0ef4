# SPDX-License-Identifier: MIT
"""Fixtures of the plot and report tests (tests/report).

Run by ctest (label python) with PYTHONPATH at the build tree's python/
folder, ZCCSIM_EXE the zccsim program, ZCCSIM_SOURCE_DIR the source tree and
ZCCSIM_REPORT_OUT a folder of the build tree (the browser screenshot stays
there). By hand:
    PYTHONPATH=build/release/python ZCCSIM_EXE=build/release/zccsim \\
        /usr/bin/python3 -m pytest tests/report -q
"""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("ZCCSIM_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SMALL_REGION = SOURCE_DIR / "tests" / "acute" / "small_region.yaml"
MMC = SOURCE_DIR / "scenarios" / "network" / "mmc.yaml"


@pytest.fixture(scope="session")
def zccsim_exe() -> pathlib.Path:
    exe = pathlib.Path(os.environ.get("ZCCSIM_EXE", SOURCE_DIR / "build" / "release" / "zccsim"))
    if not exe.is_file():
        pytest.fail(f"the zccsim program is not at {exe} (set ZCCSIM_EXE)")
    return exe


@pytest.fixture(scope="session")
def cli(zccsim_exe):
    """cli(*args, env=None) runs the zccsim program and returns the CompletedProcess."""

    def run(*args, env=None, cwd=None):
        return subprocess.run([str(zccsim_exe), *map(str, args)], capture_output=True, text=True, timeout=300,
                              env=env, cwd=cwd)

    return run


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
def mmc_h5(tmp_path_factory, cli) -> pathlib.Path:
    """A network-model results file (a tenth of mmc.yaml's horizon)."""
    d = tmp_path_factory.mktemp("mmc")
    sc = d / "mmc_short.yaml"
    sc.write_text(f"extends: {MMC}\nhorizon: 10000\nwarmup: 500\n")
    path = d / "mmc.h5"
    proc = cli("run", sc, "--replications", 3, "--out", path, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return path
