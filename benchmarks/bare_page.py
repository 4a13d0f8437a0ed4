"""The render benchmark's yardstick: a bare Streamlit page with a title and one plotly chart,
served by `streamlit run` like the dashboard (python -m benchmarks)."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Bare page", layout="wide")
st.title("A bare page")
st.plotly_chart(go.Figure(go.Bar(x=["Jan", "Feb", "Mar", "Apr"], y=[3, 1, 4, 1])))
