# SPDX-License-Identifier: MIT
"""The type stubs (_core.pyi) name exactly what the compiled module defines,
with the same parameter names; everything compiled has a docstring; the
package files sit next to the module."""
import ast
import inspect
import pathlib
import re


import zccsim
from zccsim import _core

STUB = pathlib.Path(zccsim.__file__).with_name("_core.pyi")


def _stub():
    tree = ast.parse(STUB.read_text())
    names, classes, functions = set(), {}, {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
            functions[node.name] = node
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
            classes[node.name] = {n.name: n for n in node.body if isinstance(n, ast.FunctionDef)}
        elif isinstance(node, ast.AnnAssign):  # module attributes (type aliases are plain assignments)
            names.add(node.target.id)
    return names, classes, functions


def _public(obj):
    return {n for n in dir(obj) if not n.startswith("__")}


def _params(stub_fn):
    args = [a.arg for a in stub_fn.args.posonlyargs + stub_fn.args.args + stub_fn.args.kwonlyargs]
    return [a for a in args if a != "self"]


def _compiled_params(fn):
    # pybind11 docstrings start with the signature: "name(self: T, a: int = 1, ...) -> R"
    first = fn.__doc__.splitlines()[0]
    inside = first[first.index("(") + 1 : first.rindex(")")]
    depth, cur, parts = 0, "", []
    for ch in inside:
        depth += ch in "[(" and 1 or 0
        depth -= ch in "])" and 1 or 0
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    names = [re.match(r"\s*(\w+)", p).group(1) for p in parts]
    return [n for n in names if n != "self"]


def test_stub_names_match_the_module():
    names, classes, _ = _stub()
    compiled = {n for n in _public(_core) if not inspect.ismodule(getattr(_core, n))} | {"__version__"}
    assert compiled == set(names)
    for cls, members in classes.items():
        stub_members = {m for m in members if not m.startswith("__")}
        assert _public(getattr(_core, cls)) - {"_pybind11_conduit_v1_"} == stub_members, cls


def test_stub_parameters_match_the_module():
    _, classes, functions = _stub()
    for name, fn in functions.items():
        assert _params(fn) == _compiled_params(getattr(_core, name)), name
    for cls, members in classes.items():
        for name, fn in members.items():
            attr = inspect.getattr_static(getattr(_core, cls), name)
            if isinstance(attr, property) or any(isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list):
                continue
            target = getattr(getattr(_core, cls), name)
            if name == "__init__":
                target = getattr(_core, cls).__init__
            assert _params(fn) == _compiled_params(target), f"{cls}.{name}"


def test_everything_compiled_has_a_docstring():
    assert _core.__doc__
    for name in _public(_core):
        obj = getattr(_core, name)
        if inspect.isclass(obj):
            assert obj.__doc__, name
            for m in _public(obj) - {"_pybind11_conduit_v1_"}:
                doc = inspect.getattr_static(obj, m).__doc__
                assert doc and doc.strip(), f"{name}.{m}"
        elif callable(obj):
            lines = obj.__doc__.splitlines()
            assert len(lines) > 1 and any(line.strip() for line in lines[1:]), name  # beyond the signature


def test_package_layout():
    here = pathlib.Path(zccsim.__file__).parent
    assert pathlib.Path(_core.__file__).parent == here  # the extension lives inside the package
    assert (here / "py.typed").is_file() and STUB.is_file()
    assert zccsim.__version__ == _core.__version__
    for name in zccsim.__all__:
        assert getattr(zccsim, name) is not None, name
        obj = getattr(zccsim, name)
        if callable(obj):
            assert obj.__doc__, name
