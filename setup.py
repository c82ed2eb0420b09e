"""Build newsprism; the per-article hot stages are compiled with mypyc when possible.

Everything is declared in pyproject.toml; this file only adds the compiled
modules. ``bodylines``, ``clean``, ``cluster``, ``headline``, ``memo``, ``pubdate``, ``sitename``,
``splitting`` and ``words`` run once per
article (a live stream is hundreds of thousands a day) and are plain typed
Python, which mypyc turns into a C extension with the same behaviour: the tests check that the
compiled and the pure modules give identical articles and stories
(tests/test_compiled.py). See benchmarks/throughput.py for what it buys.

The extensions are optional: without a C compiler, or with
``NEWSPRISM_PURE=1`` set, the package installs as pure Python and runs the
same, only slower. Editable installs (``pip install -e``, the development
setup) stay pure, so an edited module is never shadowed by a stale compiled
copy of it.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

# A literal list: tests/test_compiled.py reads it.
COMPILED = [
    "src/newsprism/text/bodylines.py",
    "src/newsprism/text/clean.py",
    "src/newsprism/text/headline.py",
    "src/newsprism/text/pubdate.py",
    "src/newsprism/text/sitename.py",
    "src/newsprism/index/stories.py",
    "src/newsprism/text/memo.py",
    "src/newsprism/index/splitting.py",
    "src/newsprism/text/words.py",
]


def _ext_modules() -> list[object]:
    if os.environ.get("NEWSPRISM_PURE") or "editable_wheel" in sys.argv:
        return []
    try:
        from mypyc.build import mypycify

        extensions = mypycify(COMPILED, opt_level="3")
    except (Exception, SystemExit) as exc:  # mypyc missing, or its type check failed
        print(f"newsprism: installing pure Python ({exc!r})", file=sys.stderr)
        return []
    for ext in extensions:
        ext.optional = True  # a failed compile leaves the pure module in place
    return list(extensions)


setup(ext_modules=_ext_modules())
