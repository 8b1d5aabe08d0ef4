# SPDX-License-Identifier: MIT
"""One self-contained HTML page of a zccsim results file.

    python3 -m zccsim.report results.h5 -o report.html     # or: zccsim report results.h5 -o report.html

    import zccsim.report
    zccsim.report.write("results.h5", "report.html")        # a path, or a ResultsFile / Results
    zccsim.report.write("staff.json", "staff.html")          # a staffing study (zccsim.staffing_report)

The page opens with a one-page summary for a board: per headline KPI
(SUMMARY_KPIS) its label, value per variant in its display unit, the norm
from the KPI table with met / not met, and each variant's paired difference
to the first in plain words with its 95 % interval. Then the detail: the
scenario (name, model, seed, replications, version,
SHA-256 of the scenario text), a table of every KPI (mean and 95 % CI per
point, with its unit and which way is better, from the KPI table), the paired
differences to the first point when the file holds several (a sweep, or
variants; significant ones marked better or worse by the KPI table's
direction), and the plots of ``zccsim.plot``, inlined as
base64 PNG: nothing is loaded from elsewhere. The page of an uncertainty experiment
(zccsim uncertainty --out) opens with the same summary over the samples: per
headline KPI the median of the samples' means with the 5-95 % band, met / not
met by the median and in how many samples, and each variant's paired
difference in words with the share of samples in which it is better. It is written atomically (a
temporary file in the same folder, then renamed). A print stylesheet puts
the summary on its own page and each section on a new page. A staffing study
(the JSON of ``zccsim staff --out``, its dict or a ``zccsim.Staffing``) gets the
page of ``zccsim.staffing_report``, in the same frame and summary layout.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import html
import io
import math
import os
import sys
import tempfile
from typing import Any, Callable, Optional, Union

import pandas as pd

from . import plot as zplot

__all__ = ["SUMMARY_KPIS", "build", "display", "main", "plain_difference", "plain_uncertain_difference", "verdict",
           "write"]

PathLike = Union[str, "os.PathLike[str]"]

_CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 2em auto; max-width: 1200px;
       padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.85em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: right; vertical-align: top; }
th { background: #f3f3f3; } td.name, th.name { text-align: left; font-family: monospace; }
table.meta td, table.meta th { text-align: left; } table.meta td { font-family: monospace; word-break: break-all; }
tr:nth-child(even) td { background: #fafafa; }
td.sig { font-weight: bold; } .note { color: #666; font-size: 0.9em; }
table.differences td.better { background: #e3f2e5; } table.differences td.worse { background: #fbe3e1; }
table.hours td.worse { background: #fbe3e1; }
.verdict { font-weight: normal; font-size: 0.85em; margin-left: 0.3em; }
figure { margin: 1em 0 2em; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #444; font-size: 0.9em; margin-top: 0.3em; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.8em; max-height: 40em; }
.warn { background: #fff3cd; border: 1px solid #e0c36b; padding: 0.5em 1em; }
table.summary { font-size: 0.95em; } table.summary td.label { text-align: left; font-weight: 600; }
table.summary td.norm, table.summary td.difference { text-align: left; }
.met { color: #1b6e2a; font-weight: 600; } .notmet { color: #a3241a; font-weight: 600; }
td .ci { color: #666; font-size: 0.85em; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { break-before: page; page-break-before: always; }
  section.summary h2, h1 + h2 { break-before: auto; page-break-before: auto; }
  section.summary { break-after: page; page-break-after: always; }
  table, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  pre { max-height: none; overflow: visible; white-space: pre-wrap; }
  details > summary { list-style: none; }
}
"""


