# SPDX-License-Identifier: MIT
"""Scenarios: loading from a file, YAML text and dicts; values by key path;
errors with file/line/column and the CLI's text; validate."""
import math
import pickle

import numpy as np
import pandas as pd
import pytest

import zccsim
from conftest import BAD_DIR, MMC, SMALL_REGION, SOURCE_DIR


def test_from_file_properties(small_region, mmc):
    assert small_region.model == "acute"
    assert small_region.name == "small test region"
    assert small_region.path == str(SMALL_REGION)
    # the region-wide KPIs, then those of its sub-regions a and b
    region_wide = list(zccsim._core.acute_kpi_names)
    assert small_region.kpi_names[: len(region_wide)] == region_wide
    assert small_region.kpi_names[len(region_wide)] == "population_subregion_a"
    assert "a1_within_15min_share" in small_region.kpi_names
    assert mmc.model == "network"
    assert mmc.name == str(MMC)
    assert mmc.kpi_names[:2] == ["q.arrivals", "q.served"]
    assert repr(small_region) == "<zccsim.Scenario 'small test region' (acute)>"
    assert zccsim.Scenario.from_file(str(MMC)).to_yaml() == mmc.to_yaml()  # str or PathLike


def test_values_by_key_path(small_region, mmc):
    assert mmc["horizon"] == 100000 and isinstance(mmc["horizon"], int)
    assert mmc["nodes.q.service"] == {"dist": "exponential", "mean": 1.0}
    assert mmc["nodes.q.arrivals.rate"] == 9.0 and isinstance(mmc["nodes.q.arrivals.rate"], float)
    assert small_region["start_date"] == "2025-01-06"
    assert small_region["capacity_insight"] is True
    assert small_region["regions[1]"] == {"name": "next", "own": False}
    assert small_region["areas[2].name"] == "south"
    assert small_region["zcc.locations[0].rosters.ambulance"] == 1
    assert "nodes.q.servers" in mmc and "nodes.q.nope" not in mmc and 3 not in mmc
    with pytest.raises(zccsim.ScenarioError, match="no key 'nope' in 'nodes.q'; keys there: servers"):
        mmc["nodes.q.nope"]


def test_set_item_replaces_and_validates():
    s = zccsim.Scenario.from_file(SMALL_REGION)
    s["capacity_insight"] = False
    assert s["capacity_insight"] is False
    s["zcc.locations[0].rosters.ambulance"] = 2
    assert s["zcc.locations[0].rosters.ambulance"] == 2
    s["areas[0]"] = {"name": "north", "population": 70000, "lat": 52.2, "lon": 5.2, "region": "home", "subregion": "a"}
    assert s["areas[0].population"] == 70000
    before = s.to_yaml()
    with pytest.raises(zccsim.ScenarioError) as err:
        s["capacity_insight"] = 3
    assert err.value.file == "<override>" and err.value.line == 1 and err.value.column == 1
    assert "capacity_insight" in err.value.message
    assert s.to_yaml() == before  # a rejected value leaves the scenario as it was
    assert s.run(2).kpis.equals(zccsim.Scenario.from_yaml(before).run(2).kpis)


def test_replace_returns_a_new_scenario(small_region):
    t = small_region.replace({"zcc.locations[0].rosters.ggz": 2}, capacity_insight=False)
    assert t["capacity_insight"] is False and t["zcc.locations[0].rosters.ggz"] == 2
    assert small_region["capacity_insight"] is True and small_region["zcc.locations[0].rosters.ggz"] == 1
    # the same as the variant file that extends small_region.yaml
    variant = zccsim.Scenario.from_file(SOURCE_DIR / "tests" / "acute" / "variant_no_insight.yaml")
    assert variant["capacity_insight"] is False
    np.testing.assert_array_equal(
        small_region.replace(capacity_insight=False).run(2).values, variant.run(2).values
    )


def test_from_yaml_and_from_dict_give_the_same_scenario(small_region):
    a = small_region.run(2, seed=5).kpis
    b = zccsim.Scenario.from_yaml(small_region.to_yaml(), name="copy").run(2, seed=5).kpis
    c = zccsim.Scenario.from_dict(small_region.to_dict()).run(2, seed=5).kpis
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)


