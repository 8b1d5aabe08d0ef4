# SPDX-License-Identifier: MIT
"""zccsim.plot and zccsim report: the figures show the numbers of the results
(read independently with h5py and numpy), and the HTML page holds them, is
self-contained, is written atomically and renders in headless Chromium."""
import base64
import hashlib
import html.parser
import io
import math
import os
import pathlib
import struct
import subprocess
import sys

import h5py
import matplotlib.image
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import zccsim
import zccsim.plot as zp
import zccsim.report

import browser_check  # next to this file (pytest puts its folder on sys.path)


# ---- independent readings of a results file ----------------------------------------------


def h5_kpis(path):
    """(point, replication)-indexed KPI rows straight from the file."""
    with h5py.File(path) as f:
        names = list(f["kpis/names"].asstr()[:])
        values = f["kpis/values"][:]
        idx = pd.MultiIndex.from_arrays([f["kpis/point"][:].astype(int), f["kpis/replication"][:].astype(int)],
                                        names=["point", "replication"])
        labels = list(f["points/labels"].asstr()[:])
    return pd.DataFrame(values, index=idx, columns=names).sort_index(), labels


def h5_attrs(path):
    with h5py.File(path) as f:
        return dict(f.attrs), f["scenario/text"].asstr()[()]


def mean_ci(x):
    x = np.asarray(x, float)
    x = x[np.isfinite(x)]
    n = len(x)
    if n == 0:
        return math.nan, math.nan
    if n == 1:
        return float(x[0]), math.nan
    return float(x.mean()), zp.t_quantile(n - 1) * float(x.std(ddof=1)) / math.sqrt(n)


class _Page(html.parser.HTMLParser):
    """Collects images, external references, the data-* cells and the
    scenario table (meta: row heading -> cell text) of a page."""

    def __init__(self):
        super().__init__()
        self.images, self.refs, self.cells, self.tables = [], [], [], []
        self.meta = {}
        self._heading, self._text = None, None  # the meta row being read

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a)
        for key in ("src", "href"):
            if key in a and not str(a[key]).startswith(("data:", "#")):
                self.refs.append(a[key])
        if tag == "table":
            self.tables.append(a.get("class"))
        if tag == "td" and "data-kpi" in a:
            self.cells.append({**a, "table": self.tables[-1]})
        if tag in ("th", "td") and self.tables and self.tables[-1] == "meta":
            self._text = []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._text is not None:
            text, self._text = "".join(self._text), None
            if tag == "th":
                self._heading = text
            else:
                assert self._heading not in self.meta, f"two rows {self._heading!r}"
                self.meta[self._heading] = text


def parse_page(path):
    p = _Page()
    p.feed(pathlib.Path(path).read_text(encoding="utf-8"))
    return p


def png_size(data: bytes):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    w, h = struct.unpack(">II", data[16:24])
    return w, h


# ---- tables -------------------------------------------------------------------------------------


def test_t_quantile():
    for df, q in [(1, 12.706204736), (2, 4.302652730), (3, 3.182446305), (9, 2.262157163), (30, 2.042272456),
                  (1000, 1.962339081)]:
        assert zp.t_quantile(df) == pytest.approx(q, abs=1e-6)
    assert zp.t_quantile(5, 0.025) == pytest.approx(-zp.t_quantile(5, 0.975))


def test_kpi_summary_is_the_files_numbers(run_h5):
    f = zccsim.read(run_h5)
    s = zp.kpi_summary(f)
    rows, _ = h5_kpis(run_h5)
    assert list(s.index.get_level_values("variant").unique()) == ["small test region"]
    for kpi in rows.columns:
        m, ci = mean_ci(rows[kpi])
        got = s.loc[("small test region", kpi)]
        assert got["mean"] == pytest.approx(m, rel=1e-12, abs=1e-12, nan_ok=True), kpi
        assert got["ci95"] == pytest.approx(ci, rel=1e-6, abs=1e-12, nan_ok=True), kpi
    # the same summary from a raw replications frame (t quantile computed here)
    raw = zp.kpi_summary(rows.loc[0])
    np.testing.assert_allclose(raw["ci95"].to_numpy(float), s["ci95"].to_numpy(float), rtol=1e-6)