def _fmt(x: Any, digits: int = 4) -> str:
    """A number with `digits` significant digits (at most 6 decimals); '–' for NaN."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return html.escape(str(x))
    if math.isnan(v):
        return "–"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"
    decimals = max(0, min(6, digits - 1 - int(math.floor(math.log10(abs(v))))))
    return f"{v:,.{decimals}f}"


def _img(fig: Any, alt: str) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def _figure(make: Callable[[], Any], alt: str, caption: str) -> str:
    """A <figure> with the plot inlined, or a note saying why there is none."""
    try:
        fig = make()
    except (ValueError, KeyError) as e:
        return f'<p class="note">{html.escape(alt)}: not available ({html.escape(str(e))}).</p>'
    return f"<figure>{_img(fig, alt)}<figcaption>{html.escape(caption)}</figcaption></figure>"


def _meta(f: Any, source: Optional[str]) -> tuple[str, list[tuple[str, str]]]:
    text = getattr(f, "scenario_text", None)
    if text is None and getattr(f, "scenario", None) is not None:
        text = f.scenario.to_yaml()
    text = text or ""
    scenario = zplot._scenario_dict(f) or {}
    name = str(scenario.get("name") or getattr(getattr(f, "scenario", None), "name", "") or "")
    model = getattr(f, "model", None) or str(scenario.get("model", ""))
    kpis = f.kpis
    if isinstance(kpis.index, pd.MultiIndex) and "point" in kpis.index.names:
        per_point = kpis.groupby(level="point").size()
    else:
        per_point = pd.Series([len(kpis)])
    reps = (f"{int(per_point.iloc[0])}" if per_point.nunique() == 1 else
            ", ".join(str(int(n)) for n in per_point))
    if len(per_point) > 1:
        reps += f" per point × {len(per_point)} points ({len(kpis)} rows)"
    rows = [
        ("file", source or ""),
        ("scenario", name or "(no name)"),
        ("scenario file", str(getattr(f, "scenario_path", "") or getattr(getattr(f, "scenario", None), "path", ""))),
        ("model", model),
        ("seed", str(f.seed)),
        ("replications", reps),
        ("version", str(getattr(f, "version", "") or "")),
        ("scenario SHA-256", hashlib.sha256(text.encode("utf-8")).hexdigest()),
        ("complete", "yes" if getattr(f, "complete", True) else "NO: the run was interrupted"),
    ]
    shard = getattr(f, "shard", "")
    if shard:
        rows.append(("shard", shard))
    if scenario.get("horizon_days") is not None:
        rows.append(("horizon", f"{scenario.get('horizon_days')} days after a warm-up of "
                                f"{scenario.get('warmup_days', 0)} days"))
    rows.append(("hourly series", "yes (replication %d)" % getattr(f, "hourly_replication", 0)
                 if getattr(f, "hourly", None) is not None else "no"))
    rows.append(("event log", "yes" if getattr(f, "events", None) is not None else "no"))
    return name, rows


# after zccsim.plot.HEADLINE_KPIS in the headline table
_MORE_HEADLINE = ["hap_contacts_per_1000", "a1_response_minutes_p95", "answered_within_30s_share",
                  "cost_total_meur_per_year", "cost_resources_meur_per_year"]


def _kpi_table(summary: pd.DataFrame, css: str = "kpis", order: Optional[list[str]] = None) -> str:
    vlabels = list(dict.fromkeys(summary.index.get_level_values("variant")))
    kpis = order or list(dict.fromkeys(summary.index.get_level_values("kpi")))
    head = "".join(f"<th>{html.escape(v)}</th>" for v in vlabels)
    out = [f'<table class="{css}"><thead><tr><th class="name">KPI</th><th class="name">label</th><th>unit</th>'
           f"<th>better</th>{head}</tr></thead><tbody>"]
    for k in kpis:
        unit, better = zplot.kpi_unit(k), zplot.kpi_better(k)
        cells = []
        for v in vlabels:
            row = summary.loc[(v, k)]
            mean, ci, n = float(row["mean"]), float(row["ci95"]), int(row["n"])
            text = _fmt(mean) + ("" if math.isnan(ci) else f" ± {_fmt(ci, 2)}")
            cells.append(f'<td data-kpi="{html.escape(k)}" data-variant="{html.escape(v)}" data-mean="{mean!r}" '
                         f'data-ci95="{ci!r}" data-n="{n}" title="n = {n}">{text}</td>')
        out.append(f'<tr><td class="name">{html.escape(k)}</td><td style="text-align:left">'
                   f"{html.escape(zplot.kpi_title(k))}</td><td>{html.escape(unit)}</td>"
                   f'<td>{html.escape(better)}</td>{"".join(cells)}</tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


# The summary's KPIs: the headline ones and every KPI with a norm, in this order.
SUMMARY_KPIS = ["answered_within_30s_share", "answered_within_2min_share", "phone_abandoned_share",
                "a1_within_15min_share", "a1_response_minutes_p95", "a2_within_30min_share",
                "ambulance_rides_per_1000", "ed_visits_per_1000", "ed_wait_minutes_mean", "first_time_right_share",
                "safety_events_per_1000", "placement_search_minutes_mean", "cost_per_patient",
                "cost_total_meur_per_year"]


def display(kpi: str, value: float, digits: int = 3) -> str:
    """A KPI's value as a reader sees it: in its display unit (a share in %), e.g. "95.8 %"."""
    unit, scale = zplot.kpi_label(kpi)
    if math.isnan(value):
        return "–"
    text = _fmt(value * scale, digits)
    return f"{text} %" if unit == "%" else f"{text} {unit}".rstrip()


def _difference_unit(kpi: str) -> str:
    unit = zplot.kpi_label(kpi)[0]
    return "percentage points" if unit == "%" else unit


def plain_difference(kpi: str, variant: str, first: str, mean: float, ci95: float) -> str:
    """A paired difference in plain words: "zcc: 3.1 percentage points higher than
    today (95 % interval 2.7 to 3.5): better"."""
    if math.isnan(mean):
        return f"{variant}: no difference can be computed"
    scale = zplot.kpi_label(kpi)[1]
    unit = _difference_unit(kpi)
    size = _fmt(abs(mean) * scale, 2)
    if math.isnan(ci95):
        interval = "no interval (too few replications)"
    else:
        interval = f"95 % interval {_fmt((mean - ci95) * scale, 2)} to {_fmt((mean + ci95) * scale, 2)}"
    if mean == 0 and (math.isnan(ci95) or ci95 == 0):
        return f"{variant}: the same as {first}"
    way = "higher" if mean > 0 else "lower"
    mark = verdict(kpi, mean, ci95)
    if math.isnan(ci95) or abs(mean) <= ci95:
        conclusion = "no clear difference"
    else:
        conclusion = mark or "a clear difference"
    return f"{variant}: {size} {unit} {way} than {first} ({interval}): {conclusion}".replace("  ", " ")


def _cell(key: str, variant: str, value: float, shown: str, met: Optional[bool], extra: str = "",
          attrs: str = "") -> str:
    """A summary cell in the one layout every report kind shares: the value as ``shown``, ``extra``
    (its interval, as HTML), and the met / not met badge (none when ``met`` is None)."""
    badge = ("" if met is None else
             f' <span class="{"met" if met else "notmet"}" data-met="{"met" if met else "not met"}">'
             f'{"✓ met" if met else "✗ not met"}</span>')
    return (f'<td class="value" data-kpi="{html.escape(key)}" data-variant="{html.escape(variant)}" '
            f'data-mean="{value!r}"{attrs}><span class="shown">{html.escape(shown)}</span>'
            f"{extra}{badge}</td>")


