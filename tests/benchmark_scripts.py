"""Import the scripts under benchmarks/ (and scripts/) in tests, once per session.

The scripts are not a package (they run as ``python benchmarks/<name>.py``),
and ``benchmarks/datasets.py`` would shadow Hugging Face ``datasets`` on
sys.path, so each is loaded by path under a private module name; the scripts'
own sibling loader uses the same names, so both share one module object.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """Return ``benchmarks/<name>.py`` as a module (loaded once)."""
    return load_script(BENCHMARKS / f"{name}.py", f"_reviewkit_benchmarks_{name}")


def load_script(path: Path, key: str) -> ModuleType:
    """Return the script at ``path`` as the module ``key`` (loaded once)."""
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
