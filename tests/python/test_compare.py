# SPDX-License-Identifier: MIT
"""zccsim.compare: paired comparison with common random numbers, against
Scenario.run and the CLI's `zccsim compare --json`."""
import json

import numpy as np
import pandas as pd
import pytest

import zccsim


def test_compare_tables(small_region):
    fewer = small_region.replace({"zcc.locations[0].rosters.ambulance": 2})
    c = zccsim.compare([small_region, fewer], replications=4, seed=3, labels=["base", "more"])
    names = small_region.kpi_names
    assert c.labels == ["base", "more"] and c.replications == 4 and c.kpi_names == names
    assert list(c.summary.index) == names and c.summary.index.name == "kpi"
    assert list(c.summary.columns) == [("base", "mean"), ("base", "ci95"), ("more", "mean"), ("more", "ci95")]
    assert c.summary.columns.names == ["variant", "stat"]
    assert list(c.difference.columns) == [("more", "mean"), ("more", "ci95")]
    assert c.values.shape == (2, 4, len(names))
    assert c.kpis.index.names == ["variant", "replication"] and c.kpis.shape == (8, len(names))

    # variant 0 is exactly a plain run with the same seed; differences are paired
    base = small_region.run(4, seed=3).kpis
    np.testing.assert_array_equal(c.kpis.loc["base"].to_numpy(), base.to_numpy())
    more = c.kpis.loc["more"]
    diff = (more - c.kpis.loc["base"]).mean()
    pd.testing.assert_series_equal(c.difference[("more", "mean")], diff, check_names=False, rtol=1e-12)
    pd.testing.assert_series_equal(c.summary[("more", "mean")], more.mean(), check_names=False, rtol=1e-12)


def test_compare_n_counts_the_defined_values(small_region):
    """n of a KPI is the replications with a value (not NaN), not the replications run."""
    fewer = small_region.replace({"zcc.locations[0].rosters.ambulance": 2})
    c = zccsim.compare([small_region, fewer], replications=4, seed=3, labels=["base", "more"])
    defined = c.kpis.notna()
    expected = pd.DataFrame({v: defined.loc[v].sum() for v in c.labels})
    np.testing.assert_array_equal(c.summary_n.to_numpy(), expected.to_numpy())
    assert list(c.summary_n.columns) == ["base", "more"] and list(c.summary_n.index) == c.kpi_names
    paired = (defined.loc["base"] & defined.loc["more"]).sum()
    np.testing.assert_array_equal(c.difference_n["more"].to_numpy(), paired.to_numpy())
    assert (c.summary_n < 4).any().any()  # this region has KPIs without a value in some replications

    zp = pytest.importorskip("zccsim.plot")
    s = zp.kpi_summary(c)
    for v in c.labels:
        np.testing.assert_array_equal(s.xs(v, level="variant")["n"].reindex(c.kpi_names).to_numpy(),
                                      c.summary_n[v].to_numpy())
    d = zp.paired_differences(c).xs("more", level="variant")
    np.testing.assert_array_equal(d["n"].reindex(c.kpi_names).to_numpy(), paired.to_numpy())


def test_identical_variants_differ_by_exactly_zero(small_region):
    c = zccsim.compare([small_region, small_region], replications=3, labels=["a", "b"])
    d = c.difference.dropna()
    assert len(d) > 0 and (d[("b", "mean")] == 0).all() and (d[("b", "ci95")] == 0).all()


def test_compare_errors(small_region, mmc):
    with pytest.raises(zccsim.ScenarioError, match="cannot be compared"):
        zccsim.compare([small_region, mmc], replications=1)
    with pytest.raises(zccsim.ScenarioError, match="at least two"):
        zccsim.compare([small_region], replications=1)
    with pytest.raises(ValueError, match="labels"):
        zccsim.compare([small_region, small_region], replications=1, labels=["only one"])


def test_compare_matches_the_cli(tmp_path, cli, short_mmc_path):
    variant = tmp_path / "eleven.yaml"
    variant.write_text(f"extends: {short_mmc_path}\nnodes:\n  q:\n    servers: 11\n")
    out = tmp_path / "compare.json"
    proc = cli("compare", short_mmc_path, variant, "--replications", 3, "--seed", 9, "--json", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    c = zccsim.compare([short_mmc_path, variant], replications=3, seed=9)  # paths, labels = file stems
    assert c.labels == ["mmc_short", "eleven"] == [v["label"] for v in doc["variants"]]
    for name in c.kpi_names:
        entry = doc["kpis"][name]
        for label in c.labels:
            assert c.summary.loc[name, (label, "mean")] == entry[label]["mean"]
        d = entry["difference"]["eleven"]
        assert c.difference.loc[name, ("eleven", "mean")] == d["mean"]
        ci = c.difference.loc[name, ("eleven", "ci95")]
        assert (np.isnan(ci) and d["ci95"] is None) or ci == d["ci95"]


def test_budget_view_by_hand(small_region):
    """Comparison.budget: the variant's budget section applied to the paired
    difference of the headline cost; the net present value by hand."""
    variant = small_region.replace({
        "capacity_insight": False,
        "budget": {"years": 3, "ramp_up": [0.5, 1, 1], "one_off_meur": {"project": [0.4, 0.1, 0], "it_setup": [0.2, 0, 0]},
                   "discount_rate": 0.03},
    })
    c = zccsim.compare([small_region, variant], replications=3, seed=2, labels=["base", "variant"])
    b = c.budget()
    assert list(b.index) == [("variant", 1), ("variant", 2), ("variant", 3)]
    saving = -c.difference.loc["cost_total_meur_per_year", ("variant", "mean")]
    net = [0.5 * saving - 0.6, saving - 0.1, saving]
    np.testing.assert_allclose(b["net"].to_numpy(), net, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(b["cumulative"].to_numpy(), np.cumsum(net), rtol=1e-12, atol=1e-15)
    npv = net[0] + net[1] / 1.03 + net[2] / 1.03**2
    assert b.attrs["npv"]["variant"][0] == pytest.approx(npv, rel=1e-12, abs=1e-15)
    assert c.budget_npv().loc["variant", "npv"] == pytest.approx(npv, rel=1e-12, abs=1e-15)
    # the base has no budget: a comparison without one gives an empty table
    assert c.budget().attrs["kpi"] == "cost_total_meur_per_year"
    assert zccsim.compare([small_region, small_region], replications=2).budget().empty