def _value_cell(kpi: str, variant: str, value: float, extra: str = "", attrs: str = "") -> str:
    """A summary cell: the value as shown, ``extra`` (its interval), and met / not met by the KPI's norm."""
    return _cell(kpi, variant, value, display(kpi, value), zplot.meets_norm(kpi, value), extra, attrs)


def _norm_cell(kpi: str) -> str:
    norm = zplot.kpi_norm(kpi)
    if not norm:
        return '<td class="norm"></td>'
    return (f'<td class="norm" data-target="{norm[1]!r}">{html.escape(norm[0])}'
            f'<br><span class="note">{html.escape(norm[2])}</span></td>')


def _summary_section(kpis: list[str], vlabels: list[str], value: Callable[[str, str], str],
                     differences: Optional[Callable[[str], list[tuple[str, str, str]]]], first: str,
                     note: str, diff_head: str, label: Callable[[str], str] = zplot.kpi_title,
                     norm: Callable[[str], str] = _norm_cell, first_head: str = "KPI",
                     extra: Optional[list[tuple[str, str, Callable[[str], str]]]] = None,
                     after: str = "") -> str:
    """The one-page summary table: per KPI (row key) its ``label``, a cell per variant
    (``value(kpi, variant)``, see _cell), the ``norm`` cell (see _norm_cell), and (``differences(kpi)``:
    (variant, data attributes, words) per variant after the first) the differences in plain words;
    then ``extra`` columns: (name, heading, ``cell(kpi)`` -> the cell's text) each. ``note`` (HTML)
    above the table, ``after`` (HTML) below it. One layout for every report kind: the browser test
    reads them all the same way."""
    if not kpis:
        return ""
    head = "".join(f'<th data-variant="{html.escape(v)}">{html.escape(v)}</th>' for v in vlabels)
    dhead = f"<th>{html.escape(diff_head)}</th>" if differences is not None else ""
    ehead = "".join(f'<th data-name="{html.escape(n)}">{html.escape(h)}</th>' for n, h, _ in extra or [])
    out = ['<section class="summary"><h2>Summary</h2>', f'<p class="note">{note}</p>',
           f'<table class="summary"><thead><tr><th class="name">{html.escape(first_head)}</th>{head}<th>norm</th>'
           f"{dhead}{ehead}</tr></thead><tbody>"]
    for k in kpis:
        cells = "".join(value(k, v) for v in vlabels)
        diff_cell = ""
        if differences is not None:
            words = "".join(f'<div data-variant="{html.escape(v)}"{attrs}>{html.escape(text)}</div>'
                            for v, attrs, text in differences(k))
            diff_cell = f'<td class="difference">{words}</td>'
        extra_cells = "".join(f'<td class="extra" data-name="{html.escape(n)}">{html.escape(cell(k))}</td>'
                              for n, _, cell in extra or [])
        out.append(f'<tr data-kpi="{html.escape(k)}"><td class="label" title="{html.escape(k)}">'
                   f"{html.escape(label(k))}</td>{cells}{norm(k)}{diff_cell}{extra_cells}</tr>")
    out.append("</tbody></table>" + after + "</section>")
    return "\n".join(out)


def _summary(summary: pd.DataFrame, diff: Optional[pd.DataFrame], first: str) -> str:
    """The one-page summary of a run, compare or sweep: per headline KPI its label, value per
    variant (mean, 95 % interval), the norm with met / not met, and the paired differences in
    plain words."""
    vlabels = list(dict.fromkeys(summary.index.get_level_values("variant")))
    names = set(summary.index.get_level_values("kpi"))

    def value(k: str, v: str) -> str:
        row = summary.loc[(v, k)]
        mean, ci = float(row["mean"]), float(row["ci95"])
        ci_text = "" if math.isnan(ci) else f' <span class="ci">± {_fmt(ci * zplot.kpi_label(k)[1], 2)}</span>'
        return _value_cell(k, v, mean, ci_text)

    def words(k: str) -> list[tuple[str, str, str]]:
        assert diff is not None
        out = []
        for v in dict.fromkeys(diff.index.get_level_values("variant")):
            r = diff.loc[(v, k)]
            m, ci = float(r["mean"]), float(r["ci95"])
            out.append((v, f' data-mean="{m!r}" data-ci95="{ci!r}"', plain_difference(k, v, first, m, ci)))
        return out

    note = ("Per headline KPI: the mean over replications with its 95 % interval, the published norm and "
            "whether the mean meets it (labels, units and norms from the KPI table: zccsim kpis)"
            + ("; then each variant's paired difference (common random numbers) in plain words"
               if diff is not None else "") + ".")
    return _summary_section([k for k in SUMMARY_KPIS if k in names], vlabels, value,
                            words if diff is not None else None, first, note,
                            f"difference to {first} (paired, 95 % interval)")


