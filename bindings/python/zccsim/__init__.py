# SPDX-License-Identifier: MIT
"""zccsim: a discrete-event simulator of Dutch acute-care flows.

A thin layer over the compiled module ``zccsim._core``: scenarios with
parameters by key path, runs, paired comparisons, sweeps and results files,
as pandas DataFrames. Simulations run in C++ with the GIL released.

    import zccsim
    s = zccsim.Scenario.from_file("scenarios/midden_nederland.yaml")
    s["capacity_insight"] = False                 # validated at once
    r = s.run(replications=10, seed=1)
    r.summary.loc["a1_within_15min_share"]        # mean, ci95, n
"""
from __future__ import annotations

import itertools
import json
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Any, Optional, Union

import numpy as np
import pandas as pd
import yaml

from . import _core

__version__: str = _core.__version__

__all__ = [
    "Comparison",
    "Results",
    "ResultsFile",
    "Scenario",
    "ScenarioError",
    "SweepResults",
    "compare",
    "kpi_table",
    "log_event_names",
    "read",
    "sweep",
    "sweep_file",
    "Uncertainty",
    "uncertainty",
    "Staffing",
    "staff",
    "to_yaml",
    "validate",
]

#: progress(done, total, events): called after every finished replication.
Progress = Callable[[int, int, int], object]
PathLike = Union[str, "os.PathLike[str]"]

#: Names of the event codes in an acute event log (Results.events["event"]).
log_event_names: list[str] = list(_core.log_event_names)


# ---- errors -----------------------------------------------------------------

_POSITION = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$", re.S)
_FILE_ONLY = re.compile(r"^(?P<file>\S+): (?P<message>.*)$", re.S)


class ScenarioError(ValueError):
    """A scenario or experiment that cannot be used.

    ``str(error)`` is the text the CLI prints after ``error:``, usually
    ``"file:line:column: message"``. The attributes ``file``, ``line``,
    ``column`` and ``message`` are parsed from it; each is None where the
    text has no such part (``message`` is then the whole text).
    """

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    message: str

    def __init__(self, text: str) -> None:
        super().__init__(text)
        text = str(text)
        m = _POSITION.match(text)
        if m:
            self.file, self.line, self.column = m["file"], int(m["line"]), int(m["column"])
            self.message = m["message"]
            return
        m = _FILE_ONLY.match(text)
        self.line = self.column = None
        if m:
            self.file, self.message = m["file"], m["message"]
        else:
            self.file, self.message = None, text


_core._set_scenario_error(ScenarioError)


# ---- Python values as YAML ------------------------------------------------------

