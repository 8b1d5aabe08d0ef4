# SPDX-License-Identifier: MIT
"""Plots of zccsim results, as matplotlib Figures (Agg canvas, no pyplot).

Every function takes what the package returns -- a ``Results`` (``Scenario.run``),
a ``ResultsFile`` (``zccsim.read``), ``SweepResults``, a ``Comparison``, a dict
``{label: Results}`` or a list of those -- or the DataFrames in them, and
returns a ``matplotlib.figure.Figure``. Nothing is shown: save it with
``fig.savefig("x.png")``, or let Jupyter display it (``%matplotlib inline``).

    import zccsim, zccsim.plot as zp
    r = zccsim.Scenario.from_file("scenarios/midden_nederland.yaml").run(5, hourly=True, event_log=True)
    zp.occupancy_heatmap(r).savefig("occupancy.png")

- ``kpi_comparison``: chosen KPIs per variant / sweep point, mean with 95 % CI
  (KPI summaries);
- ``occupancy_heatmap``: busy / on duty per resource and hour of the week
  (hourly series, ``hourly=True``);
- ``answer_times``: share of calls answered within t against the 30 s and
  2 min norms (event log line_join -> answered, and the answered_within KPIs);
- ``response_times``: ambulance response times against the norms (event log
  request -> ambulance_on_scene, and the within-norm KPIs);
- ``area_map``: areas at their lat/lon, coloured by response time or time to
  care (scenario text + event log; by population if there is no log);
- ``cost_per_patient``: cost per patient per variant, and the yearly cost
  split (cost KPIs);
- ``staffing`` (``staffing_roster``, ``staffing_service_level``): a staffing
  study (``zccsim staff --out`` JSON or ``zccsim.staff``): required,
  stationary and rostered staff against the shipped roster per hour of the
  week, and the service level per hour before and after with the target.

``kpi_summary`` and ``paired_differences`` are the tables behind them (also
used by ``zccsim.report``).
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from . import _core

__all__ = [
    "HEADLINE_KPIS",
    "answer_times",
    "answer_waits",
    "area_kpi",
    "area_map",
    "area_values",
    "municipalities",
    "municipality_of",
    "cost_per_patient",
    "kpi_better",
    "kpi_comparison",
    "kpi_label",
    "kpi_norm",
    "kpi_title",
    "meets_norm",
    "kpi_summary",
    "kpi_unit",
    "occupancy_heatmap",
    "occupancy_table",
    "paired_differences",
    "response_times",
    "ambulance_responses",
    "staffing",
    "staffing_label",
    "staffing_roster",
    "staffing_service_level",
    "staffing_study",
    "t_quantile",
    "uncertainty_fan",
    "uncertainty_tornado",
    "variants",
]

#: The KPIs kpi_comparison shows by default (those of an acute scenario that exist).
HEADLINE_KPIS: list[str] = [
    "answered_within_2min_share",
    "phone_abandoned_share",
    "a1_within_15min_share",
    "ambulance_rides_per_1000",
    "ed_visits_per_1000",
    "ed_wait_minutes_mean",
    "first_time_right_share",
    "placement_search_minutes_mean",
    "cost_per_patient",
]

_DISCIPLINES = ["gp", "ambulance", "ggz", "vvt"]  # models/acute/acute_config.hpp, discipline_names
_AMBULANCE_CLASSES = ["A1", "A2", "B"]  # the detail of ambulance_on_scene
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# ---- small helpers ------------------------------------------------------------------


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)  # the Agg canvas: savefig and Jupyter's display work without pyplot
    return fig


def _note(ax: Any, text: str) -> None:
    """A panel that only holds a message (no data for this plot)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True, fontsize=10, transform=ax.transAxes)


def t_quantile(df: float, p: float = 0.975) -> float:
    """Quantile p of Student's t with df degrees of freedom (no SciPy needed): the
    C++ one every summary uses (Boost.Math); NaN unless df > 0 and 0 < p < 1."""
    if not (df > 0 and 0 < p < 1):
        return math.nan
    return _core.student_t_quantile(p, df)


def _mean_ci(values: pd.DataFrame) -> pd.DataFrame:
    """Per column: mean, ci95 (95 % Student-t half-width) and n of the non-NaN values,
    computed as every C++ summary (``_core.summarize``)."""
    mean, ci, n = _core.summarize(values.to_numpy(dtype=float, na_value=np.nan))
    return pd.DataFrame({"mean": mean, "ci95": ci, "n": n.astype(int)}, index=values.columns)


@functools.lru_cache(maxsize=1)
def _kpi_columns() -> dict[str, dict[str, Any]]:
    """Column name -> its row of the acute KPI table (``zccsim.kpi_table()``; the
    only family that declares one: network metrics have no unit or direction)."""
    return {c: row for row in _core.kpi_table("acute") for c in row["columns"]}


@functools.lru_cache(maxsize=1)
def _subregion_kpis() -> dict[str, dict[str, Any]]:
    """Name -> row of the per-sub-region KPIs (``ed_visits_per_1000_subregion``):
    their columns depend on the scenario's sub-regions."""
    return {row["name"]: row for row in _core.acute_subregion_kpi_table}


def _kpi_row(name: str) -> Optional[dict[str, Any]]:
    row = _kpi_columns().get(name)
    if row is None and "_subregion_" in name:  # NAME_subregion_LABEL[_U0]
        row = _subregion_kpis().get(name.partition("_subregion_")[0] + "_subregion")
    return row


def kpi_unit(name: str) -> str:
    """The unit of a KPI column as the KPI table declares it ("" when it declares none)."""
    row = _kpi_row(name)
    return row["unit"] if row else ""


def kpi_better(name: str) -> str:
    """Which way a KPI column is better, from the KPI table: "higher", "lower",
    "neither" (a trade-off), or "" when the table does not declare it."""
    row = _kpi_row(name)
    return row["better"] if row else ""


def kpi_label(name: str) -> tuple[str, float]:
    """(unit text, factor) of a KPI column for an axis: its display unit and
    scale in the KPI table (shares in %, factor 100; the other units shortened)."""
    row = _kpi_row(name)
    return (row["display_unit"], float(row["display_scale"])) if row else ("", 1.0)


def kpi_title(name: str) -> str:
    """How a reader names a KPI column: its label in the KPI table ("Answered
    within 2 minutes"), with the dimension's labels of the column ("Time to care,
    by urgency: U1"); the name itself when the table does not declare it."""
    row = _kpi_row(name)
    if not row:
        return name
    base = row["name"]
    rest = name[len(base) + 1:] if name.startswith(base + "_") else ""
    return row["label"] + (f": {rest.replace('_', ' ')}" if rest else "")


def kpi_norm(name: str) -> Optional[tuple[str, float, str]]:
    """The published norm of a KPI column (its text, target in the KPI's unit,
    source), from the KPI table; None when it has none."""
    row = _kpi_row(name)
    if not row or not row["norm"]:
        return None
    return row["norm"], float(row["norm_target"]), row["norm_source"]


def meets_norm(name: str, value: float) -> Optional[bool]:
    """Whether ``value`` meets the norm of KPI column ``name``: at least the target
    for a KPI better higher, at most for one better lower (C++ sim::meets); None
    without a norm or a value."""
    norm = kpi_norm(name)
    if norm is None or value is None or math.isnan(value):
        return None
    better = kpi_better(name)
    if better == "higher":
        return value >= norm[1]
    if better == "lower":
        return value <= norm[1]
    return None


_DIRECTION_LABELS = {"higher": "↑ higher is better", "lower": "↓ lower is better"}


def _short_labels(labels: Sequence[str]) -> list[str]:
    """Sweep labels "path=value" of one common path become just the value."""
    labels = [str(x) for x in labels]
    if len(labels) > 1 and all("=" in x and "," not in x for x in labels):
        keys = {x.split("=", 1)[0] for x in labels}
        if len(keys) == 1:
            return [x.split("=", 1)[1].strip() for x in labels]
    return labels


# ---- what was passed in ---------------------------------------------------------------


def _is_results_like(obj: Any) -> bool:
    return hasattr(obj, "summary") and hasattr(obj, "kpis") and not isinstance(obj, pd.DataFrame)


def _points(obj: Any) -> Optional[pd.DataFrame]:
    p = getattr(obj, "points", None)
    return p if isinstance(p, pd.DataFrame) else None


def _name_of(obj: Any, default: str = "run") -> str:
    sc = getattr(obj, "scenario", None)
    name = getattr(sc, "name", None)
    return str(name) if name else default


def variants(data: Any, labels: Optional[Sequence[str]] = None) -> list[tuple[str, Any]]:
    """The (label, source) pairs in ``data``: one per run, sweep point or variant.

    A source is a Results-like object, or (for sweep points and compared
    variants) ``(parent, point)``.
    """
    out: list[tuple[str, Any]] = []
    if isinstance(data, Mapping):
        for label, v in data.items():
            inner = variants(v)
            if len(inner) == 1:
                out.append((str(label), inner[0][1]))
            else:
                out += [(f"{label}: {lab}", src) for lab, src in inner]
    elif isinstance(data, (list, tuple)):
        for i, v in enumerate(data):
            inner = variants(v)
            out += inner if len(inner) != 1 else [(inner[0][0] if inner[0][0] != "run" else f"run {i}", inner[0][1])]
    elif hasattr(data, "difference") and hasattr(data, "labels"):  # Comparison
        out = [(str(lab), (data, i)) for i, lab in enumerate(data.labels)]
    elif _points(data) is not None:  # SweepResults, ResultsFile
        pts = _points(data)
        labs = _short_labels(list(pts["label"]))
        if len(pts) == 1 and labs[0] in ("run", "base"):
            labs = [_name_of(data, labs[0])]
        out = [(lab, (data, int(p))) for lab, p in zip(labs, pts.index)]
    elif _is_results_like(data):
        out = [(_name_of(data), data)]
    else:
        raise TypeError(f"cannot plot a {type(data).__name__}; pass Results, a ResultsFile, SweepResults, "
                        "a Comparison, a dict or list of them, or a DataFrame")
    if labels is not None:
        if len(labels) != len(out):
            raise ValueError(f"{len(labels)} labels for {len(out)} variants")
        out = [(str(lab), src) for lab, (_, src) in zip(labels, out)]
    return out


