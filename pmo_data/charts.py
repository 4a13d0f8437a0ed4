"""Every chart, defined once: a DataFrame in, a ChartSpec out (no queries, no Streamlit, no plotly).
The pages and PNG/SVG draw a spec with render_plotly, the deck with render_pptx.

One colour language everywhere: the Okabe–Ito colour-blind-safe palette, the same colour for
the same health or band on every chart.

Texts are plain (a line break is "\n"; each renderer makes them safe for its medium). A name from
the data inside a sentence of a tooltip is shortened here (`display_text`), so a long name cannot
push the figures after it out of the line.
"""

from __future__ import annotations

import math

import pandas as pd

from pmo_data.chart_spec import ChartSpec, Matrix, Series, empty
from pmo_data.formatting import NumberFormat
from pmo_data.text_safety import display_text

HEALTH_COLOURS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "grey": "#999999"}
HEALTH_ORDER = ["red", "amber", "green", "grey"]
BAND_COLOURS = {"Low": "#009E73", "Medium": "#F0E442", "High": "#E69F00", "Critical": "#D55E00"}
LOAD_COLOURS = {"under-used": "#56B4E9", "balanced": "#009E73", "over-allocated": "#D55E00"}
NEUTRAL = "#0072B2"
BASELINE = "#999999"
PALETTE = [NEUTRAL, "#56B4E9", "#CC79A7", "#009E73", "#E69F00", "#F0E442", "#000000", "#D55E00"]
IMPACT_WORDS = ["very low", "low", "medium", "high", "very high"]
PROBABILITY_WORDS = ["rare", "unlikely", "possible", "likely", "almost certain"]
# blue (spare) → green (full) → red (over) on a 0–150 % scale
UTILISATION_SCALE = [(0.0, "#DCEBF7"), (0.5, "#56B4E9"), (0.62, "#009E73"), (0.6667, "#009E73"), (0.6734, "#F5B7A1"),
                     (1.0, "#B03A00")]
MOST_LOADED_PEOPLE = 40  # heatmap rows: more are not readable on a screen or a slide


def _month(value) -> str:
    return pd.Timestamp(value).strftime("%b %Y")


def _short_month(value) -> str:
    return pd.Timestamp(value).strftime("%b %y")


def _count(value) -> float:
    return 0.0 if value is None or pd.isna(value) else float(value)