def plain_uncertain_difference(kpi: str, variant: str, first: str, median: float, q05: float, q95: float,
                               p_better: float) -> str:
    """A paired difference over the samples of an uncertainty experiment in plain words:
    "zcc: 3.1 percentage points higher than today (median over the samples; 90 % of them 2.7
    to 3.5; better in 100 % of them): better"."""
    if math.isnan(median):
        return f"{variant}: no difference can be computed"
    scale = zplot.kpi_label(kpi)[1]
    unit = _difference_unit(kpi)
    if median == 0 and q05 == 0 and q95 == 0:
        return f"{variant}: the same as {first} in every sample"
    way = "higher" if median > 0 else "lower" if median < 0 else "no different"
    size = "" if median == 0 else f"{_fmt(abs(median) * scale, 2)} {unit} "
    band = f"90 % of them {_fmt(q05 * scale, 2)} to {_fmt(q95 * scale, 2)}"
    better = zplot.kpi_better(kpi)
    prob = "" if math.isnan(p_better) else f"; better in {_fmt(100 * p_better, 2)} % of them"
    if better in ("higher", "lower") and (q05 > 0 or q95 < 0):
        conclusion = "better" if (q05 > 0) == (better == "higher") else "worse"
    elif q05 > 0 or q95 < 0:
        conclusion = "a clear difference"
    else:
        conclusion = "no clear difference"
    text = f"{variant}: {size}{way} than {first} (median over the samples; {band}{prob}): {conclusion}"
    return text.replace("  ", " ")


def _uncertainty_summary(u: Any) -> str:
    """The one-page summary of an uncertainty experiment: per headline KPI the median over the
    samples (each sample's mean over its replications) with its 5-95 % band, the norm with met /
    not met (of the median) and in how many samples the norm is met, and each variant's paired
    difference to the first in plain words with the share of samples in which it is better."""
    s = u.summary
    names = set(s.index.get_level_values("kpi"))
    kpis = [k for k in SUMMARY_KPIS if k in names]
    means = u.rows[kpis].groupby(level=["sample", "variant"]).mean() if kpis else None
    first = u.variants[0]

    def value(k: str, v: str) -> str:
        r = s.loc[(k, v)]
        med, lo, hi = float(r["median"]), float(r["q05"]), float(r["q95"])
        scale = zplot.kpi_label(k)[1]
        extra = f' <span class="ci">[{_fmt(lo * scale, 3)} to {_fmt(hi * scale, 3)}]</span>'
        attrs = f' data-q05="{lo!r}" data-q95="{hi!r}"'
        if zplot.kpi_norm(k) is not None and means is not None:
            per_sample = means[k].xs(v, level="variant").dropna()
            met = sum(bool(zplot.meets_norm(k, float(x))) for x in per_sample)
            extra += f' <span class="ci samples-met" data-met="{met}" data-samples="{len(per_sample)}">norm met in ' \
                     f"{met} of {len(per_sample)} samples</span>"
        return _value_cell(k, v, med, extra, attrs)

    def words(k: str) -> list[tuple[str, str, str]]:
        out = []
        for v in u.variants[1:]:
            r = s.loc[(k, v)]
            med, lo, hi, p = (float(r["difference_median"]), float(r["difference_q05"]), float(r["difference_q95"]),
                              float(r["p_better"]))
            attrs = f' data-median="{med!r}" data-q05="{lo!r}" data-q95="{hi!r}" data-p-better="{p!r}"'
            out.append((v, attrs, plain_uncertain_difference(k, v, first, med, lo, hi, p)))
        return out

    several = len(u.variants) > 1
    note = ("Per headline KPI: the median over the samples of the uncertain parameters (each sample's mean "
            "over its replications) with the 5-95 % band over them, the published norm, whether the median "
            "meets it and in how many samples it is met (labels, units and norms from the KPI table: zccsim "
            "kpis)" + ("; then each variant's paired difference to " + html.escape(first) + " (the same patients "
                       "in every variant) in plain words, with the share of samples in which it is better"
                       if several else "") + ".")
    return _summary_section(kpis, list(u.variants), value, words if several else None, first, note,
                            f"difference to {first} (paired, over the samples)")


# The per-sub-region KPIs of the region table (by their region-wide names), in this order.
REGION_KPIS = ["population", "a1_within_15min_share", "a1_response_minutes_p95", "phone_abandoned_share",
               "ed_visits_per_1000", "ambulance_rides_per_1000", "safety_events_per_1000", "cost_per_inhabitant"]


def subregion_columns(results: Any) -> dict[tuple[str, str], str]:
    """(kpi, sub-region) -> the column holding it (``ed_visits_per_1000_subregion_west``), in the
    results' column order: the sub-regions are the labels of ``population_subregion_*`` (empty
    without sub-regions). ``kpi`` is the region-wide KPI the column breaks down, or ``population``
    and ``cost_per_inhabitant``; time to care by urgency is ``time_to_care_minutes_U0`` and so on."""
    from . import _subregion_columns

    names = getattr(results, "kpi_names", None) or list(getattr(results, "kpis").columns)
    return {(kpi, sub): column for column, kpi, sub in _subregion_columns(names)}


def _subregion_label(kpi: str, column: str) -> str:
    """A per-sub-region KPI as the region table names it: the region-wide KPI's label."""
    title = zplot.kpi_title(kpi)
    if title != kpi:
        return title
    return zplot.kpi_title(column).split(", by sub-region")[0]


def _subregion_cell(column: str, sub: str, kpi: str, mean: float, ci: float, norms: bool = True) -> str:
    unit, scale = zplot.kpi_label(column)
    shown = "–" if math.isnan(mean) else _fmt(mean * scale, 3) + (" %" if unit == "%" else "")
    ci_text = "" if math.isnan(ci) or ci == 0 else f' <span class="ci">± {_fmt(ci * scale, 2)}</span>'
    met = zplot.meets_norm(column, mean) if norms else None
    badge = ("" if met is None else
             f' <span class="{"met" if met else "notmet"}">{"✓ met" if met else "✗ not met"}</span>')
    return (f'<td class="value" data-kpi="{html.escape(kpi)}" data-subregion="{html.escape(sub)}" '
            f'data-column="{html.escape(column)}" data-mean="{mean!r}" data-ci95="{ci!r}">'
            f'<span class="shown">{html.escape(shown)}</span>{ci_text}{badge}</td>')


