"""Chart builders: a DataFrame in, a plotly Figure out; nothing else (no queries, no Streamlit),
so the dashboard, the PNG export and the slides draw the same charts.

One colour language everywhere: the Okabe–Ito colour-blind-safe palette, the same colour for
the same health or band on every chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

HEALTH_COLOURS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "grey": "#999999"}
HEALTH_ORDER = ["red", "amber", "green", "grey"]
BAND_COLOURS = {"Low": "#009E73", "Medium": "#F0E442", "High": "#E69F00", "Critical": "#D55E00"}
LOAD_COLOURS = {"under-used": "#56B4E9", "balanced": "#009E73", "over-allocated": "#D55E00"}
NEUTRAL = "#0072B2"
BASELINE = "#999999"
FONT = "Source Sans Pro, Arial, sans-serif"


def _layout(figure: go.Figure, title: str, subtitle: str = "", height: int = 420) -> go.Figure:
    """Shared look: a title saying what is shown, the filter scope under it, readable on a projector."""
    text = f"<b>{title}</b>" + (f"<br><span style='font-size:13px;color:#555'>{subtitle}</span>" if subtitle else "")
    figure.update_layout(
        title={"text": text, "x": 0, "xanchor": "left", "font": {"size": 18}},
        font={"family": FONT, "size": 14, "color": "#222"},
        height=height,
        margin={"l": 10, "r": 10, "t": 80 if subtitle else 56, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"font_size": 14},
    )
    figure.update_xaxes(showgrid=False, linecolor="#ccc", automargin=True)
    figure.update_yaxes(gridcolor="#eee", linecolor="#ccc", automargin=True)
    return figure


def empty(title: str, message: str) -> go.Figure:
    """A titled chart that says why it has nothing to show."""
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, font={"size": 16, "color": "#666"}, x=0.5, y=0.5,
                          xref="paper", yref="paper")
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return _layout(figure, title, height=260)


def health_trend(frame: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """Projects by computed health per reporting month, stacked. Columns: period, health, projects."""
    title = "Project health by month"
    if frame.empty:
        return empty(title, "No months loaded")
    months = sorted(frame["period"].unique())
    figure = go.Figure()
    for health in HEALTH_ORDER:
        rows = frame[frame["health"] == health].set_index("period").reindex(months)
        figure.add_bar(
            x=[pd.Timestamp(m).strftime("%b %Y") for m in months], y=rows["projects"].fillna(0), name=health,
            marker_color=HEALTH_COLOURS[health], text=rows["projects"].fillna(0).astype(int).replace(0, ""),
            textposition="inside", hovertemplate="%{x}: %{y} " + health + "<extra></extra>",
        )
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title="projects")
    return _layout(figure, title, subtitle)


def performance_bubble(frame: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """SPI against CPI, one bubble per project sized by budget, coloured by health.
    Columns: project_name, spi, cpi, bac, health."""
    title = "Schedule vs cost performance"
    data = frame.dropna(subset=["spi", "cpi"])
    if data.empty:
        return empty(title, "No project has both SPI and CPI (budget, actuals and a baseline are needed)")
    figure = go.Figure()
    size_ref = 2.0 * float(data["bac"].fillna(0).max() or 1) / (48**2)
    for health in HEALTH_ORDER:
        rows = data[data["health"] == health]
        if rows.empty:
            continue
        figure.add_scatter(
            x=rows["spi"], y=rows["cpi"], mode="markers", name=health,
            marker={"size": rows["bac"].fillna(0), "sizemode": "area", "sizeref": size_ref, "sizemin": 6,
                    "color": HEALTH_COLOURS[health], "line": {"color": "white", "width": 1}, "opacity": 0.85},
            text=rows["project_name"], customdata=rows[["bac"]].fillna(0),
            hovertemplate="<b>%{text}</b><br>SPI %{x:.2f} · CPI %{y:.2f}<br>budget %{customdata[0]:,.0f}<extra></extra>",
        )
    for value in (1.0,):
        figure.add_hline(y=value, line={"color": BASELINE, "dash": "dot"})
        figure.add_vline(x=value, line={"color": BASELINE, "dash": "dot"})
    figure.add_annotation(text="behind & over budget", x=0, y=0, xref="paper", yref="paper", showarrow=False,
                          xanchor="left", yanchor="bottom", font={"color": "#888", "size": 12})
    figure.update_xaxes(title="SPI (schedule performance)")
    figure.update_yaxes(title="CPI (cost performance)")
    return _layout(figure, title, subtitle)


def strategic_alignment(frame: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """Budget per strategic objective, split by the budgets of its projects of each computed health.
    Columns: strategic_objective, budget, budget_share_pct, green … grey (project counts),
    green_budget … grey_budget."""
    title = "Budget by strategic objective"
    if frame.empty:
        return empty(title, "No projects")
    data = frame.iloc[::-1]
    figure = go.Figure()
    for health in ["green", "amber", "red", "grey"]:
        figure.add_bar(
            y=data["strategic_objective"], x=data[f"{health}_budget"], name=health, orientation="h",
            marker_color=HEALTH_COLOURS[health], customdata=data[[health, f"{health}_budget"]],
            hovertemplate="%{y}: %{customdata[0]} " + health + " projects, budget %{customdata[1]:,.0f}<extra></extra>",
        )
    labels = [f"{b:,.0f} ({s:.0f}%)" if pd.notna(b) else "" for b, s in zip(data["budget"], data["budget_share_pct"].fillna(0))]
    figure.add_scatter(y=data["strategic_objective"], x=data["budget"].fillna(0), mode="text", text=labels,
                       textposition="middle right", showlegend=False, hoverinfo="skip")
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title="budget (split by the health of its projects)", rangemode="tozero")
    figure.update_xaxes(range=[0, float(data["budget"].fillna(0).max() or 1) * 1.35])
    return _layout(figure, title, subtitle, height=max(300, 70 + 55 * len(data)))


def risk_heatmap(frame: pd.DataFrame, subtitle: str = "", selected: tuple[int, int] | None = None) -> go.Figure:
    """The 5×5 probability × impact matrix as square markers (a scatter, so a click on a cell can
    be read back), coloured by band, with the count of open risks in each.
    Columns: probability, impact, score, band, risk_count, exposure."""
    title = "Open risks: probability × impact"
    figure = go.Figure()
    counts = frame["risk_count"].fillna(0).astype(int)
    opacity = [1.0 if c else 0.35 for c in counts]
    line_width = [4 if selected == (p, i) else 0 for p, i in zip(frame["probability"], frame["impact"])]
    figure.add_scatter(
        x=frame["impact"], y=frame["probability"], mode="markers+text",
        marker={"symbol": "square", "size": 74, "color": [BAND_COLOURS.get(b, "#ccc") for b in frame["band"]],
                "opacity": opacity, "line": {"color": "#222", "width": line_width}},
        text=[str(c) if c else "" for c in counts], textfont={"size": 22, "color": "#111"},
        customdata=frame[["score", "band", "exposure"]].fillna(0),
        hovertemplate=("probability %{y} × impact %{x} = %{customdata[0]} (%{customdata[1]})<br>"
                       "%{text} open risks · exposure %{customdata[2]:,.0f}<extra></extra>"),
        showlegend=False,
    )
    axis = {"tickmode": "array", "tickvals": [1, 2, 3, 4, 5], "range": [0.45, 5.55], "showgrid": False, "zeroline": False}
    figure.update_xaxes(title="impact", ticktext=["1 very low", "2 low", "3 medium", "4 high", "5 very high"], **axis)
    figure.update_yaxes(title="probability", ticktext=["1 rare", "2 unlikely", "3 possible", "4 likely", "5 almost certain"],
                        scaleanchor="x", **axis)
    for band, colour in BAND_COLOURS.items():
        figure.add_scatter(x=[None], y=[None], mode="markers", name=band,
                           marker={"symbol": "square", "size": 14, "color": colour})
    figure = _layout(figure, title, subtitle, height=560)
    figure.update_layout(clickmode="event+select", dragmode=False)
    return figure


def risk_trend(frame: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """Open risks and issues per month, with how many were raised and closed.
    Columns: period, kind, open, raised, closed."""
    title = "Risks and issues over time"
    if frame.empty:
        return empty(title, "No risks or issues loaded")
    figure = go.Figure()
    styles = {"risk": NEUTRAL, "issue": "#CC79A7"}
    for kind, rows in frame.groupby("kind"):
        months = [pd.Timestamp(p).strftime("%b %Y") for p in rows["period"]]
        figure.add_scatter(x=months, y=rows["open"], name=f"open {kind}s", mode="lines+markers+text",
                           line={"color": styles.get(kind, BASELINE), "width": 3}, text=rows["open"],
                           textposition="top center")
        figure.add_bar(x=months, y=rows["raised"], name=f"{kind}s raised", marker_color=styles.get(kind, BASELINE),
                       opacity=0.35)
        figure.add_bar(x=months, y=-rows["closed"], name=f"{kind}s closed", marker_color=styles.get(kind, BASELINE),
                       opacity=0.15, customdata=rows["closed"], hovertemplate="%{customdata} closed<extra></extra>")
    figure.update_yaxes(title="count (closed below zero)")
    figure = _layout(figure, title, subtitle)
    figure.update_layout(barmode="relative", legend={"orientation": "h", "y": -0.15, "x": 0, "xanchor": "left", "yanchor": "top"})
    return figure


def issue_aging(frame: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """Open issues by age bucket; the overdue part darker. Columns: aging_bucket, open_issues, overdue."""
    title = "Open issues by age"
    if frame["open_issues"].sum() == 0:
        return empty(title, "No open issues")
    figure = go.Figure()
    figure.add_bar(x=frame["aging_bucket"], y=frame["overdue"], name="response overdue", marker_color=HEALTH_COLOURS["red"],
                   text=frame["overdue"].replace(0, ""), textposition="inside")
    figure.add_bar(x=frame["aging_bucket"], y=frame["open_issues"] - frame["overdue"], name="on time",
                   marker_color=NEUTRAL, text=(frame["open_issues"] - frame["overdue"]).replace(0, ""), textposition="inside")
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title="days since raised")
    figure.update_yaxes(title="open issues")
    return _layout(figure, title, subtitle, height=360)


MOST_LOADED_PEOPLE = 40  # heatmap rows: more are not readable on a screen or a slide


def utilisation_heatmap(frame: pd.DataFrame, subtitle: str = "", people: int = MOST_LOADED_PEOPLE) -> go.Figure:
    """Person × plan month utilisation of the `people` most loaded people; over 100 % in red.
    Columns: resource_name, month, utilisation_pct, planned_hours, capacity_hours."""
    title = "Utilisation by person and month"
    if frame.empty:
        return empty(title, "No resource plan loaded")
    peaks = frame.groupby("resource_name")["utilisation_pct"].max().sort_values(ascending=False)
    if len(peaks) > people:
        frame = frame[frame["resource_name"].isin(peaks.index[:people])]
        title = f"Utilisation: the {people} most loaded of {len(peaks)} people"
    grid = frame.pivot_table(index="resource_name", columns="month", values="utilisation_pct", aggfunc="max")
    grid = grid.sort_index(ascending=False)
    months = [pd.Timestamp(m).strftime("%b %y") for m in grid.columns]
    # blue (spare) → green (full) → red (over): 0 %, 75 %, 100 %, 150 %+ on a 0–150 scale
    scale = [[0.0, "#DCEBF7"], [0.5, "#56B4E9"], [0.62, "#009E73"], [0.6667, "#009E73"], [0.6734, "#F5B7A1"], [1.0, "#B03A00"]]
    figure = go.Figure(go.Heatmap(
        z=grid.values, x=months, y=grid.index, zmin=0, zmax=150, colorscale=scale,
        text=[[f"{v:.0f}%" if pd.notna(v) else "" for v in row] for row in grid.values], texttemplate="%{text}",
        textfont={"size": 11}, xgap=2, ygap=2, colorbar={"title": "%", "ticksuffix": "%"},
        hovertemplate="%{y}, %{x}: %{z:.0f}% of capacity<extra></extra>",
    ))
    return _layout(figure, title, subtitle, height=max(360, 110 + 22 * len(grid)))


def capacity_demand(frame: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """Demand against capacity per plan month for each group (team or role), as small bars + a capacity line.
    Columns: group_name, month, capacity_hours, demand_hours."""
    title = "Capacity vs demand"
    if frame.empty:
        return empty(title, "No resource plan loaded")
    figure = go.Figure()
    totals = frame.groupby("month", as_index=False)[["capacity_hours", "demand_hours"]].sum()
    months = [pd.Timestamp(m).strftime("%b %y") for m in totals["month"]]
    palette = [NEUTRAL, "#56B4E9", "#CC79A7", "#009E73", "#E69F00", "#F0E442", "#000000"]
    for index, (group, rows) in enumerate(frame.groupby("group_name")):
        rows = rows.set_index("month").reindex(totals["month"])
        figure.add_bar(x=months, y=rows["demand_hours"].fillna(0), name=str(group),
                       marker_color=palette[index % len(palette)])
    figure.add_scatter(x=months, y=totals["capacity_hours"], name="capacity", mode="lines",
                       line={"color": "#222", "width": 3, "dash": "dash"})
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title="hours")
    return _layout(figure, title, subtitle)


def project_health_history(frame: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """One project's SPI and CPI per month, each point coloured by that month's health.
    Columns: period, spi, cpi, health."""
    title = "Performance by month"
    if frame[["spi", "cpi"]].isna().all().all():
        return empty(title, "No earned value: the project needs a budget, actuals and a baseline")
    months = [pd.Timestamp(p).strftime("%b %Y") for p in frame["period"]]
    figure = go.Figure()
    for measure, dash in (("spi", "solid"), ("cpi", "dot")):
        figure.add_scatter(x=months, y=frame[measure], name=measure.upper(), mode="lines+markers",
                           line={"color": NEUTRAL, "dash": dash, "width": 3},
                           marker={"size": 14, "color": [HEALTH_COLOURS.get(h, BASELINE) for h in frame["health"]]},
                           hovertemplate="%{x}: " + measure.upper() + " %{y:.2f}<extra></extra>")
    figure.add_hrect(y0=0.85, y1=0.95, fillcolor=HEALTH_COLOURS["amber"], opacity=0.08, line_width=0)
    figure.add_hline(y=1.0, line={"color": BASELINE, "dash": "dot"})
    figure.update_yaxes(title="index (1 = on plan)")
    return _layout(figure, title, subtitle, height=340)


def timeline(frame: pd.DataFrame, status_date: pd.Timestamp | None = None, subtitle: str = "") -> go.Figure:
    """A Gantt of tasks (bars, coloured by status) and milestones (diamonds), with each
    baseline finish as a grey tick. Columns: name, start_date, finish_date, baseline_finish,
    is_milestone, status_category."""
    title = "Timeline: forecast vs baseline"
    data = frame[~frame.get("is_summary", False).astype(bool)] if "is_summary" in frame else frame
    data = data.dropna(subset=["finish_date"])
    if data.empty:
        return empty(title, "No dated tasks or milestones")
    colours = {"done": "#009E73", "in_progress": NEUTRAL, "todo": "#A6CEE3"}
    labels = [f"{n} ◆" if m else n for n, m in zip(data["name"], data["is_milestone"])]
    figure = go.Figure()
    tasks = data[~data["is_milestone"].astype(bool)]
    task_labels = [lab for lab, m in zip(labels, data["is_milestone"]) if not m]
    for category, colour in colours.items():
        rows = tasks[tasks["status_category"] == category]
        if rows.empty:
            continue
        row_labels = [lab for lab, c in zip(task_labels, tasks["status_category"]) if c == category]
        start = rows["start_date"].fillna(rows["finish_date"])
        figure.add_bar(
            y=row_labels, base=start, x=(rows["finish_date"] - start).dt.total_seconds() * 1000, orientation="h",
            name=category.replace("_", " "), marker_color=colour,
            customdata=[[s.strftime("%d %b %Y"), f.strftime("%d %b %Y")] for s, f in zip(start, rows["finish_date"])],
            hovertemplate="%{y}: %{customdata[0]} → %{customdata[1]}<extra></extra>",
        )
    milestones = data[data["is_milestone"].astype(bool)]
    if not milestones.empty:
        figure.add_scatter(
            y=[lab for lab, m in zip(labels, data["is_milestone"]) if m], x=milestones["finish_date"], mode="markers",
            name="milestone (forecast)",
            marker={"symbol": "diamond", "size": 16, "color": [colours.get(c, NEUTRAL) for c in milestones["status_category"]],
                    "line": {"color": "#222", "width": 1}},
            hovertemplate="%{y}: forecast %{x|%d %b %Y}<extra></extra>",
        )
    baseline = data.dropna(subset=["baseline_finish"])
    if not baseline.empty:
        figure.add_scatter(
            y=[lab for lab, b in zip(labels, data["baseline_finish"]) if pd.notna(b)], x=baseline["baseline_finish"],
            mode="markers", name="baseline finish",
            marker={"symbol": "line-ns-open", "size": 18, "color": "#222", "line": {"width": 3}},
            hovertemplate="%{y}: baseline %{x|%d %b %Y}<extra></extra>",
        )
    if status_date is not None:
        figure.add_vline(x=pd.Timestamp(status_date).timestamp() * 1000, line={"color": HEALTH_COLOURS["red"], "dash": "dash"},
                         annotation_text="status date", annotation_position="bottom right")
    figure.update_layout(barmode="overlay")
    figure.update_xaxes(type="date")
    figure.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(dict.fromkeys(labels)))
    return _layout(figure, title, subtitle, height=max(320, 110 + 26 * len(data)))


def milestone_trend(frame: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """Milestone trend analysis: each milestone's forecast date (y) in each reporting month (x);
    a rising line is a slipping milestone. Columns: period, name, forecast_finish, baseline_finish."""
    title = "Milestone trend"
    if frame.empty:
        return empty(title, "No milestones")
    figure = go.Figure()
    palette = [NEUTRAL, "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
    for index, (name, rows) in enumerate(frame.groupby("name", sort=False)):
        colour = palette[index % len(palette)]
        months = [pd.Timestamp(p).strftime("%b %Y") for p in rows["period"]]
        figure.add_scatter(x=months, y=rows["forecast_finish"], name=str(name), mode="lines+markers",
                           line={"color": colour, "width": 3}, marker={"size": 10},
                           hovertemplate=str(name) + " in %{x}: forecast %{y|%d %b %Y}<extra></extra>")
    figure.update_yaxes(title="forecast date", type="date")
    figure.update_xaxes(title="reporting month")
    return _layout(figure, title, subtitle, height=400)
