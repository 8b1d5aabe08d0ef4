# SPDX-License-Identifier: MIT
"""same_h5.py A.h5 B.h5: exit 0 when two zccsim results files hold the same
things: every attribute and every dataset (numbers compared as raw bytes, so
KPIs must match bit for bit, NaN included). Prints the first difference and
exits 1 otherwise; exits 77 (skipped) when h5py is missing."""
import sys

try:
    import h5py
    import numpy as np
except ImportError as e:  # ctest: SKIP_RETURN_CODE 77
    print(f"skipped: {e} (run with /usr/bin/python3; apt-get install python3-h5py)")
    sys.exit(77)


def same_value(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        if a.dtype.kind == "O":
            return a.tolist() == b.tolist()
        return a.tobytes() == b.tobytes()
    if isinstance(a, (float, np.floating)) and isinstance(b, (float, np.floating)):
        return np.float64(a).tobytes() == np.float64(b).tobytes()
    return type(a) == type(b) and a == b


def compare(a, b, path, diffs):
    if set(a.attrs) != set(b.attrs):
        diffs.append(f"{path}: attributes {sorted(a.attrs)} vs {sorted(b.attrs)}")
    for k in sorted(set(a.attrs) & set(b.attrs)):
        if not same_value(a.attrs[k], b.attrs[k]):
            diffs.append(f"{path} attribute {k}: {a.attrs[k]!r} vs {b.attrs[k]!r}")
    if isinstance(a, h5py.Dataset):
        if a.dtype != b.dtype or a.shape != b.shape:
            diffs.append(f"{path}: {a.dtype}{a.shape} vs {b.dtype}{b.shape}")
        elif not same_value(a[()], b[()]):
            x, y = np.asarray(a[()]), np.asarray(b[()])
            where = ""
            if x.dtype.kind == "f" and x.shape:
                bad = np.argwhere(x.view(np.uint8).reshape(*x.shape, -1) != y.view(np.uint8).reshape(*y.shape, -1))
                if len(bad):
                    idx = tuple(bad[0][:-1])
                    where = f" first at {idx}: {x[idx]!r} vs {y[idx]!r}"
            diffs.append(f"{path}: values differ{where}")
        return
    if set(a) != set(b):
        diffs.append(f"{path}: members {sorted(a)} vs {sorted(b)}")
    for k in sorted(set(a) & set(b)):
        compare(a[k], b[k], f"{path.rstrip('/')}/{k}", diffs)


def main(p, q):
    diffs = []
    with h5py.File(p, "r") as a, h5py.File(q, "r") as b:
        compare(a, b, "/", diffs)
        rows = a["kpis/values"].shape[0] if "kpis/values" in a else 0
    if diffs:
        print(f"{p} and {q} differ:")
        for d in diffs[:20]:
            print("  " + d)
        return 1
    print(f"{p} == {q} ({rows} KPI rows, bit for bit)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