def _region_total(kpi: str, means: pd.Series, columns: dict[tuple[str, str], str]) -> float:
    """The whole scenario's value of a region-table KPI: the region-wide KPI of that name; the
    inhabitants summed; the cost per inhabitant as the headline cost over them (the sub-regions'
    costs weighted by population add up to cost_total_meur_per_year: models/acute/kpis.cpp)."""
    if kpi in means.index:
        return float(means[kpi])
    population = sum(float(means[c]) for (k, _), c in columns.items() if k == "population")
    if kpi == "population":
        return population
    if kpi == "cost_per_inhabitant" and "cost_total_meur_per_year" in means.index and population > 0:
        return float(means["cost_total_meur_per_year"]) * 1e6 / population
    return math.nan


def _region_section(results: Any, summary: pd.DataFrame, several: bool) -> str:
    """Per sub-region (the national scenario: per ROAZ region), per variant: a table of the
    headline per-sub-region KPIs (REGION_KPIS) beside the whole scenario's value, with met / not
    met where the KPI has a norm; then the map shaded by each area's sub-region. "" without
    sub-regions."""
    columns = subregion_columns(results)
    if not columns:
        return ""
    subs = list(dict.fromkeys(sub for _, sub in columns))
    scenario = zplot._scenario_dict(results) or {}
    regions = {str(r.get("name")) for r in scenario.get("regions", []) if isinstance(r, dict)}
    word = "region" if set(subs) <= regions else "sub-region"
    kpis = [k for k in REGION_KPIS if (k, subs[0]) in columns]
    out = [f'<section class="regions"><h2>By {word}</h2>',
           f'<p class="note">Per {word} (the areas\' sub-region: the patients living there), the mean over '
           "replications of the per-sub-region KPIs with the half-width of the 95 % interval, met / not met "
           "where the KPI table gives a norm; the last row is the whole scenario (the region-wide KPI; the "
           "inhabitants summed; the cost per inhabitant is the yearly cost over all inhabitants).</p>"]
    for v in dict.fromkeys(summary.index.get_level_values("variant")):
        s = summary.xs(v, level="variant")
        head = "".join(f'<th data-kpi="{html.escape(k)}">{html.escape(_subregion_label(k, columns[(k, subs[0])]))}'
                       f'<br><span class="note">{html.escape(zplot.kpi_label(columns[(k, subs[0])])[0])}</span></th>'
                       for k in kpis)
        rows = []
        for sub in subs + [None]:
            cells = []
            for k in kpis:
                if sub is None:
                    total = _region_total(k, s["mean"], columns)
                    own = k in s.index
                    ci = float(s.loc[k, "ci95"]) if own else math.nan
                    cells.append(_subregion_cell(k if own else columns[(k, subs[0])], "", k, total, ci))
                else:
                    c = columns[(k, sub)]
                    cells.append(_subregion_cell(c, sub, k, float(s.loc[c, "mean"]), float(s.loc[c, "ci95"])))
            name = html.escape(sub) if sub is not None else "<b>total</b>"
            attr = f' data-subregion="{html.escape(sub)}"' if sub is not None else ' data-total="1"'
            rows.append(f'<tr{attr}><td class="name">{name}</td>{"".join(cells)}</tr>')
        caption = f"<h3>{html.escape(v)}</h3>" if several else ""
        out.append(f'{caption}<table class="regions" data-variant="{html.escape(v)}"><thead><tr>'
                   f'<th class="name">{word}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    out.append(_figure(lambda: zplot.area_map(results), f"Map by {word}",
                       f"The municipalities (CBS 2023, scenarios/data/municipalities_nl.geojson; an area without a "
                       f"boundary as a circle) shaded by their {word}'s share of A1 rides on scene within 15 "
                       "minutes over all replications" + (" of the first variant" if several else "") +
                       "; markers: EDs, HAP posts, ambulance stations, zcc locations."))
    out.append("</section>")
    return "\n".join(out)


