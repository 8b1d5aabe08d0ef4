# SPDX-License-Identifier: MIT
"""The report of an uncertainty results file (zccsim uncertainty --out, issues
#12 and #15): the one-page summary (labels, medians over the samples, norms,
met / not met, the paired differences in words), parameters, probability of
better, distributions, a fan chart and a tornado chart, rendered in headless
Chromium."""
import browser_check  # next to this file
import numpy as np
import pytest
import zccsim.plot as zp
from pytest_common import SOURCE_DIR
from test_plot_report import h5_kpis, write_report

import zccsim
import zccsim.report

UNC = SOURCE_DIR / "tests" / "uncertainty"


@pytest.fixture(scope="module")
def unc_h5(cli, tmp_path_factory):
    d = tmp_path_factory.mktemp("unc")
    (d / "more.yaml").write_text(f"extends: {UNC / 'mmc_short.yaml'}\nnodes: {{q: {{servers: 11}}}}\n")
    (d / "exp.yaml").write_text(f"variants: [{UNC / 'mmc_short.yaml'}, more.yaml]\n"
                                "sample: {method: morris, trajectories: 4}\nreplications: 1\n")
    out = d / "unc.h5"
    p = cli("uncertainty", d / "exp.yaml", "--quiet", "--out", out)
    assert p.returncode == 0, p.stderr
    return out


def test_uncertainty_plots(unc_h5):
    u = zccsim.uncertainty(unc_h5)
    fan = zp.uncertainty_fan(u, kpis=["q.mean_wait", "q.utilization"])
    assert len([a for a in fan.axes if a.get_visible()]) == 2
    line = fan.axes[0].lines[1]  # the median, the sorted paired differences of the one other variant, 0
    w = u.rows["q.mean_wait"]
    diffs = w.xs("more", level="variant") - w.xs("mmc_short", level="variant")
    assert sorted(line.get_ydata()) == pytest.approx(sorted(diffs.to_numpy()))
    tornado = zp.uncertainty_tornado(u, kpis=["q.mean_wait"])
    labels = [t.get_text() for t in tornado.axes[0].get_yticklabels()]
    assert labels[-1] == "nodes.q.service.mean" and "dummy" in labels  # largest on top


def test_uncertainty_report_renders_in_chromium(cli, unc_h5, out_dir):
    page = out_dir / "report_uncertainty.html"
    p = cli("report", unc_h5, "-o", page, "--quiet")
    assert p.returncode == 0, p.stderr
    text = page.read_text()
    for part in ("Uncertain parameters", "Probability of better than mmc_short", "Distributions over the samples",
                 "Fan chart", "Tornado chart", "nodes.q.service.mean", "dummy", "read by nothing"):
        assert part in text, part
    shot = out_dir / "report_uncertainty_screenshot.png"
    if shot.exists():
        shot.unlink()
    r = browser_check.check(str(page), str(shot))
    assert r["console_errors"] == [] and r["failed_requests"] == [] and r["external"] == []
    assert len(r["images"]) == 2
    assert all(i["complete"] and i["decoded"] and i["naturalWidth"] > 0 for i in r["images"]), r["images"]
    assert r["ok"]


@pytest.fixture(scope="module")
def acute_unc_h5(cli, tmp_path_factory):
    """An acute uncertainty experiment, small: the small test region against its fragmented
    variant over two weeks, Morris with 2 trajectories (6 samples), 2 replications each."""
    d = tmp_path_factory.mktemp("acute_unc")
    acute = SOURCE_DIR / "tests" / "acute"
    (d / "exp.yaml").write_text(
        "variants:\n"
        f"  - {{label: small, scenario: {acute / 'small_region.yaml'}}}\n"
        f"  - {{label: fragmented, scenario: {acute / 'variant_fragmented.yaml'}}}\n"
        "sample: {method: morris, trajectories: 2, levels: 4}\nreplications: 2\nseed: 3\nhorizon_days: 14\n"
        "uncertain:\n  \"demand.hap_calls.per_1000_per_year\": {uniform: [200, 280], why: the test's range}\n")
    out = d / "unc.h5"
    p = cli("uncertainty", d / "exp.yaml", "--quiet", "--out", out)
    assert p.returncode == 0, p.stderr
    return out


