# SPDX-License-Identifier: MIT
"""zccsim.uncertainty (issue #12): an experiment file run from Python and the
zccsim program's results file give the same DataFrames; the dummy's index is 0."""
import json
import math

import pandas as pd
import pytest
import zccsim

from pytest_common import SOURCE_DIR

MORRIS = SOURCE_DIR / "tests" / "uncertainty" / "morris_mmc.yaml"


@pytest.fixture(scope="module")
def morris():
    return zccsim.uncertainty(MORRIS, threads=2)


def test_dataframes(morris):
    u = morris
    assert u.method == "morris"
    assert u.parameters == ["nodes.q.service.mean", "dummy"]
    assert u.variants == ["mmc_short"]
    assert list(u.samples.columns) == u.parameters
    assert len(u.samples) == 6 * 3
    assert u.samples["nodes.q.service.mean"].between(0.7, 1.0).all()
    assert u.rows.index.names == ["sample", "variant", "replication"]
    assert len(u.rows) == 18
    assert set(u.summary.index.get_level_values("kpi")) == {"q.mean_wait", "q.utilization"}
    s = u.summary.loc[("q.mean_wait", "mmc_short")]
    assert s["q05"] <= s["median"] <= s["q95"]
    assert math.isnan(s["p_better"])  # the reference has no difference; network KPIs have no direction
    sens = u.sensitivity.loc[("q.mean_wait", "mmc_short")]
    assert sens.loc["dummy", "mu_star"] == 0.0
    assert sens.loc["dummy", "mu_star_low"] <= 0.0 <= sens.loc["dummy", "mu_star_high"]
    assert sens.loc["nodes.q.service.mean", "mu_star_low"] > 0.0
    # a sample's row mean is its sample mean (one replication each)
    means = u.rows["q.mean_wait"].groupby(level="sample").mean()
    assert means.median() == pytest.approx(s["median"])


def test_results_file_of_the_program_gives_the_same_analysis(morris, cli, tmp_path):
    out, js = tmp_path / "u.h5", tmp_path / "u.json"
    p = cli("uncertainty", MORRIS, "--threads", "1", "--quiet", "--out", out, "--json", js)
    assert p.returncode == 0, p.stderr
    f = zccsim.uncertainty(out)
    pd.testing.assert_frame_equal(f.samples, morris.samples)
    pd.testing.assert_frame_equal(f.summary, morris.summary)
    pd.testing.assert_frame_equal(f.sensitivity, morris.sensitivity)
    assert json.loads(js.read_text())["kpis"] == f.json["kpis"]
    again = cli("uncertainty", out, "--json", tmp_path / "again.json", "--quiet")
    assert again.returncode == 0, again.stderr
    assert json.loads((tmp_path / "again.json").read_text())["kpis"] == f.json["kpis"]


def test_plan_and_errors(cli, tmp_path):
    p = cli("uncertainty", MORRIS, "--plan")
    assert p.returncode == 0, p.stderr
    assert "18 samples x 1 variants x 1 replications = 18 runs" in p.stdout
    bad = tmp_path / "bad.yaml"
    short = MORRIS.with_name("mmc_short.yaml")
    bad.write_text(f"variants: [{short}]\nsample: {{method: morse, trajectories: 2}}\n")
    p = cli("uncertainty", bad)
    assert p.returncode != 0
    assert p.stderr.startswith(f"error: {bad}:2:18: unknown sample method "), p.stderr
    assert "allowed: morris, sobol, lhs" in p.stderr, p.stderr
    with pytest.raises(zccsim.ScenarioError):
        zccsim.uncertainty(bad)
