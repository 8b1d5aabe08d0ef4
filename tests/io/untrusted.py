# SPDX-License-Identifier: MIT
"""The results reader treats a file as untrusted even behind its checksum:
files that are structurally wrong but carry a correct SHA-256 in their user
block (edited with h5py, the digest recomputed with hashlib) must be refused
by `zccsim merge` with the file's name and the reason, exit status 1, no
signal. A control (the file re-sealed unedited) must be accepted.

  untrusted.py ZCCSIM SCENARIO
"""
import os
import subprocess
import sys
import tempfile

from results_file import USER_BLOCK, h5py, np, user_block  # exits 77 without h5py


def seal(path):
    """Rewrites the user block: the format line, the SHA-256 of bytes 512.., NUL padding."""
    with open(path, "r+b") as f:
        data = f.read()
        f.seek(0)
        f.write(user_block(data[USER_BLOCK:]))


def replace(group, name, data, **kw):
    del group[name]
    group.create_dataset(name, data=data, **kw)


utf8 = h5py.string_dtype("utf-8")


def wrong_rank(f):
    replace(f["kpis"], "replication", np.zeros((2, 2), dtype=np.uint64))


def fewer_points(f):
    replace(f["kpis"], "point", np.zeros(1, dtype=np.uint32), maxshape=(None,), chunks=(16,))


def point_out_of_range(f):
    f["kpis/point"][0] = 7


def huge_dims(f):  # a table of 10^9 rows that stores nothing: no memory is taken for it
    n = f["kpis/names"].shape[0]
    del f["kpis/values"]
    f["kpis"].create_dataset("values", shape=(10**9, n), maxshape=(None, n), chunks=(1024, n), dtype="f8",
                             compression="gzip")


def huge_string(f):
    replace(f["scenario"], "path", "x" * (65 << 20), dtype=utf8)


def invalid_utf8_label(f):
    replace(f["points"], "labels", np.array([b"r\xffn"], dtype=object), dtype=utf8)


def invalid_utf8_attribute(f):
    tid = h5py.h5t.C_S1.copy()
    tid.set_size(h5py.h5t.VARIABLE)
    tid.set_cset(h5py.h5t.CSET_UTF8)
    f.attrs.create("version", np.array(b"0.3\xc3(", dtype=object), dtype=h5py.Datatype(tid))


def duplicate_kpi_names(f):
    names = [s for s in f["kpis/names"].asstr()[:]]
    names[1] = names[0]
    replace(f["kpis"], "names", np.array(names, dtype=object), dtype=utf8)


def text_values(f):
    n = f["kpis/names"].shape[0]
    rows = f["kpis/values"].shape[0]
    replace(f["kpis"], "values", np.array([["1"] * n] * rows, dtype=object), dtype=utf8)


def conservation_not_rows_by_3(f):
    replace(f["kpis"], "conservation", np.zeros((f["kpis/replication"].shape[0], 2), dtype=np.uint64))


CASES = [
    (wrong_rank, "kpis/replication is not 1-D"),
    (fewer_points, "kpis/point has not one entry per row"),
    (point_out_of_range, "has point 7 of 1"),
    (huge_dims, "more than the file can hold"),
    (huge_string, "scenario/path is longer than"),
    (invalid_utf8_label, "points/labels is not valid UTF-8"),
    (invalid_utf8_attribute, "attribute version is not valid UTF-8"),
    (duplicate_kpi_names, "kpis/names holds"),
    (text_values, "kpis/values is not floating point"),
    (conservation_not_rows_by_3, "kpis/conservation is not rows x 3"),
]


def merge(zccsim, work, path):
    p = subprocess.run([zccsim, "merge", path, "-o", os.path.join(work, "out.h5"), "--quiet"], capture_output=True,
                       text=True, errors="replace", timeout=120)
    return p.returncode, p.stderr.strip()


def main(zccsim, scenario):
    fails = 0
    with tempfile.TemporaryDirectory() as work:
        good = os.path.join(work, "good.h5")
        subprocess.run([zccsim, "run", scenario, "--replications", "2", "--out", good, "--quiet"], check=True)
        good_bytes = open(good, "rb").read()
        control = os.path.join(work, "control.h5")
        with open(control, "wb") as f:
            f.write(good_bytes)
        with h5py.File(control, "r+"):
            pass
        seal(control)
        status, err = merge(zccsim, work, control)
        if status != 0:
            print(f"FAIL: control (re-sealed, unedited) refused: {err}")
            fails += 1
        for edit, phrase in CASES:
            path = os.path.join(work, edit.__name__ + ".h5")
            with open(path, "wb") as f:
                f.write(good_bytes)
            with h5py.File(path, "r+") as h:
                edit(h)
            seal(path)
            status, err = merge(zccsim, work, path)
            ok = status == 1 and path in err and phrase in err
            print(f"{'ok' if ok else 'FAIL'}: {edit.__name__}: exit {status}: {err[-300:]}")
            fails += not ok
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