def _subregion_detail(results: Any, summary: pd.DataFrame, several: bool) -> str:
    """Every per-sub-region KPI (time to care by urgency too): a table per variant, a row per KPI,
    a column per sub-region, mean ± 95 % half-width. "" without sub-regions."""
    columns = subregion_columns(results)
    if not columns:
        return ""
    subs = list(dict.fromkeys(sub for _, sub in columns))
    kpis = list(dict.fromkeys(k for k, _ in columns))
    out = ["<h2>KPIs by sub-region</h2>",
           '<p class="note">Every per-sub-region KPI (scenarios/README.md, "KPIs per sub-region"): mean over '
           "replications ± the half-width of the 95 % interval, in the display unit of the KPI table.</p>"]
    for v in dict.fromkeys(summary.index.get_level_values("variant")):
        s = summary.xs(v, level="variant")
        head = "".join(f'<th data-subregion="{html.escape(x)}">{html.escape(x)}</th>' for x in subs)
        rows = []
        for k in kpis:
            unit = zplot.kpi_label(columns[(k, subs[0])])[0]
            cells = "".join(_subregion_cell(columns[(k, x)], x, k, float(s.loc[columns[(k, x)], "mean"]),
                                            float(s.loc[columns[(k, x)], "ci95"]), norms=False) for x in subs)
            rows.append(f'<tr><td style="text-align:left">{html.escape(_subregion_label(k, columns[(k, subs[0])]))}'
                        f' <span class="note">({html.escape(unit)})</span></td>{cells}</tr>')
        caption = f"<h3>{html.escape(v)}</h3>" if several else ""
        out.append(f'{caption}<table class="subregions" data-variant="{html.escape(v)}"><thead><tr>'
                   f'<th class="name">KPI</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return "\n".join(out)


def verdict(kpi: str, difference: float, ci95: float) -> str:
    """"better" or "worse" for a paired difference (variant − first) whose 95 %
    interval excludes zero, by the KPI table's direction of ``kpi``; "" when the
    interval holds zero or the KPI has no direction ("neither", or no table)."""
    if math.isnan(ci95) or math.isnan(difference) or abs(difference) <= ci95:
        return ""
    better = zplot.kpi_better(kpi)
    if better not in ("higher", "lower"):
        return ""
    return "better" if (difference > 0) == (better == "higher") else "worse"


def _difference_table(diff: pd.DataFrame, first: str) -> str:
    vlabels = list(dict.fromkeys(diff.index.get_level_values("variant")))
    kpis = list(dict.fromkeys(diff.index.get_level_values("kpi")))
    head = "".join(f"<th>{html.escape(v)} − {html.escape(first)}</th>" for v in vlabels)
    out = [f'<table class="differences"><thead><tr><th class="name">KPI</th><th>better</th>{head}</tr></thead>'
           "<tbody>"]
    for k in kpis:
        cells = []
        for v in vlabels:
            row = diff.loc[(v, k)]
            mean, ci = float(row["mean"]), float(row["ci95"])
            sig = not math.isnan(ci) and not math.isnan(mean) and abs(mean) > ci
            mark = verdict(k, mean, ci)
            text = _fmt(mean) + ("" if math.isnan(ci) else f" ± {_fmt(ci, 2)}") + (" *" if sig else "")
            if mark:
                text += f'<span class="verdict">{mark}</span>'
            css = " ".join(c for c in ("sig" if sig else "", mark) if c)
            cells.append(f'<td class="{css}" data-kpi="{html.escape(k)}" data-variant="{html.escape(v)}" '
                         f'data-mean="{mean!r}" data-ci95="{ci!r}" data-verdict="{mark}">{text}</td>')
        out.append(f'<tr><td class="name">{html.escape(k)}</td><td>{html.escape(zplot.kpi_better(k))}</td>'
                   f'{"".join(cells)}</tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def _is_uncertainty(results: Any) -> bool:
    exp = getattr(results, "experiment_text", "") or ""
    return exp.startswith("# zccsim uncertainty") or exp.startswith("uncertainty:")


def _uncertainty_page(results: Any, name: str, meta: list[tuple[str, str]], title: str) -> list[str]:
    """The sections of an uncertainty experiment's page (zccsim uncertainty --out)."""
    from . import Uncertainty

    u = Uncertainty(results)
    j = u.json
    parts = [_uncertainty_summary(u), f"<h2>Uncertainty experiment</h2><p>{html.escape(j['method'])}: {j['samples']} samples × "
             f"{len(u.variants)} variants ({html.escape(', '.join(u.variants))}) × {j['replications']} "
             "replications, every variant at every sample with the same patients (common random numbers).</p>"]
    parts.append('<table class="meta"><tbody>' + "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in meta) + "</tbody></table>")
    rows = "".join(
        f'<tr><td class="name">{html.escape(p["name"])}</td><td>{html.escape(p["distribution"])}</td>'
        f'<td>{html.escape(", ".join(p["variants"]))}</td><td style="text-align:left">{html.escape(p["why"])}'
        f'{"<br><i>" + html.escape(p["source"]) + "</i>" if p.get("source") else ""}</td></tr>'
        for p in j["parameters"])
    parts.append('<h3>Uncertain parameters</h3><table class="parameters"><thead><tr><th class="name">key path</th>'
                 f"<th>distribution</th><th>variants</th><th>why</th></tr></thead><tbody>{rows}</tbody></table>")
    s = u.summary
    kpis = list(dict.fromkeys(s.index.get_level_values("kpi")))
    several = len(u.variants) > 1
    if several:
        head = "".join(f"<th>{html.escape(v)}</th>" for v in u.variants[1:])
        body = []
        for k in kpis:
            cells = []
            for v in u.variants[1:]:
                r = s.loc[(k, v)]
                p = r["p_better"]
                css = "" if _missing(p) else (' class="better"' if p >= 0.95 else ' class="worse"' if p <= 0.05 else "")
                cells.append(f"<td{css}>{'' if _missing(p) else _fmt(p, 2)}</td>")
            body.append(f'<tr><td class="name">{html.escape(k)}</td>{"".join(cells)}</tr>')
        parts.append(f"<h2>Probability of better than {html.escape(u.variants[0])}</h2>"
                     '<p class="note">The share of samples in which the paired difference is better, by the '
                     "KPI's direction in the KPI table (empty for KPIs without one); green at least 0.95, red "
                     f'at most 0.05.</p><table class="differences"><thead><tr><th class="name">KPI</th>{head}'
                     f'</tr></thead><tbody>{"".join(body)}</tbody></table>')
    body = []
    for k in kpis:
        for v in u.variants:
            r = s.loc[(k, v)]
            diff = (f"{_fmt(r['difference_median'])} [{_fmt(r['difference_q05'])}, {_fmt(r['difference_q95'])}]"
                    if v != u.variants[0] else "")
            body.append(f'<tr><td class="name">{html.escape(k)}</td><td class="name">{html.escape(v)}</td>'
                        f"<td>{_fmt(r['median'])} [{_fmt(r['q05'])}, {_fmt(r['q95'])}]</td><td>{diff}</td>"
                        f"<td>{_fmt(r['noise'])}</td><td>{_fmt(r['spread'])}</td></tr>")
    parts.append("<h2>Distributions over the samples</h2>"
                 '<p class="note">Median [5 %, 95 %] over samples of each sample\'s mean over replications, and of '
                 f"the paired difference to {html.escape(u.variants[0])}; noise: the mean 95 % half-width over "
                 "replications (of the difference, for the other variants); spread: half the 5-95 % band. Where "
                 "the noise is not small against the spread, a sample's value is mostly noise.</p>"
                 '<table class="uncertainty"><thead><tr><th class="name">KPI</th><th class="name">variant</th>'
                 "<th>value</th><th>difference</th><th>noise</th><th>spread</th></tr></thead>"
                 f'<tbody>{"".join(body)}</tbody></table>')
    parts.append("<h2>Plots</h2>")
    parts.append(_figure(lambda: zplot.uncertainty_fan(u), "Fan chart",
                         "Each sample's paired difference to the first variant (mean over its replications), "
                         "the samples sorted; the 5-95 % band shaded, the median dashed."))
    parts.append(_figure(lambda: zplot.uncertainty_tornado(u), "Tornado chart",
                         "The sensitivity of the difference to each uncertain parameter, largest on top, with "
                         "its 95 % bootstrap interval (Morris mu*: the mean absolute change over the "
                         "parameter's whole range; Sobol': total and first-order indices). The dummy, which "
                         "nothing reads, shows what no effect looks like."))
    return parts


def _page_head(title: str) -> list[str]:
    """The start of every report page: the head with the style sheet (print included) and the title."""
    return ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
            f"<h1>{html.escape(title)}</h1>"]


def build(results: Any, title: Optional[str] = None, source: Optional[str] = None) -> str:
    """The HTML page (a str) of a ResultsFile, Results or SweepResults (or of a staffing study:
    zccsim.staffing_report.build)."""
    from . import staffing_report

    if staffing_report.is_staffing(results):
        return staffing_report.build(results, title=title, source=source)
    name, meta = _meta(results, source)
    if _is_uncertainty(results):
        title = title or f"zccsim report: {name or source or 'results'} under uncertainty"
        parts = _page_head(title)
        if not getattr(results, "complete", True):
            parts.append('<p class="warn">This run was interrupted: the file holds the replications that '
                         "finished.</p>")
        parts += _uncertainty_page(results, name, meta, title)
        parts.append("<h2>Plan</h2><pre>" + html.escape(getattr(results, "experiment_text", "")) + "</pre>")
        parts.append("</body></html>\n")
        return "\n".join(parts)
    summary = zplot.kpi_summary(results)
    vs = zplot.variants(results)
    several = len(vs) > 1
    acute = (getattr(results, "model", None) or (zplot._scenario_dict(results) or {}).get("model")) == "acute"
    title = title or f"zccsim report: {name or source or 'results'}"
    parts = _page_head(title) + [
        '<p class="note">Written by zccsim report. Means over replications with the half-width of the 95 % '
        "Student-t interval. Labels, units, norms and which way each KPI is better come from the model's KPI "
        "table (zccsim kpis; scenarios/README.md): shares are % in the summary and the plots, fractions in the "
        "detail tables. Printing gives one page for the summary, then a page per section.</p>",
    ]
    if not getattr(results, "complete", True):
        parts.append('<p class="warn">This run was interrupted: the file holds the replications that finished.</p>')
    differences = zplot.paired_differences(results) if several else None
    parts.append(_summary(summary, differences, vs[0][0]))
    regions = _region_section(results, summary, several) if acute else ""
    parts.append(regions)
    parts.append("<h2>Scenario</h2>")
    parts.append('<table class="meta"><tbody>' + "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in meta) + "</tbody></table>")
    pts = getattr(results, "points", None)
    if several and isinstance(pts, pd.DataFrame):
        parts.append("<h3>Points</h3>" + _points_table(pts))

    parts.append("<h2>KPIs</h2>")
    kpi_names = list(dict.fromkeys(summary.index.get_level_values("kpi")))
    headline = [k for k in zplot.HEADLINE_KPIS + _MORE_HEADLINE if k in kpi_names]
    if headline:
        parts.append("<h3>Headline</h3>")
        parts.append(_kpi_table(summary[summary.index.get_level_values("kpi").isin(headline)], "headline", headline))
        parts.append("<h3>All KPIs</h3>")
    parts.append(_kpi_table(summary))
    if regions:
        parts.append(_subregion_detail(results, summary, several))
    if several:
        first = vs[0][0]
        parts.append(f"<h2>Comparison: paired differences to {html.escape(first)}</h2>")
        parts.append('<p class="note">Replication r of every point meets the same patients (common random '
                     "numbers), so each difference is the mean of the per-replication differences, with its 95 % "
                     "interval; * where the interval excludes zero, then marked better (green) or worse (red) "
                     "by the KPI's direction in the KPI table (none for KPIs whose best value is a trade-off).</p>")
        parts.append(_difference_table(differences, first))

    parts.append("<h2>Plots</h2>")
    if acute:
        parts.append(_figure(lambda: zplot.kpi_comparison(results), "KPI comparison",
                             "Headline KPIs per " + ("point" if several else "run") +
                             ": mean with the 95 % confidence interval."))
        parts.append(_figure(lambda: zplot.occupancy_heatmap(results), "Occupancy by hour of the week",
                             "Busy / on duty per resource group and hour of the week (Monday 00:00 first), "
                             "averaged over the weeks after the warm-up of the recorded replication"
                             + (" (of the first point)." if several else ".")))
        parts.append(_figure(lambda: zplot.answer_times(results), "Phone answer times",
                             "Patient calls on the triage lines against the norms of 30 s and 2 minutes: from the "
                             "event log when there is one (share of call attempts answered within t; calls that hung "
                             "up never are), and the answered_within KPIs."))
        parts.append(_figure(lambda: zplot.response_times(results), "Ambulance response times",
                             "A1 response times against the 15-minute norm: from the event log when there is one "
                             "(request to on scene; for life-threatening 112 calls from the dispatcher's answer), "
                             "and the within-norm KPIs of A1, A2 and B with the 95 % target."))
        if not regions:
            parts.append(_figure(lambda: zplot.area_map(results), "Map of the areas",
                                 "The areas as municipal boundaries (CBS 2023, scenarios/data/municipalities_nl."
                                 "geojson; an area without one as a circle), shaded by the share of A1 rides on scene "
                                 "within 15 minutes in the area's sub-region over all replications"
                                 + (" of the first point" if several else "") + " (the model's finest per-area KPI; "
                                 "without sub-regions: the mean A1 response per area from the event log of one "
                                 "replication, or the population; the title says which); markers: EDs, HAP posts, "
                                 "ambulance stations, zcc locations."))
        parts.append(_figure(lambda: zplot.cost_per_patient(results), "Cost per patient",
                             "Cost per patient (what is paid: the tariffs and the zcc's own costs, over "
                             "patients) per " + ("point" if several else "run") +
                             ", and the yearly cost paid split into the two; the resource view is apart."))
    else:
        parts.append(_figure(lambda: zplot.kpi_comparison(results), "KPI comparison",
                             "The first KPIs per " + ("point" if several else "run") +
                             ": mean with the 95 % confidence interval."))
        parts.append('<p class="note">The other plots (occupancy, answer and response times, map, cost) '
                     "are made for acute scenarios.</p>")

    text = getattr(results, "scenario_text", None) or ""
    if text:
        parts.append("<h2>Scenario text</h2><details><summary>the resolved scenario YAML "
                     f"({len(text.splitlines())} lines)</summary><pre>{html.escape(text)}</pre></details>")
    exp = getattr(results, "experiment_text", "")
    if exp:
        parts.append(f"<h2>Experiment</h2><pre>{html.escape(exp)}</pre>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _points_table(pts: pd.DataFrame) -> str:
    cols = [c for c in pts.columns if c != "label"]
    head = "".join(f'<th class="name">{html.escape(str(c))}</th>' for c in cols)
    rows = []
    for i, row in pts.iterrows():
        cells = "".join(f"<td>{'' if _missing(row[c]) else html.escape(str(row[c]))}</td>" for c in cols)
        rows.append(f'<tr><td>{i}</td><td class="name">{html.escape(str(row["label"]))}</td>{cells}</tr>')
    return (f'<table class="points"><thead><tr><th>point</th><th class="name">label</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _missing(v: Any) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def write(results: Union[Any, PathLike], out: PathLike, title: Optional[str] = None) -> str:
    """Writes the page of ``results`` (a results file path, ResultsFile or
    Results; or a staffing study: the JSON file of ``zccsim staff --out``, its
    dict or a ``zccsim.Staffing``, see zccsim.staffing_report) to ``out``
    atomically; returns the path written."""
    from . import staffing_report

    source = None
    if isinstance(results, (str, os.PathLike)):
        source = os.fspath(results)
        if staffing_report.is_json_file(source):
            page = staffing_report.build(staffing_report.load(source), title=title, source=source)
            return _write_page(page, out)
        from . import read

        results = read(source)
    return _write_page(build(results, title=title, source=source), out)


def _write_page(page: str, out: PathLike) -> str:
    """Writes ``page`` to ``out`` atomically (a temporary file in the same folder, then renamed)."""
    out = os.fspath(out)
    folder = os.path.dirname(os.path.abspath(out))
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(out) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(page)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return out


def main(argv: Optional[list[str]] = None) -> int:
    """``python3 -m zccsim.report RESULTS.h5|STAFF.json [-o OUT.html] [--title T]``; exit status 0, 1 (error)
    or 2 (usage)."""
    p = argparse.ArgumentParser(prog="zccsim report", description="One self-contained HTML page of a zccsim "
                                "results file (zccsim run|compare|sweep|uncertainty --out) or staffing study "
                                "(zccsim staff --out).")
    p.add_argument("results", help="results file (HDF5) or staffing study (JSON)")
    p.add_argument("-o", "--output", help="the HTML page (default: RESULTS with .html)")
    p.add_argument("--title", help="the page title (default: the scenario name)")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    a = p.parse_args(argv)
    out = a.output or (os.path.splitext(a.results)[0] + ".html")
    try:
        write(a.results, out, a.title)
    except KeyboardInterrupt:
        print("zccsim report: interrupted; nothing written", file=sys.stderr)
        return 130
    except FileNotFoundError as e:
        print(f"zccsim report: no such file: {e.filename or e}", file=sys.stderr)
        return 1
    except (OSError, RuntimeError, ValueError) as e:
        print(f"zccsim report: {e}", file=sys.stderr)
        return 1
    if not a.quiet:
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