def _source_summary(src: Any) -> pd.DataFrame:
    if isinstance(src, tuple):
        parent, i = src
        if hasattr(parent, "difference"):  # Comparison: columns (variant, stat)
            lab = parent.labels[i]
            df = parent.summary[lab].copy()
            df["n"] = parent.summary_n[lab]
            return df[["mean", "ci95", "n"]]
        return parent.summary.loc[i][["mean", "ci95", "n"]]
    return src.summary[["mean", "ci95", "n"]]


def _source_kpis(src: Any) -> pd.DataFrame:
    """Replication rows (index replication) of one variant."""
    if isinstance(src, tuple):
        parent, i = src
        if hasattr(parent, "difference"):
            return parent.kpis.xs(parent.labels[i], level="variant")
        return parent.kpis.xs(i, level="point")
    k = src.kpis
    if isinstance(k.index, pd.MultiIndex) and "point" in k.index.names:
        return k.xs(k.index.get_level_values("point")[0], level="point")
    return k


def _source_object(src: Any) -> Any:
    """The Results-like object holding a source's hourly series and event log
    (None for a Comparison, which keeps neither)."""
    if isinstance(src, tuple):
        parent, i = src
        if hasattr(parent, "difference"):
            return None
        # a file's hourly series and event log belong to its first point
        return parent if i == int(_points(parent).index[0]) else None
    return src


