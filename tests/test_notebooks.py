"""The worked examples in notebooks/: saved clean, and they run top to bottom.

Each notebook holds ``assert`` cells that fail when its results are wrong, so
executing it is a test. The kernel is this interpreter (``sys.executable``),
through a kernelspec written to a temporary folder: the tests do not depend on
whatever ``python3`` kernel the machine may have registered.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = [
    "01-analyse-one-review.ipynb",
    "02-score-a-corpus.ipynb",
    "03-compare-shows.ipynb",
    "04-custom-aspects.ipynb",
    "05-at-scale.ipynb",
]
KERNEL = "reviewkit-tests"


def test_the_notebooks_are_there() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_saved_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown"
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [], f"{name}: a cell was saved with outputs"
        assert cell.execution_count is None, f"{name}: execution count saved"
        assert "execution" not in cell.metadata
    assert "widgets" not in nb.metadata
    assert nb.metadata["kernelspec"]["name"] == "python3"
    # Each notebook checks its own results.
    assert any("assert " in cell.source for cell in code), name


@pytest.fixture(scope="module")
def kernel_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A kernelspec that runs ipykernel on this very interpreter."""
    pytest.importorskip("ipykernel")
    folder = tmp_path_factory.mktemp("jupyter") / "kernels"
    spec = folder / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    sys.executable,
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "reviewkit tests",
                "language": "python",
                "env": {"MPLBACKEND": "module://matplotlib_inline.backend_inline"},
            }
        ),
        encoding="utf-8",
    )
    return [str(folder)]


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
# Jupyter's own plumbing warns about things that are fine for a local test kernel.
@pytest.mark.filterwarnings("ignore:Kernel is running over TCP:UserWarning")
@pytest.mark.filterwarnings("ignore:Jupyter is migrating its paths:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:There is no current event loop:DeprecationWarning")
@pytest.mark.filterwarnings("ignore::DeprecationWarning:jupyter_client.*")
@pytest.mark.filterwarnings("ignore::DeprecationWarning:zmq.*")
@pytest.mark.filterwarnings("ignore::DeprecationWarning:tornado.*")
def test_notebook_runs(name: str, kernel_dirs: list[str]) -> None:
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    manager = KernelManager(
        kernel_name=KERNEL,
        kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs),
    )
    client = nbclient.NotebookClient(
        nb,
        km=manager,
        timeout=600,
        resources={"metadata": {"path": str(NOTEBOOKS)}},  # cwd = notebooks/
    )
    try:
        # We own the manager, so ask nbclient to stop the kernel and close the
        # client's channels when done.
        client.execute(cleanup_kc=True)
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{name} failed:\n{exc}", pytrace=False)
    finally:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    errors = [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert not errors
    # The file on disk is untouched: executed outputs stay in memory.
    saved = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert all(c.outputs == [] for c in saved.cells if c.cell_type == "code")


@pytest.mark.parametrize("cwd", [NOTEBOOKS, ROOT])
def test_notebooks_find_the_sample_corpus_from_either_folder(
    cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = 0
    for name in EXPECTED:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        cells = [c.source for c in nb.cells if "SAMPLE = " in c.source]
        if not cells:
            continue  # a notebook that brings its own data
        head, _, tail = cells[0].partition("SAMPLE = ")
        block = head + "SAMPLE = " + tail.split("\n")[0]
        monkeypatch.chdir(cwd)
        namespace: dict[str, object] = {}
        exec(compile(block, name, "exec"), namespace)
        assert namespace["SAMPLE"] == ROOT / "data" / "reviews", name
        checked += 1
    assert checked == 4
