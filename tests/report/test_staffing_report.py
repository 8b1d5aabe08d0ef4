# SPDX-License-Identifier: MIT
"""The report of a staffing study (issues #14 and #15): `zccsim staff --out
staff.json && zccsim report staff.json` gives a page that renders in headless
Chromium without console errors, its images decode, and the one-page summary
shows, per target node, the label, before and after (the lowest hourly share
answered in time and in how many hours the target is met), the target as the
norm, met / not met, the paid hours and the cost per year before -> after,
and the algorithm's line: read back from the rendered page and checked
against the JSON (read with json, the numbers formatted here). A file that is
not a staffing study, or a truncated one, is refused with a clear message and
exit status 1, without a traceback. The plots of zccsim.plot show the JSON's
numbers."""
import json
import math
import re

import browser_check  # next to this file
import numpy as np
import pytest
from pytest_common import SOURCE_DIR

import zccsim
import zccsim.plot as zp
import zccsim.report

CONSTANT = SOURCE_DIR / "tests" / "study" / "staffing" / "constant.yaml"
NIGHT_OFF = 6  # node r has no arrivals in the first 6 hours of every day


@pytest.fixture(scope="module")
def staff_json(cli, tmp_path_factory):
    """zccsim staff of a small two-node line: constant.yaml's M/M/s node q (lambda 4, mean service 1,
    5 servers: too few for 88 % within 0.25) over one week, and a node r (lambda 0.5 from 06:00 to
    24:00, none at night; mean service 2, 2 servers) with 80 % within 1; a cost per hour. Few
    replications: a few seconds."""
    d = tmp_path_factory.mktemp("staff")
    profile = ", ".join("0.0" if h % 24 < NIGHT_OFF else "0.5" for h in range(168))
    (d / "two.yaml").write_text(
        f"extends: {CONSTANT}\nhorizon: 10080\nwarmup: 300\n"
        "nodes:\n  r:\n    servers: 2\n    service: {dist: exponential, mean: 2.0}\n"
        f"    arrivals: {{profile: [{profile}]}}\n"
        "targets:\n  r: {within: 1.0, share: 0.8}\n"
        "shifts: {min_length: 4, max_length: 9, cost_per_hour: 45.0}\n")
    out = d / "staff.json"
    p = cli("staff", d / "two.yaml", "--replications", 2, "--verify", 3, "--max-iterations", 4, "--seed", 3,
            "--out", out, "--quiet")
    assert p.returncode == 0, p.stderr
    return out


@pytest.fixture(scope="module")
def study(staff_json):
    return json.loads(staff_json.read_text())


@pytest.fixture(scope="module")
def page(cli, staff_json, out_dir):
    out = out_dir / "report_staffing.html"
    p = cli("report", staff_json, "-o", out)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == f"wrote {out}"
    return out


@pytest.fixture(scope="module")
def rendered(page, out_dir):
    return browser_check.check(str(page), str(out_dir / "report_staffing_screenshot.png"))


def _percent(share):
    """A share in % with 3 significant digits, as the page shows it."""
    v = 100 * share
    if v == 0:
        return "0 %"
    return f"{v:,.{max(0, 2 - math.floor(math.log10(abs(v))))}f} %"


def _label(node):
    """The row label: "q: answered within 0.25 min" (the study's time unit: the fixtures' minute)."""
    return f"{node['node']}: answered within {node['within']:g} min"


def _levels(node, which):
    return [h[which]["mean"] for h in node["hours"] if h[which]["mean"] is not None]


def test_the_study_is_what_the_test_needs(study):
    """The scenario gives what the page must show: two nodes, hours without arrivals on r (null
    levels), a target missed before on q, costs."""
    q, r = study["nodes"]
    assert (q["node"], r["node"]) == ("q", "r") and (q["share"], r["share"]) == (0.88, 0.8)
    assert all(h["shipped"] == 5 for h in q["hours"]) and all(h["shipped"] == 2 for h in r["hours"])
    assert len(_levels(q, "before")) == 168 and len(_levels(r, "before")) == 168 - 7 * NIGHT_OFF
    assert [h["before"]["mean"] for h in r["hours"][:NIGHT_OFF]] == [None] * NIGHT_OFF
    # Erlang C: 5 servers at load 4 answer 56.8 % within 0.25 (1 - C(5, 4) e^-0.25): far below 88 %
    assert max(_levels(q, "before")) < 0.8
    assert all("cost_per_year" in n for n in study["nodes"])


