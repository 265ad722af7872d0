"""The PySpark recipe of docs/scaling.md (runs only where pyspark is installed)."""

from __future__ import annotations

import pandas as pd
import pytest

pyspark = pytest.importorskip("pyspark")

from pyspark.sql import SparkSession  # noqa: E402

from reviewkit import score_partition  # noqa: E402
from reviewkit._frames import empty_frame  # noqa: E402


@pytest.mark.slow
def test_map_in_pandas_recipe() -> None:
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    try:
        frame = pd.DataFrame(
            {
                "review_id": ["a", "b"],
                "show": ["X", "Y"],
                "text": ["The acting is superb.", "The pacing dragged."],
            }
        )
        meta = ["show"]
        schema = spark.createDataFrame(empty_frame("aspects", meta)).schema

        def aspects(batches):  # type: ignore[no-untyped-def]
            for batch in batches:
                yield score_partition(
                    batch, id_col="review_id", meta_cols=meta, level="aspects"
                )

        rows = (
            spark.createDataFrame(frame).mapInPandas(aspects, schema=schema).collect()
        )
        got = {(r["show"], r["aspect"], r["polarity"]) for r in rows}
        assert got == {("X", "acting", "positive"), ("Y", "pacing", "negative")}
    finally:
        spark.stop()
