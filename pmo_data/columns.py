"""Text columns over Arrow memory: how a CSV's cells, a cleaned id column and the `extra` JSON
travel from reader to database without becoming one Python string per cell."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.arrays import ArrowStringArray

TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default text dtype: missing cells are NaN
ARROW_TEXT = pa.large_string()  # how TEXT stores its strings: arrays of this type are wrapped, never cast


def text_column(values: pa.Array | pa.ChunkedArray, index: pd.Index | None = None) -> pd.Series:
    """A pandas text Series sharing the Arrow array's memory."""
    return pd.Series(ArrowStringArray(values, dtype=TEXT), index=index, copy=False)


def is_text(column: pd.Series) -> bool:
    """Whether every non-empty cell is a string (a CSV column, a spreadsheet's text column)."""
    return isinstance(column.dtype, pd.StringDtype) or pd.api.types.infer_dtype(column, skipna=True) in {"string", "empty"}


def arrow_text(column: pd.Series) -> pa.Array | pa.ChunkedArray:
    """A text column as Arrow strings (no copy for columns already over Arrow)."""
    return pa.array(column, type=ARROW_TEXT, from_pandas=True)


def distinct(series: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Per row, the code of its value among the column's distinct values (-1 when None/NaN/NaT),
    and those values. Computed in C for one-kind columns; a column mixing kinds keeps True apart
    from 1 (equal in Python) by coding (type, value) pairs."""
    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) in {"mixed", "mixed-integer"}:
        keyed = [None if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)) else (type(v).__name__, v)
                 for v in series.tolist()]
        codes, pairs = pd.factorize(pd.Series(keyed, dtype=object))
        return codes, [pair[1] for pair in pairs]
    codes, uniques = pd.factorize(series)
    return codes, uniques.tolist()


def take(per_value: list[Any], codes: np.ndarray) -> np.ndarray:
    """Per row, the entry of `per_value` for its code; None for missing cells (code -1)."""
    table = np.empty(len(per_value) + 1, dtype=object)
    table[:-1] = per_value
    table[-1] = None
    return table[codes]