def test_the_uncertainty_summary_shows_what_the_file_says(cli, acute_unc_h5, out_dir):
    """The one-page summary of an uncertainty report: per headline KPI the label and norm of the
    KPI table, per variant the median over the samples of each sample's mean (type 7 quantiles,
    numpy's), met / not met by the median and the samples meeting the norm, and the paired
    difference's median and 5-95 % band in words; read back from the rendered page and checked
    against the rows of the file (h5py)."""
    from test_board_report import _number, _rounding, kpi_spec_table

    table = kpi_spec_table(cli)
    page = write_report(cli, acute_unc_h5, out_dir / "report_board_uncertainty.html")
    r = browser_check.check(str(page), str(out_dir / "report_board_uncertainty_screenshot.png"))
    assert r["console_errors"] == [] and r["failed_requests"] == [] and r["external"] == [], r
    assert r["ok"]
    rows, labels = h5_kpis(acute_unc_h5)
    variants = ["small", "fragmented"]
    point = rows.index.get_level_values("point").to_numpy()
    # per (sample, variant): the mean over its replications
    means = rows.groupby([point // 2, point % 2]).mean()
    analysed = set(zccsim.uncertainty(acute_unc_h5).summary.index.get_level_values("kpi"))
    summary = r["summary"]
    assert [s["kpi"] for s in summary] == [k for k in zccsim.report.SUMMARY_KPIS if k in analysed]
    assert len(summary) >= 10
    normed = 0
    for s in summary:
        k, spec = s["kpi"], table[s["kpi"]]
        scale, norm = spec["display_scale"], spec["norm"]
        assert s["label"] == spec["label"], k
        assert (s["norm"].splitlines()[0] if s["norm"] else "") == (norm["text"] if norm else ""), k
        assert [v["variant"] for v in s["values"]] == variants, k
        for i, v in enumerate(s["values"]):
            per_sample = means[k].xs(i, level=1).dropna().to_numpy()
            median = float(np.quantile(per_sample, 0.5))
            assert abs(_number(v["shown"]) - median * scale) <= _rounding(median * scale, 3), (k, v, median)
            if norm is None:
                assert v["met"] == "", (k, v)
                continue
            normed += 1
            higher = spec["better"] == "higher"
            met = median >= norm["target"] if higher else median <= norm["target"]
            assert v["met"] == ("✓ met" if met else "✗ not met"), (k, median, norm, v)
            n_met = int(np.sum(per_sample >= norm["target"] if higher else per_sample <= norm["target"]))
            assert f"norm met in {n_met} of {len(per_sample)} samples" in v["text"], (k, v)
        # the paired difference over the samples, in words
        (d,) = s["differences"]
        assert d["variant"] == "fragmented" and d["text"].startswith("fragmented: "), d
        diff = (means[k].xs(1, level=1) - means[k].xs(0, level=1)).dropna().to_numpy()
        med, lo, hi = (float(np.quantile(diff, q)) for q in (0.5, 0.05, 0.95))
        if med == 0 and lo == 0 and hi == 0:
            assert "the same as small" in d["text"], d
            continue
        if med != 0:
            assert (" higher than small" if med > 0 else " lower than small") in d["text"], (k, med, d)
        words = d["text"].split("90 % of them ")[1].split(";")[0].split(")")[0].split(" to ")
        assert abs(_number(words[0]) - lo * scale) <= _rounding(lo * scale, 2), (d, lo)
        assert abs(_number(words[1]) - hi * scale) <= _rounding(hi * scale, 2), (d, hi)
        if spec["better"] in ("higher", "lower") and (lo > 0 or hi < 0):
            assert d["text"].endswith(": better" if (lo > 0) == (spec["better"] == "higher") else ": worse"), d
        elif lo <= 0 <= hi:
            assert d["text"].endswith(": no clear difference"), d
    assert normed >= 4 * len(variants)
