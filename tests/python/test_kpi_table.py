# SPDX-License-Identifier: MIT
"""The KPI table in Python: zccsim.kpi_table() and Scenario.kpi_table are the
model's table (the same as `zccsim kpis --json`), and its columns are the
scenario's KPI names."""
import json

import pandas as pd
import pytest

import zccsim


def test_columns_expand_to_the_kpi_names(small_region):
    t = zccsim.kpi_table()
    assert t.index.name == "kpi" and list(t.columns) == ["unit", "better", "description", "dimensions", "columns"]
    assert [c for cols in t["columns"] for c in cols] == list(zccsim._core.acute_kpi_names)
    assert t.index.is_unique and set(t["better"]) == {"higher", "lower", "neither"}
    assert (t["description"].str.len() > 0).all() and (t["unit"].str.len() > 0).all()
    assert zccsim.kpi_table("acute").equals(t)
    # a scenario's table: the family's (region-wide), then its per-sub-region KPIs
    s = small_region.kpi_table
    assert [c for cols in s["columns"] for c in cols] == small_region.kpi_names
    pd.testing.assert_frame_equal(s.iloc[: len(t)], t)
    extra = s.iloc[len(t) :]
    assert len(extra) == 11 and all(n.endswith("_subregion") for n in extra.index)
    assert extra.at["ed_visits_per_1000_subregion", "columns"] == [
        "ed_visits_per_1000_subregion_a",
        "ed_visits_per_1000_subregion_b",
    ]
    assert extra.at["time_to_care_minutes_subregion", "dimensions"] == ["subregion", "urgency"]
    assert extra.at["cost_per_inhabitant_subregion", "better"] == "lower"


def test_directions_units_and_dimensions():
    t = zccsim.kpi_table()
    assert t.at["a1_within_15min_share", "better"] == "higher"
    assert t.at["cost_per_patient", "better"] == "lower"
    assert t.at["ed_occupancy", "better"] == "neither"
    assert t.at["cost_per_patient", "unit"] == "euro"
    assert t.at["a1_within_15min_share", "unit"] == "share"
    assert t.at["time_to_care_minutes", "dimensions"] == ["urgency"]
    assert t.at["time_to_care_minutes", "columns"] == [f"time_to_care_minutes_U{i}" for i in range(6)]
    assert t.at["destination_share", "dimensions"] == ["response"]
    assert t.at["cost_per_patient", "dimensions"] == [] and t.at["cost_per_patient", "columns"] == ["cost_per_patient"]


def test_network_scenarios_have_names_only(mmc):
    t = mmc.kpi_table
    assert list(t.index) == mmc.kpi_names
    assert [c for cols in t["columns"] for c in cols] == mmc.kpi_names
    assert set(t["unit"]) == {""} and set(t["better"]) == {""} and set(t["description"]) == {""}
    with pytest.raises(ValueError, match="declares no KPI table"):
        zccsim.kpi_table("network")
    with pytest.raises(ValueError, match="unknown model 'acut'; allowed: network, acute"):
        zccsim.kpi_table("acut")


def test_the_cli_prints_the_same_table(cli, mmc):
    for args, table in ((("kpis", "--json"), zccsim.kpi_table()), (("kpis", mmc.path, "--json"), mmc.kpi_table)):
        proc = cli(*args)
        assert proc.returncode == 0, proc.stderr
        rows = json.loads(proc.stdout)["kpis"]
        assert [r["name"] for r in rows] == list(table.index)
        for r in rows:
            assert [r[c] for c in table.columns] == list(table.loc[r["name"]]), r["name"]
    dims = json.loads(cli("kpis", "--json").stdout)["dimensions"]
    assert [d["name"] for d in dims] == ["urgency", "response", "path", "destination", "payer", "provider", "resource",
                                         "bed_type"]
    assert dims[7]["labels"] == ["elv_low", "elv_high", "grz", "crisis"]
    assert dims[4]["labels"] == ["zvw", "wlz", "wmo"]
    assert dims[0]["labels"] == [f"U{i}" for i in range(6)]
    assert dims[2]["labels"] == ["calls_112", "ed", "own_gp", "stays_home"]
