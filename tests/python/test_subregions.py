# SPDX-License-Identifier: MIT
"""KPIs per sub-region (issue #10, mechanism 9) in Python: Results.by_subregion
on a run, on a results file written by the CLI, and the JSON of `zccsim run`;
the sub-regions' values weighted by population give the region-wide ones."""
import json

import numpy as np
import pandas as pd
import pytest

import zccsim
from conftest import SMALL_REGION

RATES = ["patients_per_1000", "hap_contacts_per_1000", "ed_visits_per_1000", "ambulance_rides_per_1000",
         "safety_events_per_1000"]


@pytest.fixture(scope="module")
def run(small_region):
    return small_region.run(3, seed=7, threads=2)


def test_a_tidy_table_that_adds_up_to_the_region(run):
    t = run.by_subregion()
    assert list(t.columns) == ["replication", "subregion", "kpi", "value"]
    assert list(dict.fromkeys(t["subregion"])) == ["a", "b"]
    assert len(t) == 3 * 2 * (17 + 6)  # replications x sub-regions x (KPIs, time to care by 6 urgencies)
    assert "time_to_care_minutes_U3" in set(t["kpi"]) and "cost_per_inhabitant" in set(t["kpi"])
    wide = t.pivot_table(index=["replication", "subregion"], columns="kpi", values="value", dropna=False)
    pop = wide["population"].unstack("subregion")
    assert (pop.sum(axis=1) == 200000).all()
    for kpi in RATES:
        weighted = (wide[kpi].unstack("subregion") * pop).sum(axis=1) / pop.sum(axis=1)
        np.testing.assert_allclose(weighted.to_numpy(), run.kpis[kpi].to_numpy(), rtol=1e-12, err_msg=kpi)
    cost = (wide["cost_per_inhabitant"].unstack("subregion") * pop).sum(axis=1) / 1e6
    np.testing.assert_allclose(cost.to_numpy(), run.kpis["cost_total_meur_per_year"].to_numpy(), rtol=1e-12)
    # each value is the run's column of that name
    row = t[(t["replication"] == 1) & (t["subregion"] == "b") & (t["kpi"] == "time_to_care_minutes_U2")]
    assert row["value"].item() == run.kpis.at[1, "time_to_care_minutes_subregion_b_U2"]


def test_summary_per_subregion(run):
    s = run.by_subregion(summary=True)
    assert list(s.columns) == ["subregion", "kpi", "mean", "ci95", "n"]
    row = s[(s["subregion"] == "a") & (s["kpi"] == "ed_visits_per_1000")].iloc[0]
    assert row["mean"] == run.summary.at["ed_visits_per_1000_subregion_a", "mean"]
    assert row["n"] == 3


def test_from_a_results_file_and_the_json(tmp_path, cli, run):
    out, js = tmp_path / "r.h5", tmp_path / "r.json"
    proc = cli("run", SMALL_REGION, "--replications", 3, "--seed", 7, "--out", out, "--json", js, "--quiet")
    assert proc.returncode == 0, proc.stderr
    f = zccsim.read(out).by_subregion()
    assert list(f.columns) == ["point", "replication", "subregion", "kpi", "value"]
    pd.testing.assert_frame_equal(f.drop(columns="point"), run.by_subregion())
    kpis = json.loads(js.read_text())["kpis"]
    for s in ("a", "b"):
        assert kpis[f"ed_visits_per_1000_subregion_{s}"]["mean"] == pytest.approx(
            run.summary.at[f"ed_visits_per_1000_subregion_{s}", "mean"], rel=1e-12)


def test_no_subregions_no_rows(small_region):
    plain = small_region.replace({"zcc.locations[0].subregions": [], "zcc.locations[1].subregions": []})
    plain["areas"] = [{k: v for k, v in a.items() if k != "subregion"} for a in small_region["areas"]]
    assert not any("_subregion_" in n for n in plain.kpi_names)
    t = plain.run(1, seed=1).by_subregion()
    assert t.empty and list(t.columns) == ["replication", "subregion", "kpi", "value"]


def test_compare_per_subregion(small_region):
    more = small_region.replace({"zcc.locations[0].rosters.gp": 4})
    c = zccsim.compare([small_region, more], replications=2, seed=3, labels=["base", "more"], threads=2)
    t = c.by_subregion()
    assert list(t.columns) == ["variant", "replication", "subregion", "kpi", "value"]
    assert len(t) == 2 * 2 * 2 * 23
    row = t[(t["variant"] == "more") & (t["replication"] == 1) & (t["subregion"] == "a")
            & (t["kpi"] == "ed_visits_per_1000")]
    assert row["value"].item() == c.kpis.at[("more", 1), "ed_visits_per_1000_subregion_a"]
    s = c.by_subregion(summary=True)
    assert list(s.columns) == ["variant", "subregion", "kpi", "mean", "ci95"] and set(s["variant"]) == {"base", "more"}
    d = c.by_subregion(difference=True)
    assert set(d["variant"]) == {"more"} and len(d) == 2 * 23
    got = d[(d["subregion"] == "b") & (d["kpi"] == "phone_abandoned_share")]["mean"].item()
    assert got == c.difference.at["phone_abandoned_share_subregion_b", ("more", "mean")]
    with pytest.raises(ValueError, match="not both"):
        c.by_subregion(summary=True, difference=True)


def test_units_and_directions_of_the_columns():
    from zccsim import plot

    assert plot.kpi_better("a1_within_15min_share_subregion_west") == "higher"
    assert plot.kpi_unit("population_subregion_some_place") == "inhabitants"
    assert plot.kpi_better("time_to_care_minutes_subregion_a_U0") == "lower"
    assert plot.kpi_unit("cost_per_inhabitant_subregion_b") == "euro per inhabitant per year"
    assert plot.kpi_better("ed_visits_per_1000") == "lower" and plot.kpi_unit("no_such_subregion_x") == ""