def health_mix(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """Projects by the health the dashboard shows this month (computed, or the PMO's override where
    one is in force, as the cards and filters count it). Columns: health, projects."""
    counts = frame.set_index("health")["projects"].reindex(HEALTH_ORDER).fillna(0)
    return ChartSpec("doughnut", "Projects by health (PMO overrides applied)", subtitle, categories=HEALTH_ORDER,
                     series=[Series("projects", [float(v) for v in counts],
                                    point_colours=[HEALTH_COLOURS[h] for h in HEALTH_ORDER],
                                    labels=[f"{int(v)} {h}" if v else "" for h, v in counts.items()], ids=HEALTH_ORDER)],
                     height=360)


def health_trend(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """Projects by the health shown (computed, or the PMO's override) per reporting month, stacked;
    a click on a segment selects that health. Columns: period, health, projects."""
    title = "Project health by month (PMO overrides applied)"
    if frame.empty:
        return empty(title, "No months loaded", subtitle)
    months = sorted(frame["period"].unique())
    tallest = float(frame.groupby("period")["projects"].sum().max() or 1)
    series = []
    for health in HEALTH_ORDER:
        counts = frame[frame["health"] == health].set_index("period").reindex(months)["projects"].fillna(0)
        # a sliver has no room for its number (the tooltip has it)
        series.append(Series(health, [float(v) for v in counts], HEALTH_COLOURS[health],
                             labels=[str(int(v)) if v >= tallest * 0.06 else "" for v in counts],
                             hover=[f"{_month(m)}: {int(v)} {health}" for m, v in zip(months, counts)],
                             ids=[health] * len(months)))
    return ChartSpec("column", title, subtitle, [_month(m) for m in months], series, y_title="projects", stacked=True,
                     clickable=True)


CROWD = 4  # a group of this many projects at one spot gets one label listing them all


def _spread_coincident(x: pd.Series, y: pd.Series, x_span: float, y_span: float, ids: list[str],
                       reference: float = 1.0) -> tuple[list[float], list[float], list[str], list[str]]:
    """Projects at (nearly) the same SPI and CPI would hide each other's labels. The points keep
    their true values (a chart's data never moves); the labels of each group of points closer than
    2 % of the axes are laid on a small ring around the group's centre, each on the side away from
    it; a crowd (CROWD or more) gets one label, on a tight ring, listing its projects. A label
    never crosses the on-plan line (1.0) to the other side of its point; lone points' labels stay.
    Returns where each label is drawn (x and y), each point's label and the label's side.""" 
    x_out, y_out = list(map(float, x)), list(map(float, y))
    labels, sides = list(ids), ["right"] * len(x_out)
    cell = (x_span * 0.02 or 0.01, y_span * 0.02 or 0.01)
    groups: dict[tuple[int, int], list[int]] = {}
    for index, (a, b) in enumerate(zip(x_out, y_out)):
        groups.setdefault((round(a / cell[0]), round(b / cell[1])), []).append(index)

    def same_side(true: float, shown: float, span: float) -> float:
        margin = span * 0.004
        if true < reference <= shown:
            return reference - margin
        if true > reference >= shown:
            return reference + margin
        return shown

    for members in groups.values():
        if len(members) < 2:
            continue
        crowd = len(members) >= CROWD
        centre = (sum(x_out[i] for i in members) / len(members), sum(y_out[i] for i in members) / len(members))
        radius = 0.03 if crowd else 0.05 * math.sqrt(len(members))
        for step, index in enumerate(members):
            angle = 2 * math.pi * step / len(members) + math.pi / 2
            sides[index] = _side_of(angle)
            x_out[index] = same_side(float(x.iloc[index]), centre[0] + math.cos(angle) * radius * x_span, x_span)
            y_out[index] = same_side(float(y.iloc[index]), centre[1] + math.sin(angle) * radius * y_span, y_span)
        if crowd:
            listed = sorted(ids[i] for i in members)
            rows = [", ".join(listed[n:n + 3]) for n in range(0, len(listed), 3)]
            for index in members:
                labels[index], sides[index] = "", "left"
            labels[members[0]] = "\n".join(rows)
    return x_out, y_out, labels, sides


def _side_of(angle: float) -> str:
    """The label side facing away from a ring's centre, for a point at `angle` on the ring."""
    dx, dy = math.cos(angle), math.sin(angle)
    if abs(dx) >= abs(dy):
        return "right" if dx > 0 else "left"
    return "above" if dy > 0 else "below"


def _padded_range(values: pd.Series, reference: float = 1.0, pad: float = 0.05) -> tuple[float, float]:
    """An index axis around its data and the on-plan line, never from zero (a CPI of 0.8 against
    1.0 is the story; a bar from 0 would flatten it)."""
    low, high = min(float(values.min()), reference), max(float(values.max()), reference)
    span = max(high - low, 0.1)
    return (math.floor((low - span * pad * 2) * 20) / 20, math.ceil((high + span * pad * 2) * 20) / 20)


def performance_bubble(frame: pd.DataFrame, subtitle: str = "", numbers: NumberFormat = NumberFormat()) -> ChartSpec:
    """SPI against CPI, one bubble per project sized by budget, coloured by health and labelled
    with its id; a click opens the project. Columns: project_id, project_name, spi, cpi, bac, health."""
    title = "Schedule vs cost performance"
    data = frame.dropna(subset=["spi", "cpi"])
    if data.empty:
        return empty(title, "No project has both SPI and CPI (budget, actuals and a baseline are needed)", subtitle)
    x_range, y_range = _padded_range(data["spi"]), _padded_range(data["cpi"])
    ids = [str(v) for v in data.get("project_id", data["project_name"])]
    label_x, label_y, labels, sides = _spread_coincident(data["spi"], data["cpi"], x_range[1] - x_range[0],
                                                         y_range[1] - y_range[0], ids)
    x, y = [float(v) for v in data["spi"]], [float(v) for v in data["cpi"]]
    moved = [None if (a, b) == (c, d) else (c, d) for a, b, c, d in zip(x, y, label_x, label_y)]
    x_range, y_range = _padded_range(pd.Series(x + label_x)), _padded_range(pd.Series(y + label_y))  # labels inside too
    series = [Series(
        "projects", y, x=x, sizes=[_count(v) for v in data["bac"]], label_at=moved,
        point_colours=[HEALTH_COLOURS.get(h, BASELINE) for h in data["health"]], labels=labels, label_positions=sides, ids=ids,
        hover=[f"{display_text(name)} ({pid})\nSPI {spi:.2f} · CPI {cpi:.2f}\nbudget {numbers.money_exact(bac)} · {health}"
               for name, pid, spi, cpi, bac, health in zip(data["project_name"], ids, data["spi"], data["cpi"], data["bac"],
                                                           data["health"])])]
    return ChartSpec("bubble", title, subtitle, series=series, x_title="SPI (schedule performance)",
                     y_title="CPI (cost performance)", value_format="ratio", value_range=y_range, x_range=x_range,
                     reference_lines=(("x", 1.0), ("y", 1.0)), corner_note="behind & over budget", numbers=numbers,
                     height=480, legend=False, clickable=True)


def strategic_alignment(frame: pd.DataFrame, subtitle: str = "", numbers: NumberFormat = NumberFormat()) -> ChartSpec:
    """Budget per strategic objective, split by the budgets of its projects of each computed health,
    with the objective's total and share at the end of its bar. Columns: strategic_objective,
    budget, budget_share_pct, green … grey (project counts), green_budget … grey_budget."""
    title = "Budget by strategic objective"
    if frame.empty:
        return empty(title, "No projects", subtitle)
    objectives = [str(v) for v in frame["strategic_objective"]]
    series = [
        Series(health, [_count(v) for v in frame[f"{health}_budget"]], HEALTH_COLOURS[health],
               hover=[f"{display_text(o)}: {int(_count(n))} {health} projects, budget {numbers.money_exact(b)}"
                      for o, n, b in zip(objectives, frame[health], frame[f"{health}_budget"])],
               ids=[f"{o}|{health}" for o in objectives])
        for health in ["green", "amber", "red", "grey"]
    ]
    totals = [f"{numbers.money(b)} ({_count(s):.0f}%)" for b, s in zip(frame["budget"], frame["budget_share_pct"])]
    top = float(frame["budget"].fillna(0).max() or 1)
    return ChartSpec("bar", title, subtitle, objectives, series, x_title=numbers.money_label("budget"),
                     value_format="money", stacked=True, value_range=(0, top * 1.4), totals=totals, numbers=numbers,
                     height=max(300, 90 + 55 * len(frame)), clickable=True)


def risk_heatmap(frame: pd.DataFrame, subtitle: str = "", selected: set[tuple[int, int]] | tuple[int, int] | None = None,
                 numbers: NumberFormat = NumberFormat()) -> ChartSpec:
    """The 5×5 probability × impact matrix, cells coloured by band with the count of open risks;
    a click (or a box around several cells) selects cells. Columns: probability, impact, score,
    band, risk_count, exposure."""
    title = "Open risks: probability × impact"
    chosen = {selected} if isinstance(selected, tuple) else set(selected or ())
    cells = {(int(r.probability), int(r.impact)): r for r in frame.itertuples()}
    rows, text, colours, hover, ids, dimmed, outlined = [], [], [], [], [], [], []
    for probability in range(5, 0, -1):
        rows.append(f"{probability} {PROBABILITY_WORDS[probability - 1]}")
        row = [cells.get((probability, impact)) for impact in range(1, 6)]
        counts = [int(_count(c.risk_count)) if c is not None else 0 for c in row]
        text.append([str(n) if n else "" for n in counts])
        colours.append([BAND_COLOURS.get(c.band, "#CCCCCC") if c is not None else "#CCCCCC" for c in row])
        hover.append([f"probability {probability} × impact {impact} = {probability * impact}"
                      + (f" ({c.band})\n{n} open risks · exposure {numbers.money_exact(c.exposure)}" if c is not None else "")
                      for impact, c, n in zip(range(1, 6), row, counts)])
        ids.append([f"{probability},{impact}" for impact in range(1, 6)])
        dimmed.append([n == 0 for n in counts])
        outlined.append([(probability, impact) in chosen for impact in range(1, 6)])
    matrix = Matrix(rows, [f"{i} {w}" for i, w in enumerate(IMPACT_WORDS, start=1)], text, colours, hover, ids,
                    dimmed=dimmed, outlined=outlined)
    legend = [Series(band, [], colour) for band, colour in BAND_COLOURS.items()]
    return ChartSpec("matrix", title, subtitle, matrix=matrix, series=legend, x_title="impact", y_title="probability",
                     numbers=numbers, height=520, clickable=True)


# a dependency's state at the status date (queries.dependencies `state`), worst first
DEPENDENCY_COLOURS = {"overdue": HEALTH_COLOURS["red"], "open": NEUTRAL, "closed": BASELINE}
NO_DEPENDENCY = "#CCCCCC"


def dependency_matrix(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """Who depends on whom among the portfolio's projects: a row per project that depends, a
    column per project depended on (both by id), each cell the number of dependencies between the
    two, coloured by the worst state (overdue, open, closed); the tooltip lists them. Dependencies
    outside the portfolio are left out (the page lists them). Columns: project_id, project_name,
    dependency_id, dependency, depends_on_project_id, depends_on_project_name, cross_project, state,
    due_date, days_overdue."""
    title = "Cross-project dependencies: who depends on whom"
    cross = frame[frame["cross_project"].fillna(False).astype(bool)]
    if cross.empty:
        return empty(title, "No project depends on another project of the portfolio", subtitle)
    dependents = cross.groupby("project_id")["project_name"].first().sort_index()
    depended_on = cross.groupby("depends_on_project_id")["depends_on_project_name"].first().sort_index()
    states = list(DEPENDENCY_COLOURS)
    text, colours, hover, ids, dimmed = [], [], [], [], []
    for project_id, project_name in dependents.items():
        row_text, row_colours, row_hover, row_ids, row_dimmed = [], [], [], [], []
        for target_id, target_name in depended_on.items():
            cell = cross[(cross["project_id"] == project_id) & (cross["depends_on_project_id"] == target_id)]
            heading = f"{display_text(_name_or_id(project_name, project_id))} depends on " \
                      f"{display_text(_name_or_id(target_name, target_id))}"
            worst = min((states.index(s) if s in states else states.index("open") for s in cell["state"]), default=None)
            row_text.append(str(len(cell)) if len(cell) else "")
            row_colours.append(DEPENDENCY_COLOURS[states[worst]] if worst is not None else NO_DEPENDENCY)
            row_hover.append("\n".join([heading] + [_dependency_line(d) for d in cell.itertuples()]) if len(cell)
                             else heading.replace(" depends on ", " does not depend on ", 1))
            row_ids.append(f"{project_id}|{target_id}")
            row_dimmed.append(cell.empty)
        for grid, row in ((text, row_text), (colours, row_colours), (hover, row_hover), (ids, row_ids),
                          (dimmed, row_dimmed)):
            grid.append(row)
    matrix = Matrix([_name_or_id(n, i) for i, n in dependents.items()], [_name_or_id(n, i) for i, n in depended_on.items()],
                    text, colours, hover, ids, dimmed=dimmed)
    legend = [Series(state, [], colour) for state, colour in DEPENDENCY_COLOURS.items()]
    return ChartSpec("matrix", title, subtitle, matrix=matrix, series=legend, x_title="depends on",
                     y_title="project", height=max(300, 170 + 70 * len(dependents)))


def _name_or_id(name, project_id) -> str:
    return str(name) if isinstance(name, str) and name else str(project_id)


def _dependency_line(dependency) -> str:
    """One dependency of a matrix cell's tooltip: "DEP-001 IFRS 17 data model …: due 16 Oct 2026, 15 days overdue"."""
    due = f"due {pd.Timestamp(dependency.due_date):%d %b %Y}" if pd.notna(dependency.due_date) else "no due date"
    state = f", {int(dependency.days_overdue)} days overdue" if pd.notna(dependency.days_overdue) else f" ({dependency.state})"
    return f"{dependency.dependency_id} {display_text(dependency.dependency, 60)}: {due}{state}"


def risk_trend(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """Open risks and issues per month (lines), with how many were raised (bars up) and closed
    (bars down). Columns: period, kind, open, raised, closed."""
    title = "Risks and issues over time"
    if frame.empty:
        return empty(title, "No risks or issues loaded", subtitle)
    months = sorted(frame["period"].unique())
    colours = {"risk": NEUTRAL, "issue": "#CC79A7"}
    bars, lines = [], []
    for kind in ("risk", "issue"):
        rows = frame[frame["kind"] == kind].set_index("period").reindex(months)
        if rows["open"].isna().all():
            continue
        colour = colours[kind]
        # the first month loaded has no earlier one to compare with: its raised and closed are unknown
        bars.append(Series(f"{kind}s raised", [_count(v) for v in rows["raised"]], colour, faint=True,
                           hover=[f"{_month(m)}: " + (f"{int(v)} {kind}s raised" if pd.notna(v) else "no earlier month loaded")
                                  for m, v in zip(months, rows["raised"])]))
        bars.append(Series(f"{kind}s closed", [-_count(v) for v in rows["closed"]], colour, faint=True,
                           hover=[f"{_month(m)}: " + (f"{int(v)} {kind}s closed" if pd.notna(v) else "no earlier month loaded")
                                  for m, v in zip(months, rows["closed"])]))
        lines.append(Series(f"open {kind}s", [_count(v) for v in rows["open"]], colour, as_line=True,
                            labels=[str(int(_count(v))) for v in rows["open"]]))
    return ChartSpec("column", title, subtitle, [_month(m) for m in months], bars + lines,
                     y_title="count (closed below zero)", stacked=True)


def issue_aging(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """Open issues by age bucket; the overdue part in red. Columns: aging_bucket, open_issues, overdue."""
    title = "Open issues by age"
    if frame["open_issues"].sum() == 0:
        return empty(title, "No open issues", subtitle)
    overdue = [_count(v) for v in frame["overdue"]]
    on_time = [_count(o) - d for o, d in zip(frame["open_issues"], overdue)]
    return ChartSpec("column", title, subtitle, [str(b) for b in frame["aging_bucket"]], [
        Series("response overdue", overdue, HEALTH_COLOURS["red"], labels=[str(int(v)) if v else "" for v in overdue]),
        Series("on time", on_time, NEUTRAL, labels=[str(int(v)) if v else "" for v in on_time]),
    ], x_title="days since raised", y_title="open issues", stacked=True, height=360)


def _scale_colour(value: float, low: float, high: float, scale: list[tuple[float, str]]) -> str:
    """The colour a continuous scale gives `value` (linear between its stops)."""
    position = min(max((value - low) / (high - low), 0.0), 1.0)
    for (start, colour_a), (end, colour_b) in zip(scale, scale[1:]):
        if position <= end:
            share = 0.0 if end == start else (position - start) / (end - start)
            a, b = (int(colour_a[i:i + 2], 16) for i in (1, 3, 5)), (int(colour_b[i:i + 2], 16) for i in (1, 3, 5))
            return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b))
    return scale[-1][1]


def utilisation_heatmap(frame: pd.DataFrame, subtitle: str = "", people: int = MOST_LOADED_PEOPLE) -> ChartSpec:
    """Person × plan month utilisation of the `people` most loaded people; over 100 % in red; a
    click on a row selects the person. Columns: resource_name, month, utilisation_pct."""
    title = "Utilisation by person and month"
    if frame.empty:
        return empty(title, "No resource plan loaded", subtitle)
    peaks = frame.groupby("resource_name")["utilisation_pct"].max().sort_values(ascending=False)
    if len(peaks) > people:
        frame = frame[frame["resource_name"].isin(peaks.index[:people])]
        title = f"Utilisation: the {people} most loaded of {len(peaks)} people"
    grid = frame.pivot_table(index="resource_name", columns="month", values="utilisation_pct", aggfunc="max").sort_index()
    months = [_short_month(m) for m in grid.columns]
    values = [[None if pd.isna(v) else float(v) for v in row] for row in grid.values]
    people_names = [str(p) for p in grid.index]
    matrix = Matrix(
        people_names, months,
        text=[[f"{v:.0f}%" if v is not None else "" for v in row] for row in values],
        colours=[[_scale_colour(v, 0, 150, UTILISATION_SCALE) if v is not None else "#FFFFFF" for v in row] for row in values],
        hover=[[f"{display_text(p)}, {m}: {v:.0f}% of capacity" if v is not None else f"{display_text(p)}, {m}: not planned"
                for m, v in zip(months, row)] for p, row in zip(people_names, values)],
        ids=[[p] * len(months) for p in people_names],
        values=values, colour_scale=UTILISATION_SCALE, value_range=(0, 150),
    )
    return ChartSpec("matrix", title, subtitle, matrix=matrix, value_format="percent", legend=False,
                     height=max(360, 110 + 22 * len(grid)), clickable=True)


def capacity_demand(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """Demand per group (team or role) and plan month as stacked bars, under a line of the
    groups' capacity. Columns: group_name, month, capacity_hours, demand_hours."""
    title = "Capacity vs demand"
    if frame.empty:
        return empty(title, "No resource plan loaded", subtitle)
    totals = frame.groupby("month", as_index=False)[["capacity_hours", "demand_hours"]].sum()
    months = list(totals["month"])
    series = []
    for index, (group, rows) in enumerate(frame.groupby("group_name")):
        demand = rows.set_index("month").reindex(months)["demand_hours"]
        # no colour of its own: the page uses the palette, a slide its template's accent colours
        series.append(Series(str(group), [_count(v) for v in demand], None,
                             hover=[f"{display_text(group)}, {_short_month(m)}: {_count(v):,.0f} h planned"
                                    for m, v in zip(months, demand)]))
    series.append(Series("capacity", [_count(v) for v in totals["capacity_hours"]], "#222222", as_line=True, dash=True,
                         hover=[f"{_short_month(m)}: capacity {_count(v):,.0f} h, demand {_count(d):,.0f} h"
                                for m, v, d in zip(months, totals["capacity_hours"], totals["demand_hours"])]))
    return ChartSpec("column", title, subtitle, [_short_month(m) for m in months], series, y_title="hours", stacked=True)


def over_allocated_by_month(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """People planned above capacity per plan month. Columns: month, over_allocated_people."""
    title = "People over 100 % of capacity, by plan month"
    if frame.empty:
        return empty(title, "No resource plan loaded", subtitle)
    counts = [_count(v) for v in frame["over_allocated_people"]]
    return ChartSpec("column", title, subtitle, [_short_month(m) for m in frame["month"]],
                     [Series("over-allocated people", counts, HEALTH_COLOURS["red"],
                             labels=[str(int(v)) if v else "" for v in counts])],
                     y_title="people", legend=False)


def project_health_history(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """One project's SPI and CPI per month, each point coloured by that month's health.
    Columns: period, spi, cpi, health."""
    title = "Performance by month"
    if frame[["spi", "cpi"]].isna().all().all():
        return empty(title, "No earned value: the project needs a budget, actuals and a baseline", subtitle)
    months = [_month(p) for p in frame["period"]]
    colours = [HEALTH_COLOURS.get(h, BASELINE) for h in frame["health"]]
    series = [Series(measure.upper(), [None if pd.isna(v) else float(v) for v in frame[measure]], NEUTRAL, as_line=True,
                     dash=measure == "cpi", point_colours=colours,
                     hover=[f"{m}: {measure.upper()} {v:.2f}" if pd.notna(v) else f"{m}: no {measure.upper()}"
                            for m, v in zip(months, frame[measure])])
              for measure in ("spi", "cpi")]
    values = pd.concat([frame["spi"], frame["cpi"]]).dropna()
    return ChartSpec("line", title, subtitle, months, series, y_title="index (1 = on plan)", value_format="ratio",
                     value_range=_padded_range(values), reference_lines=(("y", 1.0),), band=(0.85, 0.95, HEALTH_COLOURS["amber"]),
                     height=340)


def _iso(value) -> str:
    return pd.Timestamp(value).date().isoformat()


def _status_line(status_date) -> str | None:
    """The status date as a timeline's vertical line (an ISO date), or none."""
    return None if status_date is None or pd.isna(status_date) else _iso(status_date)


def _span_series(name: str, colour: str | None, rows: list[str], starts: pd.Series, finishes: pd.Series, hover: list[str],
                 faint: bool = False) -> Series:
    """Bars on a timeline, each on its row from its start to its finish (a Series of a "timeline"
    spec: `x` the starts, `values` the finishes, `ids` the rows, all ISO dates)."""
    return Series(name, [_iso(f) for f in finishes], colour, x=[_iso(s) for s in starts], ids=rows, hover=hover, faint=faint)


def _timeline_height(rows: int, row_height: int = 26) -> int:
    return max(320, 110 + row_height * rows)


def timeline(frame: pd.DataFrame, status_date: pd.Timestamp | None = None, subtitle: str = "") -> ChartSpec:
    """A Gantt of tasks (bars from start to finish, coloured by status) and milestones (diamonds),
    with each baseline finish as a tick. Columns: name, start_date, finish_date, baseline_finish,
    is_milestone, status_category. Series values are ISO dates: `x` the starts, `values` the finishes."""
    title = "Timeline: forecast vs baseline"
    data = frame[~frame["is_summary"].astype(bool)] if "is_summary" in frame else frame
    data = data.dropna(subset=["finish_date"])
    if data.empty:
        return empty(title, "No dated tasks or milestones", subtitle)
    labels = [f"{n} ◆" if m else str(n) for n, m in zip(data["name"], data["is_milestone"])]
    colours = {"done": "#009E73", "in_progress": NEUTRAL, "todo": "#A6CEE3"}
    series = []
    milestone = data["is_milestone"].astype(bool).tolist()
    for category, colour in colours.items():
        picked = [i for i, (c, m) in enumerate(zip(data["status_category"], milestone)) if c == category and not m]
        if picked:
            rows = data.iloc[picked]
            start = rows["start_date"].fillna(rows["finish_date"])
            series.append(_span_series(
                category.replace("_", " "), colour, [labels[i] for i in picked], start, rows["finish_date"],
                [f"{display_text(labels[i])}: {s:%d %b %Y} → {f:%d %b %Y}" for i, s, f in zip(picked, start, rows["finish_date"])]))
    picked = [i for i, m in enumerate(milestone) if m]
    if picked:
        rows = data.iloc[picked]
        series.append(Series("milestone (forecast)", [f.isoformat() for f in rows["finish_date"]], NEUTRAL,
                             point_colours=[colours.get(c, NEUTRAL) for c in rows["status_category"]],
                             ids=[labels[i] for i in picked],
                             hover=[f"{display_text(labels[i])}: forecast {f:%d %b %Y}" for i, f in zip(picked, rows["finish_date"])]))
    picked = [i for i, b in enumerate(data["baseline_finish"]) if pd.notna(b)]
    if picked:
        rows = data.iloc[picked]
        series.append(Series("baseline finish", [b.isoformat() for b in rows["baseline_finish"]], "#222222",
                             ids=[labels[i] for i in picked],
                             hover=[f"{display_text(labels[i])}: baseline {b:%d %b %Y}" for i, b in zip(picked, rows["baseline_finish"])]))
    return ChartSpec("timeline", title, subtitle, list(dict.fromkeys(labels)), series, value_format="date",
                     status_line=_status_line(status_date), height=_timeline_height(len(data)))


def _days(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{int(value):+d} days"


def roadmap(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """The portfolio roadmap: one row per project, grouped under its program's name (in capitals),
    the baseline (start to finish) as a wide grey bar behind the forecast (start to finish) in
    the project's health colour; the status date as a line. Columns: project_id, project_name,
    program, health, status_date, baseline_start, baseline_finish, forecast_start, forecast_finish,
    finish_variance_days."""
    title = "Roadmap: forecast vs baseline, by program"
    data = frame.dropna(subset=["forecast_finish"])
    if data.empty:
        return empty(title, "No project has a forecast finish", subtitle)
    rows, labels = [], {}
    for program, projects in data.groupby("program", sort=False):
        rows.append(display_text(program).upper())  # the group's heading: a row with nothing drawn on it
        for pid, name in zip(projects["project_id"], projects["project_name"]):
            labels[pid] = f"{display_text(name)} ({pid})"
            rows.append(labels[pid])
    series = []
    based = data.dropna(subset=["baseline_start", "baseline_finish"])
    if not based.empty:
        series.append(_span_series(
            "baseline", BASELINE, [labels[p] for p in based["project_id"]], based["baseline_start"], based["baseline_finish"],
            [f"{labels[p]}\nbaseline {s:%d %b %Y} → {f:%d %b %Y}"
             for p, s, f in zip(based["project_id"], based["baseline_start"], based["baseline_finish"])], faint=True))
    for health in HEALTH_ORDER:
        rows_of = data[data["health"] == health]
        if rows_of.empty:
            continue
        start = rows_of["forecast_start"].fillna(rows_of["forecast_finish"])
        series.append(_span_series(
            health, HEALTH_COLOURS[health], [labels[p] for p in rows_of["project_id"]], start, rows_of["forecast_finish"],
            [f"{labels[p]}\nforecast {s:%d %b %Y} → {f:%d %b %Y} ({_days(v)} on the baseline finish) · {health}"
             for p, s, f, v in zip(rows_of["project_id"], start, rows_of["forecast_finish"], rows_of["finish_variance_days"])]))
    status = data["status_date"].dropna()
    return ChartSpec("timeline", title, subtitle, rows, series, value_format="date",
                     status_line=_status_line(status.iloc[0]) if not status.empty else None,
                     height=_timeline_height(len(rows), 24))


def cost_curve(frame: pd.DataFrame, subtitle: str = "", numbers: NumberFormat = NumberFormat()) -> ChartSpec:
    """The cost S-curve: planned value, earned value and actual cost, cumulative to each month's
    status date (ANSI/EIA-748: BCWS, BCWP, ACWP), with the budget at completion as a dotted line.
    Columns: period, pv, ev, ac, bac."""
    title = "Cost curve: planned value, earned value, actual cost"
    data = frame.dropna(subset=["pv", "ev", "ac"], how="all")
    if data.empty:
        return empty(title, "No earned value: budgets, actuals and baselines are needed", subtitle)
    months = [_month(p) for p in data["period"]]
    lines = {"pv": ("PV (planned value)", "#222222", True), "ev": ("EV (earned value)", NEUTRAL, False),
             "ac": ("AC (actual cost)", HEALTH_COLOURS["red"], False)}
    series = [Series(name, [None if pd.isna(v) else float(v) for v in data[column]], colour, as_line=True, dash=dash,
                     hover=[f"{m}: {column.upper()} {numbers.money_exact(v)}" if pd.notna(v) else f"{m}: no {column.upper()}"
                            for m, v in zip(months, data[column])])
              for column, (name, colour, dash) in lines.items()]
    bac = float(data["bac"].iloc[-1]) if "bac" in data and pd.notna(data["bac"].iloc[-1]) else None
    top = max([bac or 0.0, *(float(v) for c in lines for v in data[c].dropna())]) or 1.0
    return ChartSpec("line", title, subtitle + (f" · BAC {numbers.money(bac)} (dotted)" if bac else ""), months, series,
                     y_title=numbers.money_label("cumulative"), value_format="money",
                     value_range=(0, top * 1.08), reference_lines=(("y", bac),) if bac else (), numbers=numbers, height=380)


def milestone_trend(frame: pd.DataFrame, subtitle: str = "") -> ChartSpec:
    """Milestone trend analysis: each milestone's forecast date (y) in each reporting month (x);
    a rising line is a slipping milestone. Columns: period, name, forecast_finish."""
    title = "Milestone trend"
    if frame.empty:
        return empty(title, "No milestones", subtitle)
    months = sorted(frame["period"].unique())
    series = []
    for index, (name, rows) in enumerate(frame.groupby("name", sort=False)):
        dates = rows.set_index("period").reindex(months)["forecast_finish"]
        series.append(Series(str(name), [None if pd.isna(d) else pd.Timestamp(d).date().isoformat() for d in dates],
                             None, as_line=True,
                             hover=[f"{display_text(name)} in {_month(m)}: forecast {pd.Timestamp(d):%d %b %Y}" if pd.notna(d) else ""
                                    for m, d in zip(months, dates)]))
    return ChartSpec("line", title, subtitle, [_month(m) for m in months], series, x_title="reporting month",
                     y_title="forecast date", value_format="date", height=400)
