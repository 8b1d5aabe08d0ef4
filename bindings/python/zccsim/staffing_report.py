# SPDX-License-Identifier: MIT
"""The report page of a staffing study (``zccsim staff --out staff.json``).

    zccsim report staff.json -o staff.html          # or: python3 -m zccsim.report staff.json

    import zccsim, zccsim.report
    zccsim.report.write(zccsim.staff("line.yaml"), "staff.html")   # a path, the JSON's dict or a Staffing

The page has the frame, style sheet (print included) and summary layout of
the other reports (zccsim.report). The one-page summary has a row per
target node: its label ("triage: answered within 0.5 min"), before (the
scenario's roster) and after (the shifts) the lowest hourly share answered
within the target time over the hours with arrivals (mean over fresh
replications) and in how many hours the target is met, the target as the
norm, met / not met (met when every hour with arrivals has a mean at or above
the target), the paid hours per week before -> after and, when the study
has costs (``shifts.cost_per_hour``), the cost per year before -> after;
under it the algorithm's iterations, convergence or cycle. Then per node the
plots of ``zccsim.plot.staffing_roster`` and ``staffing_service_level``, the
shifts and the 168 hours (collapsed). Fields of the JSON this page does not
know are kept out of the way (the study's own ones are listed under "Study").
"""
from __future__ import annotations

import html
import math
import os
from collections.abc import Mapping
from typing import Any, Optional

from . import plot as zplot
from .report import _cell, _figure, _fmt, _page_head, _summary_section

__all__ = ["build", "hours_meeting", "is_json_file", "is_staffing", "load", "lowest", "met", "percent"]

VARIANTS = ["before", "after"]


def is_json_file(path: str) -> bool:
    """A file taken for JSON (a staffing study): its name ends in .json, or its first
    character that is not white space is "{" (an HDF5 file starts with its signature)."""
    if path.lower().endswith(".json"):
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(512)
    except OSError:
        return False
    return head.lstrip()[:1] == b"{"


def is_staffing(obj: Any) -> bool:
    """A staffing study in memory: the decoded JSON (an object with "nodes" and "iterations") or a
    ``zccsim.Staffing``."""
    if isinstance(obj, Mapping):
        return "nodes" in obj and "iterations" in obj
    from . import Staffing

    return isinstance(obj, Staffing)


def load(data: Any) -> dict[str, Any]:
    """The checked study (``zccsim.plot.staffing_study``): ValueError naming the file and what is wrong."""
    return zplot.staffing_study(data)


def percent(share: float) -> str:
    """A share as the page shows it: 3 significant digits, in % ("84.3 %", "100 %"); "–" for NaN."""
    return "–" if math.isnan(share) else f"{_fmt(100 * share, 3)} %"


def _levels(node: Mapping[str, Any], which: str) -> list[float]:
    """The mean share per hour with arrivals (``which``: "before" or "after")."""
    return [float(h[which]["mean"]) for h in node["hours"] if not math.isnan(float(h[which]["mean"]))]


def lowest(node: Mapping[str, Any], which: str) -> float:
    """The lowest mean share over the hours with arrivals; NaN without any."""
    levels = _levels(node, which)
    return min(levels) if levels else math.nan


def hours_meeting(node: Mapping[str, Any], which: str) -> tuple[int, int]:
    """(hours whose mean meets the target, hours with arrivals)."""
    levels = _levels(node, which)
    return sum(x >= float(node["share"]) for x in levels), len(levels)


def met(node: Mapping[str, Any], which: str) -> Optional[bool]:
    """Met when every hour with arrivals has a mean at or above the target; None without arrivals."""
    k, n = hours_meeting(node, which)
    return None if n == 0 else k == n


def _keys(study: Mapping[str, Any]) -> list[str]:
    """A row key per node: its name, made unique by its position where a name repeats."""
    names = [str(n["node"]) + (f" {n['urgency']}" if n.get("urgency") else "") for n in study["nodes"]]
    return [x if names.count(x) == 1 else f"{x} #{i + 1}" for i, x in enumerate(names)]


def _hours(x: float) -> str:
    return f"{x:,.0f}"


def _euro(x: float) -> str:
    return f"€ {x:,.0f}"


def _state(study: Mapping[str, Any]) -> str:
    """The algorithm's line: iterations, converged / cycle / not converged, hours changed, runs."""
    it = int(study["iterations"])
    if study["converged"]:
        state = "converged (the roster stopped changing)"
    elif int(study["cycle"]) > 1:
        state = f"ended in a cycle of {int(study['cycle'])} rosters (their hour-by-hour maximum taken)"
    else:
        state = "NOT converged (stopped at the most iterations allowed)"
    changed = ", ".join(str(c) for c in study["changed_hours"]) or "none"
    return (f"Iterative staffing: {it} iteration{'s' if it != 1 else ''} after the start, {state}; hours changed "
            f"per iteration: {changed}; {int(study['runs']):,} replications simulated.")


