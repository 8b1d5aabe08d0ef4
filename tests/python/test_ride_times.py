# SPDX-License-Identifier: MIT
"""scripts/ride_times.py: a ride's call -> scene -> ED arrival read from the event log."""
import importlib.util
import subprocess
import sys

import pandas as pd

from conftest import SMALL_REGION, SOURCE_DIR

spec = importlib.util.spec_from_file_location("ride_times", SOURCE_DIR / "scripts" / "ride_times.py")
ride_times = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ride_times)


def test_pairs_each_patients_call_scene_and_ed_arrival():
    # patient 7: a 112 call (stream 1) at 100, on scene at 110 (A1), at the ED at 150; its id is then
    # reused by a patient without a ride (no row); patient 8: on scene but no transport (no row)
    events = pd.DataFrame(
        [(100.0, 7, "arrival", 1), (110.0, 7, "ambulance_on_scene", 0), (150.0, 7, "ed_arrival", 0),
         (160.0, 7, "end", 0), (200.0, 7, "arrival", 0), (230.0, 7, "ed_arrival", 0),
         (105.0, 8, "arrival", 1), (120.0, 8, "ambulance_on_scene", 1), (140.0, 8, "end", 0)],
        columns=["time", "patient", "event", "detail"])
    rows = ride_times.rides(events)
    assert rows.values.tolist() == [[1, 0, 10.0, 50.0]]


def test_runs_on_a_scenario(zccsim_exe):
    env = {"PYTHONPATH": ":".join(sys.path)}
    proc = subprocess.run([sys.executable, str(SOURCE_DIR / "scripts" / "ride_times.py"), str(SMALL_REGION), "14"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "112 calls, A1:" in proc.stdout and "call -> delivery" in proc.stdout
