# SPDX-License-Identifier: MIT
"""zccsim.sweep / sweep_file: points of overrides, paired replications,
precision, and the same rows as the CLI's `zccsim sweep --out`."""
import numpy as np
import pandas as pd
import pytest

import zccsim


def test_sweep_grid_and_points(small_region):
    r = zccsim.sweep(
        small_region,
        grid={"capacity_insight": [True, False], "zcc.locations[0].rosters.ambulance": [1, 2]},
        points=[{"label": "no_ggz", "set": {"zcc.locations[0].rosters.ggz": 0}}, {"zcc.overflow_after_minutes": 5}],
        replications=3,
        seed=2,
    )
    labels = list(r.points["label"])
    assert labels == [
        "capacity_insight=true, zcc.locations[0].rosters.ambulance=1",
        "capacity_insight=true, zcc.locations[0].rosters.ambulance=2",
        "capacity_insight=false, zcc.locations[0].rosters.ambulance=1",
        "capacity_insight=false, zcc.locations[0].rosters.ambulance=2",
        "no_ggz",
        "zcc.overflow_after_minutes=5",
    ]
    assert r.points.index.name == "point"
    assert list(r.points["capacity_insight"][:4]) == [True, True, False, False]
    assert r.points.loc[4, "zcc.locations[0].rosters.ggz"] == 0
    assert r.kpis.index.names == ["point", "replication"] and r.kpis.shape == (18, len(small_region.kpi_names))
    assert list(r.kpis.index[:4]) == [(0, 0), (0, 1), (0, 2), (1, 0)]
    assert r.summary.index.names == ["point", "kpi"] and len(r.summary) == 6 * len(small_region.kpi_names)
    assert r.precise is None and r.complete

    # a point is exactly a plain run of its scenario with the same seed (paired streams)
    point2 = small_region.replace({"capacity_insight": False, "zcc.locations[0].rosters.ambulance": 1})
    np.testing.assert_array_equal(r.kpis.loc[2].to_numpy(), point2.run(3, seed=2).values)
    pd.testing.assert_frame_equal(
        r.summary.loc[2], point2.run(3, seed=2).summary, check_names=False
    )


def test_sweep_without_points_runs_the_base(short_mmc):
    mmc = short_mmc
    r = zccsim.sweep(mmc, replications=2)
    assert list(r.points["label"]) == ["base"]
    np.testing.assert_array_equal(r.values, mmc.run(2).values)


def test_sweep_precision(small_region):
    r = zccsim.sweep(
        small_region,
        grid={"capacity_insight": [True, False]},
        replications=2,
        precision={"kpis": ["patients_per_1000"], "relative": 0.05, "batch": 2, "max_replications": 8},
    )
    assert list(r.precise) == [True, True]
    counts = r.kpis.groupby(level="point").size()
    assert (counts >= 2).all() and (counts <= 8).all()
    s = r.summary.xs("patients_per_1000", level="kpi")
    assert (s["ci95"] <= 0.05 * s["mean"].abs()).all()


def test_sweep_errors(small_region):
    with pytest.raises(zccsim.ScenarioError, match="nope"):
        zccsim.sweep(small_region, grid={"nope": [1, 2]}, replications=1)
    with pytest.raises(zccsim.ScenarioError):
        zccsim.sweep(small_region, grid={"capacity_insight": [3]}, replications=1)
    with pytest.raises(zccsim.ScenarioError, match="unknown precision KPI 'no_such_kpi'"):
        zccsim.sweep(small_region, replications=1, precision={"kpis": ["no_such_kpi"], "relative": 0.1})
    with pytest.raises(TypeError):
        zccsim.sweep(small_region, replications=1, precision={"kpis": ["patients_per_1000"], "relatve": 0.1})
    with pytest.raises(ValueError, match="twice"):
        zccsim.sweep(small_region, points=[{"label": "a", "set": {}}, {"label": "a", "set": {}}], replications=1)