def kpi_summary(data: Any, labels: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """Mean, ci95 and n per (variant, kpi) of anything ``variants`` accepts.

    A DataFrame is taken as it is when it already has mean and ci95 columns
    (a summary; index kpi or (variant/point, kpi)) or columns (variant, stat)
    (``Comparison.summary``); otherwise as replications x KPIs (index levels
    point or variant, if any, make the variants) and summarised with Student t.
    """
    if isinstance(data, pd.DataFrame):
        return _frame_summary(data, labels)
    parts = []
    for label, src in variants(data, labels):
        s = _source_summary(src).copy()
        s.index = pd.MultiIndex.from_product([[label], list(s.index)], names=["variant", "kpi"])
        parts.append(s)
    out = pd.concat(parts)
    out["n"] = out["n"].astype(int)
    return out


def _frame_summary(df: pd.DataFrame, labels: Optional[Sequence[str]]) -> pd.DataFrame:
    if isinstance(df.columns, pd.MultiIndex) and "stat" in (df.columns.names or []):
        df = df.stack(level=0, dropna=False).swaplevel(0, 1).sort_index(level=0, sort_remaining=False)
        df.index.names = ["variant", "kpi"]
        if "n" not in df:
            df["n"] = -1
        out = df[["mean", "ci95", "n"]]
    elif {"mean", "ci95"} <= set(df.columns):
        out = df.copy()
        if "n" not in out:
            out["n"] = -1
        if out.index.nlevels == 1:
            out.index = pd.MultiIndex.from_product([["run"], list(out.index)], names=["variant", "kpi"])
        else:
            out.index = out.index.set_names(["variant", "kpi"])
        out = out[["mean", "ci95", "n"]]
    else:
        level = next((lv for lv in ("point", "variant") if lv in (df.index.names or [])), None)
        groups = [(str(k), g) for k, g in df.groupby(level=level, sort=False)] if level else [("run", df)]
        parts = []
        for key, g in groups:
            s = _mean_ci(g.select_dtypes("number"))
            s.index = pd.MultiIndex.from_product([[key], list(s.index)], names=["variant", "kpi"])
            parts.append(s)
        out = pd.concat(parts)
    if labels is not None:
        old = list(dict.fromkeys(out.index.get_level_values(0)))
        if len(old) != len(labels):
            raise ValueError(f"{len(labels)} labels for {len(old)} variants")
        out = out.rename(index=dict(zip(old, map(str, labels))), level=0)
    out["n"] = out["n"].astype(int)
    return out


def paired_differences(data: Any, labels: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """Paired difference of every variant to the first, per KPI: mean, ci95, n.

    Pairs replication r of a variant with replication r of the first (the
    same random streams: common random numbers); index (variant, kpi) over the
    variants after the first. A Comparison's own ``difference`` is used as it is.
    """
    if hasattr(data, "difference") and hasattr(data, "labels") and labels is None:
        d = data.difference
        out = d.stack(level=0, dropna=False).swaplevel(0, 1).sort_index(level=0, sort_remaining=False)
        out.index.names = ["variant", "kpi"]
        counts = data.difference_n
        out["n"] = [int(counts.at[kpi, variant]) for variant, kpi in out.index]
        return out[["mean", "ci95", "n"]]
    vs = variants(data, labels)
    if len(vs) < 2:
        return pd.DataFrame(columns=["mean", "ci95", "n"],
                            index=pd.MultiIndex.from_tuples([], names=["variant", "kpi"]))
    base = _source_kpis(vs[0][1])
    parts = []
    for label, src in vs[1:]:
        k = _source_kpis(src)
        common = base.index.intersection(k.index)
        s = _mean_ci(k.loc[common] - base.loc[common])
        s.index = pd.MultiIndex.from_product([[label], list(s.index)], names=["variant", "kpi"])
        parts.append(s)
    return pd.concat(parts)


def _scenario_dict(obj: Any) -> Optional[dict[str, Any]]:
    """The resolved scenario (as dicts) of a Results / ResultsFile, if it has one."""
    try:
        text = getattr(obj, "scenario_text", None)
        if text:
            return _core.parse_yaml(text)
        sc = getattr(obj, "scenario", None)
        if sc is not None:
            return sc.to_dict()
    except Exception:  # noqa: BLE001 - a plot falls back without a scenario
        return None
    return None


def _warmup_days(scenario: Optional[dict[str, Any]]) -> float:
    try:
        return float((scenario or {}).get("warmup_days", 0) or 0)
    except (TypeError, ValueError):
        return 0.0


def _start_weekday(scenario: Optional[dict[str, Any]]) -> int:
    """Monday = 0 of the scenario's start_date (hour 0 of the hourly series)."""
    try:
        return _dt.date.fromisoformat(str((scenario or {}).get("start_date"))).weekday()
    except (TypeError, ValueError):
        return 0


def _norms(scenario: Optional[dict[str, Any]]) -> dict[str, float]:
    out = {"A1": 15.0, "A2": 30.0, "B": 120.0}
    try:
        out.update({k: float(v) for k, v in scenario["ambulance"]["norm_minutes"].items()})
    except (KeyError, TypeError, ValueError):
        pass
    return out


# ---- KPI comparison -------------------------------------------------------------------------


def kpi_comparison(
    data: Any,
    kpis: Optional[Sequence[str]] = None,
    labels: Optional[Sequence[str]] = None,
    ncols: int = 3,
    title: Optional[str] = None,
) -> Figure:
    """One panel per KPI: a bar per variant (or sweep point) at its mean, with
    the 95 % confidence interval as an error bar. Units (the y label) and which
    way is better (the x label) come from the KPI table; shares are shown in %.

    ``kpis`` defaults to HEADLINE_KPIS (those present), or the first nine.
    """
    s = kpi_summary(data, labels)
    names = list(dict.fromkeys(s.index.get_level_values("kpi")))
    if kpis is None:
        kpis = [k for k in HEADLINE_KPIS if k in names] or names[:9]
    missing = [k for k in kpis if k not in names]
    if missing:
        raise KeyError(f"no KPI {missing[0]!r} in these results")
    vlabels = list(dict.fromkeys(s.index.get_level_values("variant")))
    ncols = max(1, min(ncols, len(kpis)))
    nrows = math.ceil(len(kpis) / ncols)
    wide = max(ncols * 3.2, ncols * (1.2 + 0.45 * len(vlabels)))
    fig = _figure(min(wide, 18), 2.9 * nrows + 0.6)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    colours = [f"C{i % 10}" for i in range(len(vlabels))]
    x = np.arange(len(vlabels))
    for ax, kpi in zip(axes, kpis):
        unit, factor = kpi_label(kpi)
        sub = s.xs(kpi, level="kpi").reindex(vlabels)
        mean = sub["mean"].to_numpy(float) * factor
        ci = np.nan_to_num(sub["ci95"].to_numpy(float) * factor)
        ax.bar(x, np.nan_to_num(mean), yerr=ci, color=colours, capsize=3, alpha=0.85, ecolor="black")
        ax.set_title(kpi, fontsize=9)
        ax.set_ylabel(unit)
        ax.set_xlabel(_DIRECTION_LABELS.get(kpi_better(kpi), ""), fontsize=8)
        ax.set_xticks(x)
        tilt = len(vlabels) > 2
        ax.set_xticklabels(vlabels, rotation=30 if tilt else 0, ha="right" if tilt else "center", fontsize=8)
        lo = np.nanmin(mean - ci) if np.isfinite(mean).any() else 0
        hi = np.nanmax(mean + ci) if np.isfinite(mean).any() else 1
        if np.isfinite(lo) and np.isfinite(hi) and lo > 0 and (hi - lo) < 0.25 * hi:
            pad = max(hi - lo, 1e-9 * max(abs(hi), 1))
            ax.set_ylim(lo - 0.6 * pad, hi + 0.4 * pad)  # zoom in on close values
        ax.grid(axis="y", alpha=0.3)
    for ax in axes[len(kpis):]:
        ax.set_axis_off()
    fig.suptitle(title or "KPIs: mean and 95 % confidence interval", fontsize=11)
    return fig


# ---- occupancy heat map --------------------------------------------------------------------------


def _hourly_of(data: Any) -> tuple[pd.DataFrame, Optional[dict[str, Any]]]:
    if isinstance(data, pd.DataFrame):
        return data, None
    obj = data
    if not hasattr(obj, "hourly"):
        vs = variants(data)
        obj = _source_object(vs[0][1])
    hourly = getattr(obj, "hourly", None) if obj is not None else None
    if hourly is None:
        raise ValueError("no hourly series in these results (run with hourly=True, or zccsim run --out)")
    return hourly, _scenario_dict(obj)


def occupancy_table(
    data: Any,
    by: str = "group",
    kinds: Optional[Sequence[str]] = None,
    start_weekday: Optional[int] = None,
    warmup_hours: Optional[float] = None,
) -> pd.DataFrame:
    """Occupancy (sum of busy / sum of on duty) per row and hour of the week
    (columns 0..167, Monday 00:00 first); NaN where nobody is on duty.

    ``by``: ``"resource"`` (every resource), ``"group"`` (triage lines per
    discipline, the other resources per kind) or ``"kind"``. Hours of the
    warm-up are left out; the hour of the week follows the scenario's start_date.
    """
    hourly, scenario = _hourly_of(data)
    if start_weekday is None:
        start_weekday = _start_weekday(scenario)
    if warmup_hours is None:
        warmup_hours = _warmup_days(scenario) * 24
    h = hourly[hourly["hour"] >= warmup_hours]
    if h.empty:
        raise ValueError("no hourly values after the warm-up")
    # one label per (resource, kind) pair, then numpy over the rows
    res = pd.Categorical(h["resource"].astype(str) if not isinstance(h["resource"].dtype, pd.CategoricalDtype)
                         else h["resource"])
    pairs = pd.DataFrame({"code": res.codes, "kind": h["kind"].astype(str).to_numpy()}).drop_duplicates("code")
    names = {int(c): (str(res.categories[c]), k) for c, k in zip(pairs["code"], pairs["kind"])}
    zcc_split = any(k == "triage_line" and n.startswith("zcc/") for n, k in names.values())

    def label(name: str, kind: str) -> str:
        if by == "resource":
            return name
        if by == "kind" or kind != "triage_line":
            return kind
        last = name.rsplit("/", 1)[-1]
        return ("zcc " if zcc_split and name.startswith("zcc/") else "triage ") + last  # zcc lines apart

    if by not in ("resource", "group", "kind"):
        raise ValueError("by must be 'resource', 'group' or 'kind'")
    wanted = {c for c, (n, k) in names.items() if kinds is None or k in set(kinds)}
    if not wanted:
        raise ValueError("no hourly values of these kinds")
    codes = np.asarray(res.codes)
    keep = np.isin(codes, list(wanted))
    labels = {c: label(*names[c]) for c in wanted}
    order = list(dict.fromkeys(labels[c] for c in sorted(wanted)))  # the writer's order
    row_of_code = np.full(max(names) + 1, -1)
    for c in wanted:
        row_of_code[c] = order.index(labels[c])
    rows = row_of_code[codes[keep]]
    how = ((h["hour"].to_numpy(np.int64)[keep] + 24 * int(start_weekday)) % 168).astype(int)
    cell = rows * 168 + how
    busy = np.bincount(cell, h["busy"].to_numpy(float)[keep], len(order) * 168).reshape(len(order), 168)
    duty = np.bincount(cell, h["on_duty"].to_numpy(float)[keep], len(order) * 168).reshape(len(order), 168)
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(duty > 0, busy / np.where(duty > 0, duty, 1), np.nan)
    occ = pd.DataFrame(values, index=pd.Index(order, name=by), columns=pd.RangeIndex(168, name="how"))
    return occ[occ.notna().any(axis=1)]  # never on duty (e.g. today's lines in zcc mode): left out


def occupancy_heatmap(
    data: Any,
    by: str = "group",
    kinds: Optional[Sequence[str]] = None,
    start_weekday: Optional[int] = None,
    warmup_hours: Optional[float] = None,
    title: Optional[str] = None,
) -> Figure:
    """Heat map of occupancy (busy / on duty) by hour of the week (x, Monday
    00:00 first) and resource (y), averaged over the weeks after the warm-up
    of the recorded replication. Grey: nobody on duty. See occupancy_table."""
    occ = occupancy_table(data, by, kinds, start_weekday, warmup_hours)
    fig = _figure(12, 1.2 + 0.24 * len(occ) + 0.8)
    ax = fig.subplots()
    values = np.ma.masked_invalid(occ.to_numpy(float))
    cmap = _colormap("viridis").copy()
    cmap.set_bad("#d9d9d9")
    im = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    ax.set_yticks(range(len(occ)))
    ax.set_yticklabels(list(occ.index), fontsize=7 if len(occ) > 25 else 8)
    ax.set_xticks([24 * d + 12 for d in range(7)])
    ax.set_xticklabels(_DAYS)
    ax.set_xticks([24 * d - 0.5 for d in range(1, 7)], minor=True)
    ax.grid(which="minor", axis="x", color="white", linewidth=1.2)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("hour of the week")
    ax.set_ylabel({"resource": "resource", "group": "resource group", "kind": "resource kind"}[by])
    fig.colorbar(im, ax=ax, label="occupancy (busy / on duty)", fraction=0.04, pad=0.01)
    ax.set_title(title or "Occupancy by hour of the week (grey: nobody on duty)", fontsize=11)
    return fig


def _colormap(name: str) -> Any:
    import matplotlib

    return matplotlib.colormaps[name]


# ---- event log analyses ----------------------------------------------------------------------------


class _Log:
    """An event log sorted by record (stable: time order within a record),
    restricted to some events, as numpy arrays.

    Patient ids are reused after a record ends, so a record is (patient id,
    number of ``end`` events of that id before). ``first`` marks the first
    row of each record."""

    def __init__(self, events: pd.DataFrame, keep: Sequence[str]) -> None:
        ev = events["event"]
        if isinstance(ev.dtype, pd.CategoricalDtype):
            names = [str(c) for c in ev.cat.categories]
            codes = ev.cat.codes.to_numpy(np.int64)
        else:
            from . import log_event_names

            names = list(log_event_names)
            codes = ev.to_numpy(np.int64)
        self.code = {n: i for i, n in enumerate(names)}
        patient = events["patient"].to_numpy(np.int64)
        is_end = (codes == self.code.get("end", -1)).astype(np.int64)
        # ends of this id before each row: cumulative count per patient, in log order
        order = np.argsort(patient, kind="stable")
        ends = is_end[order]
        cum = np.cumsum(ends)
        pstart = np.r_[True, patient[order][1:] != patient[order][:-1]]
        base = np.maximum.accumulate(np.where(pstart, np.arange(len(order)), 0))
        before = cum - ends - (cum[base] - ends[base])
        record = np.empty(len(order), dtype=np.int64)
        record[order] = patient[order] * (1 << 24) + before
        wanted = np.isin(codes, [self.code[k] for k in keep if k in self.code])
        rows = order[wanted[order]]  # sorted by patient, then log order: records are contiguous
        self.event = codes[rows]
        self.record = record[rows]
        self.time = events["time"].to_numpy(float)[rows]
        self.detail = events["detail"].to_numpy(np.int64)[rows]
        self.place = events["place"].to_numpy(np.int64)[rows]
        self.first = np.r_[True, self.record[1:] != self.record[:-1]] if len(rows) else np.zeros(0, bool)

    def is_(self, name: str) -> np.ndarray:
        return self.event == self.code.get(name, -1)

    def previous(self) -> np.ndarray:
        """The event code of the previous row of the same record (-1 for a first row)."""
        prev = np.r_[-1, self.event[:-1]]
        return np.where(self.first, -1, prev)

    def next(self) -> tuple[np.ndarray, np.ndarray]:
        """The event code and time of the next row of the same record (-1, NaN for a last row)."""
        last = np.r_[self.first[1:], True]
        nxt = np.r_[self.event[1:], -1]
        nt = np.r_[self.time[1:], np.nan]
        return np.where(last, -1, nxt), np.where(last, np.nan, nt)

    def last_of(self, mask: np.ndarray) -> np.ndarray:
        """For every row, the row index of the last row at or before it in the
        same record where ``mask`` holds (-1 if none)."""
        idx = np.arange(len(mask))
        last = np.maximum.accumulate(np.where(mask, idx, -1))
        start = np.maximum.accumulate(np.where(self.first, idx, 0))
        return np.where(last >= start, last, -1)


def _events_of(data: Any) -> tuple[Optional[pd.DataFrame], Optional[dict[str, Any]]]:
    if isinstance(data, pd.DataFrame):
        return data, None
    obj = data if hasattr(data, "events") else _source_object(variants(data)[0][1])
    if obj is None:
        return None, None
    return getattr(obj, "events", None), _scenario_dict(obj)


def _need_events(data: Any, warmup_minutes: Optional[float]) -> tuple[pd.DataFrame, float]:
    events, scenario = _events_of(data)
    if events is None:
        raise ValueError("no event log in these results (run with event_log=True, or zccsim run --out --event-log)")
    return events, (_warmup_days(scenario) * 1440 if warmup_minutes is None else float(warmup_minutes))


_CACHE: list[tuple[Any, str, float, pd.DataFrame]] = []  # (events, what, warm-up, result): the last few


def _cached(events: pd.DataFrame, what: str, warmup: float, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """An event-log analysis, remembered for the same events object (a report
    or a notebook asks for the same one several times). Copies are returned."""
    for ev, w, wu, res in _CACHE:
        if ev is events and w == what and wu == warmup:
            return res.copy()
    res = make()
    _CACHE.append((events, what, warmup, res))
    del _CACHE[:-4]
    return res.copy()


def answer_waits(data: Any, warmup_minutes: Optional[float] = None) -> pd.DataFrame:
    """Every call attempt on a triage line from the event log: columns time
    (joining the line, minutes), discipline (gp, ambulance, ggz, vvt), wait
    (minutes from joining to the answer, across an overflow to another zcc
    location; inf when the caller hung up) and transfer (True for a
    hand-over after a triagist answered, which the answered_within KPIs leave
    out). Attempts that joined before the warm-up's end, or were still
    waiting when the run ended, are left out."""
    events, warmup = _need_events(data, warmup_minutes)
    return _cached(events, "answer_waits", warmup, lambda: _answer_waits(events, warmup))


def _answer_waits(events: pd.DataFrame, warmup: float) -> pd.DataFrame:
    log = _Log(events, ["arrival", "line_join", "answered", "hung_up", "triaged"])
    join = log.is_("line_join")
    nxt, nxt_time = log.next()
    answered, hung = log.code.get("answered", -2), log.code.get("hung_up", -2)
    done = join & ((nxt == answered) | (nxt == hung)) & (log.time >= warmup)
    wait = np.where(nxt == answered, nxt_time - log.time, np.inf)[done]
    detail = log.detail[done]
    disc = np.array(_DISCIPLINES + ["?"], dtype=object)[np.where((detail >= 0) & (detail < 4), detail, 4)]
    res = pd.DataFrame({"time": log.time[done], "discipline": disc, "wait": wait,
                        "transfer": (log.previous() == answered)[done]})
    return res.sort_values("time", kind="stable").reset_index(drop=True)


def ambulance_responses(data: Any, warmup_minutes: Optional[float] = None) -> pd.DataFrame:
    """Every ambulance arriving on scene, from the event log: columns time
    (on scene, minutes), cls (A1, A2, B), area (index into the scenario's
    areas), response (minutes) and start (what the clock started at).

    The clock starts at the request: the record's last ``triaged`` event (a
    triagist or dispatcher assigned the ambulance, life-threatening 112 calls
    included: exactly the model's request, as in the a1/a2/b KPIs), else its
    ``arrival`` (a GP's direct request). Event logs of zccsim before 0.3.0
    have no ``triaged`` event for life-threatening 112 calls; there the clock
    starts when the dispatcher answers (start ``answered``, the NZa
    definition), the length of the 112 call earlier than the KPIs start it."""
    events, warmup = _need_events(data, warmup_minutes)
    return _cached(events, "ambulance_responses", warmup, lambda: _ambulance_responses(events, warmup))


def _ambulance_responses(events: pd.DataFrame, warmup: float) -> pd.DataFrame:
    log = _Log(events, ["arrival", "answered", "triaged", "ambulance_on_scene"])
    scene = log.is_("ambulance_on_scene")
    ref = log.last_of(~scene)
    ok = scene & (ref >= 0) & (log.time >= warmup)
    r = ref[ok]
    names = {v: k for k, v in log.code.items()}
    cls = np.array(_AMBULANCE_CLASSES + ["?"], dtype=object)[np.clip(log.detail[ok], 0, 3)]
    res = pd.DataFrame({"time": log.time[ok], "cls": cls, "area": log.place[ok],
                        "response": log.time[ok] - log.time[r],
                        "start": pd.Categorical([names[c] for c in log.event[r]] if len(r) else [],
                                                categories=["triaged", "arrival", "answered"])})
    return res.sort_values("time", kind="stable").reset_index(drop=True)


def _time_to_care(data: Any, warmup_minutes: Optional[float] = None) -> pd.DataFrame:
    """First contact (arrival) to the first care_start of each record that has
    an arrival (re-contact records have none): columns time, area, minutes."""
    events, warmup = _need_events(data, warmup_minutes)
    log = _Log(events, ["arrival", "care_start"])
    arrival = log.is_("arrival")
    care = log.is_("care_start")
    ref = log.last_of(arrival)
    first_care = care & (log.previous() == log.code.get("arrival", -2))  # the first care_start after the arrival
    ok = first_care & (ref >= 0)
    r = ref[ok]
    res = pd.DataFrame({"time": log.time[r], "area": log.place[r], "minutes": log.time[ok] - log.time[r]})
    return res[res["time"] >= warmup].reset_index(drop=True)


def _ecdf(ax: Any, values: np.ndarray, total: int, label: str, colour: str, xmax: float) -> None:
    v = np.sort(values[np.isfinite(values)])
    if total == 0:
        return
    y = np.arange(1, len(v) + 1) / total
    v = np.concatenate([[0.0], np.minimum(v, xmax), [xmax]])
    y = np.concatenate([[0.0], y, [y[-1] if len(y) else 0.0]])
    ax.step(v, y * 100, where="post", label=label, color=colour)


def _kpi_bars(ax: Any, s: pd.DataFrame, kpis: Sequence[str], names: Sequence[str], title: str,
              norms: Optional[Sequence[Optional[float]]] = None) -> bool:
    """Grouped bars: a group per KPI (shares), a bar per variant, mean with CI, in %."""
    have = [k for k in kpis if k in set(s.index.get_level_values("kpi"))]
    if not have:
        return False
    unit, factor = kpi_label(have[0])
    vlabels = list(dict.fromkeys(s.index.get_level_values("variant")))
    width = 0.8 / len(vlabels)
    for i, lab in enumerate(vlabels):
        sub = s.xs(lab, level="variant").reindex(have)
        x = np.arange(len(have)) + (i - (len(vlabels) - 1) / 2) * width
        ax.bar(x, np.nan_to_num(sub["mean"].to_numpy(float) * factor), width,
               yerr=np.nan_to_num(sub["ci95"] * factor),
               capsize=2, label=lab, color=f"C{i % 10}", alpha=0.85, ecolor="black")
    if norms:
        for j, k in enumerate(kpis):
            if k in have and norms[j] is not None:
                jj = have.index(k)
                ax.hlines(norms[j], jj - 0.45, jj + 0.45, colors="red", linestyles="--", linewidth=1)
    ax.set_xticks(np.arange(len(have)))
    ax.set_xticklabels([names[kpis.index(k)] for k in have], fontsize=8)
    ax.set_ylabel(unit)
    ax.set_ylim(0, 105)
    ax.set_title(title, fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    if len(vlabels) > 1:
        ax.legend(fontsize=7, loc="lower right")
    return True


def _with_events(data: Any, labels: Optional[Sequence[str]]) -> list[tuple[str, Any]]:
    """(label, Results-like with an event log) of the variants that have one."""
    out = []
    for label, src in variants(data, labels):
        obj = _source_object(src)
        if obj is not None and getattr(obj, "events", None) is not None:
            out.append((label, obj))
    return out


def answer_times(data: Any, labels: Optional[Sequence[str]] = None, xmax: float = 10.0) -> Figure:
    """Phone answer times against the norms of 30 s and 2 minutes.

    Left (when there is an event log): the share of patient call attempts on
    the GP triage line answered within t minutes (line_join -> answered;
    calls that hung up count as never answered, hand-overs by a triagist are
    left out, as in the answered_within KPIs), one line per variant; with one
    variant also the other disciplines' lines. Right: the KPIs
    answered_within_30s_share and answered_within_2min_share per variant
    (mean with 95 % CI over the replications)."""
    logged, s = _logged_and_kpis(data, labels)
    fig = _figure(12 if logged else 7, 4.2)
    axes = fig.subplots(1, 2 if logged else 1, squeeze=False).ravel()
    if logged:
        ax = axes[0]
        for i, (label, obj) in enumerate(logged):
            w = answer_waits(obj)
            w = w[~w["transfer"]]
            groups = [("gp", w[w["discipline"] == "gp"])]
            if len(logged) == 1:
                groups += [(d, w[w["discipline"] == d]) for d in _DISCIPLINES[1:] if (w["discipline"] == d).sum() >= 20]
            for j, (d, g) in enumerate(groups):
                name = f"{label}: {d} line" if len(logged) > 1 else f"{d} line ({len(g):,} attempts)"
                _ecdf(ax, g["wait"].to_numpy(), len(g), name, f"C{(i if len(logged) > 1 else j) % 10}", xmax)
        for x, text in ((0.5, "30 s"), (2.0, "2 min")):
            ax.axvline(x, color="red", linestyle="--", linewidth=1)
            ax.text(x, 2, " " + text, color="red", fontsize=8, va="bottom")
        ax.set_xlim(0, xmax)
        ax.set_ylim(0, 101)
        ax.set_xlabel("minutes from joining the line to the answer")
        ax.set_ylabel("% of call attempts answered")
        ax.set_title("Answer times (event log, one replication)", fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower right")
    ax = axes[-1]
    ok = s is not None and _kpi_bars(ax, s, ["answered_within_30s_share", "answered_within_2min_share",
                                             "phone_abandoned_share"], ["within 30 s", "within 2 min", "abandoned"],
                                     "Patient calls (KPIs, mean and 95 % CI)")
    if not ok:
        _note(ax, "no answered_within KPIs in these results")
    return fig


class _FrameEvents:
    """An event log DataFrame passed on its own (no scenario, no KPIs)."""

    def __init__(self, events: pd.DataFrame) -> None:
        self.events = events
        self.scenario_text = ""


def _logged_and_kpis(data: Any, labels: Optional[Sequence[str]]) -> tuple[list[tuple[str, Any]],
                                                                          Optional[pd.DataFrame]]:
    """The variants with an event log, and the KPI summary (None for an event log DataFrame)."""
    if isinstance(data, pd.DataFrame):
        return [("event log", _FrameEvents(data))], None
    return _with_events(data, labels), kpi_summary(data, labels)


def response_times(data: Any, labels: Optional[Sequence[str]] = None, xmax: Optional[float] = None) -> Figure:
    """Ambulance response times against the norms (A1 15 min, A2 30, B 120;
    from the scenario's ambulance.norm_minutes).

    Left (when there is an event log): with one variant, a histogram of the
    A1 response times (see ambulance_responses for where the clock starts)
    with the norm and the share within it; with several, the share of A1
    rides on scene within t per variant. Right: the KPIs a1_within_15min_share,
    a2_within_30min_share and b_within_norm_share per variant (mean, 95 % CI),
    the 95 % norm as a dashed line."""
    logged, s = _logged_and_kpis(data, labels)
    fig = _figure(12 if logged else 7, 4.2)
    axes = fig.subplots(1, 2 if logged else 1, squeeze=False).ravel()
    if logged:
        ax = axes[0]
        norms = _norms(_scenario_dict(logged[0][1]))
        a1 = norms.get("A1", 15.0)
        top = xmax or 3 * a1
        if len(logged) == 1:
            resp = ambulance_responses(logged[0][1])
            a1rides = resp[resp["cls"] == "A1"]
            v = a1rides["response"].to_numpy()
            if len(v):
                bins = np.arange(0, top + 1, 1.0)
                known = a1rides["start"].to_numpy() != "answered"
                if known.all():
                    ax.hist(np.minimum(v, top), bins=bins, color="C0", alpha=0.85,
                            label=f"A1 rides ({len(v):,}): from the request")
                else:  # an event log of zccsim < 0.3.0 (see ambulance_responses)
                    ax.hist([np.minimum(v[known], top), np.minimum(v[~known], top)], bins=bins, stacked=True,
                            color=["C0", "C9"], alpha=0.85,
                            label=[f"triaged requests ({known.sum():,}): from the request",
                                   f"life-threatening 112 ({(~known).sum():,}): from the dispatcher's answer"])
                text = [f"norm {a1:g} min", f"event log: {np.mean(v <= a1):.1%} within, p95 {np.percentile(v, 95):.1f}"]
                if known.any() and not known.all():
                    text.append(f"  triaged requests: {np.mean(v[known] <= a1):.1%} within")
                k = getattr(logged[0][1], "kpis", None)
                kpis = _source_kpis(logged[0][1]) if k is not None else None
                rep = getattr(logged[0][1], "hourly_replication", 0)
                if kpis is not None and {"a1_within_15min_share", "a1_response_minutes_p95"} <= set(kpis.columns) \
                        and rep in kpis.index:
                    text.append(f"KPIs (from the request): {kpis.loc[rep, 'a1_within_15min_share']:.1%} within, "
                                f"p95 {kpis.loc[rep, 'a1_response_minutes_p95']:.1f}")
                ax.axvline(a1, color="red", linestyle="--", linewidth=1)
                ax.text(0.98, 0.62, "\n".join(text), color="darkred", fontsize=7.5, va="top", ha="right",
                        transform=ax.transAxes, bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
                ax.set_ylabel("A1 rides")
                ax.legend(fontsize=7, loc="upper right")
            else:
                _note(ax, "no A1 rides in the event log")
        else:
            for i, (label, obj) in enumerate(logged):
                resp = ambulance_responses(obj)
                v = resp.loc[resp["cls"] == "A1", "response"].to_numpy()
                _ecdf(ax, v, len(v), f"{label} ({len(v):,} A1)", f"C{i % 10}", top)
            ax.axvline(a1, color="red", linestyle="--", linewidth=1)
            ax.axhline(95, color="red", linestyle=":", linewidth=1)
            ax.set_ylabel("% of A1 rides on scene")
            ax.set_ylim(0, 101)
            ax.legend(fontsize=7, loc="lower right")
        ax.set_xlim(0, top)
        ax.set_xlabel("minutes from the request to the ambulance on scene")
        ax.set_title("A1 response times (event log, one replication)", fontsize=10)
        ax.grid(alpha=0.3)
    ax = axes[-1]
    ok = s is not None and _kpi_bars(ax, s, ["a1_within_15min_share", "a2_within_30min_share", "b_within_norm_share"],
                                     ["A1 within 15 min", "A2 within 30 min", "B within norm"],
                                     "Ambulances within the norm (KPIs, mean and 95 % CI)", [95.0, 95.0, 95.0])
    if not ok:
        _note(ax, "no ambulance norm KPIs in these results")
    return fig


# ---- map --------------------------------------------------------------------------------------------


def area_values(data: Any, metric: str = "a1_response") -> pd.DataFrame:
    """Per area of the scenario (index: area name): lat, lon, population and
    ``value``, the mean per area of ``metric`` from the event log:
    ``a1_response`` (minutes to an A1 ambulance on scene), ``response`` (all
    classes), ``a1_within_norm`` (share of A1 rides within the norm) or
    ``time_to_care`` (first contact to the start of care, minutes); and
    ``count``, the events behind each value. Without an event log value is NaN."""
    obj = data if hasattr(data, "events") or hasattr(data, "scenario_text") else _source_object(variants(data)[0][1])
    scenario = _scenario_dict(obj) if obj is not None else None
    if not scenario or "areas" not in scenario:
        raise ValueError("no areas in the scenario of these results (an acute scenario is needed)")
    areas = pd.DataFrame(scenario["areas"])
    out = pd.DataFrame({"lat": areas["lat"].astype(float).to_numpy(), "lon": areas["lon"].astype(float).to_numpy(),
                        "population": areas["population"].astype(float).to_numpy()},
                       index=pd.Index(areas["name"].astype(str), name="area"))
    out["value"] = np.nan
    out["count"] = 0
    if obj is None or getattr(obj, "events", None) is None:
        return out
    if metric in ("a1_response", "response", "a1_within_norm"):
        r = ambulance_responses(obj)
        if metric != "response":
            r = r[r["cls"] == "A1"]
        vals = r["response"]
        if metric == "a1_within_norm":
            vals = (vals <= _norms(scenario).get("A1", 15.0)).astype(float)
        g = vals.groupby(r["area"]).agg(["mean", "count"])
    elif metric == "time_to_care":
        t = _time_to_care(obj)
        g = t["minutes"].groupby(t["area"]).agg(["mean", "count"])
    else:
        raise ValueError("metric must be a1_response, response, a1_within_norm or time_to_care")
    idx = g.index.to_numpy(int)
    ok = (idx >= 0) & (idx < len(out))
    out.iloc[idx[ok], out.columns.get_loc("value")] = g["mean"].to_numpy()[ok]
    out.iloc[idx[ok], out.columns.get_loc("count")] = g["count"].to_numpy()[ok]
    return out


_METRIC_TEXT = {
    "a1_response": ("mean A1 response (min)", "A1 ambulance response time by area"),
    "response": ("mean response, all classes (min)", "Ambulance response time by area"),
    "a1_within_norm": ("A1 on scene within the norm (%)", "A1 rides within the norm by area"),
    "time_to_care": ("mean time to care (min)", "Time from first contact to care by area"),
}


_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def municipality_of(area: str) -> str:
    """The municipality an area is named after: the name less trailing
    parenthesised suffixes (" (part 1)", " (noord)"), and for a district of a
    municipality ("Utrecht-West (Leidsche Rijn)") the part before the hyphen
    when only that names a municipality (municipalities())."""
    name = str(area).strip()
    while _SUFFIX.search(name):
        name = _SUFFIX.sub("", name).strip()
    known = municipalities()
    if name not in known and "-" in name and name.split("-", 1)[0] in known:
        return name.split("-", 1)[0]
    return name


def _geojson_path() -> Optional[str]:
    """municipalities_nl.geojson: in the package (the build copies it there) or
    the source tree's scenarios/data/."""
    here = os.path.dirname(os.path.abspath(__file__))
    for path in (os.path.join(here, "municipalities_nl.geojson"),
                 os.path.join(here, "..", "..", "..", "scenarios", "data", "municipalities_nl.geojson")):
        if os.path.exists(path):
            return path
    return None


@functools.lru_cache(maxsize=1)
def municipalities() -> dict[str, list[np.ndarray]]:
    """Municipal boundaries (scenarios/data/municipalities_nl.geojson, CBS 2023
    set): name -> the exterior rings of its polygons, each an (n, 2) array of
    lon, lat. Empty when the file is not found."""
    path = _geojson_path()
    if path is None:
        return {}
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    out: dict[str, list[np.ndarray]] = {}
    for f in doc["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        out[f["properties"]["name"]] = [np.asarray(p[0], float) for p in polys]
    return out


def area_kpi(data: Any, kpi: str = "a1_within_15min_share") -> pd.DataFrame:
    """Per area of the scenario (index: area name): its municipality, sub-region
    and population, and ``value``, the mean over all replications (of the first
    variant) of ``kpi`` for the area's sub-region (the per-sub-region column
    ``KPI_subregion_LABEL``; the model has no finer per-area KPI). ``value`` is
    NaN when the results have no such column (a scenario without sub-regions)."""
    obj = data if hasattr(data, "scenario_text") or hasattr(data, "events") else _source_object(variants(data)[0][1])
    scenario = _scenario_dict(obj) if obj is not None else _scenario_dict(data)
    if not scenario or "areas" not in scenario:
        raise ValueError("no areas in the scenario of these results (an acute scenario is needed)")
    areas = pd.DataFrame(scenario["areas"])
    out = pd.DataFrame({"municipality": [municipality_of(n) for n in areas["name"]],
                        "subregion": areas["subregion"].astype(str).to_numpy() if "subregion" in areas else "",
                        "population": areas["population"].astype(float).to_numpy()},
                       index=pd.Index(areas["name"].astype(str), name="area"))
    summary = kpi_summary(data)
    first = summary.index.get_level_values("variant")[0]
    means = summary.xs(first, level="variant")["mean"]
    out["value"] = [float(means.get(f"{kpi}_subregion_{sub}", math.nan)) for sub in out["subregion"]]
    return out


def area_map(data: Any, metric: str = "a1_response", labels: bool = True, sites: bool = True,
             kpi: Optional[str] = "a1_within_15min_share") -> Figure:
    """The scenario's areas as municipal boundaries (the areas named after a
    municipality, "X (part n)" too; municipalities_nl.geojson) shaded by a
    per-area value, with the sites (EDs, HAP posts, ambulance stations, zcc) as
    markers. An area without a matching boundary is a circle at its lat/lon.

    The value: ``kpi`` of the area's sub-region over all replications of the
    first variant (area_kpi) when the results have it per sub-region; else
    ``metric`` per area from the event log of one replication (area_values);
    else the population. The title says which."""
    av = area_values(data, metric)
    obj = data if hasattr(data, "events") or hasattr(data, "scenario_text") else _source_object(variants(data)[0][1])
    scenario = _scenario_dict(obj) or _scenario_dict(data) or {}
    by_kpi = area_kpi(data, kpi) if kpi else None
    if by_kpi is not None and by_kpi["value"].notna().any():
        unit, factor = kpi_label(kpi)
        values = by_kpi["value"] * factor
        cbar = f"{kpi_title(kpi)} ({unit})"
        title = f"{kpi_title(kpi)} by sub-region, over all replications"
        cmap = _colormap("viridis" if kpi_better(kpi) == "higher" else "magma_r")
    elif av["value"].notna().any():
        values = av["value"] * (100.0 if metric == "a1_within_norm" else 1.0)
        cbar = _METRIC_TEXT[metric][0]
        title = _METRIC_TEXT[metric][1] + " (event log, one replication)"
        cmap = _colormap("viridis" if metric == "a1_within_norm" else "magma_r")
    else:
        values = av["population"] / 1000
        cbar = "population (thousands)"
        title = "Areas by population (no per-sub-region KPI and no event log in these results)"
        cmap = _colormap("Blues")
    fig = _figure(9, 7.5)
    ax = fig.subplots()
    shown = values.notna()
    lo, hi = (float(values[shown].min()), float(values[shown].max())) if shown.any() else (0.0, 1.0)
    norm = Normalize(vmin=lo, vmax=hi if hi > lo else lo + 1)
    shapes = municipalities()
    polys, colours, drawn = [], [], set()
    for area, value in values.items():
        rings = shapes.get(municipality_of(area))
        if not rings:
            continue
        drawn.add(area)
        for ring in rings:
            polys.append(ring)
            colours.append(cmap(norm(value)) if not math.isnan(value) else (0.9, 0.9, 0.9, 1.0))
    if polys:
        x0, x1 = min(p[:, 0].min() for p in polys), max(p[:, 0].max() for p in polys)
        y0, y1 = min(p[:, 1].min() for p in polys), max(p[:, 1].max() for p in polys)
        context = [r for name, rings in shapes.items() for r in rings
                   if r[:, 0].max() > x0 - 0.1 and r[:, 0].min() < x1 + 0.1 and r[:, 1].max() > y0 - 0.1
                   and r[:, 1].min() < y1 + 0.1]
        ax.add_collection(PolyCollection(context, facecolors="#f4f4f4", edgecolors="#c8c8c8", linewidths=0.3,
                                         zorder=0))
        ax.add_collection(PolyCollection(polys, facecolors=colours, edgecolors="#555555", linewidths=0.5,
                                         zorder=1))
        ax.set_xlim(x0 - 0.05, x1 + 0.05)
        ax.set_ylim(y0 - 0.05, y1 + 0.05)
    rest = [a for a in values.index if a not in drawn]
    if rest:
        size = 30 + 600 * av.loc[rest, "population"] / max(av["population"].max(), 1)
        ax.scatter(av.loc[rest, "lon"], av.loc[rest, "lat"], s=size, c=[cmap(norm(v)) for v in values[rest]],
                   edgecolors="black", linewidths=0.5, alpha=0.9, zorder=2)
    sm = ScalarMappable(norm=norm, cmap=cmap)
    fig.colorbar(sm, ax=ax, label=cbar, shrink=0.8)
    if sites and isinstance(scenario.get("sites"), list):
        markers = {"ed": ("P", "red", "ED"), "hap": ("s", "tab:blue", "HAP post"),
                   "ambulance_station": ("^", "tab:green", "ambulance station"), "zcc": ("*", "gold", "zcc location"),
                   "ggz_crisis": ("D", "tab:purple", "GGZ crisis"), "vvt": ("h", "tab:brown", "short-stay beds")}
        st = pd.DataFrame([x for x in scenario["sites"] if isinstance(x, dict) and "lat" in x and "lon" in x])
        for kind, (m, colour, name) in markers.items():
            sub = st[st.get("kind", pd.Series(dtype=str)) == kind] if not st.empty else st
            if len(sub):
                ax.scatter(sub["lon"].astype(float), sub["lat"].astype(float), marker=m,
                           s={"*": 160, "P": 80}.get(m, 45), c=colour, edgecolors="black", linewidths=0.4,
                           zorder=3, label=name)
        ax.legend(fontsize=7, loc="best", markerscale=0.8, framealpha=0.8)
    if labels and len(av) <= 60:
        for name, row in av.iterrows():
            ax.annotate(municipality_of(name), (row["lon"], row["lat"]), fontsize=6, xytext=(3, 3),
                        textcoords="offset points", zorder=4)
    lat0 = float(np.nanmean(av["lat"])) if len(av) else 52.0
    ax.set_aspect(1 / math.cos(math.radians(lat0)))
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.set_title(title + (f"; {len(drawn)} of {len(values)} areas as municipal boundaries" if drawn else ""),
                 fontsize=10)
    ax.grid(alpha=0.2)
    return fig


# ---- cost ------------------------------------------------------------------------------------------


def cost_per_patient(data: Any, labels: Optional[Sequence[str]] = None) -> Figure:
    """Left: cost per patient (euro: the headline, tariffs paid and the zcc's
    own costs, over patients) per variant, mean with 95 % CI. Right: the
    yearly headline per variant split into tariffs paid and the zcc's own
    costs (M€ per year, means). The resource view (what capacity costs its
    providers) is apart and not stacked on it."""
    s = kpi_summary(data, labels)
    names = set(s.index.get_level_values("kpi"))
    if "cost_per_patient" not in names:
        raise KeyError("no cost_per_patient KPI in these results (acute scenarios have it)")
    vlabels = list(dict.fromkeys(s.index.get_level_values("variant")))
    split = {"cost_activities_meur_per_year", "cost_zcc_meur_per_year"} <= names
    fig = _figure(max(7, 2 + 1.1 * len(vlabels)) * (2 if split else 1) * 0.6 + 2, 4.2)
    axes = fig.subplots(1, 2 if split else 1, squeeze=False).ravel()
    x = np.arange(len(vlabels))
    c = s.xs("cost_per_patient", level="kpi").reindex(vlabels)
    ax = axes[0]
    ax.bar(x, c["mean"], yerr=np.nan_to_num(c["ci95"]), color=[f"C{i % 10}" for i in range(len(vlabels))],
           capsize=3, alpha=0.85, ecolor="black")
    for xi, m in zip(x, c["mean"]):
        if np.isfinite(m):
            ax.text(xi, m / 2, f"€{m:,.0f}", ha="center", va="center", fontsize=8, color="white", fontweight="bold")
    ax.set_ylabel(kpi_label("cost_per_patient")[0] + " per patient")
    ax.set_title("Cost per patient (mean, 95 % CI)", fontsize=10)
    rot = 30 if len(vlabels) > 2 else 0
    ax.set_xticks(x)
    ax.set_xticklabels(vlabels, rotation=rot, ha="right" if rot else "center", fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    if split:
        ax = axes[1]
        act = s.xs("cost_activities_meur_per_year", level="kpi").reindex(vlabels)["mean"].to_numpy(float)
        zcc = s.xs("cost_zcc_meur_per_year", level="kpi").reindex(vlabels)["mean"].to_numpy(float)
        ax.bar(x, act, color="C0", alpha=0.85, label="tariffs paid (all payers)")
        ax.bar(x, zcc, bottom=act, color="C1", alpha=0.85, label="the zcc's own costs")
        ax.set_ylabel(kpi_label("cost_total_meur_per_year")[0])
        ax.set_title("Yearly cost paid (means)", fontsize=10)
        ax.set_xticks(x)
        ax.set_xticklabels(vlabels, rotation=rot, ha="right" if rot else "center", fontsize=8)
        ax.legend(fontsize=7, loc="lower right")
        ax.grid(axis="y", alpha=0.3)
    return fig


# ---- decisions under uncertainty (zccsim.uncertainty) -----------------------------------


def _uncertainty_kpis(u: Any, kpis: Optional[Sequence[str]]) -> list[str]:
    names = list(dict.fromkeys(u.summary.index.get_level_values("kpi")))
    if kpis is None:
        kpis = [k for k in HEADLINE_KPIS if k in names] or names[:6]
    missing = [k for k in kpis if k not in names]
    if missing:
        raise KeyError(f"no KPI {missing[0]!r} in this uncertainty analysis")
    return list(kpis)


def uncertainty_fan(u: Any, kpis: Optional[Sequence[str]] = None, ncols: int = 3) -> Figure:
    """A fan chart per KPI of an uncertainty experiment (``zccsim.uncertainty``): every
    variant's paired difference to the first, over the samples sorted (the difference
    at each quantile of the samples), the 5-95 % band shaded and the median dashed.
    With one variant: its value. Shares in %."""
    kpis = _uncertainty_kpis(u, kpis)
    means = u.rows[kpis].groupby(level=["sample", "variant"]).mean()
    vs = u.variants
    shown = vs[1:] or vs[:1]
    ncols = max(1, min(ncols, len(kpis)))
    nrows = math.ceil(len(kpis) / ncols)
    fig = _figure(min(ncols * 4.2, 18), 3.0 * nrows + 0.6)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, kpi in zip(axes, kpis):
        unit, factor = kpi_label(kpi)
        ref = means[kpi].xs(vs[0], level="variant")
        for i, v in enumerate(shown):
            y = means[kpi].xs(v, level="variant")
            d = (y - ref if len(vs) > 1 else y).dropna().to_numpy() * factor
            if d.size == 0:
                continue
            d.sort()
            q = (np.arange(d.size) + 0.5) / d.size
            c = f"C{(i + 1) % 10}"
            lo, med, hi = np.quantile(d, [0.05, 0.5, 0.95])
            ax.axhspan(lo, hi, color=c, alpha=0.15)
            ax.axhline(med, color=c, linestyle="--", linewidth=1)
            ax.plot(q * 100, d, color=c, marker=".", linewidth=1, label=v)
        if len(vs) > 1:
            ax.axhline(0.0, color="#444", linewidth=0.8)
        better = kpi_better(kpi)
        ax.set_title(kpi, fontsize=9)
        ax.set_xlabel("samples, % (sorted)" + (f"; {_DIRECTION_LABELS[better]}" if better in _DIRECTION_LABELS else ""),
                      fontsize=8)
        ax.set_ylabel(("difference to " + vs[0] + ", " if len(vs) > 1 else "") + unit, fontsize=8)
        ax.tick_params(labelsize=8)
        if len(shown) > 1:
            ax.legend(fontsize=7)
    for ax in axes[len(kpis):]:
        ax.set_visible(False)
    fig.suptitle("Paired difference over the uncertain parameters (median dashed, 5-95 % shaded)"
                 if len(vs) > 1 else "Value over the uncertain parameters", fontsize=10)
    return fig


def uncertainty_tornado(u: Any, kpis: Optional[Sequence[str]] = None, variant: Optional[str] = None,
                        ncols: int = 2) -> Figure:
    """A tornado chart per KPI: the parameters' sensitivity indices for ``variant``'s
    difference to the first (default: the second variant; with one, its value),
    largest on top, with their 95 % bootstrap intervals: Morris mu* (in the KPI's
    unit over the parameter's whole range), or Sobol' total and first-order indices."""
    s = u.sensitivity
    if s.empty:
        raise ValueError("no sensitivity indices (a Latin hypercube has none; use morris or sobol)")
    kpis = _uncertainty_kpis(u, kpis)
    variant = variant or (u.variants[1] if len(u.variants) > 1 else u.variants[0])
    morris = "mu_star" in s.columns
    ncols = max(1, min(ncols, len(kpis)))
    nrows = math.ceil(len(kpis) / ncols)
    fig = _figure(min(ncols * 5.5, 18), (0.35 * len(u.parameters) + 1.2) * nrows + 0.6)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, kpi in zip(axes, kpis):
        try:
            t = s.loc[(kpi, variant)]
        except KeyError:
            ax.set_title(f"{kpi}: no indices", fontsize=9)
            continue
        key = "mu_star" if morris else "total"
        factor = kpi_label(kpi)[1] if morris else 1.0
        t = t.sort_values(key)
        y = np.arange(len(t))
        est = t[key].to_numpy() * factor
        err = np.vstack([est - t[key + "_low"].to_numpy() * factor, t[key + "_high"].to_numpy() * factor - est])
        ax.barh(y, est, color="C0", alpha=0.8, xerr=np.clip(err, 0, None), capsize=2,
                label="mu*" if morris else "total")
        if not morris:
            ax.barh(y, t["first"].to_numpy(), color="C1", alpha=0.6, height=0.4, label="first order")
            ax.legend(fontsize=7)
        ax.set_yticks(y, [str(p) for p in t.index], fontsize=7)
        ax.axvline(0.0, color="#444", linewidth=0.8)
        ax.set_title(kpi, fontsize=9)
        ax.set_xlabel(("Morris mu*, " + kpi_label(kpi)[0]) if morris else "Sobol' index", fontsize=8)
        ax.tick_params(axis="x", labelsize=8)
    for ax in axes[len(kpis):]:
        ax.set_visible(False)
    fig.suptitle(f"What drives {variant}'s difference to {u.variants[0]} (95 % bootstrap intervals)"
                 if len(u.variants) > 1 else f"What drives {variant} (95 % bootstrap intervals)", fontsize=10)
    return fig


# ---- staffing (zccsim staff, zccsim.staff) -----------------------------------------------

_STAFF_SERIES = ("shipped", "stationary", "required", "rostered")
_TIME_UNITS = {"second": "s", "minute": "min", "hour": "h", "day": "days"}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _staffing_error(source: Optional[str], where: str, what: str) -> ValueError:
    prefix = f"{source}: " if source else ""
    return ValueError(f"{prefix}{where}: {what} (a staffing study, as zccsim staff --out writes it)")


def _staffing_check(d: Any, source: Optional[str]) -> dict[str, Any]:
    """The staffing study ``d`` (a decoded JSON object) checked and normalised: levels that are
    null (hours without arrivals) become NaN. Fields it does not know are kept and not needed."""
    if not isinstance(d, Mapping) or not isinstance(d.get("nodes"), list) or "iterations" not in d:
        found = "a JSON " + ("object without \"nodes\" and \"iterations\"" if isinstance(d, Mapping) else
                            type(d).__name__.replace("dict", "object").replace("list", "array"))
        raise ValueError(f"{(source + ': ') if source else ''}not a staffing study (the JSON of zccsim staff --out: "
                         f"an object with \"iterations\", \"converged\" and a list of \"nodes\"); found {found}")
    d = json.loads(json.dumps(d))  # a deep copy

    def need(obj: Mapping[str, Any], key: str, where: str, kind: str) -> Any:
        if key not in obj:
            raise _staffing_error(source, where, f'"{key}" is missing')
        v = obj[key]
        ok = {"number": _is_number(v), "integer": _is_number(v) and float(v).is_integer() and v >= 0,
              "bool": isinstance(v, bool), "text": isinstance(v, str), "list": isinstance(v, list),
              "object": isinstance(v, Mapping),
              "level": v is None or _is_number(v)}[kind]
        if not ok:
            allowed = {"integer": "a whole number >= 0", "level": "a number or null", "bool": "true or false",
                       "list": "a list", "object": "an object", "text": "a text", "number": "a number"}[kind]
            raise _staffing_error(source, f"{where}.{key}", f"must be {allowed}, not {json.dumps(v)[:40]}")
        return v

    for key, kind in (("iterations", "integer"), ("converged", "bool"), ("cycle", "integer"),
                      ("changed_hours", "list"), ("runs", "integer")):
        need(d, key, "the study", kind)
    if not d["nodes"]:
        raise _staffing_error(source, "nodes", "no target nodes")
    for i, n in enumerate(d["nodes"]):
        w = f"nodes[{i}]"
        if not isinstance(n, Mapping):
            raise _staffing_error(source, w, "must be an object")
        need(n, "node", w, "text")
        need(n, "within", w, "number")
        share = need(n, "share", w, "number")
        if not 0 < share < 1:
            raise _staffing_error(source, f"{w}.share", f"must be > 0 and < 1, not {share}")
        need(n, "mu", w, "number")
        need(n, "shifts_optimal", w, "bool")
        paid = need(n, "paid_hours_per_week", w, "object")
        for key in ("before", "required", "after"):
            need(paid, key, f"{w}.paid_hours_per_week", "number")
        if "cost_per_year" in n:
            for key in ("before", "after"):
                need(need(n, "cost_per_year", w, "object"), key, f"{w}.cost_per_year", "number")
        hours = need(n, "hours", w, "list")
        if len(hours) != 168:
            raise _staffing_error(source, f"{w}.hours", f"must hold the 168 hours of the week, not {len(hours)}")
        for h, x in enumerate(hours):
            wh = f"{w}.hours[{h}]"
            if not isinstance(x, Mapping):
                raise _staffing_error(source, wh, "must be an object")
            need(x, "hour", wh, "text")
            need(x, "lambda", wh, "number")
            for key in _STAFF_SERIES:
                need(x, key, wh, "integer")
            for key in ("before", "after"):
                level = need(x, key, wh, "object")
                for part in ("mean", "ci95"):
                    if need(level, part, f"{wh}.{key}", "level") is None:
                        level[part] = math.nan
        for s, x in enumerate(need(n, "shifts", w, "list")):
            ws = f"{w}.shifts[{s}]"
            if not isinstance(x, Mapping):
                raise _staffing_error(source, ws, "must be an object")
            need(x, "day", ws, "text")
            for key in ("start", "length", "count"):
                need(x, key, ws, "integer")
    return d


def staffing_study(data: Any) -> dict[str, Any]:
    """The staffing study as a checked dict (the JSON of ``zccsim staff --out``; levels of hours
    without arrivals NaN) from a path to that JSON, its text, the decoded dict, or a
    ``zccsim.Staffing`` (``zccsim.staff``). A file that is not valid JSON or not a staffing study
    raises ValueError naming the file (and line:column for JSON errors) and what is wrong."""
    source = None
    if isinstance(data, (str, os.PathLike)) and not (isinstance(data, str) and data.lstrip().startswith("{")):
        source = os.fspath(data)
        with open(source, encoding="utf-8") as f:
            text = f.read()
    elif isinstance(data, str):
        text = data
    elif isinstance(getattr(data, "json", None), str):  # zccsim.Staffing
        text = data.json
    else:
        return _staffing_check(data, None)
    try:
        d = json.loads(text)
    except json.JSONDecodeError as e:
        where = f"{source or 'the JSON'}:{e.lineno}:{e.colno}"
        raise ValueError(f"{where}: not valid JSON ({e.msg}{'; the file ends early' if e.pos >= len(text) else ''})"
                         "; zccsim report reads the JSON of zccsim staff --out") from None
    return _staffing_check(d, source)


def staffing_label(node: Mapping[str, Any], study: Optional[Mapping[str, Any]] = None) -> str:
    """A target as a reader names it: "triage: answered within 0.5 min" (the node's ``label`` when the
    study gives one, else its name and, on an acute line, the calls it counts unless all: "line/midden/gp
    (urgent calls): ..."; the time unit when the study gives ``time_unit``)."""
    calls = node.get("calls")
    name = str(node.get("label") or (f"{node['node']} ({calls.replace('_', '-')} calls)"
                                     if calls and calls != "all" else node["node"]))
    unit = node.get("time_unit") or (study or {}).get("time_unit")
    within = float(node["within"])
    unit = _TIME_UNITS.get(str(unit), str(unit)) if unit else "time unit" if within == 1 else "time units"
    return f"{name}: answered within {within:g} {unit}"


def _staffing_nodes(study: dict[str, Any], node: Any) -> list[dict[str, Any]]:
    nodes = study["nodes"]
    if node is None:
        return nodes
    if isinstance(node, int) and not isinstance(node, bool):
        if not 0 <= node < len(nodes):
            raise KeyError(f"no target node {node}: the study has {len(nodes)}")
        return [nodes[node]]
    chosen = [n for n in nodes if n["node"] == node]
    if not chosen:
        raise KeyError(f"no target node {node!r}; the study's: {', '.join(n['node'] for n in nodes)}")
    return chosen


def _week_axis(ax: Any) -> None:
    """168 hours, Monday 00:00 first: the days marked by lines and named at their middle."""
    for d in range(1, 7):
        ax.axvline(24 * d, color="#888", linewidth=0.7)
    ax.set_xlim(0, 168)
    ax.set_xticks([24 * d + 12 for d in range(7)], _DAYS, fontsize=8)
    ax.set_xticks(range(0, 169, 6), minor=True)
    ax.tick_params(axis="x", which="major", length=0)
    ax.grid(axis="y", alpha=0.3)


def _staffing_roster_ax(ax: Any, n: Mapping[str, Any], study: Mapping[str, Any]) -> None:
    edges = np.arange(169)

    def series(key: str) -> np.ndarray:
        v = np.array([h[key] for h in n["hours"]], dtype=float)
        return np.append(v, v[-1])

    ax.fill_between(edges, series("shipped"), step="post", color="#bbb", alpha=0.5, label="shipped roster")
    ax.step(edges, series("rostered"), where="post", color="C2", linewidth=2.2, alpha=0.8, label="rostered (shifts)")
    ax.step(edges, series("required"), where="post", color="C0", linewidth=1, label="required (iterative staffing)")
    ax.step(edges, series("stationary"), where="post", color="C1", linestyle="--", linewidth=1,
            label="stationary (Erlang C per hour)")
    _week_axis(ax)
    top = max(max(h[k] for h in n["hours"]) for k in _STAFF_SERIES)
    ax.set_ylim(0, top * 1.3 + 1)  # room for the legend
    ax.set_ylabel("staff on duty", fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title(f"{staffing_label(n, study)}: staff per hour of the week", fontsize=9)
    ax.legend(fontsize=7, ncol=4, loc="upper left")


def _staffing_level_ax(ax: Any, n: Mapping[str, Any], study: Mapping[str, Any]) -> None:
    target = 100 * float(n["share"])
    lows = [target]
    for key, colour, offset, text in (("before", "#777", 0.3, "before (shipped roster)"),
                                      ("after", "C2", 0.7, "after (shifts)")):
        mean = np.array([h[key]["mean"] for h in n["hours"]], dtype=float) * 100
        ci = np.array([h[key]["ci95"] for h in n["hours"]], dtype=float) * 100
        x = np.arange(168) + offset
        ok = ~np.isnan(mean)
        if not ok.any():
            continue
        err = np.where(np.isnan(ci), 0.0, ci)
        ax.errorbar(x[ok], mean[ok], yerr=err[ok], fmt="o", markersize=2, color=colour, elinewidth=0.8,
                    label=text + ", 95 % interval")
        lows.append(float(np.nanmin(mean[ok] - err[ok])))
    ax.axhline(target, color="C3", linestyle="--", linewidth=1, label=f"target {target:g} %")
    _week_axis(ax)
    ax.set_ylim(max(0.0, min(lows) - 2), 100.5 + (100.5 - max(0.0, min(lows) - 2)) * 0.15)  # room for the legend
    ax.set_ylabel(f"% answered within {float(n['within']):g}", fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title(f"{staffing_label(n, study)}: service level per hour, fresh replications", fontsize=9)
    ax.legend(fontsize=7, ncol=3, loc="upper left")


def _staffing_figure(data: Any, node: Any, panels: list[Callable[[Any, Mapping[str, Any], Mapping[str, Any]], None]]
                     ) -> Figure:
    """A figure with the ``panels`` (each draws one node on one axes) of every chosen node, one under the other."""
    study = staffing_study(data)
    nodes = _staffing_nodes(study, node)
    fig = _figure(11, 3.1 * len(panels) * len(nodes))
    axes = iter(np.atleast_1d(fig.subplots(len(panels) * len(nodes), 1, squeeze=False)).ravel())
    for n in nodes:
        for draw in panels:
            draw(next(axes), n, study)
    return fig


def staffing_roster(data: Any, node: Any = None) -> Figure:
    """Staff per hour of the week of a staffing study (``zccsim staff --out`` JSON, its dict or a
    ``zccsim.Staffing``; ``node``: a name or index, default all): the required staff of the
    iterative staffing algorithm, the stationary Erlang C staffing of each hour and the rostered
    shifts, as steps against the shipped roster (shaded); the days marked."""
    return _staffing_figure(data, node, [_staffing_roster_ax])


def staffing_service_level(data: Any, node: Any = None) -> Figure:
    """The service level per hour of the week of a staffing study (as ``staffing_roster``): the
    share answered within the target time before (the shipped roster) and after (the shifts),
    mean over fresh replications with its 95 % interval, against the target (dashed); hours
    without arrivals left out."""
    return _staffing_figure(data, node, [_staffing_level_ax])


def staffing(data: Any, node: Any = None) -> Figure:
    """Both staffing plots per target node, one under the other: staff per hour
    (``staffing_roster``) and the service level per hour before and after
    (``staffing_service_level``)."""
    return _staffing_figure(data, node, [_staffing_roster_ax, _staffing_level_ax])
