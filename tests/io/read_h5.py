# SPDX-License-Identifier: MIT
"""Checks the layout of a zccsim results file from h5py (format zccsim-results-2,
documented in io/results_h5.hpp). The file is the sample written by
tests/io/test_results_h5.cpp ("write the sample file"): keep the two in step."""
import hashlib
import math
import sys

from results_file import USER_BLOCK, h5py, np, user_block_text  # exits 77 without h5py


def check_user_block(path):
    """The first 512 bytes: the format line, the SHA-256 of every later byte, NUL padding."""
    with open(path, "rb") as f:
        data = f.read()
    block, rest = data[:USER_BLOCK], data[USER_BLOCK:]
    assert rest[:8] == b"\x89HDF\r\n\x1a\n", "HDF5 does not start at byte 512"
    text = block.rstrip(b"\0").decode("ascii")
    assert text == user_block_text(rest), text
    assert block[len(text):] == b"\0" * (USER_BLOCK - len(text))


def main(path):
    check_user_block(path)
    with h5py.File(path, "r") as f:
        assert f.userblock_size == 512, f.userblock_size
        a = f.attrs
        assert a["format"] == "zccsim-results-2", a["format"]
        assert a["model"] == "acute"
        assert a["version"] == "0.1.0-test"
        assert a["seed"].dtype == np.uint64 and int(a["seed"]) == 0xFEDCBA9876543210
        assert int(a["complete"]) == 0
        assert a["shard"] == ""
        text = f["scenario/text"].asstr()[()]
        assert "näher" in text
        assert a["scenario_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert f["scenario/path"].asstr()[()] == "scenarios/acute/zeist.yaml"

        names = list(f["kpis/names"].asstr()[:])
        assert names == ["wait_mean_min", "util_gp", "served"], names
        v = f["kpis/values"]
        assert v.dtype == np.float64 and v.shape == (3, 3), (v.dtype, v.shape)
        assert v.compression == "gzip" and v.maxshape == (None, 3)
        values = v[:]
        assert values[0].tolist() == [1.5, 0.25, 100.0]
        assert math.isnan(values[1, 0]) and math.copysign(1, values[1, 1]) < 0
        assert values[2, 0] == math.inf and values[2, 1] == -math.inf
        rep = f["kpis/replication"]
        assert rep.dtype == np.uint64 and rep[:].tolist() == [0, 1, 7]

        h = f["hourly"]
        assert int(h.attrs["replication"]) == 0
        # Creation order is tracked: h5py lists the groups in the writer's order.
        assert list(h) == ["zcc__zeist__gp", "ed__umcu", "a_station"], list(h)
        g = h["zcc__zeist__gp"]
        assert g.attrs["resource"] == "zcc/zeist/gp" and g.attrs["kind"] == "triage_line"
        assert int(g.attrs["index"]) == 0 and int(h["a_station"].attrs["index"]) == 2
        for s in ("busy", "on_duty", "queue"):
            assert g[s].dtype == np.float32 and g[s].shape == (3,), (s, g[s].dtype, g[s].shape)
            assert h["a_station"][s].shape == (0,)
        assert g["busy"][:].tolist() == [1.0, 2.5, 0.0]

        ev = f["events"]
        assert ev.shape == (3,) and ev.maxshape == (None,)
        want = np.dtype([("time", "<f8"), ("patient", "<u4"), ("event", "u1"),
                         ("detail", "u1"), ("place", "<u2")])
        assert ev.dtype == want, ev.dtype
        e = ev[:]
        event_names = f["events_meta/event_names"].asstr()[:]
        assert [event_names[i] for i in e["event"]] == ["arrival", "line_join", "end"]
        assert e["patient"].tolist() == [0, 0, 4000000000] and e["place"][2] == 65535
        assert e["time"].tolist() == [0.0, 1.25, 2.5]
        assert list(f["events_meta/site_names"].asstr()[:]) == ["umcu", "zeist"]
        assert f["events_meta/area_names"].shape == (4,)
        assert f["events_meta/response_names"].shape == (3,)
        # a plain run: every row belongs to the one point "run"
        assert f["kpis/point"].dtype == np.uint32 and f["kpis/point"][:].tolist() == [0, 0, 0]
        assert list(f["points/labels"].asstr()[:]) == ["run"]
        assert list(f["points/settings"].asstr()[:]) == ["{}"]
        assert f["experiment/text"].asstr()[()] == ""
        assert set(f) == {"scenario", "kpis", "points", "experiment", "hourly", "events", "events_meta"}, set(f)
    print(f"ok: {path}")


if __name__ == "__main__":
    main(sys.argv[1])