def test_paired_differences_equal_compare(sweep_h5, small_region, small_region_fragmented):
    f = zccsim.read(sweep_h5)
    d = zp.paired_differences(f)
    assert list(d.index.get_level_values("variant").unique()) == ["fragmented", "no insight"]
    # the same replications (seed and count) as the sweep's points, from the file
    replications = len(f.kpis.loc[0])
    c = zccsim.compare([small_region, small_region_fragmented], replications=replications, seed=f.seed,
                       labels=["zcc", "fragmented"])
    assert c.replications == replications and (f.kpis.groupby(level="point").size() == replications).all()
    ref = c.difference["fragmented"]
    mine = d.xs("fragmented", level="variant")
    np.testing.assert_allclose(mine["mean"].to_numpy(float), ref["mean"].to_numpy(float), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(mine["ci95"].to_numpy(float), ref["ci95"].to_numpy(float), rtol=1e-6, atol=1e-12)
    # and a Comparison is accepted as it is
    pd.testing.assert_frame_equal(zp.paired_differences(c).xs("fragmented", level="variant")[["mean", "ci95"]],
                                  ref[["mean", "ci95"]].rename_axis("kpi"), check_names=False)


@pytest.fixture(scope="session")
def small_region_fragmented(small_region):
    return small_region.replace({"triage.mode": "fragmented"})


# ---- figures ------------------------------------------------------------------------------------


def visible_axes(fig):
    return [ax for ax in fig.axes if ax.axison and ax.get_label() != "<colorbar>"]


def test_kpi_comparison_bars_are_the_means(sweep_h5):
    f = zccsim.read(sweep_h5)
    rows, labels = h5_kpis(sweep_h5)
    kpis = ["answered_within_2min_share", "ed_visits_per_1000", "cost_per_patient"]
    fig = zp.kpi_comparison(f, kpis=kpis)
    assert isinstance(fig, Figure)
    axes = visible_axes(fig)
    assert [ax.get_title() for ax in axes] == kpis
    assert [ax.get_ylabel() for ax in axes] == ["%", "per 1,000 per year", "€"]
    assert [ax.get_xlabel() for ax in axes] == ["↑ higher is better", "↓ lower is better", "↓ lower is better"]
    for ax, kpi in zip(axes, kpis):
        assert [t.get_text() for t in ax.get_xticklabels()] == labels
        heights = [p.get_height() for p in ax.patches]
        factor = 100 if kpi.endswith("_share") else 1
        expected = [rows.loc[p, kpi].mean() * factor for p in range(len(labels))]
        np.testing.assert_allclose(heights, expected, rtol=1e-9)
    with pytest.raises(KeyError):
        zp.kpi_comparison(f, kpis=["no_such_kpi"])
    with pytest.raises(TypeError):
        zp.kpi_comparison(42)


def test_occupancy_heatmap_is_busy_over_on_duty(run_h5):
    f = zccsim.read(run_h5)
    fig = zp.occupancy_heatmap(f)
    ax = visible_axes(fig)[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert "ed" in rows and "zcc gp" in rows and "station" in rows
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert ax.get_xlabel() == "hour of the week"
    image = ax.get_images()[0].get_array()
    assert image.shape == (len(rows), 168)
    # the ED row, computed here from the file: the small region's start_date is a Monday
    warmup_h = f.scenario["warmup_days"] * 24
    with h5py.File(run_h5) as h:
        eds = [g for g in h["hourly"].values() if g.attrs["kind"] == "ed"]
        busy = sum(g["busy"][:].astype(float) for g in eds)
        duty = sum(g["on_duty"][:].astype(float) for g in eds)
    hours = np.arange(len(busy))
    keep = hours >= warmup_h
    b = np.bincount(hours[keep] % 168, busy[keep], 168)
    d = np.bincount(hours[keep] % 168, duty[keep], 168)
    np.testing.assert_allclose(np.ma.filled(image[rows.index("ed")], np.nan), b / d, rtol=1e-5)
    # nobody on duty is masked (grey): the zcc's GP lines close on weekdays 08-17
    # (in the hour from 08:00 a triagist may still be finishing a call)
    gp = np.ma.getmaskarray(image[rows.index("zcc gp")])
    closed = np.zeros(168, bool)
    for day in range(5):
        closed[24 * day + 8:24 * day + 17] = True
        assert gp[24 * day + 9:24 * day + 17].all()
    assert not gp[~closed].any()
    assert np.nanmax(np.ma.filled(image, np.nan)) <= 1.5
    with pytest.raises(ValueError, match="hourly"):
        zp.occupancy_heatmap(_no_hourly())


def _no_hourly():
    class NoHourly:
        hourly = None
        scenario_text = ""

    return NoHourly()


def test_answer_times_against_the_norms(run_h5):
    f = zccsim.read(run_h5)
    rows, _ = h5_kpis(run_h5)
    k = rows.loc[(0, f.hourly_replication)]
    w = zp.answer_waits(f)
    gp = w[(w["discipline"] == "gp") & ~w["transfer"]]
    # the event log gives the KPIs of the replication it belongs to
    assert np.mean(gp["wait"] <= 0.5) == pytest.approx(k["answered_within_30s_share"], abs=0.01)
    assert np.mean(gp["wait"] <= 2.0) == pytest.approx(k["answered_within_2min_share"], abs=0.01)
    assert np.mean(~np.isfinite(gp["wait"])) == pytest.approx(k["phone_abandoned_share"], abs=0.01)
    fig = zp.answer_times(f)
    left, right = visible_axes(fig)
    assert "minutes" in left.get_xlabel() and "%" in left.get_ylabel()
    assert sorted(round(line.get_xdata()[0], 6) for line in left.get_lines() if line.get_linestyle() == "--") == \
        [0.5, 2.0]
    assert any(t.get_text().startswith("gp line") for t in left.get_legend().get_texts())
    bars = [p.get_height() for p in right.patches]
    np.testing.assert_allclose(bars, [rows[c].mean() * 100 for c in ("answered_within_30s_share",
                               "answered_within_2min_share", "phone_abandoned_share")], rtol=1e-9)
    # two variants with an event log: a GP-line curve per variant, and the KPIs
    fig2 = zp.answer_times({"a": f, "b": f})
    left2, right2 = visible_axes(fig2)
    assert [t.get_text() for t in left2.get_legend().get_texts()] == ["a: gp line", "b: gp line"]
    assert len(right2.patches) == 2 * 3


def test_response_times_against_the_norms(run_h5, sweep_h5):
    f = zccsim.read(run_h5)
    rows, _ = h5_kpis(run_h5)
    k = rows.loc[(0, f.hourly_replication)]
    r = zp.ambulance_responses(f)
    assert set(r["cls"]) <= {"A1", "A2", "B"} and (r["response"] >= 0).all()
    # A2 and B are triaged: the log's clock is the KPIs' clock
    assert np.mean(r.loc[r["cls"] == "A2", "response"] <= 30) == pytest.approx(k["a2_within_30min_share"], abs=1e-9)
    assert np.mean(r.loc[r["cls"] == "B", "response"] <= 120) == pytest.approx(k["b_within_norm_share"], abs=1e-9)
    fig = zp.response_times(f)
    left, right = visible_axes(fig)
    assert left.get_xlabel().startswith("minutes from the request")
    assert any(abs(line.get_xdata()[0] - 15) < 1e-9 for line in left.get_lines())  # the A1 norm
    np.testing.assert_allclose([p.get_height() for p in right.patches],
                               [rows[c].mean() * 100 for c in ("a1_within_15min_share", "a2_within_30min_share",
                                                               "b_within_norm_share")], rtol=1e-9)
    # a sweep file has no event log: only the KPI panel, a bar per point and KPI
    fig = zp.response_times(zccsim.read(sweep_h5))
    (only,) = visible_axes(fig)
    assert len(only.patches) == 3 * 3


def test_area_map(run_h5, sweep_h5):
    f = zccsim.read(run_h5)
    av = zp.area_values(f)
    assert list(av.index) == ["north", "centre", "south"]
    r = zp.ambulance_responses(f)
    a1 = r[r["cls"] == "A1"]
    for i, name in enumerate(av.index):
        assert av.loc[name, "value"] == pytest.approx(a1.loc[a1["area"] == i, "response"].mean())
    # by default: the per-sub-region KPI over all replications (the file's rows), each area its sub-region's
    rows, _ = h5_kpis(run_h5)
    ak = zp.area_kpi(f)
    assert list(ak["subregion"]) == ["a", "a", "b"]
    for name in ak.index:
        col = f"a1_within_15min_share_subregion_{ak.loc[name, 'subregion']}"
        assert ak.loc[name, "value"] == pytest.approx(rows[col].mean(), rel=1e-12)
    fig = zp.area_map(f)
    ax = visible_axes(fig)[0]
    assert ax.get_xlabel().startswith("longitude") and ax.get_ylabel().startswith("latitude")
    assert ax.get_title().startswith("A1 on scene within 15 minutes of the call by sub-region, over all replications")
    cbar = [a for a in fig.axes if a is not ax]
    assert cbar and cbar[0].get_ylabel() == "A1 on scene within 15 minutes of the call (%)"
    areas = ax.collections[0]  # no municipality of these names: circles at the areas' lat/lon
    np.testing.assert_allclose(areas.get_offsets(), av[["lon", "lat"]].to_numpy())
    # kpi=None: the event log of one replication, per area
    fig = zp.area_map(f, kpi=None)
    ax = visible_axes(fig)[0]
    assert "response" in ax.get_title() and "event log, one replication" in ax.get_title()
    # no event log and no per-sub-region KPI asked: coloured by population, and the title says so
    fig = zp.area_map(zccsim.read(sweep_h5), kpi=None)
    ax = visible_axes(fig)[0]
    assert ax.get_title().startswith("Areas by population")


def test_area_map_draws_municipal_boundaries(small_region):
    """Areas named after municipalities (or "X (part n)") are drawn as their boundaries
    from scenarios/data/municipalities_nl.geojson, shaded by their sub-region's value."""
    shapes = zp.municipalities()
    assert len(shapes) == 342 and "Utrecht" in shapes and "Zeist" in shapes
    assert zp.municipality_of("Zeist (part 2)") == "Zeist" and zp.municipality_of("Utrecht") == "Utrecht"
    assert zp.municipality_of("Utrecht-West (Leidsche Rijn, Vleuten-De Meern)") == "Utrecht"
    assert zp.municipality_of("Groningen (noord)") == "Groningen"
    assert zp.municipality_of("Alphen-Chaam") == "Alphen-Chaam"  # a municipality with a hyphen stays whole
    assert zp.municipality_of("Nowhere") == "Nowhere"
    s = small_region.replace({"areas": [
        {"name": "Utrecht", "population": 60000, "lat": 52.09, "lon": 5.12, "region": "home", "subregion": "a"},
        {"name": "Zeist (part 1)", "population": 100000, "lat": 52.09, "lon": 5.24, "region": "home", "subregion": "a"},
        {"name": "Nowhere", "population": 40000, "lat": 52.00, "lon": 5.25, "region": "home", "subregion": "b"}]})
    r = s.run(2, seed=3)
    fig = zp.area_map(r)
    ax = visible_axes(fig)[0]
    assert ax.get_title().endswith("2 of 3 areas as municipal boundaries")
    context, areas = ax.collections[0], ax.collections[1]
    assert len(areas.get_paths()) == len(shapes["Utrecht"]) + len(shapes["Zeist"])
    assert len(context.get_paths()) > len(areas.get_paths())  # the neighbouring municipalities, grey
    np.testing.assert_allclose(areas.get_paths()[0].vertices[: len(shapes["Utrecht"][0])], shapes["Utrecht"][0])
    # both in sub-region a: one colour; the area without a boundary is a circle
    faces = areas.get_facecolors()
    assert (faces == faces[0]).all()
    assert ax.collections[2].get_offsets().shape == (1, 2)


def test_cost_per_patient(sweep_h5):
    rows, labels = h5_kpis(sweep_h5)
    fig = zp.cost_per_patient(zccsim.read(sweep_h5))
    left, right = visible_axes(fig)
    assert left.get_ylabel() == "€ per patient" and right.get_ylabel() == "M€ per year"
    np.testing.assert_allclose([p.get_height() for p in left.patches],
                               [rows.loc[p, "cost_per_patient"].mean() for p in range(3)], rtol=1e-9)
    stacked = np.array([p.get_height() for p in right.patches]).reshape(2, 3).sum(axis=0)
    np.testing.assert_allclose(stacked, [rows.loc[p, "cost_total_meur_per_year"].mean() for p in range(3)], rtol=1e-6)


def test_plots_of_python_objects(small_region, small_region_fragmented):
    """Results, Comparison and dicts of Results work as well as files."""
    r = small_region.run(2, seed=1, hourly=True, event_log=True)
    c = zccsim.compare([small_region, small_region_fragmented], replications=2, labels=["zcc", "fragmented"])
    for fig in (zp.kpi_comparison(c), zp.kpi_comparison({"zcc": r}), zp.cost_per_patient(c),
                zp.answer_times(c), zp.response_times(r), zp.occupancy_heatmap(r), zp.area_map(r)):
        assert isinstance(fig, Figure) and visible_axes(fig)
    assert [t.get_text() for t in visible_axes(zp.kpi_comparison(c))[0].get_xticklabels()] == ["zcc", "fragmented"]
    # an event log DataFrame on its own: the event-log panel only
    (ax,) = visible_axes(zp.answer_times(r.events))
    assert "minutes" in ax.get_xlabel()
    (ax,) = visible_axes(zp.response_times(r.events))
    assert ax.get_xlabel().startswith("minutes from the request")
    # a KPI frame (replications x KPIs) is summarised with Student t
    s = zp.kpi_summary(r.kpis)
    np.testing.assert_allclose(s.loc["run"]["ci95"].to_numpy(float), r.summary["ci95"].to_numpy(float), rtol=1e-6)


# ---- the report ---------------------------------------------------------------------------------


def write_report(cli, results, out):
    """`zccsim report RESULTS -o OUT`; returns OUT."""
    proc = cli("report", results, "-o", out)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="session")
def run_report(run_h5, cli, out_dir):
    return write_report(cli, run_h5, out_dir / "report_run.html")


@pytest.fixture(scope="session")
def sweep_report(sweep_h5, cli, out_dir):
    return write_report(cli, sweep_h5, out_dir / "report_sweep.html")


def test_report_holds_the_files_numbers(run_h5, run_report):
    rows, _ = h5_kpis(run_h5)
    attrs, text = h5_attrs(run_h5)
    page_text = run_report.read_text(encoding="utf-8")
    page = parse_page(run_report)
    # scenario summary: the file's attributes, each in its row
    assert attrs["scenario_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    f = zccsim.read(run_h5)
    expected = {"scenario": "small test region", "model": attrs["model"], "seed": str(attrs["seed"]),
                "replications": str(len(rows)), "version": attrs["version"],
                "scenario SHA-256": attrs["scenario_sha256"], "complete": "yes",
                "hourly series": f"yes (replication {f.hourly_replication})", "event log": "yes"}
    assert {k: page.meta.get(k) for k in expected} == expected
    assert attrs["model"] == "acute"
    # every KPI with the mean and CI of the file's replications
    cells = {c["data-kpi"]: c for c in page.cells if c["table"] == "kpis"}
    assert set(cells) == set(rows.columns)
    for kpi in rows.columns:
        m, ci = mean_ci(rows[kpi])
        got = float(cells[kpi]["data-mean"])
        assert (math.isnan(m) and math.isnan(got)) or got == pytest.approx(m, rel=1e-12, abs=1e-15), kpi
        if not math.isnan(ci):
            assert float(cells[kpi]["data-ci95"]) == pytest.approx(ci, rel=1e-6), kpi
        assert f'>{kpi}<' in page_text
    # the visible text of one KPI, formatted as the report does
    m, ci = mean_ci(rows["ed_visits_per_1000"])
    assert f"{zccsim.report._fmt(m)} ± {zccsim.report._fmt(ci, 2)}" in page_text
    # self-contained: six inlined PNG plots, no external reference
    # (the small region has sub-regions: its map is in the section "By sub-region", after the summary)
    assert [i["alt"] for i in page.images] == ["Map by sub-region", "KPI comparison", "Occupancy by hour of the week",
                                               "Phone answer times", "Ambulance response times", "Cost per patient"]
    assert page.refs == []
    for img in page.images:
        assert img["src"].startswith("data:image/png;base64,")
        png = base64.b64decode(img["src"].split(",", 1)[1], validate=True)
        w, h = png_size(png)
        assert w > 300 and h > 200
        assert png.endswith(b"IEND\xaeB`\x82"), "a truncated PNG"
        pixels = matplotlib.image.imread(io.BytesIO(png), format="png")  # decodes every row
        assert pixels.shape[:2] == (h, w) and pixels.std() > 0.01  # a picture, not a blank
    assert "http://" not in page_text.split("<h2>Scenario text</h2>")[0]
    assert "https://" not in page_text.split("<h2>Scenario text</h2>")[0]


def test_report_compares_the_points_of_a_sweep(sweep_h5, sweep_report):
    rows, labels = h5_kpis(sweep_h5)
    page_text = sweep_report.read_text(encoding="utf-8")
    page = parse_page(sweep_report)
    assert labels == ["zcc", "fragmented", "no insight"]
    assert "Comparison: paired differences to zcc" in page_text
    per_point = len(rows.loc[0])
    assert (rows.groupby(level="point").size() == per_point).all()
    assert page.meta["replications"] == f"{per_point} per point × {len(labels)} points ({len(rows)} rows)"
    assert f"{per_point} per point × {len(labels)} points" in page_text
    diffs = [c for c in page.cells if c["table"] == "differences"]
    assert {c["data-variant"] for c in diffs} == {"fragmented", "no insight"}
    for c in diffs:
        p = labels.index(c["data-variant"])
        d = rows.loc[p, c["data-kpi"]] - rows.loc[0, c["data-kpi"]]
        m, ci = mean_ci(d)
        got = float(c["data-mean"])
        assert (math.isnan(m) and math.isnan(got)) or got == pytest.approx(m, rel=1e-9, abs=1e-12)
    # means per point
    means = {(c["data-variant"], c["data-kpi"]): float(c["data-mean"]) for c in page.cells if c["table"] == "kpis"}
    for p, lab in enumerate(labels):
        assert means[(lab, "cost_per_patient")] == pytest.approx(rows.loc[p, "cost_per_patient"].mean(), rel=1e-12)
    # no hourly series in a sweep file: said, not drawn
    assert "Occupancy by hour of the week: not available" in page_text
    assert len(page.images) == 5


def test_report_renders_in_chromium(run_report, sweep_report, out_dir):
    for page, n in ((run_report, 6), (sweep_report, 5)):
        shot = out_dir / (page.stem + "_screenshot.png")
        if shot.exists():
            shot.unlink()
        r = browser_check.check(str(page), str(shot))
        assert r["console_errors"] == [] and r["failed_requests"] == [] and r["external"] == []
        assert len(r["images"]) == n
        assert all(i["complete"] and i["decoded"] and i["naturalWidth"] > 0 for i in r["images"]), r["images"]
        assert r["title"].startswith("zccsim report: small test region")
        w, h = png_size(shot.read_bytes())
        assert shot.stat().st_size > 10_000 and w >= 1200 and h > 2000  # the full page
        assert r["ok"]


def test_browser_check_can_fail(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><head><title>bad</title></head><body>'
                   '<img src="data:image/png;base64,AAAA" alt="broken">'
                   '<script>console.error("boom")</script></body></html>')
    r = browser_check.check(str(bad), str(tmp_path / "bad.png"))
    assert not r["ok"]
    assert r["images"][0]["naturalWidth"] == 0 and "boom" in r["console_errors"]


def test_report_of_a_network_run(mmc_h5, tmp_path):
    out = tmp_path / "mmc.html"
    assert zccsim.report.main([str(mmc_h5), "-o", str(out), "--quiet"]) == 0
    page = parse_page(out)
    assert [i["alt"] for i in page.images] == ["KPI comparison"]
    rows, _ = h5_kpis(mmc_h5)
    assert {c["data-kpi"] for c in page.cells} == set(rows.columns)


def test_report_is_written_atomically(tmp_path, cli, run_h5):
    out = tmp_path / "r.html"
    out.write_text("old page")
    bad = tmp_path / "not_results.h5"
    bad.write_text("not HDF5")
    proc = cli("report", bad, "-o", out)
    assert proc.returncode == 1 and "zccsim report:" in proc.stderr
    assert out.read_text() == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not_results.h5", "r.html"]  # no temporary file left
    proc = cli("report", tmp_path / "missing.h5", "-o", out)
    assert proc.returncode == 1 and "missing.h5" in proc.stderr
    # the default output is the results file's name with .html
    local = tmp_path / "copy.h5"
    local.write_bytes(run_h5.read_bytes())
    proc = cli("report", local, "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "copy.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # the page has the mode of a new file (0o666 less the umask), not mkstemp's 0o600
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "copy.html").stat().st_mode & 0o777 == 0o666 & ~umask


def test_report_command_line(cli, run_h5, tmp_path):
    # usage errors exit with 2
    assert cli("report").returncode == 2
    assert "usage: zccsim report" in cli("report", "--help").stdout
    # the package next to the program is found without PYTHONPATH
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = tmp_path / "nopath.html"
    proc = cli("report", run_h5, "-o", out, "--title", "My title", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "<title>My title</title>" in out.read_text(encoding="utf-8")
    # python3 -m zccsim.report works too
    proc = subprocess.run([sys.executable, "-m", "zccsim.report", str(run_h5), "-o", str(tmp_path / "m.html")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "m.html").stat().st_size > 100_000
    proc = subprocess.run([sys.executable, "-m", "zccsim.report"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2


def test_units_and_directions_come_from_the_kpi_table():
    t = zccsim.kpi_table()
    for kpi, row in t.iterrows():
        for col in row["columns"]:
            assert zp.kpi_unit(col) == row["unit"] and zp.kpi_better(col) == row["better"], col
            assert zp.kpi_label(col) == (("%", 100.0) if row["unit"] == "share" else (zp.kpi_label(col)[0], 1.0))
    assert zp.kpi_label("ed_visits_per_1000") == ("per 1,000 per year", 1.0)
    assert zp.kpi_label("cost_per_patient") == ("€", 1.0)
    assert zp.kpi_label("q.utilization") == ("", 1.0) and zp.kpi_better("q.utilization") == ""
    v = zccsim.report.verdict
    assert v("a1_within_15min_share", 0.02, 0.01) == "better" and v("a1_within_15min_share", -0.02, 0.01) == "worse"
    assert v("cost_per_patient", -5.0, 1.0) == "better" and v("cost_per_patient", 5.0, 1.0) == "worse"
    assert v("cost_per_patient", 0.5, 1.0) == "" and v("cost_per_patient", 5.0, math.nan) == ""
    assert v("ed_occupancy", 0.2, 0.01) == "" and v("q.mean_wait", 5.0, 1.0) == ""


def test_report_marks_differences_better_or_worse(sweep_report):
    page = parse_page(sweep_report)
    diffs = [c for c in page.cells if c["table"] == "differences"]
    marked = 0
    for c in diffs:
        mean, ci = float(c["data-mean"]), float(c["data-ci95"])
        better = zp.kpi_better(c["data-kpi"])
        sig = not math.isnan(ci) and not math.isnan(mean) and abs(mean) > ci
        expected = ("better" if (mean > 0) == (better == "higher") else "worse") if sig and better in (
            "higher", "lower") else ""
        assert c["data-verdict"] == expected, c
        assert (expected in c["class"].split()) if expected else c["class"] in ("", "sig")
        marked += bool(expected)
    assert marked > 0  # fragmented vs zcc moves some KPIs with a direction
    kpis = {c["data-kpi"] for c in page.cells if c["table"] == "kpis"}
    text = sweep_report.read_text(encoding="utf-8")
    for k in ("a1_within_15min_share", "cost_per_patient"):
        assert k in kpis
        assert (f'<td class="name">{k}</td><td style="text-align:left">{zp.kpi_title(k)}</td>'
                f"<td>{zp.kpi_unit(k)}</td><td>{zp.kpi_better(k)}</td>") in text
