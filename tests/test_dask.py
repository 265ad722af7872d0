"""reviewkit.dask: partitions scored with the local function, on a LocalCluster."""

from __future__ import annotations

import pandas as pd
import pytest

import reviewkit
from reviewkit._frames import LEVELS

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from reviewkit.dask import score_dask  # noqa: E402

TEXTS = [
    "Review: Tidewater\n\nThe Good:\nThe Acting- superb.\n\nThe Bad:\nBoring- it drags.",
    "The OST slaps and the chemistry was off the charts.",
    "Honestly the finale was rushed.",
    None,
]


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rid": [f"r{i}" for i in range(8)],
            "text": TEXTS * 2,
            "show": list("ABCD") * 2,
            "reviewer": ["mina", "theo"] * 4,
        }
    )


def test_same_frames_as_the_local_path() -> None:
    local = reviewkit.score_corpus(frame(), id_col="rid", progress=False)
    scored = score_dask(dd.from_pandas(frame(), npartitions=3), id_col="rid").compute(
        scheduler="sync"
    )
    for level in LEVELS:
        pd.testing.assert_frame_equal(scored.frame(level), local.frame(level))
    assert scored.stats.failed == 2


@pytest.mark.slow
def test_on_a_local_cluster(tmp_path: pytest.TempPathFactory) -> None:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        scored = score_dask(dd.from_pandas(frame(), npartitions=4), id_col="rid")
        result = scored.compute()
        assert sorted(result.reviews["review_id"]) == sorted(frame()["rid"])
        written = scored.to_parquet(tmp_path / "out")  # type: ignore[operator]
        assert len(pd.read_parquet(written["aspects"])) == len(result.aspects)


def test_lazy_levels_have_the_schema() -> None:
    scored = score_dask(dd.from_pandas(frame(), npartitions=2))
    assert list(scored.aspects.columns)[:2] == ["review_id", "show"]
    assert scored.meta == ("show", "rid", "reviewer")  # without id_col, rid is metadata
    assert scored.aspects.dtypes["reviewer"] == pd.StringDtype()
