# SPDX-License-Identifier: MIT
"""The report a board reads (issue #15): the pages of a run, a compare and a
sweep render in headless Chromium without console errors, and the summary on
the first page shows, for every headline KPI, the label, the value per
variant, the norm and met / not met that the results file and the KPI table
(`zccsim kpis --json`) give. Read back from the rendered page (innerText),
checked against the file read with h5py, not through zccsim.report."""
import json
import math

import browser_check  # next to this file
import pytest
from pytest_common import SMALL_REGION, SOURCE_DIR
from test_plot_report import h5_kpis, mean_ci, write_report

import zccsim.report

FRAGMENTED = SOURCE_DIR / "tests" / "acute" / "variant_fragmented.yaml"
NATIONAL = SOURCE_DIR / "scenarios" / "national.yaml"
ROAZ = ["brabant", "euregio", "limburg", "midden", "nhf", "noord", "oost", "west", "zuidwest", "zwolle"]


def kpi_spec_table(cli):
    """KPI name -> its row of `zccsim kpis --json` (label, display unit and scale, norm, better)."""
    proc = cli("kpis", "--json")
    assert proc.returncode == 0, proc.stderr
    return {r["name"]: r for r in json.loads(proc.stdout)["kpis"]}


@pytest.fixture(scope="module")
def table(cli):
    return kpi_spec_table(cli)