def test_the_summary_shows_what_the_json_says(study, rendered):
    r = rendered
    assert r["console_errors"] == [] and r["failed_requests"] == [] and r["external"] == [], r
    assert r["ok"]
    assert len(r["images"]) == 4  # per node: staff per hour, service level per hour
    assert all(i["complete"] and i["decoded"] and i["naturalWidth"] > 0 for i in r["images"]), r["images"]
    summary = r["summary"]
    assert [s["kpi"] for s in summary] == [n["node"] for n in study["nodes"]]
    for s, n in zip(summary, study["nodes"]):
        assert s["label"] == _label(n)
        assert s["norm"].splitlines()[0] == f"≥ {100 * n['share']:g} % in every hour"
        assert [v["variant"] for v in s["values"]] == ["before", "after"]
        for v in s["values"]:
            levels = _levels(n, v["variant"])
            low = min(levels)
            good = sum(x >= n["share"] for x in levels)
            assert v["shown"] == _percent(low), (n["node"], v, low)
            assert v["met"] == ("✓ met" if good == len(levels) else "✗ not met"), (n["node"], v, good)
            assert (f"the target met in {good} of {len(levels)} hours with arrivals "
                    f"({_percent(good / len(levels))})") in v["text"], v
        paid, cost = n["paid_hours_per_week"], n["cost_per_year"]
        assert s["extras"] == [
            {"name": "paid_hours", "text": f"{paid['before']:,.0f} → {paid['after']:,.0f}"},
            {"name": "cost", "text": f"€ {cost['before']:,.0f} → € {cost['after']:,.0f}"}], s["extras"]
        # the shipped roster's paid hours are its staff summed over the week; a year is 365.25 / 7 weeks
        assert paid["before"] == sum(h["shipped"] for h in n["hours"])
        assert cost["before"] == pytest.approx(paid["before"] * 45.0 * 365.25 / 7, rel=1e-12)
    q = summary[0]["values"][0]
    assert q["met"] == "✗ not met"  # 5 servers are too few in every hour
    state = r["summary_notes"][-1]
    it = study["iterations"]
    conv = ("converged (the roster stopped changing)" if study["converged"] else
            f"ended in a cycle of {study['cycle']} rosters" if study["cycle"] > 1 else "NOT converged")
    assert state.startswith(f"Iterative staffing: {it} iteration{'s' if it != 1 else ''} after the start, {conv}")
    assert f"hours changed per iteration: {', '.join(map(str, study['changed_hours'])) or 'none'};" in state
    assert state.endswith(f"; {study['runs']:,} replications simulated.")


def test_the_detail_holds_the_plots_shifts_and_hours(page, study):
    text = page.read_text(encoding="utf-8")
    assert "@media print" in text and text.index('section class="summary"') < text.index("<h2>Study</h2>")
    for n in study["nodes"]:
        label = _label(n)
        assert f"<h2>{label}</h2>" in text
        assert f'alt="Staff per hour: {label}"' in text and f'alt="Service level per hour: {label}"' in text
        total = sum(s["length"] * s["count"] for s in n["shifts"])
        assert total == n["paid_hours_per_week"]["after"]
        assert f"{len(n['shifts'])} shifts, {total:,} paid hours per week" in text
    assert text.count("<summary>the 168 hours of the week</summary>") == 2
    assert text.count('<tr><td class="name">Mon 00</td>') == 2


