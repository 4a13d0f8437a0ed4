"""Text columns over Arrow memory: how a CSV's cells, a cleaned id column and the `extra` JSON
travel from reader to database without becoming one Python string per cell."""

from __future__ import annotations

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