def test_from_dict_literal_and_extends(tmp_path):
    s = zccsim.Scenario.from_dict(
        {
            "model": "network",
            "time_unit": "minute",
            "horizon": 1000,
            "warmup": 10,
            "nodes": {"q": {"servers": 2, "service": {"dist": "exponential", "mean": 1.0}, "arrivals": {"rate": 1.5}}},
        }
    )
    assert s.model == "network" and s["nodes.q.servers"] == 2 and s.path == "<dict>"
    variant = zccsim.Scenario.from_yaml(
        "extends: small_region.yaml\nhorizon_days: 30\n", base_dir=SOURCE_DIR / "tests" / "acute"
    )
    assert variant["horizon_days"] == 30 and variant.name == "small test region"
    with pytest.raises(zccsim.ScenarioError) as err:
        zccsim.Scenario.from_dict({"model": "network", "horizon": 10, "nodes": {"q": {"servers": "ten"}}})
    # block-style YAML: the error points at the line of the bad value
    assert (err.value.file, err.value.line) == ("<dict>", 5)


def test_to_yaml_reads_back():
    for v in [None, True, False, 0, -3, 2.5, 1e-7, "fragmented", "3", "true", "a: b", "", [1, 2.5, "x"],
              {"dist": "exponential", "mean": 5}, {"nested": [{"a": 1}, {"b": [True, None]}]}, (1, 2),
              np.int64(4), np.float32(0.5), np.array([1, 2]), float("inf"), -float("inf"),
              # PyYAML (YAML 1.1) writes these plain; yaml-cpp (YAML 1.2) would read a number or bool
              "1e3", "0x1f", ".5", "True", "yes", "één", "it's", "x #y", "a" * 200]:
        expected = list(v) if isinstance(v, (tuple, np.ndarray)) else v
        assert "\n" not in zccsim.to_yaml(v) and zccsim._core.parse_yaml(zccsim.to_yaml(v)) == expected, v
    assert math.isnan(zccsim._core.parse_yaml(zccsim.to_yaml(float("nan"))))
    with pytest.raises(TypeError):
        zccsim.to_yaml(object())


def test_pickle(small_region):
    t = pickle.loads(pickle.dumps(small_region.replace(capacity_insight=False)))
    assert t["capacity_insight"] is False and t.name == small_region.name
    assert t.kpi_names == small_region.kpi_names


def _expected_errors():
    lines = (SOURCE_DIR / "tests" / "cli" / "expected_errors.txt").read_text().splitlines()
    return [tuple(line.split("|", 1)) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("case,expected", _expected_errors())
def test_errors_have_position_and_the_cli_text(case, expected, cli):
    path = BAD_DIR / f"{case}.yaml"
    with pytest.raises(zccsim.ScenarioError) as err:
        zccsim.Scenario.from_file(path)
    e = err.value
    # the CLI prints "error: " + the same text, for validate and run alike
    proc = cli("validate", path)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {e}"
    with pytest.raises(zccsim.ScenarioError) as err2:
        zccsim.validate(path)
    assert str(err2.value) == str(e)
    # expected_errors.txt: "case.yaml:line:column: message" (the start of the message)
    name, line, column, message = expected.split(":", 3)
    assert (e.file, e.line, e.column) == (str(path), int(line), int(column))
    assert e.message.startswith(message.strip()) and expected in str(e)
    assert isinstance(e, ValueError)


def test_error_attributes_without_position():
    e = zccsim.ScenarioError("compare needs at least two scenarios")
    assert (e.file, e.line, e.column, e.message) == (None, None, None, "compare needs at least two scenarios")
    e = zccsim.ScenarioError("<override>: value for 'x' is not valid YAML: bad")
    assert (e.file, e.line, e.column) == ("<override>", None, None)
    assert e.message == "value for 'x' is not valid YAML: bad"


@pytest.mark.parametrize("path", [SMALL_REGION, MMC])
def test_validate_is_the_cli_text(path, cli):
    proc = cli("validate", path)
    assert proc.returncode == 0
    assert zccsim.validate(path) == proc.stdout
    assert zccsim.Scenario.from_file(path).validate() == proc.stdout


def test_catchments_are_the_cli_csv_and_follow_a_closed_site(small_region, cli, tmp_path):
    out = tmp_path / "c.csv"
    assert cli("validate", SMALL_REGION, "--catchments", out).returncode == 0
    frame = small_region.catchments()
    assert frame.equals(pd.read_csv(out, index_col="area", keep_default_na=False).astype({"population": float}))
    assert list(frame.index) == ["north", "centre", "south"]
    # south (52.00, 5.25) lies nearer the neighbour's ED (51.95, 5.40) than the centre's (52.09, 5.14)
    assert frame["ed"].to_dict() == {"north": "ed_centre", "centre": "ed_centre", "south": "ed_next"}
    # the centre's closed, its areas go to the next nearest: the neighbour's
    closed = small_region.replace({"closed_sites": ["ed_centre"]}).catchments()
    assert set(closed["ed"]) == {"ed_next"}
    assert closed["hap"].equals(frame["hap"])
    with pytest.raises(zccsim.ScenarioError):
        zccsim.Scenario.from_file(MMC).catchments()
