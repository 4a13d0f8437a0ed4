"""Data: what the database holds — reporting months, import history, rows per table."""

import streamlit as st

from pages.common.layout import setup
from pmo_data import catalog

store = setup("Data")

st.title("Data")
periods = catalog.periods(store)
if periods.empty:
    st.info("No data loaded yet. Load the demo with `python -m pmo_data demo` or import your exports "
            "with `python -m pmo_data import FILE --period YYYY-MM`.")
    st.stop()

st.subheader("Reporting months")
st.dataframe(
    periods,
    hide_index=True,
    column_config={
        "period": st.column_config.DateColumn("Month", format="MMM YYYY"),
        "imports": st.column_config.NumberColumn("Imports"),
        "projects": st.column_config.NumberColumn("Projects"),
        "tasks": st.column_config.NumberColumn("Tasks"),
        "risks": st.column_config.NumberColumn("Risks & issues"),
        "people": st.column_config.NumberColumn("People"),
    },
)

st.subheader("Import history")
history = catalog.imports(store).drop(columns=["warnings"])
st.dataframe(
    history,
    hide_index=True,
    column_config={
        "import_id": st.column_config.NumberColumn("#", format="%d"),
        "period": st.column_config.DateColumn("Month", format="MMM YYYY"),
        "file_name": "File",
        "source": "Source",
        "imported_at": st.column_config.DatetimeColumn("Imported (UTC)", format="YYYY-MM-DD HH:mm"),
        "rows_read": st.column_config.NumberColumn("Rows read"),
        "rows_loaded": st.column_config.NumberColumn("Rows loaded"),
        "rows_rejected": st.column_config.NumberColumn("Rejected"),
        "rows_current": st.column_config.NumberColumn("Still current", help="Rows not replaced by a later upload"),
    },
)

st.subheader("Rows per table")
st.dataframe(
    catalog.table_row_counts(store),
    hide_index=True,
    column_config={"table_name": "Table", "row_count": st.column_config.NumberColumn("Rows (all months)")},
)