def _summary(study: Mapping[str, Any]) -> str:
    nodes = dict(zip(_keys(study), study["nodes"]))
    costs = any("cost_per_year" in n for n in nodes.values())

    def value(k: str, v: str) -> str:
        n = nodes[k]
        low = lowest(n, v)
        good, hours = hours_meeting(n, v)
        share = f" ({_fmt(100 * good / hours, 3)} %)" if hours else ""
        extra = (f' <span class="ci hours-met" data-met="{good}" data-hours="{hours}">lowest hour; the target met in '
                 f"{good} of {hours} hours with arrivals{share}</span>")
        return _cell(k, v, low, percent(low), met(n, v), extra)

    def norm(k: str) -> str:
        share = float(nodes[k]["share"])
        return (f'<td class="norm" data-target="{share!r}">≥ {100 * share:g} % in every hour'
                f'<br><span class="note">the study\'s target</span></td>')

    def paid(k: str) -> str:
        p = nodes[k]["paid_hours_per_week"]
        return f"{_hours(p['before'])} → {_hours(p['after'])}"

    def cost(k: str) -> str:
        c = nodes[k].get("cost_per_year")
        return f"{_euro(c['before'])} → {_euro(c['after'])}" if c else "–"

    extra = [("paid_hours", "paid hours per week, before → after", paid)]
    if costs:
        extra.append(("cost", "cost per year, before → after", cost))
    note = ("Per target node: before (the scenario's roster) and after (the cheapest shifts covering the "
            "staff the iterative staffing algorithm requires), the lowest hourly share answered within the "
            "target time (mean over fresh replications) and in how many hours with arrivals the target is "
            "met; met when it is met in every hour with arrivals. Paid hours: staff on duty summed over the "
            "168 hours" + (", cost per year over 365.25 / 7 weeks" if costs else "") + ".")
    return _summary_section(list(nodes), VARIANTS, value, None, VARIANTS[0], note, "", label=lambda k: zplot.
                            staffing_label(nodes[k], study), norm=norm, first_head="target", extra=extra,
                            after=f'<p class="state">{html.escape(_state(study))}</p>')


