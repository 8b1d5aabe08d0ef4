# SPDX-License-Identifier: MIT
"""Scenario.run: shapes and columns, determinism, zero-copy values, the GIL
released (two runs in two Python threads), progress and Ctrl-C."""
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

import zccsim


def test_acute_run_shapes(small_region):
    r = small_region.run(replications=3, seed=2, threads=2, hourly=True, event_log=True)
    names = small_region.kpi_names
    assert r.replications == 3 and r.seed == 2 and r.scenario is small_region
    assert r.kpis.shape == (3, len(names))
    assert list(r.kpis.columns) == names and r.kpis.index.name == "replication"
    assert list(r.kpis.index) == [0, 1, 2]
    assert r.values.shape == (3, len(names)) and r.values.dtype == np.float64
    assert r.simulated_events > 0

    s = r.summary
    assert list(s.index) == names and s.index.name == "kpi" and list(s.columns) == ["mean", "ci95", "n"]
    # mean over the replications with a value, as the CLI
    pd.testing.assert_series_equal(s["mean"], r.kpis.mean(), check_names=False, rtol=1e-12)
    assert (s["n"] == r.kpis.count()).all()

    h = r.hourly
    assert list(h.columns) == ["hour", "resource", "kind", "busy", "on_duty", "queue"]
    hours = (small_region["warmup_days"] + small_region["horizon_days"]) * 24  # from time 0
    assert len(h) == hours * h["resource"].nunique()
    assert h.groupby("resource", observed=True)["hour"].agg(["min", "max"]).eq([0, hours - 1]).all().all()
    assert {"triage_line", "ed", "station"} <= set(h["kind"].cat.categories)
    assert (h["busy"] <= h["on_duty"] + 1e-4).all() and (h["queue"] >= 0).all()

    ev = r.events
    assert list(ev.columns) == ["time", "patient", "event", "detail", "place"]
    assert len(ev) > 1000 and ev["time"].is_monotonic_increasing
    assert set(ev["event"].cat.categories) == set(zccsim.log_event_names)
    assert {"arrival", "end"} <= set(ev["event"].unique())
    assert r.log_names["site"][0] == "ed_centre" and r.log_names["area"] == ["north", "centre", "south"]

    c = r.conservation
    assert list(c.columns) == ["created", "ended", "in_system"] and list(c.index) == [0, 1, 2]
    assert (c["created"] == c["ended"] + c["in_system"]).all()
    assert (c["in_system"] == r.kpis["patients_in_system_at_end"]).all()


def test_network_run_and_details(short_mmc):
    r = short_mmc.run(2)
    assert r.hourly is None and r.events is None
    c = r.conservation  # customers: every one created ended or is still there
    assert (c["created"] == c["ended"] + c["in_system"]).all() and (c["created"] > 1000).all()
    assert list(r.kpis.columns) == short_mmc.kpi_names
    with pytest.raises(ValueError, match="need a model: acute"):
        short_mmc.run(1, hourly=True)


def test_same_seed_same_results_for_any_thread_count(small_region):
    a = small_region.run(4, seed=7, threads=1)
    b = small_region.run(4, seed=7, threads=2)
    c = small_region.run(4, seed=7, threads=0)
    pd.testing.assert_frame_equal(a.kpis, b.kpis)
    pd.testing.assert_frame_equal(a.kpis, c.kpis)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert not small_region.run(4, seed=8).kpis.equals(a.kpis)


def test_details_do_not_change_the_kpis(small_region):
    plain = small_region.run(2, seed=3)
    detailed = small_region.run(2, seed=3, hourly=True, event_log=True)
    pd.testing.assert_frame_equal(plain.kpis, detailed.kpis)
    pd.testing.assert_frame_equal(plain.conservation, detailed.conservation)


def test_values_are_a_read_only_view_without_copy(small_region):
    r = small_region.run(2, event_log=True)
    v1, v2 = r.values, r.values
    assert np.shares_memory(v1, v2)  # two views of the one C++ buffer
    assert not v1.flags.owndata and not v1.flags.writeable and v1.base is not None
    with pytest.raises(ValueError):
        v1[0, 0] = 1.0
    # the view outlives the Results object
    del r
    assert np.isfinite(v1[:, 0]).all()
    # the DataFrame is the caller's own copy
    r = small_region.run(2)
    df = r.kpis
    assert not np.shares_memory(df.to_numpy(), r.values)
    df.iloc[0, 0] = -1.0
    assert r.values[0, 0] != -1.0
    log1, log2 = r._data.log, small_region.run(1, event_log=True)._data.log
    assert log1 is None and not log2.flags.owndata and log2.dtype.names == ("time", "patient", "event", "detail", "place")


def test_progress_is_called_for_every_replication(small_region):
    calls = []
    small_region.run(5, threads=2, progress=lambda done, total, events: calls.append((done, total, events)))
    assert [c[0] for c in calls] == [1, 2, 3, 4, 5]
    assert all(c[1] == 5 for c in calls)
    assert all(a[2] < b[2] for a, b in zip(calls, calls[1:]))
    with pytest.raises(TypeError):
        small_region.run(1, progress=3)


def test_an_exception_in_progress_stops_the_run(small_region):
    calls = []

    def progress(done, total, events):
        calls.append(done)
        raise ZeroDivisionError("from progress")

    with pytest.raises(ZeroDivisionError, match="from progress"):
        small_region.run(20, threads=1, progress=progress)
    assert calls == [1]  # no further calls once stopped
    assert small_region.run(1).replications == 1  # still usable


def test_two_python_threads_run_at_once(small_region, short_mmc):
    """Runs release the GIL: two Python threads run at once, with progress
    callbacks (which take the GIL from the worker threads), and get exactly
    the results of sequential runs."""
    sequential = [small_region.run(6, seed=3, threads=1).kpis, short_mmc.run(3, seed=4, threads=1).kpis]
    results, calls, errors = [None, None], [[], []], []

    def work(i, scenario, reps, seed):
        try:
            results[i] = scenario.run(reps, seed=seed, threads=1, progress=lambda *a: calls[i].append(a)).kpis
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [
        threading.Thread(target=work, args=(0, small_region, 6, 3)),
        threading.Thread(target=work, args=(1, short_mmc, 3, 4)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads) and errors == []
    pd.testing.assert_frame_equal(results[0], sequential[0])
    pd.testing.assert_frame_equal(results[1], sequential[1])
    assert len(calls[0]) == 6 and len(calls[1]) == 3


def test_ctrl_c_stops_the_run(small_region):
    """SIGINT during a run: no new replications start, KeyboardInterrupt is raised."""
    calls = []

    def progress(done, total, events):
        calls.append(done)
        if done == 1:
            signal.raise_signal(signal.SIGINT)  # handled by the main thread's wait loop
        time.sleep(0.05)  # generous time for the main thread to see it

    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupted = False
    try:
        small_region.run(40, threads=1, progress=progress)
        time.sleep(0.01)  # a pending signal is handled here at the latest
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGINT, old)
    assert interrupted
    assert len(calls) < 40