@pytest.fixture(scope="module")
def compare_h5(cli, tmp_path_factory):
    """zccsim compare of the small region and its fragmented variant, --out."""
    path = tmp_path_factory.mktemp("compare") / "c.h5"
    proc = cli("compare", SMALL_REGION, FRAGMENTED, "--replications", 4, "--seed", 5, "--out", path, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture(scope="module")
def national_h5(cli, tmp_path_factory):
    """zccsim run of the national scenario (the 10 ROAZ regions as sub-regions), two weeks
    after a two-day warm-up, 2 replications: a few seconds."""
    d = tmp_path_factory.mktemp("national")
    (d / "national_short.yaml").write_text(f"extends: {NATIONAL}\nhorizon_days: 14\nwarmup_days: 2\n")
    path = d / "national.h5"
    proc = cli("run", d / "national_short.yaml", "--replications", 2, "--seed", 2, "--out", path, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture(scope="module")
def pages(cli, out_dir, run_h5, sweep_h5, compare_h5, national_h5):
    """kind -> (results file, report page): `zccsim report FILE` for each."""
    return {kind: (h5, write_report(cli, h5, out_dir / f"report_board_{kind}.html"))
            for kind, h5 in (("run", run_h5), ("compare", compare_h5), ("sweep", sweep_h5),
                             ("national", national_h5))}


@pytest.fixture(scope="module")
def rendered(pages, out_dir):
    """kind -> what headless Chromium shows of the page (browser_check.check)."""
    return {kind: browser_check.check(str(page), str(out_dir / f"report_board_{kind}_screenshot.png"))
            for kind, (_, page) in pages.items()}


def _number(shown: str) -> float:
    """The number at the start of a value as shown ("95.8 %", "1,234 €")."""
    return float(shown.split()[0].replace(",", "").replace("−", "-"))


def _rounding(value: float, digits: int) -> float:
    """Half a unit in the last place of `value` shown with `digits` significant digits."""
    if value == 0 or math.isnan(value):
        return 1e-6
    return 0.51 * 10 ** (math.floor(math.log10(abs(value))) - digits + 1) + 1e-6


@pytest.mark.parametrize("kind", ["run", "compare", "sweep", "national"])
def test_the_summary_shows_what_the_file_and_the_kpi_table_say(pages, rendered, table, kind):
    h5, _ = pages[kind]
    r = rendered[kind]
    assert r["console_errors"] == [] and r["failed_requests"] == [] and r["external"] == [], r
    assert r["ok"]
    rows, labels = h5_kpis(h5)
    summary = r["summary"]
    # every headline KPI the file has, in order
    assert [s["kpi"] for s in summary] == [k for k in zccsim.report.SUMMARY_KPIS if k in rows.columns]
    assert len(summary) >= 10
    normed = 0
    for s in summary:
        k, spec = s["kpi"], table[s["kpi"]]
        assert s["label"] == spec["label"], k
        norm = spec["norm"]
        assert (s["norm"].splitlines()[0] if s["norm"] else "") == (norm["text"] if norm else ""), k
        assert len(s["values"]) == len(labels), k
        if len(labels) > 1:
            assert [v["variant"] for v in s["values"]] == labels, k
        for p, v in enumerate(s["values"]):
            m, _ = mean_ci(rows.loc[p, k])
            expected = m * spec["display_scale"]
            if math.isnan(m):
                assert v["shown"] == "–" and v["met"] == "", (k, v)
                continue
            # three significant digits as shown
            assert abs(_number(v["shown"]) - expected) <= _rounding(expected, 3), (k, v, expected)
            if spec["display_unit"] == "%":
                assert v["shown"].endswith(" %"), (k, v)
            if norm is None:
                assert v["met"] == "", (k, v)
                continue
            normed += 1
            met = m >= norm["target"] if spec["better"] == "higher" else m <= norm["target"]
            assert v["met"] == ("✓ met" if met else "✗ not met"), (k, m, norm, v)
    assert normed >= 4 * len(labels)  # HAP phone 30 s and 2 min, A1 15 min (share and p95), A2 30 min
    # several variants: each one's paired difference to the first, in words, with the file's numbers
    if len(labels) > 1:
        for s in summary:
            k, spec = s["kpi"], table[s["kpi"]]
            assert [d["variant"] for d in s["differences"]] == labels[1:], k
            for d in s["differences"]:
                p = labels.index(d["variant"])
                m, ci = mean_ci(rows.loc[p, k] - rows.loc[0, k])
                assert d["text"].startswith(f"{d['variant']}: "), d
                if math.isnan(m) or m == 0:
                    continue
                assert (" higher than " if m > 0 else " lower than ") + labels[0] in d["text"], (k, m, d)
                if not math.isnan(ci):
                    lo, hi = (m - ci) * spec["display_scale"], (m + ci) * spec["display_scale"]
                    words = d["text"].split("95 % interval ")[1].split(")")[0].split(" to ")
                    assert abs(_number(words[0]) - lo) <= _rounding(lo, 2), (d, lo)
                    assert abs(_number(words[1]) - hi) <= _rounding(hi, 2), (d, hi)
                    clear = abs(m) > ci
                    assert d["text"].endswith("no clear difference") != clear, (k, m, ci, d)
    else:
        assert all(s["differences"] == [] for s in summary)


def test_a_compare_file_gives_the_side_by_side_report(pages):
    """`zccsim compare A B --out c.h5 && zccsim report c.h5`: both variants side by side,
    the paired differences with their intervals."""
    _, page = pages["compare"]
    text = page.read_text(encoding="utf-8")
    assert "Comparison: paired differences to small_region" in text
    assert 'data-variant="variant_fragmented"' in text and 'table class="differences"' in text


def test_plain_words():
    # a share: percentage points, the interval in the display unit, better by the table's direction
    words = zccsim.report.plain_difference("answered_within_2min_share", "zcc", "today", 0.031, 0.004)
    assert words == "zcc: 3.1 percentage points higher than today (95 % interval 2.7 to 3.5): better"
    words = zccsim.report.plain_difference("ed_visits_per_1000", "zcc", "today", 2.0, 3.0)
    assert words == "zcc: 2.0 per 1,000 per year higher than today (95 % interval -1.0 to 5.0): no clear difference"
    assert zccsim.report.plain_difference("cost_per_patient", "b", "a", 10.0, 1.0).endswith("lower than a") is False
    assert zccsim.report.plain_difference("cost_per_patient", "b", "a", 10.0, 1.0).endswith(": worse")
    assert zccsim.report.display("a1_within_15min_share", 0.9312) == "93.1 %"


def test_the_page_prints_a_page_per_section(pages):
    text = pages["run"][1].read_text(encoding="utf-8")
    assert "@media print" in text and "break-before: page" in text and 'section class="summary"' in text
    assert text.index('section class="summary"') < text.index("<h2>Scenario</h2>")


@pytest.mark.parametrize("kind", ["run", "compare", "national"])
def test_the_region_tables_show_what_the_file_says(pages, rendered, table, kind):
    """Per sub-region (national: per ROAZ region) and variant, the headline per-sub-region KPIs
    as rendered: the value of the file's column KPI_subregion_LABEL (mean over replications),
    met / not met by the KPI table's norm, and the total row: the region-wide KPI, the
    inhabitants summed, the yearly cost over them."""
    h5, _ = pages[kind]
    rows, labels = h5_kpis(h5)
    prefix = "population_subregion_"
    subs = [c[len(prefix):] for c in rows.columns if c.startswith(prefix)]
    if kind == "national":
        assert sorted(subs) == ROAZ
    else:
        assert subs == ["a", "b"]
    tables = rendered[kind]["regions"]
    assert len(tables) == len(labels)
    if len(labels) > 1:
        assert [t["variant"] for t in tables] == labels
    kpis = ["population", "a1_within_15min_share", "a1_response_minutes_p95", "phone_abandoned_share",
            "ed_visits_per_1000", "ambulance_rides_per_1000", "safety_events_per_1000", "cost_per_inhabitant"]
    for p, t in enumerate(tables):
        assert [r["subregion"] for r in t["rows"]] == subs + [""] and t["rows"][-1]["total"]
        means = rows.loc[p].mean()
        population = sum(means[prefix + s] for s in subs)
        for r in t["rows"]:
            assert [c["kpi"] for c in r["cells"]] == kpis, r
            for c in r["cells"]:
                k = c["kpi"]
                if r["total"]:
                    expected = (means[k] if k in means.index else population if k == "population" else
                                means["cost_total_meur_per_year"] * 1e6 / population)
                else:
                    expected = means[f"{k}_subregion_{r['subregion']}"]
                # population and cost_per_inhabitant exist only per sub-region: their units (inhabitants,
                # euro per inhabitant per year) are shown as they are, and they have no norm
                spec = table.get(k, {"display_scale": 1.0, "better": "neither"})
                shown = expected * spec["display_scale"]
                assert abs(_number(c["shown"]) - shown) <= _rounding(shown, 3), (kind, r["subregion"], c, shown)
                norm = (table.get(k) or {}).get("norm")
                if norm is None:
                    assert c["met"] == "", c
                    continue
                met = expected >= norm["target"] if spec["better"] == "higher" else expected <= norm["target"]
                assert c["met"] == ("✓ met" if met else "✗ not met"), (kind, r["subregion"], c, expected)
    # the national report calls them regions and draws them on the map
    text = pages[kind][1].read_text(encoding="utf-8")
    word = "region" if kind == "national" else "sub-region"
    assert f"<h2>By {word}</h2>" in text and f'alt="Map by {word}"' in text
    assert "<h2>KPIs by sub-region</h2>" in text