def _meta(study: Mapping[str, Any], source: Optional[str]) -> str:
    rows = [("file", source or ""), ("iterations", str(study["iterations"])),
            ("converged", "yes" if study["converged"] else "no"), ("cycle", str(study["cycle"])),
            ("hours changed per iteration", ", ".join(str(c) for c in study["changed_hours"])),
            ("replications simulated", f"{int(study['runs']):,}")]
    known = {"iterations", "converged", "cycle", "changed_hours", "runs", "nodes"}
    rows += [(k, str(v)) for k, v in study.items() if k not in known and not isinstance(v, (list, Mapping))]
    return ('<table class="meta"><tbody>' + "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                                                    for k, v in rows) + "</tbody></table>")


def _shifts_table(n: Mapping[str, Any]) -> str:
    """The shifts, compact: a row per day (the day a shift starts), each shift as start–end × staff."""
    by_day: dict[str, list[str]] = {}
    hours: dict[str, int] = {}
    staff: dict[str, int] = {}
    total = 0
    for s in n["shifts"]:
        day, start, length, count = str(s["day"]), int(s["start"]), int(s["length"]), int(s["count"])
        total += length * count
        hours[day] = hours.get(day, 0) + length * count
        staff[day] = staff.get(day, 0) + count
        stop = start + length
        end = f"{stop:02d}:00" if stop <= 24 else f"{stop - 24:02d}:00+1"
        by_day.setdefault(day, []).append(f'<span class="shift" data-start="{start}" data-length="{length}" '
                                          f'data-count="{count}">{start:02d}:00–{end}&nbsp;×&nbsp;{count}</span>')
    rows = "".join(f'<tr><td class="name">{html.escape(day)}</td><td style="text-align:left">{", ".join(cells)}</td>'
                   f"<td>{staff[day]}</td><td>{hours[day]:,}</td></tr>" for day, cells in by_day.items())
    optimal = ("proved optimal" if n["shifts_optimal"] else
               "NOT proved optimal (the solver's time limit ended the search)")
    return (f'<p class="note">{len(n["shifts"])} shifts, {total:,} paid hours per week; the plan was {optimal}. '
            "Per day the shifts starting on it (start–end, +1: the next day, × staff).</p>"
            '<table class="shifts"><thead><tr><th class="name">day</th><th>shifts</th><th>staff</th>'
            f'<th>paid hours</th></tr></thead><tbody>{rows}</tbody></table>')


def _hours_table(n: Mapping[str, Any]) -> str:
    share = float(n["share"])

    def level(x: Mapping[str, Any]) -> str:
        mean, ci = float(x["mean"]), float(x["ci95"])
        if math.isnan(mean):
            return "<td>–</td>"
        css = "" if mean >= share else ' class="worse"'
        ci_text = "" if math.isnan(ci) else f' <span class="ci">± {_fmt(100 * ci, 2)}</span>'
        return f"<td{css}>{percent(mean)}{ci_text}</td>"

    rows = "".join(f'<tr><td class="name">{html.escape(str(h["hour"]))}</td><td>{_fmt(h["lambda"])}</td>'
                   f'<td>{h["shipped"]}</td><td>{h["stationary"]}</td><td>{h["required"]}</td><td>{h["rostered"]}</td>'
                   f'{level(h["before"])}{level(h["after"])}</tr>' for h in n["hours"])
    return ("<details><summary>the 168 hours of the week</summary>"
            '<table class="hours"><thead><tr><th class="name">hour</th><th>arrivals per time unit</th>'
            "<th>shipped</th><th>stationary</th><th>required</th><th>rostered</th><th>before</th><th>after</th>"
            f"</tr></thead><tbody>{rows}</tbody></table></details>")


def _node_section(n: Mapping[str, Any], study: Mapping[str, Any], index: int) -> str:
    label = zplot.staffing_label(n, study)
    paid = n["paid_hours_per_week"]
    parts = [f'<section class="node"><h2>{html.escape(label)}</h2>',
             f'<p class="note">Target: at least {100 * float(n["share"]):g} % answered within '
             f'{float(n["within"]):g} in every hour; service rate used by the estimate {_fmt(n["mu"])} per time '
             f'unit. Paid hours per week: {_hours(paid["before"])} shipped, {_hours(paid["required"])} required '
             f'(the algorithm\'s roster summed), {_hours(paid["after"])} in shifts'
             + (f'; cost per year {_euro(n["cost_per_year"]["before"])} → {_euro(n["cost_per_year"]["after"])}'
                if "cost_per_year" in n else "") + ".</p>"]
    parts.append(_figure(lambda: zplot.staffing_roster(study, index), f"Staff per hour: {label}",
                         "Staff on duty per hour of the week (Monday 00:00 first, days marked): required by the "
                         "iterative staffing algorithm, the stationary Erlang C staffing of each hour on its own, "
                         "and the rostered shifts, against the scenario's shipped roster (shaded)."))
    parts.append(_figure(lambda: zplot.staffing_service_level(study, index), f"Service level per hour: {label}",
                         "Share answered within the target time per hour of the week, before (the shipped roster) "
                         "and after (the shifts): the mean over fresh replications with its 95 % interval; the "
                         "target dashed; hours without arrivals left out."))
    parts.append("<h3>Shifts</h3>" + _shifts_table(n))
    parts.append("<h3>Hours</h3>" + _hours_table(n))
    parts.append("</section>")
    return "\n".join(parts)


def build(data: Any, title: Optional[str] = None, source: Optional[str] = None) -> str:
    """The HTML page (a str) of a staffing study: the path of its JSON, the decoded dict or a
    ``zccsim.Staffing``."""
    if source is None and isinstance(data, (str, os.PathLike)):
        source = os.fspath(data)
    study = load(data)
    name = study.get("scenario") if isinstance(study.get("scenario"), str) else ""
    name = name or (os.path.splitext(os.path.basename(source))[0] if source else "")
    title = title or f"zccsim staffing report: {name or 'staffing study'}"
    parts = _page_head(title)
    parts.append('<p class="note">Written by zccsim report from the staffing study of zccsim staff --out: the '
                 "least staff per hour of the week meeting each target (the iterative staffing algorithm of "
                 "Feldman, Mandelbaum, Massey &amp; Whitt 2008, from the stationary Erlang C staffing), the "
                 "cheapest shifts covering it, and the service level per hour before and after on fresh "
                 "replications. Printing gives one page for the summary, then a page per section.</p>")
    parts.append(_summary(study))
    parts.append("<h2>Study</h2>" + _meta(study, source))
    parts += [_node_section(n, study, i) for i, n in enumerate(study["nodes"])]
    parts.append("</body></html>\n")
    return "\n".join(parts)
