#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""An ambulance ride's time from the call to the delivery at the ED, beside RIVM's published figure.

RIVM ("Tijdsduren in de ambulancezorg", 2010: the urgent rides of 2009) gives the mean time from
the 112 call to the delivery at the hospital as "ruim 41 minuten": about 10 to the scene, 20 on
scene, then the transport. This script runs one replication of SCENARIO with the event log and
pairs, per patient, the arrival (the call), the ambulance on scene and the arrival at the ED
(which the model logs at the end of the handover, so the handover's mean is subtracted to give the
delivery). Rides to the ED only: a direct admission past the ED logs no ED arrival. It prints per
stream and ride class (0 A1, 1 A2, 2 B) the rides and the mean minutes call -> scene,
call -> delivery and scene -> delivery, and the 112 calls' A1 and A1 + A2 lines.

Needs the Python bindings (PYTHONPATH=build/release/python).
Run: PYTHONPATH=build/release/python /usr/bin/python3 scripts/ride_times.py SCENARIO [DAYS] [SEED]
  (DAYS: horizon_days, default the scenario's; SEED default 1)
"""
import sys

import pandas as pd

import zccsim


def rides(events):
    """One row per ride to the ED: (stream, class, call -> scene, call -> ED arrival)."""
    events = events.sort_values(["patient", "time"], kind="stable")
    current, out = {}, []
    for patient, event, time, detail in zip(events.patient.values, events.event.values, events.time.values,
                                            events.detail.values):
        if event == "arrival":  # a new patient on this id (ids are reused), or a re-contact
            current[patient] = [time, detail, None, None]
        elif event == "ambulance_on_scene" and patient in current:
            current[patient][2:] = [time, detail]
        elif event == "ed_arrival" and patient in current and current[patient][2] is not None:
            call, stream, scene, ride_class = current[patient]
            out.append((stream, ride_class, scene - call, time - call))
            current[patient][2] = None
        elif event in ("end", "gave_up"):
            current.pop(patient, None)
    return pd.DataFrame(out, columns=["stream", "ride_class", "call_scene", "call_ed"])


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.exit(__doc__)
    scenario = zccsim.Scenario.from_file(argv[1])
    if len(argv) > 2:
        scenario = scenario.replace(horizon_days=int(argv[2]))
    seed = int(argv[3]) if len(argv) > 3 else 1
    handover = scenario["ambulance.handover"]["mean"]
    d = rides(scenario.run(replications=1, seed=seed, event_log=True).events)
    d["call_delivery"] = d.call_ed - handover
    d["scene_delivery"] = d.call_delivery - d.call_scene
    streams = list(zccsim._core.stream_names)  # the arrival's detail: the stream's index
    d["stream"] = [streams[int(s)] for s in d.stream]
    table = d.groupby(["stream", "ride_class"]).agg(rides=("call_ed", "size"), call_scene=("call_scene", "mean"),
                                                    call_delivery=("call_delivery", "mean"),
                                                    scene_delivery=("scene_delivery", "mean"))
    print("%s, seed %d, handover mean %g min subtracted (minutes):" % (argv[1], seed, handover))
    print(table.round(1).to_string())
    calls = d[d.stream == "calls_112"]
    for label, rows in (("A1", calls[calls.ride_class == 0]), ("A1 + A2", calls[calls.ride_class <= 1])):
        print("112 calls, %s: %d rides, call -> scene %.1f, call -> delivery %.1f (RIVM 2009: ruim 41)"
              % (label, len(rows), rows.call_scene.mean(), rows.call_delivery.mean()))


if __name__ == "__main__":
    main(sys.argv)
