# SPDX-License-Identifier: MIT
"""zccsim.read: results files written by `zccsim run --out` (and by
Results.save), the same tables as a run from Python."""
import h5py
import numpy as np
import pandas as pd
import pytest

import zccsim
from conftest import SMALL_REGION


def test_read_a_cli_run(tmp_path, cli, small_region):
    out = tmp_path / "run.h5"
    proc = cli("run", SMALL_REGION, "--replications", 3, "--seed", 5, "--out", out, "--event-log", "--quiet")
    assert proc.returncode == 0, proc.stderr
    f = zccsim.read(out)
    r = small_region.run(3, seed=5, hourly=True, event_log=True)
    assert f.model == "acute" and f.seed == 5 and f.complete and f.shard == ""
    assert f.version.startswith("zccsim ") and f.scenario_path == str(SMALL_REGION)
    assert f.scenario_text == small_region.to_yaml() and f.experiment_text == ""
    assert f.kpis.index.names == ["point", "replication"] and list(f.kpis.columns) == small_region.kpi_names
    # the same numbers as the run from Python
    np.testing.assert_array_equal(f.values, r.values)
    pd.testing.assert_frame_equal(f.kpis.loc[0], r.kpis)
    pd.testing.assert_frame_equal(f.summary.loc[0], r.summary)
    assert list(f.points["label"]) == ["run"]
    assert f.hourly_replication == 0
    pd.testing.assert_frame_equal(f.hourly, r.hourly)
    pd.testing.assert_frame_equal(f.events, r.events)
    assert f.log_names == r.log_names
    assert f.scenario.kpi_names == small_region.kpi_names
    # the record of every replication: conservation counts and versions too
    np.testing.assert_array_equal(f.conservation.to_numpy(), r.conservation.to_numpy())
    assert (f.conservation["created"] == f.conservation["ended"] + f.conservation["in_system"]).all()
    assert f.model_version == r.model_version and f.model_version.startswith("acute/")
    assert f.kpi_table_sha256 == r.kpi_table_sha256


def test_read_a_cli_network_run(tmp_path, cli, short_mmc, short_mmc_path):
    out = tmp_path / "mmc.h5"
    assert cli("run", short_mmc_path, "--replications", 2, "--out", out, "--quiet").returncode == 0
    f = zccsim.read(out)
    assert f.model == "network" and f.hourly is None and f.events is None
    np.testing.assert_array_equal(f.values, short_mmc.run(2).values)
    np.testing.assert_array_equal(f.conservation.to_numpy(), short_mmc.run(2).conservation.to_numpy())
    assert f.model_version.startswith("network/")


def test_save_round_trip(tmp_path, small_region):
    r = small_region.run(2, seed=3, hourly=True, event_log=True)
    path = tmp_path / "saved.h5"
    r.save(path)
    f = zccsim.read(path)
    np.testing.assert_array_equal(f.values, r.values)
    pd.testing.assert_frame_equal(f.hourly, r.hourly)
    pd.testing.assert_frame_equal(f.events, r.events)
    np.testing.assert_array_equal(f.conservation.to_numpy(), r.conservation.to_numpy())  # saving keeps everything
    assert (r.conservation["created"] > 0).all()
    assert f.model_version == r.model_version and f.model_version.startswith("acute/") and len(f.kpi_table_sha256) == 64
    assert f.kpi_table_sha256 == r.kpi_table_sha256
    assert f.scenario_text == small_region.to_yaml() and f.version == "zccsim " + zccsim.__version__
    # the documented layout, read independently with h5py
    with h5py.File(path) as h:
        assert h.attrs["format"] == zccsim._core.results_format
        np.testing.assert_array_equal(h["kpis/values"][:], r.values)
        assert list(h["kpis/names"].asstr()[:]) == small_region.kpi_names


def test_read_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        zccsim.read(tmp_path / "missing.h5")
    junk = tmp_path / "junk.h5"
    junk.write_text("not HDF5")
    with pytest.raises(RuntimeError, match="junk.h5"):
        zccsim.read(junk)


def test_read_a_cli_compare(tmp_path, cli, small_region, short_mmc_path):
    # compare --out: one point per variant, the same rows as each variant run alone (paired by replication)
    other = tmp_path / "other.yaml"
    other.write_text(f"extends: {SMALL_REGION}\ncapacity_insight: false\n")
    out = tmp_path / "compare.h5"
    proc = cli("compare", SMALL_REGION, other, "--replications", 2, "--seed", 4, "--out", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    f = zccsim.read(out)
    assert list(f.points["label"]) == ["small_region", "other"] and f.complete and f.seed == 4
    np.testing.assert_array_equal(f.kpis.loc[0].to_numpy(), small_region.run(2, seed=4).values)
    np.testing.assert_array_equal(f.kpis.loc[1].to_numpy(), zccsim.Scenario.from_file(other).run(2, seed=4).values)
    with h5py.File(out) as h:
        assert list(h["points/scenarios"].asstr()[:]) == [small_region.to_yaml(), zccsim.Scenario.from_file(other).to_yaml()]
    assert cli("compare", SMALL_REGION, short_mmc_path, "--out", out).returncode != 0  # different models: refused


def test_compare_saves_what_the_cli_writes(tmp_path, cli, small_region):
    # a Python comparison is the same results table as compare --out: saved and read back it keeps
    # every row, the conservation counts and each variant's scenario
    other = tmp_path / "other.yaml"
    other.write_text(f"extends: {SMALL_REGION}\ncapacity_insight: false\n")
    c = zccsim.compare([SMALL_REGION, other], replications=2, seed=4, threads=1)
    assert c.values.shape == (2, 2, len(small_region.kpi_names))
    assert not c.values.flags.writeable and c.values.base is not None  # a view, not a copy
    c.save(tmp_path / "py.h5")
    out = tmp_path / "cli.h5"
    assert cli("compare", SMALL_REGION, other, "--replications", 2, "--seed", 4, "--out", out, "--quiet").returncode == 0
    mine, theirs = zccsim.read(tmp_path / "py.h5"), zccsim.read(out)
    pd.testing.assert_frame_equal(mine.kpis, theirs.kpis)
    pd.testing.assert_frame_equal(mine.conservation, theirs.conservation)
    assert (mine.conservation["created"] > 0).all()
    assert list(mine.points["label"]) == c.labels == ["small_region", "other"]
    np.testing.assert_array_equal(mine.kpis.loc[1].to_numpy(), c.values[1])
    with h5py.File(tmp_path / "py.h5") as h:
        assert len(h["points/scenarios"].asstr()[:]) == 2