def test_sweep_errors_are_the_experiment_files(small_region):
    """The rules of an experiment file hold for a sweep built in Python, with its messages."""
    with pytest.raises(zccsim.ScenarioError, match="is used twice") as err:
        zccsim.sweep(small_region, points=[{"label": "a", "set": {}}, {"label": "a", "set": {}}], replications=1)
    assert err.value.file is None and err.value.message.startswith("point label 'a'")
    with pytest.raises(zccsim.ScenarioError, match=r"precision max_replications \(5\) must be >= replications \(10\)"):
        zccsim.sweep(small_region, replications=10,
                     precision={"kpis": ["patients_per_1000"], "relative": 0.1, "max_replications": 5})
    with pytest.raises(zccsim.ScenarioError, match="precision relative must be >= 0, not -0.1"):
        zccsim.sweep(small_region, replications=1,
                     precision={"kpis": ["patients_per_1000"], "relative": -0.1, "absolute": 1.0})
    with pytest.raises(zccsim.ScenarioError, match="precision needs relative or absolute above 0"):
        zccsim.sweep(small_region, replications=1, precision={"kpis": ["patients_per_1000"]})
    with pytest.raises(zccsim.ScenarioError, match="precision kpis must be a non-empty list"):
        zccsim.sweep(small_region, replications=1, precision={"kpis": [], "relative": 0.1})
    with pytest.raises(zccsim.ScenarioError, match="precision batch must be >= 1"):
        zccsim.sweep(small_region, replications=1, precision={"kpis": ["patients_per_1000"], "relative": 0.1,
                                                               "batch": 0})


def test_sweep_precision_default_max_replications(short_mmc):
    # max_replications 0 (the default) is max(100, replications), as in an experiment file; an
    # absolute target every KPI meets at once stops every point after the first round
    kpi = short_mmc.kpi_names[0]
    r = zccsim.sweep(short_mmc, replications=3, precision={"kpis": [kpi], "absolute": 1e300})
    assert list(r.precise) == [True] and len(r.kpis) == 3


def test_sweep_point_with_only_a_label_is_the_base(short_mmc):
    """{"label": ...} alone (as `- {label: zcc}` in an experiment file) is the base scenario, named."""
    r = zccsim.sweep(short_mmc, points=[{"label": "zcc"}, {"label": "more", "set": {"nodes.q.servers": 11}}],
                     replications=2)
    assert list(r.points["label"]) == ["zcc", "more"]
    np.testing.assert_array_equal(r.kpis.loc[0].to_numpy(), short_mmc.run(2).values)


def test_sweep_file_matches_the_cli(tmp_path, cli, short_mmc_path):
    MMC = short_mmc_path
    exp = tmp_path / "exp.yaml"
    exp.write_text(
        f"base: {MMC}\nreplications: 2\nseed: 4\ngrid:\n  nodes.q.servers: [10, 11]\n"
        "points:\n  - {label: faster, set: {nodes.q.service: {dist: exponential, mean: 0.9}}}\n"
    )
    out = tmp_path / "sweep.h5"
    proc = cli("sweep", exp, "--out", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    from_file = zccsim.sweep_file(exp)
    from_cli = zccsim.read(out)
    pd.testing.assert_frame_equal(from_file.kpis, from_cli.kpis)
    pd.testing.assert_frame_equal(from_file.points, from_cli.points)
    assert from_cli.experiment_text == exp.read_text()
    # the same sweep built in Python: the same labels and rows
    in_code = zccsim.sweep(
        MMC,
        grid={"nodes.q.servers": [10, 11]},
        points=[{"label": "faster", "set": {"nodes.q.service": {"dist": "exponential", "mean": 0.9}}}],
        replications=2,
        seed=4,
    )
    pd.testing.assert_frame_equal(in_code.kpis, from_cli.kpis)
    pd.testing.assert_frame_equal(in_code.points, from_cli.points)