def test_the_plots_show_the_json(study, staff_json, tmp_path):
    # the dict, the path, the text and a zccsim.Staffing give the same study
    staffing = zccsim.Staffing({"json": staff_json.read_text(), "variant": ""})
    page = zccsim.report.write(staffing, tmp_path / "from_python.html")
    assert "<h2>r: answered within 1 min</h2>" in open(page, encoding="utf-8").read()
    for data in (study, staff_json, str(staff_json), staffing):
        assert math.isnan(zp.staffing_study(data)["nodes"][1]["hours"][0]["before"]["mean"])  # null -> NaN
    fig = zp.staffing_roster(staffing, "r")
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.lines}
    for key, name in (("stationary", "stationary (Erlang C per hour)"), ("required", "required (iterative staffing)"),
                      ("rostered", "rostered (shifts)")):
        y = [h[key] for h in study["nodes"][1]["hours"]]
        assert list(lines[name].get_ydata()) == y + [y[-1]], key
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    fig = zp.staffing_service_level(study, 1)
    ax = fig.axes[0]
    r = study["nodes"][1]
    target = [line for line in ax.lines if line.get_label().startswith("target")]
    assert target and list(target[0].get_ydata()) == [80.0, 80.0]
    points = [c for c in ax.containers]
    assert len(points) == 2  # before and after
    for container, which in zip(points, ("before", "after")):
        y = container.lines[0].get_ydata()
        expected = [100 * h[which]["mean"] for h in r["hours"] if h[which]["mean"] is not None]
        assert np.allclose(y, expected, rtol=0, atol=1e-12), which
    assert len(zp.staffing(study).axes) == 4
    with pytest.raises(KeyError, match="no target node 'x'; the study's: q, r"):
        zp.staffing_roster(study, "x")


def test_extra_fields_are_accepted_and_not_needed(study, tmp_path):
    """The study may gain fields (the acute extension: model, scenario, a node's label and urgency)."""
    more = json.loads(json.dumps(study))
    more.update(model="acute", scenario="midden_nederland", time_unit="minute", something={"new": 1})
    more["nodes"][0].update(label="GP line", urgency="urgent", extra=[1, 2])
    more["nodes"][1].update(calls="non_urgent")
    page = zccsim.report.write(more, tmp_path / "more.html")
    text = open(page, encoding="utf-8").read()
    assert "<title>zccsim staffing report: midden_nederland</title>" in text
    assert "GP line: answered within 0.25 min" in text and "r (non-urgent calls): answered within 1 min" in text
    assert "<th>model</th><td>acute</td>" in text
    more["scenario"] = {"name": "x", "path": "x.yaml"}  # a field of another shape: not needed, no error
    text = open(zccsim.report.write(more, tmp_path / "more.html"), encoding="utf-8").read()
    assert "<title>zccsim staffing report: staffing study</title>" in text


def _refused(cli, path, tmp_path):
    p = cli("report", path, "-o", tmp_path / "x.html")
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr and not (tmp_path / "x.html").exists(), p.stderr
    return p.stderr


def test_bad_files_are_refused_clearly(cli, staff_json, tmp_path):
    text = staff_json.read_text()
    # truncated: the line and column where the JSON ends
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 2])
    lines = text[: len(text) // 2].split("\n")
    err = _refused(cli, cut, tmp_path)
    assert err.startswith(f"zccsim report: {cut}:{len(lines)}:{len(lines[-1]) + 1}: not valid JSON ("), err
    assert "the file ends early" in err
    # JSON, but not a staffing study (a compare summary, an array), also without the extension
    for name, body in (("summary.json", '{"kpis": {"a": 1}}'), ("list.json", "[1, 2]"), ("noext", ' {"a": 1}')):
        bad = tmp_path / name
        bad.write_text(body)
        err = _refused(cli, bad, tmp_path)
        assert err.startswith(f"zccsim report: {bad} is not a staffing study (the JSON of zccsim staff --out"), err
    # a study whose node lacks hours: the path to the member and what is allowed (checked by Python)
    d = json.loads(text)
    d["nodes"][1]["hours"] = d["nodes"][1]["hours"][:12]
    short = tmp_path / "short.json"
    short.write_text(json.dumps(d))
    err = _refused(cli, short, tmp_path)
    assert f"zccsim report: {short}: nodes[1].hours: must hold the 168 hours of the week, not 12" in err, err
    d = json.loads(text)
    d["nodes"][0]["share"] = 1.5
    d["nodes"][0]["hours"][3]["after"]["mean"] = "high"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(d))
    err = _refused(cli, bad, tmp_path)
    assert f"{bad}: nodes[0].share: must be > 0 and < 1, not 1.5" in err, err
    d["nodes"][0]["share"] = 0.5
    bad.write_text(json.dumps(d))
    assert f'{bad}: nodes[0].hours[3].after.mean: must be a number or null, not "high"' in _refused(cli, bad, tmp_path)
    # from Python: ValueError with the same words
    with pytest.raises(ValueError, match=re.escape(f"{cut}:")):
        zccsim.report.write(cut, tmp_path / "y.html")