def _native(value: Any) -> Any:
    """value with numpy scalars and arrays, tuples and mappings as plain Python values."""
    if isinstance(value, np.ndarray):
        return _native(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return {_native(k): _native(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_native(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot write a {type(value).__name__} as YAML")


# Strings the YAML 1.2 core schema (yaml-cpp, which reads scenarios) takes for
# a number, bool or null, but PyYAML's YAML 1.1 would write plain ("1e3", "0x1f").
_CORE_SCALAR = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE)$"
)


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting the strings yaml-cpp would read as another type."""


_Dumper.add_representer(
    str,
    lambda dumper, s: dumper.represent_scalar(
        "tag:yaml.org,2002:str", s, style="'" if _CORE_SCALAR.match(s) else None
    ),
)


def _dump(value: Any, flow: bool) -> str:
    text = yaml.dump(
        _native(value), Dumper=_Dumper, default_flow_style=flow, sort_keys=False, allow_unicode=True, width=math.inf
    )
    return text[: -len("...\n")] if text.endswith("\n...\n") else text  # a scalar's end-of-document mark


def to_yaml(value: Any) -> str:
    """YAML text (flow style, one line; PyYAML) for a Python value.

    Accepts None, bool, int, float (nan and inf too), str (quoted where
    plain text would read back as something else), lists, tuples, dicts and
    numpy scalars and arrays.
    """
    return _dump(value, flow=True).rstrip("\n")


def _block_yaml(d: Mapping[str, Any]) -> str:
    """Block-style YAML of a dict: one key per line, so errors name useful lines."""
    return _dump(d, flow=False)


# ---- scenarios --------------------------------------------------------------------


def _as_scenario(s: Union[Scenario, PathLike]) -> Scenario:
    return s if isinstance(s, Scenario) else Scenario.from_file(s)


class Scenario:
    """A validated scenario of either model family (``acute`` or ``network``).

    Parameters are read and replaced by key path: map keys joined by ``.``,
    list items by ``[i]``, e.g. ``s["zcc.locations[0].rosters.gp"]``.
    Assigning validates the new scenario at once (ScenarioError on bad
    values); ``replace`` returns a new Scenario instead.
    """

    __slots__ = ("_core",)

    def __init__(self, core: _core.Scenario) -> None:
        """Wraps a compiled scenario; use from_file, from_yaml or from_dict."""
        if not isinstance(core, _core.Scenario):
            raise TypeError("use Scenario.from_file, Scenario.from_yaml or Scenario.from_dict")
        self._core = core

    @classmethod
    def from_file(cls, path: PathLike) -> Scenario:
        """Loads a scenario file (``extends:`` resolved relative to it)."""
        return cls(_core.Scenario.from_file(os.fspath(path)))

    @classmethod
    def from_yaml(cls, text: str, name: str = "<yaml>", base_dir: Optional[PathLike] = None) -> Scenario:
        """Loads YAML text; ``name`` stands for the file in error messages and
        ``base_dir`` resolves a relative ``extends:`` (default: the current directory)."""
        return cls(_core.Scenario.from_text(text, name, os.fspath(base_dir) if base_dir is not None else ""))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], name: str = "<dict>", base_dir: Optional[PathLike] = None) -> Scenario:
        """Loads a scenario given as nested dicts and lists (as from_yaml of it)."""
        if not isinstance(d, Mapping):
            raise TypeError("from_dict needs a mapping")
        return cls.from_yaml(_block_yaml(d), name, base_dir)

    @property
    def model(self) -> str:
        """``"acute"`` or ``"network"``."""
        return self._core.model

    @property
    def name(self) -> str:
        """The scenario's ``name:`` (acute) or its path."""
        return self._core.name

    @property
    def path(self) -> str:
        """The file it was read from, or the name given to from_yaml / from_dict."""
        return self._core.path

    @property
    def kpi_names(self) -> list[str]:
        """Names of a replication's KPIs (network: ``"node.metric"``)."""
        return self._core.kpi_names

    @property
    def kpi_table(self) -> pd.DataFrame:
        """The KPI table of this scenario's model family (see ``zccsim.kpi_table``);
        for network scenarios one row per ``"node.metric"`` name with unit, better
        and description empty. Its ``columns`` together are ``kpi_names``."""
        return _kpi_frame(self._core.kpi_table)

    def to_yaml(self) -> str:
        """The resolved scenario as YAML text (no ``extends:``)."""
        return self._core.text

    def to_dict(self) -> dict[str, Any]:
        """The resolved scenario as nested dicts and lists."""
        return _core.parse_yaml(self._core.text)

    def __getitem__(self, path: str) -> Any:
        """The value at a key path as Python objects; ScenarioError names the keys that exist."""
        return self._core.value(path)

    def __setitem__(self, path: str, value: Any) -> None:
        """Replaces the value at a key path (or adds a last key to a map); validated at once."""
        self._core = self._core.with_override(path, to_yaml(value))

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        try:
            self._core.get(path)
        except ScenarioError:
            return False
        return True

    def replace(self, settings: Optional[Mapping[str, Any]] = None, /, **values: Any) -> Scenario:
        """A new Scenario with values replaced by key path; this one is unchanged.

        ``s.replace({"zcc.locations[0].rosters.gp": 4})`` or, for plain keys,
        ``s.replace(capacity_insight=False)``.
        """
        core = self._core
        for path, value in {**(settings or {}), **values}.items():
            core = core.with_override(path, to_yaml(value))
        return Scenario(core)

    def validate(self) -> str:
        """What ``zccsim validate`` prints: for acute the offered load per resource."""
        return self._core.validate()

    def catchments(self) -> pd.DataFrame:
        """(acute) Each area's nearest ED and GP post by road from its inhabitants, as the
        model routes them: a DataFrame indexed by area with ``population``, ``ed`` and
        ``hap`` (site ids; opening hours not looked at). Sites in ``closed_sites`` are
        left out, so comparing a variant's catchments with its base's shows where a
        closed site's patients go. ``zccsim validate --catchments F.csv`` writes the same.
        """
        rows = self._core.catchments()
        return pd.DataFrame(rows, columns=["area", "population", "ed", "hap"]).set_index("area")

    def run(
        self,
        replications: int = 10,
        seed: int = 1,
        threads: int = 0,
        progress: Optional[Progress] = None,
        hourly: bool = False,
        event_log: bool = False,
    ) -> Results:
        """Runs replications 0..replications-1 (the GIL is released meanwhile).

        ``threads=0`` uses all cores; results do not depend on it. ``progress``
        is called as ``progress(done, total, events)``. ``hourly`` and
        ``event_log`` (acute only) keep replication 0's hourly series and event
        log. Ctrl-C stops starting replications and raises KeyboardInterrupt.
        """
        data = self._core.run(replications, seed, threads, progress, hourly, event_log)
        return Results(data, self)

    def __repr__(self) -> str:
        return f"<zccsim.Scenario {self.name!r} ({self.model})>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Scenario.from_yaml, (self._core.text, self._core.path))


_KPI_COLUMNS = ["label", "unit", "display_unit", "display_scale", "better", "norm", "norm_target", "norm_source",
                "description", "dimensions", "columns"]


def _kpi_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    index = pd.Index([r["name"] for r in rows], name="kpi")
    return pd.DataFrame([[r[c] for c in _KPI_COLUMNS] for r in rows], index=index, columns=_KPI_COLUMNS)


def kpi_table(model: str = "acute") -> pd.DataFrame:
    """The KPI table of a model family: every KPI once, as the model declares it.

    Indexed by KPI name (``kpi``), with columns ``label`` (as a reader names it,
    "Answered within 2 minutes"), ``unit``, ``display_unit`` and ``display_scale``
    (how reports show it: a share in %, scale 100), ``better`` (``"higher"``,
    ``"lower"`` or ``"neither"``: which way a planner calls better), ``norm``,
    ``norm_target`` and ``norm_source`` (the published norm where there is one:
    its text, the target in the KPI's unit, met when the value is on the better
    side of it; "", NaN and "" otherwise), ``description``
    (one line), ``dimensions`` (the names of the dimensions a KPI is broken down by,
    e.g. ``["urgency"]``) and ``columns`` (its names in a replication's row, e.g.
    ``time_to_care_minutes_U0`` ... ``_U5``; together the scenario's ``kpi_names``).
    ``zccsim kpis --json`` prints the same. Network KPIs depend on the scenario:
    use ``Scenario.kpi_table`` (ValueError here).
    """
    return _kpi_frame(_core.kpi_table(model))


def validate(path: PathLike) -> str:
    """Loads a scenario file and returns what ``zccsim validate`` prints.

    Raises ScenarioError with the same message as the CLI on bad input.
    """
    return Scenario.from_file(path).validate()


# ---- results ----------------------------------------------------------------------


def _frame(values: np.ndarray, index: pd.Index, kpi_names: list[str]) -> pd.DataFrame:
    return pd.DataFrame(np.array(values), index=index, columns=pd.Index(kpi_names, name="kpi"))


_SUBREGION = "_subregion_"


def _subregion_columns(kpi_names: Sequence[str]) -> list[tuple[str, str, str]]:
    """(column, kpi, subregion) of every per-sub-region column of an acute row
    (``ed_visits_per_1000_subregion_west`` -> ``ed_visits_per_1000``, ``west``;
    ``time_to_care_minutes_subregion_west_U0`` -> ``time_to_care_minutes_U0``,
    ``west``), in row order. The labels are those of ``population_subregion_*``."""
    first = "population" + _SUBREGION
    labels = sorted((n[len(first) :] for n in kpi_names if n.startswith(first)), key=len, reverse=True)
    out = []
    for name in kpi_names:
        base, sep, rest = name.partition(_SUBREGION)
        if not sep:
            continue
        for label in labels:  # the longest label that fits (labels may hold "_")
            if rest == label or rest.startswith(label + "_"):
                out.append((name, base + rest[len(label) :], label))
                break
    return out


def _tidy_subregions(kpi_names: Sequence[str], frame: pd.DataFrame, keys: list[str], values: list[str]) -> pd.DataFrame:
    """The rows of ``frame`` (a column ``kpi`` holding column names) that are
    per-sub-region columns, with ``subregion`` and ``kpi`` as
    _subregion_columns names them; per ``keys``, sub-region by sub-region (the
    table's label order), its KPIs in table order."""
    cols = _subregion_columns(kpi_names)
    column_kpi = {c: k for c, k, _ in cols}
    column_sub = {c: s for c, _, s in cols}
    order = {c: i for i, (c, _, _) in enumerate(cols)}
    labels = {s: i for i, s in enumerate(dict.fromkeys(s for _, _, s in cols))}
    frame = frame[frame["kpi"].isin(column_kpi)]
    frame = frame.assign(
        _sub=frame["kpi"].map(column_sub).map(labels),
        _order=frame["kpi"].map(order),
        subregion=frame["kpi"].map(column_sub),
        kpi=frame["kpi"].map(column_kpi),
    )
    frame = frame.sort_values([*keys, "_sub", "_order"], kind="stable")
    return frame[[*keys, "subregion", "kpi", *values]].reset_index(drop=True)


class _Tables:
    """What a run, a sweep and a results file have in common."""

    def __init__(self, data: _core.Results) -> None:
        self._data = data

    @property
    def model_version(self) -> str:
        """The model family's version (``"acute/N"``); results of different
        model versions are never appended or merged together."""
        return self._data.model_version

    @property
    def kpi_table_sha256(self) -> str:
        """SHA-256 of the KPI table (names, units, directions)."""
        return self._data.kpi_table_sha256

    def _row_index(self) -> pd.Index:
        return pd.MultiIndex.from_arrays([self._data.point, self._data.replication], names=["point", "replication"])

    @cached_property
    def conservation(self) -> Optional[pd.DataFrame]:
        """Records created, ended and still in the system at the end, per row
        (acute: patient records; network: customers); None for files written
        by zccsim 0.3. Saved and read back with the KPIs."""
        c = self._data.conservation
        if c is None:
            return None
        return pd.DataFrame(c, index=self._row_index(), columns=["created", "ended", "in_system"])

    @property
    def kpi_names(self) -> list[str]:
        """Column names of ``values`` and ``kpis``."""
        return self._data.kpi_names

    @property
    def values(self) -> np.ndarray:
        """KPIs as a read-only float64 array (rows x kpis), a view of the C++
        buffer: no copy. NaN where a replication had nothing to measure."""
        return self._data.values

    @property
    def seed(self) -> int:
        """The master seed."""
        return self._data.seed

    @property
    def complete(self) -> bool:
        """False when the run was interrupted (results files only)."""
        return self._data.complete

    @property
    def simulated_events(self) -> int:
        """Events simulated (0 for a results file)."""
        return self._data.events

    @cached_property
    def hourly(self) -> Optional[pd.DataFrame]:
        """Hourly means of every resource (acute, one replication) in long format:
        columns hour, resource, kind, busy, on_duty, queue; None when not recorded.
        Hour 0 is the scenario's start_date 00:00 (warm-up included)."""
        h = self._data.hourly
        if h is None:
            return None
        return pd.DataFrame(
            {
                "hour": h["hour"],
                "resource": pd.Categorical.from_codes(h["resource"], categories=h["resource_names"]),
                "kind": pd.Categorical.from_codes(h["kind"], categories=h["kind_names"]),
                "busy": h["busy"],
                "on_duty": h["on_duty"],
                "queue": h["queue"],
            }
        )

    @cached_property
    def events(self) -> Optional[pd.DataFrame]:
        """The per-patient event log (acute, one replication): columns time
        (minutes), patient, event (names: zccsim.log_event_names), detail and
        place (codes; see models/acute/acute_model.hpp, LogRecord, and
        ``log_names``); None when not recorded."""
        log = self._data.log
        if log is None:
            return None
        names = self._data.log_event_names
        event: Any = pd.Categorical.from_codes(log["event"].astype(np.int16), categories=names) if names else log["event"]
        return pd.DataFrame(
            {"time": log["time"], "patient": log["patient"], "event": event, "detail": log["detail"], "place": log["place"]}
        )

    @property
    def log_names(self) -> dict[str, list[str]]:
        """Names for decoding the event log: event, response, area and site names."""
        d = self._data
        return {"event": d.log_event_names, "response": d.response_names, "area": d.area_names, "site": d.site_names}

    def by_subregion(self, summary: bool = False) -> pd.DataFrame:
        """The per-sub-region KPIs (acute scenarios whose areas have sub-regions)
        as a tidy table: one row per (replication, subregion, kpi) with its
        ``value`` (``point`` first for sweeps and results files). ``kpi`` is the
        region-wide KPI the value breaks down (``ed_visits_per_1000``,
        ``time_to_care_minutes_U0``), or ``population`` and
        ``cost_per_inhabitant``. With ``summary=True``: one row per
        ([point,] subregion, kpi) with ``mean``, ``ci95`` and ``n`` over the
        replications, as ``summary``. Empty (same columns) without sub-regions.
        Columns: scenarios/README.md, "KPIs per sub-region"."""
        if summary:
            frame = self.summary.reset_index()
            keys, values = [n for n in frame.columns if n == "point"], ["mean", "ci95", "n"]
        else:
            frame = self.kpis.reset_index().melt(id_vars=list(self.kpis.index.names), var_name="kpi", value_name="value")
            keys, values = list(self.kpis.index.names), ["value"]
        return _tidy_subregions(self.kpi_names, frame, keys, values)

    def save(self, path: PathLike) -> None:
        """Writes a zccsim results file (HDF5, as ``zccsim run --out``), atomically."""
        self._data.save(os.fspath(path))

    def _summary(self, per_point: bool) -> pd.DataFrame:
        mean, ci95, n = self._data.summary()  # points x kpis
        if per_point:
            index = pd.MultiIndex.from_product([range(mean.shape[0]), self.kpi_names], names=["point", "kpi"])
        else:
            index = pd.Index(self.kpi_names, name="kpi")
            mean, ci95, n = mean[0], ci95[0], n[0]
        return pd.DataFrame({"mean": mean.ravel(), "ci95": ci95.ravel(), "n": n.ravel()}, index=index)


class Results(_Tables):
    """Replications of one scenario (``Scenario.run``)."""

    def __init__(self, data: _core.Results, scenario: Scenario) -> None:
        super().__init__(data)
        self.scenario = scenario

    def _row_index(self) -> pd.Index:
        return pd.Index(self._data.replication, name="replication")

    @property
    def replications(self) -> int:
        """Number of replications."""
        return len(self._data.replication)

    @cached_property
    def kpis(self) -> pd.DataFrame:
        """One row per replication (index ``replication``), a column per KPI (a copy of values)."""
        return _frame(self.values, pd.Index(self._data.replication, name="replication"), self.kpi_names)

    @cached_property
    def summary(self) -> pd.DataFrame:
        """Per KPI (index ``kpi``): mean, ci95 (half-width of the 95 % Student-t
        interval) and n (replications with a value), as the CLI's JSON."""
        return self._summary(per_point=False)

    def __repr__(self) -> str:
        return f"<zccsim.Results {self.scenario.name!r}: {self.replications} replications, seed {self.seed}>"


class SweepResults(_Tables):
    """Replications of several points (sweep points, or a results file)."""

    @cached_property
    def kpis(self) -> pd.DataFrame:
        """One row per (point, replication), a column per KPI (a copy of values)."""
        index = pd.MultiIndex.from_arrays([self._data.point, self._data.replication], names=["point", "replication"])
        return _frame(self.values, index, self.kpi_names)

    @cached_property
    def points(self) -> pd.DataFrame:
        """Per point (index ``point``): its label and a column per key path it sets."""
        rows = []
        for label, settings in zip(self._data.point_labels, self._data.point_settings):
            values = _core.parse_yaml(settings) or {}
            rows.append({"label": label, **values})
        return pd.DataFrame(rows, index=pd.RangeIndex(len(rows), name="point"))

    @cached_property
    def summary(self) -> pd.DataFrame:
        """Per (point, kpi): mean, ci95 and n over that point's replications."""
        return self._summary(per_point=True)

    @property
    def precise(self) -> Optional[pd.Series]:
        """A sweep with precision: per point, whether every listed KPI met the target; else None."""
        p = self._data.precise
        return None if p is None else pd.Series(p, index=pd.RangeIndex(len(p), name="point"), name="precise")

    def __repr__(self) -> str:
        return f"<zccsim.{type(self).__name__}: {len(self.points)} points, {len(self._data.replication)} rows>"


class ResultsFile(SweepResults):
    """A results file written by the CLI (``zccsim run/sweep --out``) or by save()."""

    @property
    def model(self) -> str:
        """``"acute"`` or ``"network"``."""
        return self._data.model

    @property
    def version(self) -> str:
        """The zccsim version that wrote the file."""
        return self._data.version

    @property
    def shard(self) -> str:
        """``""`` for a whole run, ``"i/N"`` for a slice."""
        return self._data.shard

    @property
    def scenario_text(self) -> str:
        """The resolved scenario YAML that made the results."""
        return self._data.scenario_text

    @property
    def scenario_path(self) -> str:
        """Where that scenario was read from."""
        return self._data.scenario_path

    @property
    def experiment_text(self) -> str:
        """A sweep's experiment file (``""`` otherwise)."""
        return self._data.experiment_text

    @property
    def hourly_replication(self) -> int:
        """The replication the hourly series and the event log belong to."""
        return self._data.hourly_replication

    @cached_property
    def scenario(self) -> Scenario:
        """The scenario that made the results (loaded from scenario_text)."""
        return Scenario.from_yaml(self.scenario_text, self.scenario_path or "<results>")


def read(path: PathLike) -> ResultsFile:
    """Reads a results file the CLI wrote (``--out``): kpis indexed by (point,
    replication), points, summary, scenario text, hourly series and events."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    return ResultsFile(_core.read_results(path))


# ---- compare ------------------------------------------------------------------------


class Comparison:
    """Paired results of scenario variants (``zccsim.compare``): a results
    table with one point per variant, rows paired by replication."""

    def __init__(self, core: _core.Results) -> None:
        self._core = core

    @property
    def labels(self) -> list[str]:
        """A label per variant."""
        return self._core.point_labels

    @property
    def kpi_names(self) -> list[str]:
        """The KPI names."""
        return self._core.kpi_names

    @cached_property
    def _replications(self) -> np.ndarray:
        point = self._core.point
        return self._core.replication[point == 0]

    @property
    def replications(self) -> int:
        """Paired replications."""
        return len(self._replications)

    @property
    def complete(self) -> bool:
        """False when the comparison was interrupted (it keeps the complete pairs)."""
        return self._core.complete

    @cached_property
    def values(self) -> np.ndarray:
        """KPIs as a read-only float64 array variants x replications x kpis (a view of
        the C++ buffer: no copy)."""
        return self._core.values.reshape(len(self.labels), self.replications, len(self.kpi_names))

    @cached_property
    def kpis(self) -> pd.DataFrame:
        """One row per (variant, replication), a column per KPI."""
        v = self.values
        index = pd.MultiIndex.from_product([self.labels, self._replications], names=["variant", "replication"])
        return _frame(v.reshape(-1, v.shape[2]), index, self.kpi_names)

    def by_subregion(self, summary: bool = False, difference: bool = False) -> pd.DataFrame:
        """The per-sub-region KPIs as a tidy table (see ``Results.by_subregion``):
        one row per (variant, replication, subregion, kpi) with its ``value``;
        ``summary=True``: per (variant, subregion, kpi) the ``mean`` and ``ci95``
        of ``summary``; ``difference=True``: the same of ``difference`` (paired,
        variant - first, every variant after the first)."""
        if summary and difference:
            raise ValueError("by_subregion takes summary or difference, not both")
        if summary or difference:
            table = self.summary if summary else self.difference
            variants = list(dict.fromkeys(table.columns.get_level_values("variant")))
            frame = pd.concat({v: table[v] for v in variants}, names=["variant"]).reset_index()
            frame.columns.name = None
            return _tidy_subregions(self.kpi_names, frame, ["variant"], ["mean", "ci95"])
        frame = self.kpis.reset_index().melt(id_vars=["variant", "replication"], var_name="kpi", value_name="value")
        return _tidy_subregions(self.kpi_names, frame, ["variant", "replication"], ["value"])

    def save(self, path: PathLike) -> None:
        """Writes a zccsim results file (HDF5, as ``zccsim compare --out``), atomically;
        ``zccsim.read`` gives it back with one point per variant."""
        self._core.save(os.fspath(path))

    def _tables(
        self, stats: tuple[np.ndarray, np.ndarray, np.ndarray], first: int
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(mean and ci95 with columns (variant, stat), n with columns variant), index kpi."""
        mean, ci95, n = stats
        index = pd.Index(self.kpi_names, name="kpi")
        data = {}
        for v in range(first, len(self.labels)):
            data[(self.labels[v], "mean")] = mean[v]
            data[(self.labels[v], "ci95")] = ci95[v]
        df = pd.DataFrame(data, index=index)
        df.columns.names = ["variant", "stat"]
        counts = pd.DataFrame({self.labels[v]: n[v] for v in range(first, len(self.labels))}, index=index)
        counts.columns.name = "variant"
        return df, counts

    @cached_property
    def _means(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self._tables(self._core.summary(), 0)

    @cached_property
    def _differences(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self._tables(self._core.differences(), 1)

    @property
    def summary(self) -> pd.DataFrame:
        """Per KPI (index ``kpi``): each variant's mean and ci95 (columns (variant, stat))."""
        return self._means[0]

    @property
    def summary_n(self) -> pd.DataFrame:
        """Per KPI (index ``kpi``) and variant (columns): the replications with a value
        (not NaN) that ``summary`` is over."""
        return self._means[1]

    @property
    def difference(self) -> pd.DataFrame:
        """Per KPI: the paired difference variant - first (mean, ci95) of every other variant."""
        return self._differences[0]

    @property
    def difference_n(self) -> pd.DataFrame:
        """Per KPI (index ``kpi``) and variant after the first (columns): the paired
        replications (both values not NaN) that ``difference`` is over."""
        return self._differences[1]

    def budget(self, kpi: str = "cost_total_meur_per_year") -> pd.DataFrame:
        """The multi-year budget view of every variant whose scenario has a
        ``budget:`` section, against the first variant (the arithmetic is the
        C++ one of ``zccsim compare --json``, scenarios/README.md "Budget").

        One row per (variant, year): ``ramp_up``, ``saving`` (first - variant
        of ``kpi`` x ramp-up, M€; positive when the variant costs less),
        ``saving_ci95``, ``one_off``, ``net`` (saving - one_off),
        ``cumulative``, ``discount_factor`` (1 / (1 + rate)^(year - 1)) and
        ``discounted``. ``attrs["npv"]`` maps each variant to (net present
        value, its 95 % half-width); ``budget_npv`` gives them as a table.
        Empty when no variant has a budget section."""
        views = json.loads(_core.budget_json(self._core, kpi))
        cols = ["ramp_up", "saving", "saving_ci95", "one_off", "net", "cumulative", "discount_factor", "discounted"]
        rows = [(label, y) for label, v in views.items() for y in v["years"]]
        index = pd.MultiIndex.from_tuples([(label, y["year"]) for label, y in rows], names=["variant", "year"])
        df = pd.DataFrame([[y[c] for c in cols] for _, y in rows], index=index, columns=cols, dtype=float)
        df.attrs["npv"] = {label: (v["npv"]["mean"], v["npv"]["ci95"]) for label, v in views.items()}
        df.attrs["kpi"] = kpi
        return df

    def budget_npv(self, kpi: str = "cost_total_meur_per_year") -> pd.DataFrame:
        """Per variant with a budget section (index ``variant``): ``npv`` and its
        ``ci95`` (M€), the sum of ``budget(kpi)["discounted"]``."""
        npv = self.budget(kpi).attrs["npv"]
        df = pd.DataFrame([list(v) for v in npv.values()], index=pd.Index(list(npv), name="variant"),
                          columns=["npv", "ci95"], dtype=float)
        return df

    def __repr__(self) -> str:
        return f"<zccsim.Comparison {self.labels}: {self.replications} paired replications>"


def compare(
    scenarios: Sequence[Union[Scenario, PathLike]],
    replications: int = 10,
    seed: int = 1,
    threads: int = 0,
    labels: Optional[Sequence[str]] = None,
    progress: Optional[Progress] = None,
) -> Comparison:
    """Paired comparison with common random numbers: every variant runs the same
    replications with the same seed. Scenarios may be given as paths. Labels
    default to the file stems (made unique)."""
    core = [_as_scenario(s)._core for s in scenarios]
    return Comparison(_core.compare(core, list(labels or []), seed, replications, threads, progress))


# ---- sweeps --------------------------------------------------------------------------


def _point(settings: Mapping[str, Any], label: Optional[str]) -> tuple[str, list[tuple[str, str]]]:
    # no label: the C++ side makes "path=value, ...", as for an experiment file's point
    return label or "", [(k, to_yaml(v)) for k, v in settings.items()]


def sweep(
    base: Union[Scenario, PathLike],
    grid: Optional[Mapping[str, Sequence[Any]]] = None,
    points: Optional[Sequence[Mapping[str, Any]]] = None,
    replications: int = 10,
    seed: int = 1,
    threads: int = 0,
    precision: Optional[Mapping[str, Any]] = None,
    progress: Optional[Progress] = None,
) -> SweepResults:
    """Runs every point of a grid and/or a list of points on ``base``.

    ``grid={path: [values]}`` gives the cartesian product in key order;
    ``points`` adds points, each ``{path: value}`` or ``{"label": ..., "set":
    {path: value}}`` (either key may be left out: ``{"label": "zcc"}`` is the
    base scenario, named); without either there is one point, "base". Labels
    default to ``"path=value, ..."``. Replication r of every point uses the same random
    streams (paired, as compare). ``precision={"kpis": [...], "relative":
    0.02, "absolute": 0.0, "max_replications": 200, "batch": 10}`` adds
    replications until the listed KPIs are precise enough.
    """
    spec = []
    if grid:
        keys = list(grid)
        for combo in itertools.product(*(grid[k] for k in keys)):
            spec.append(_point(dict(zip(keys, combo)), None))
    for p in points or []:
        if "set" in p or "label" in p:  # {"label": ..., "set": {...}}; a label alone names the base
            spec.append(_point(p.get("set", {}), p.get("label")))
        else:
            spec.append(_point(p, None))
    prec = _core.Precision(**precision) if precision is not None else None
    data = _core.sweep(_as_scenario(base)._core, spec, replications, seed, threads, prec, progress)
    return SweepResults(data)


def sweep_file(path: PathLike, threads: int = 0, progress: Optional[Progress] = None) -> SweepResults:
    """Runs an experiment file (as ``zccsim sweep EXP.yaml``; format in study/sweep.hpp)."""
    return SweepResults(_core.sweep_file(os.fspath(path), threads, progress))


# ---- decisions under uncertainty -----------------------------------------------------


class Uncertainty:
    """An uncertainty experiment's results and analysis (``zccsim.uncertainty``):
    every variant at every sample of the uncertain parameters, paired by
    replication; per KPI the distribution over samples, the paired difference
    to the first variant, the probability of better and the sensitivity
    indices (study/uncertainty.hpp)."""

    def __init__(self, results: SweepResults) -> None:
        self.results = results
        a = _core.uncertainty_analysis(results._data)
        self.json: dict[str, Any] = json.loads(a["json"])
        self.variants: list[str] = list(a["variants"])
        self.parameters: list[str] = list(a["parameters"])
        self._values = a["values"]
        self._unit = a["unit"]

    @property
    def method(self) -> str:
        """The design: "morris", "sobol" (Saltelli) or "lhs"."""
        return str(self.json["method"])

    @cached_property
    def samples(self) -> pd.DataFrame:
        """Per sample (index ``sample``): a column per parameter with its value (the dummy last)."""
        index = pd.RangeIndex(len(self._values), name="sample")
        return pd.DataFrame(self._values, columns=self.parameters, index=index)

    @cached_property
    def unit(self) -> pd.DataFrame:
        """Per sample: its point in the unit cube, a column per parameter."""
        return pd.DataFrame(self._unit, columns=self.parameters, index=pd.RangeIndex(len(self._unit), name="sample"))

    @cached_property
    def rows(self) -> pd.DataFrame:
        """Every replication: index (sample, variant, replication), a column per KPI."""
        k = self.results.kpis
        point = k.index.get_level_values("point").to_numpy()
        v = len(self.variants)
        index = pd.MultiIndex.from_arrays(
            [point // v, [self.variants[i] for i in point % v], k.index.get_level_values("replication")],
            names=["sample", "variant", "replication"],
        )
        return k.set_axis(index)

    @cached_property
    def summary(self) -> pd.DataFrame:
        """Per (kpi, variant): the median and 5-95 % band over samples of the value and of the paired
        difference to the first variant, P(better), the simulation noise (mean 95 % half-width over
        replications) and the spread over samples (half the 5-95 % band)."""
        rows = []
        for kpi, entry in self.json["kpis"].items():
            for variant, r in entry["variants"].items():
                d = r.get("difference", {"median": 0.0, "q05": 0.0, "q95": 0.0})
                rows.append({
                    "kpi": kpi, "variant": variant, "better": entry["better"],
                    "median": r["value"]["median"], "q05": r["value"]["q05"], "q95": r["value"]["q95"],
                    "difference_median": d["median"], "difference_q05": d["q05"], "difference_q95": d["q95"],
                    "p_better": r.get("p_better", math.nan),
                    "noise": r["noise"], "spread": r["spread"],
                })
        return pd.DataFrame(rows).set_index(["kpi", "variant"])

    @cached_property
    def sensitivity(self) -> pd.DataFrame:
        """Per (kpi, variant, parameter): the sensitivity of the variant's paired difference (of the
        first variant: of its value). Morris: mu_star with its 95 % bootstrap interval (low, high),
        mu, sigma; Sobol': first and total with their intervals. Empty for a Latin hypercube."""
        rows = []
        for kpi, entry in self.json["kpis"].items():
            for variant, r in entry["variants"].items():
                for param, x in r.get("sensitivity", {}).items():
                    row = {"kpi": kpi, "variant": variant, "parameter": param}
                    for name in ("mu_star", "first", "total"):
                        if name in x:
                            row[name] = x[name]["estimate"]
                            row[name + "_low"] = x[name]["low"]
                            row[name + "_high"] = x[name]["high"]
                    for name in ("mu", "sigma"):
                        if name in x:
                            row[name] = x[name]
                    rows.append(row)
        if not rows:
            return pd.DataFrame(columns=["kpi", "variant", "parameter"]).set_index(["kpi", "variant", "parameter"])
        return pd.DataFrame(rows).set_index(["kpi", "variant", "parameter"])

    def __repr__(self) -> str:
        return (f"<zccsim.Uncertainty: {self.method}, {len(self.samples)} samples x {len(self.variants)} variants, "
                f"{len(self.parameters)} parameters>")


def uncertainty(path: PathLike, threads: int = 0, progress: Optional[Progress] = None) -> Uncertainty:
    """An uncertainty experiment (``zccsim uncertainty``): ``path`` is an experiment file (run here,
    format in study/uncertainty.hpp) or the ``.h5`` results file of an earlier run. Returns an
    Uncertainty with DataFrames ``samples``, ``rows``, ``summary`` and ``sensitivity``."""
    path = os.fspath(path)
    if path.endswith(".h5"):
        return Uncertainty(read(path))
    return Uncertainty(SweepResults(_core.uncertainty_file(path, threads, progress)))



class Staffing:
    """The result of :func:`staff` (``zccsim staff``): DataFrames ``hours`` (per node and hour of
    the week: arrival rate, staff shipped / stationary Erlang C / required / rostered, service
    level before and after with 95 % half-widths, on fresh replications), ``shifts`` and
    ``summary`` (per node: paid hours per week and cost per year before and after); ``iterations``,
    ``converged``, ``cycle``, ``changed_hours``; ``json`` (as ``--out``) and ``variant_yaml`` (as
    ``--variant``)."""

    def __init__(self, out: Mapping[str, Any]) -> None:
        self.json: str = out["json"]
        self.variant_yaml: str = out["variant"]
        d = json.loads(self.json)
        self.iterations: int = d["iterations"]
        self.converged: bool = d["converged"]
        self.cycle: int = d["cycle"]
        self.changed_hours: list[int] = d["changed_hours"]
        self.model: str = d.get("model", "network")
        #: paid hours per week and cost per year over the lines (each once), before and after
        self.paid_hours: dict[str, int] = d["paid_hours_per_week"]
        self.cost_per_year: dict[str, float] = d.get("cost_per_year", {})
        hours, shifts, summary = [], [], []
        for n in d["nodes"]:
            for i, h in enumerate(n["hours"]):
                hours.append(
                    {
                        "node": n["node"],
                        "calls": n.get("calls", ""),
                        "hour_of_week": i,
                        "hour": h["hour"],
                        "lambda": h["lambda"],
                        "shipped": h["shipped"],
                        "stationary": h["stationary"],
                        "required": h["required"],
                        "rostered": h["rostered"],
                        "sl_before": _nan(h["before"]["mean"]),
                        "sl_before_ci95": _nan(h["before"]["ci95"]),
                        "sl_after": _nan(h["after"]["mean"]),
                        "sl_after_ci95": _nan(h["after"]["ci95"]),
                    }
                )
            for sh in n["shifts"]:
                shifts.append({"node": n["node"], **sh})
            cost = n.get("cost_per_year", {})
            summary.append(
                {
                    "node": n["node"],
                    "calls": n.get("calls", ""),
                    "within": n["within"],
                    "share": n["share"],
                    "paid_hours_before": n["paid_hours_per_week"]["before"],
                    "paid_hours_required": n["paid_hours_per_week"]["required"],
                    "paid_hours_after": n["paid_hours_per_week"]["after"],
                    "cost_per_year_before": cost.get("before", math.nan),
                    "cost_per_year_after": cost.get("after", math.nan),
                    "shifts_optimal": n["shifts_optimal"],
                }
            )
        self.hours = pd.DataFrame(hours)
        self.shifts = pd.DataFrame(shifts, columns=["node", "day", "start", "length", "count"])
        self.summary = pd.DataFrame(summary).set_index("node")

    def write_variant(self, path: PathLike) -> None:
        """Writes ``variant_yaml`` (its ``extends:`` is relative to the ``variant_path`` given to staff)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.variant_yaml)

    def __repr__(self) -> str:
        state = "converged" if self.converged else f"cycle of {self.cycle}" if self.cycle > 1 else "not converged"
        return f"<Staffing {list(self.summary.index)}: {self.iterations} iterations, {state}>"


def _nan(v: Optional[float]) -> float:
    return math.nan if v is None else float(v)


def staff(
    scenario: Union[Scenario, PathLike],
    targets: Optional[Mapping[str, Any]] = None,
    replications: int = 10,
    verify: int = 20,
    max_iterations: int = 30,
    seed: int = 1,
    threads: int = 0,
    variant_path: PathLike = "staffed.yaml",
    progress: Optional[Progress] = None,
) -> Staffing:
    """The least staff per hour of the week meeting service-level targets and the cheapest shifts
    covering it (``zccsim staff``): the nodes of a network scenario, the phone lines of an acute one
    (``"line/midden/gp"``, ``"zcc/midden/gp"``, ``"dispatch/midden"``). ``targets``:
    ``{node: (within, share)}``; on an acute line also ``(within, share, calls)`` with calls
    ``"all"``, ``"urgent"`` or ``"non_urgent"``, or a list of such tuples (several targets on one
    line); they replace the scenario's ``targets:`` section. Returns a :class:`Staffing`."""
    sc = _as_scenario(scenario)
    t = None
    if targets is not None:
        t = []
        for node, v in targets.items():
            for x in v if isinstance(v, list) else [v]:
                w, p, *calls = x
                t.append((node, float(w), float(p), str(calls[0]) if calls else ""))
    return Staffing(
        _core.staff(sc._core, t, replications, verify, max_iterations, seed, threads, os.fspath(variant_path), progress)
    )
