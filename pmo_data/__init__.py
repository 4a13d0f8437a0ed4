"""PMO dashboard library: everything that is not Streamlit.

Data flows one way: file → readers → sources (adapters) → conform → loader (DuckDB,
one transaction per import) → SQL marts → query API → chart builders → pages/exports.
"""
