# SPDX-License-Identifier: MIT
"""Paths and fixtures shared by the pytest folders (tests/python, tests/report).

Each folder's conftest.py puts this folder on sys.path and imports what it
uses: importing a fixture into a conftest makes it a fixture of that folder.
ctest sets ZCCSIM_EXE (the zccsim program) and ZCCSIM_SOURCE_DIR (the source
tree); by hand, the release build's program is used.
"""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("ZCCSIM_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SMALL_REGION = SOURCE_DIR / "tests" / "acute" / "small_region.yaml"
MMC = SOURCE_DIR / "scenarios" / "network" / "mmc.yaml"
BAD_DIR = SOURCE_DIR / "tests" / "cli" / "bad"


@pytest.fixture(scope="session")
def zccsim_exe() -> pathlib.Path:
    """The zccsim program; a missing program fails the tests that need it (never a skip)."""
    exe = pathlib.Path(os.environ.get("ZCCSIM_EXE", SOURCE_DIR / "build" / "release" / "zccsim"))
    if not exe.is_file():
        pytest.fail(f"the zccsim program is not at {exe} (set ZCCSIM_EXE)")
    return exe


@pytest.fixture(scope="session")
def cli(zccsim_exe):
    """cli(*args, cwd=None, env=None, timeout=300) runs the zccsim program and
    returns the CompletedProcess (text output captured)."""

    def run(*args, cwd=None, env=None, timeout=300):
        return subprocess.run([str(zccsim_exe), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=timeout)

    return run


@pytest.fixture(scope="session")
def small_region():
    import zccsim

    return zccsim.Scenario.from_file(SMALL_REGION)


@pytest.fixture(scope="session")
def mmc():
    import zccsim

    return zccsim.Scenario.from_file(MMC)


@pytest.fixture(scope="session")
def short_mmc_path(tmp_path_factory) -> pathlib.Path:
    """scenarios/network/mmc.yaml with a tenth of its horizon, for speed."""
    path = tmp_path_factory.mktemp("scenarios") / "mmc_short.yaml"
    path.write_text(f"extends: {MMC}\nhorizon: 10000\nwarmup: 500\n")
    return path


@pytest.fixture(scope="session")
def short_mmc(short_mmc_path):
    import zccsim

    return zccsim.Scenario.from_file(short_mmc_path)
