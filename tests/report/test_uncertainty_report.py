# SPDX-License-Identifier: MIT
"""The report of an uncertainty results file (zccsim uncertainty --out, issue
#12): parameters, probability of better, distributions, a fan chart and a
tornado chart, rendered in headless Chromium."""
import browser_check  # next to this file
import pytest
import zccsim.plot as zp
from pytest_common import SOURCE_DIR

import zccsim

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
