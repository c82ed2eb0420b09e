"""The compiled hot stages behave exactly like their Python source.

A regular install (``pip install .``, the README's commands, CI) compiles
``clean``, ``cluster`` and ``splitting`` with mypyc (see setup.py). Here the
same run goes through both builds: the installed modules, and the ``.py``
files shipped beside them, imported on their own in a subprocess. Articles,
copies and stories must come out identical.

An editable install (``pip install -e``) has nothing compiled, so there is
nothing to compare and the comparison is skipped; a regular install in which
nothing got compiled fails (set ``NEWSPRISM_PURE=1`` to install and test the
pure build on purpose).
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Runs process_records over synthetic pages and the shipped examples and
# prints every stored article's analysis as JSON lines, then where the
# modules named on the command line were imported from.
_RUN = """
import json, sys, tempfile
from pathlib import Path
import importlib, importlib.util
spec = importlib.util.spec_from_file_location("synth", sys.argv[1])
synth = importlib.util.module_from_spec(spec)
sys.modules["synth"] = synth
spec.loader.exec_module(synth)
from newsprism.sources.files import read_inputs
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import process_records
from newsprism.store import SQLiteStore
with tempfile.TemporaryDirectory() as tmp:
    options = AnalyzeOptions(db=Path(tmp) / "x.db", batch_size=300)
    with SQLiteStore.open(options.db) as store:
        records = [*synth.generate(int(sys.argv[3]), 5)]
        records += read_inputs([sys.argv[2]], options.limits)
        process_records(records, store, options)
        for a in store.articles():
            print(json.dumps([a.id, a.title, a.outlet, str(a.published), a.language,
                              a.duplicate_of, a.story, a.text]))
print(json.dumps([importlib.import_module("newsprism." + m).__file__ for m in sys.argv[4:]]))
"""


def _compiled(module: str) -> bool:
    origin = importlib.import_module(f"newsprism.{module}").__file__ or ""
    return origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def _setup_modules() -> list[str]:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    value = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets)
    )
    # Dotted names below the package: src/newsprism/text/clean.py -> text.clean.
    prefix = Path("src") / "newsprism"
    return [
        ".".join(Path(p).relative_to(prefix).with_suffix("").parts) for p in ast.literal_eval(value)
    ]


def test_setup_compiles_existing_modules() -> None:
    modules = _setup_modules()
    assert modules, "setup.py compiles nothing"
    for name in modules:
        path = ROOT / "src" / "newsprism" / (name.replace(".", "/") + ".py")
        assert path.is_file(), name


def _run(env: dict[str, str], n: int, modules: list[str]) -> list[str]:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _RUN,
            str(ROOT / "benchmarks" / "synth.py"),
            str(ROOT / "examples"),
            str(n),
            *modules,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return out.stdout.splitlines()


def test_compiled_build_equals_python_source(tmp_path: Path) -> None:
    modules = _setup_modules()
    installed = Path(importlib.import_module("newsprism").__file__ or "").parent
    if installed == ROOT / "src" / "newsprism":
        pytest.skip("editable install: everything runs as Python, nothing to compare")
    if os.environ.get("NEWSPRISM_PURE"):
        pytest.skip("installed with NEWSPRISM_PURE: nothing compiled to compare")
    compiled = [m for m in modules if _compiled(m)]
    # A regular install that compiled nothing lost its speed silently (no C
    # compiler, or mypyc refused the code: pip install -v shows why).
    assert compiled == modules, f"only {compiled} of {modules} are compiled"
    # The installed package without its extension modules: pure Python.
    pure = tmp_path / "newsprism"
    shutil.copytree(installed, pure, ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    fast = _run(env, 1500, modules)
    slow = _run({**env, "PYTHONPATH": str(tmp_path)}, 1500, modules)
    # The last line names the modules each run imported.
    assert all(p.endswith(".py") for p in json.loads(slow[-1])), slow[-1]
    assert not any(p.endswith(".py") for p in json.loads(fast[-1])), fast[-1]
    assert len(fast) > 1500
    assert fast[:-1] == slow[:-1]
