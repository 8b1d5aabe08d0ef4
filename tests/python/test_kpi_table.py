# SPDX-License-Identifier: MIT
"""The KPI table in Python: zccsim.kpi_table() and Scenario.kpi_table are the
model's table (the same as `zccsim kpis --json`), and its columns are the
scenario's KPI names."""
import json
import math

import pandas as pd
import pytest

import zccsim


def test_columns_expand_to_the_kpi_names(small_region):
    t = zccsim.kpi_table()
    assert t.index.name == "kpi" and list(t.columns) == [
        "label", "unit", "display_unit", "display_scale", "better", "norm", "norm_target", "norm_source",
        "description", "dimensions", "columns"]
    assert (t["label"].str.len() > 0).all() and t["label"].is_unique
    assert [c for cols in t["columns"] for c in cols] == list(zccsim._core.acute_kpi_names)
    assert t.index.is_unique and set(t["better"]) == {"higher", "lower", "neither"}
    assert (t["description"].str.len() > 0).all() and (t["unit"].str.len() > 0).all()
    assert zccsim.kpi_table("acute").equals(t)
    # a scenario's table: the family's (region-wide), then its per-sub-region KPIs
    s = small_region.kpi_table
    assert [c for cols in s["columns"] for c in cols] == small_region.kpi_names
    pd.testing.assert_frame_equal(s.iloc[: len(t)], t)
    extra = s.iloc[len(t) :]
    assert len(extra) == 18 and all(n.endswith("_subregion") for n in extra.index)
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


def test_labels_display_units_and_norms():
    """Issue #15: how a reader sees a KPI comes from the table, with the published norms."""
    t = zccsim.kpi_table()
    assert t.at["answered_within_2min_share", "label"] == "Answered within 2 minutes"
    shares = t[t["unit"] == "share"]
    assert set(shares["display_unit"]) == {"%"} and set(shares["display_scale"]) == {100.0}
    assert t.at["ed_visits_per_1000", "display_unit"] == "per 1,000 per year"
    assert t.at["cost_per_patient", "display_unit"] == "€" and t.at["cost_per_patient", "display_scale"] == 1.0
    # the norms of scenarios/README.md (Calibration) and ../shared/DOMAIN.md, in the KPI's own unit
    normed = t[t["norm"] != ""]
    assert dict(normed["norm_target"]) == {
        "a1_response_minutes_p95": 15.0,
        "a1_within_15min_share": 0.95,
        "a2_within_30min_share": 0.95,
        "answered_within_30s_share": 0.90,
        "answered_within_2min_share": 0.75,
    }
    assert set(normed["better"]) <= {"higher", "lower"}  # met / not met needs a direction
    assert t.at["a1_within_15min_share", "norm"] == "95 % within 15 minutes"
    assert "NZa" in t.at["a1_within_15min_share", "norm_source"]
    assert "Kwaliteitskader" in t.at["answered_within_2min_share", "norm_source"]
    assert t[t["norm"] == ""]["norm_target"].isna().all() and (normed["norm_source"].str.len() > 0).all()


def test_subregion_kpis_take_the_region_wide_label_and_norm(small_region):
    s = small_region.kpi_table
    assert s.at["a1_within_15min_share_subregion", "label"] == "A1 on scene within 15 minutes of the call, by sub-region"
    assert s.at["a1_within_15min_share_subregion", "norm_target"] == 0.95
    assert s.at["population_subregion", "label"] == "Inhabitants, by sub-region"
    assert s["label"].is_unique


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
            flat = [c for c in table.columns if not c.startswith("norm")]
            assert [r[c] for c in flat] == list(table.loc[r["name"], flat]), r["name"]
            norm = r["norm"] or {"text": "", "source": ""}
            assert (norm["text"], norm["source"]) == tuple(table.loc[r["name"], ["norm", "norm_source"]])
            assert norm.get("target", math.nan) == table.at[r["name"], "norm_target"] or not r["norm"]
    dims = json.loads(cli("kpis", "--json").stdout)["dimensions"]
    assert [d["name"] for d in dims] == ["urgency", "response", "path", "destination", "payer", "provider", "resource",
                                         "bed_type", "transfer"]
    assert dims[8]["labels"] == ["region", "neighbour", "lcps"]
    assert dims[7]["labels"] == ["elv_low", "elv_high", "grz", "crisis"]
    assert dims[4]["labels"] == ["zvw", "wlz", "wmo"]
    assert dims[0]["labels"] == [f"U{i}" for i in range(6)]
    assert dims[2]["labels"] == ["calls_112", "ed", "own_gp", "stays_home"]
