# SPDX-License-Identifier: MIT
"""zccsim.staff (issue #14): the constant-rate line gets the Erlang C minimum
(7) in every hour, as DataFrames; the report equals the zccsim program's
--out for the same seed at another thread count; the variant runs."""
import json

import pytest
import zccsim

from pytest_common import SOURCE_DIR

CONSTANT = SOURCE_DIR / "tests" / "study" / "staffing" / "constant.yaml"


@pytest.fixture(scope="module")
def staffed(tmp_path_factory):
    d = tmp_path_factory.mktemp("staff")
    return d, zccsim.staff(CONSTANT, replications=10, verify=4, threads=2, variant_path=d / "v.yaml")


def test_dataframes(staffed):
    _, s = staffed
    assert len(s.hours) == 168
    assert (s.hours["stationary"] == 7).all()
    assert (s.hours["required"] == 7).all()
    assert (s.hours["rostered"] == 7).all()
    assert (s.hours["sl_before"] < 0.88).all()
    assert s.summary.loc["q", "paid_hours_before"] == 5 * 168
    assert s.summary.loc["q", "paid_hours_after"] == 7 * 168
    assert s.shifts["count"].mul(s.shifts["length"]).sum() == 7 * 168
    assert s.converged or s.cycle > 1


def test_same_as_the_program(staffed, cli, tmp_path):
    d, s = staffed
    out = tmp_path / "r.json"
    r = cli("staff", CONSTANT, "--verify", "4", "--threads", "1", "--out", out, "--quiet")
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text()) == json.loads(s.json)


def test_variant_runs(staffed):
    d, s = staffed
    s.write_variant(d / "v.yaml")
    v = zccsim.Scenario.from_file(d / "v.yaml")
    assert v["nodes.q.schedule"] == [7] * 168
    assert v["nodes.q.service.mean"] == 1.0  # from the extended scenario


def test_targets_replace_the_section():
    with pytest.raises(zccsim.ScenarioError, match="no node 'p'; nodes: q"):
        zccsim.staff(CONSTANT, targets={"p": (0.25, 0.88)})


def test_acute_lines_with_two_targets(tmp_path):
    """The default region's HAP line under the published norms (four weeks, few replications): two
    targets on one line share its roster; paid hours and cost come out per line and in total."""
    sc = zccsim.Scenario.from_file(SOURCE_DIR / "scenarios" / "midden_nederland.yaml").replace(horizon_days=28)
    norms = {"line/midden/gp": [(0.5, 0.9, "urgent"), (2.0, 0.75, "non_urgent")]}
    s = zccsim.staff(sc, targets=norms, replications=2, verify=2, threads=2, variant_path=tmp_path / "v.yaml")
    assert s.model == "acute"
    assert list(s.summary["calls"]) == ["urgent", "non_urgent"]
    assert s.paid_hours["before"] == 1178  # the shipped roster, counted once
    assert s.paid_hours["after"] == s.summary["paid_hours_after"].iloc[0]
    assert s.cost_per_year["after"] == pytest.approx(s.paid_hours["after"] * 45.0 * 365.25 / 7)
    u = s.hours[s.hours["calls"] == "urgent"].set_index("hour_of_week")
    n = s.hours[s.hours["calls"] == "non_urgent"].set_index("hour_of_week")
    assert (u["rostered"] == n["rostered"]).all() and (u["rostered"] >= 1).all()
    s.write_variant(tmp_path / "v.yaml")
    v = zccsim.Scenario.from_file(tmp_path / "v.yaml")
    assert v["fragmented_rosters.gp"] == list(u["rostered"])
    with pytest.raises(zccsim.ScenarioError, match="no phone line 'line/x/gp'; phone lines: line/midden/gp"):
        zccsim.staff(sc, targets={"line/x/gp": (2.0, 0.8)})
