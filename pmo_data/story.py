"""The executive summary in sentences, written from the named queries by plain rules: no
network, no language model, the same figures as the cards and tables. The deck opens with it
and the Portfolio page shows it. Names from the data are shortened (`display_text`), so one long
name cannot crowd the sentence's figures off a slide."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pmo_data import queries
from pmo_data.formatting import NumberFormat
from pmo_data.queries import Filters
from pmo_data.store import Store
from pmo_data.text_safety import TEXT, display_text

WATERMELONS_NAMED = 3  # more are summed up in one sentence
PROJECTS_NAMED = 4


def _names(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _health_sentence(now: pd.Series, previous_month: dt.date | None) -> str:
    sentence = f"{now.red} of {now.projects} projects red"
    if pd.notna(now.red_delta) and previous_month is not None:
        sentence += f" ({int(now.red_delta):+d} since {previous_month:%B})" if now.red_delta else f" (as in {previous_month:%B})"
    others = [f"{now.amber} amber", f"{now.green} green"] + ([f"{now.grey} not assessed"] if now.grey else [])
    return sentence + ", " + ", ".join(others) + "."


def _watermelon_sentences(health: pd.DataFrame) -> list[str]:
    melons = health[health["watermelon"]]
    sentences = [
        f"{display_text(row.project_name)} reports {row.reported_health} but computes {row.assessed_health}"
        + (f" (shown {row.health} by PMO override)" if row.overridden else "") + ": "
        + ", ".join(display_text(reason, TEXT) for reason in list(row.health_reasons)[:3]) + "."
        for row in melons.head(WATERMELONS_NAMED).itertuples()
    ]
    if len(melons) > WATERMELONS_NAMED:
        sentences.append(f"{len(melons) - WATERMELONS_NAMED} more projects report better health than they compute.")
    return sentences


def _worse_sentence(health: pd.DataFrame, previous_month: dt.date | None) -> str | None:
    worse = health[health["health_change"] == "worse"]
    if worse.empty or previous_month is None:
        return None
    named = [f"{display_text(row.project_name)} ({row.previous_health} → {row.assessed_health})" for row in worse.head(PROJECTS_NAMED).itertuples()]
    more = f" and {len(worse) - PROJECTS_NAMED} more" if len(worse) > PROJECTS_NAMED else ""
    return f"{_plural(len(worse), 'project')} got worse since {previous_month:%B}: {', '.join(named)}{more}."


def _risk_sentence(critical: pd.DataFrame, any_loaded: bool) -> str:
    """Never reassuring by absence: with no risk loaded for the month, it says so."""
    if not any_loaded:
        return "Risks: none loaded for this month, so nothing can be said about them."
    if critical.empty:
        return "No critical risk is open."
    by_project = critical.groupby("project_name", sort=False).size().sort_values(ascending=False)
    count = len(critical)
    if len(by_project) == 1:
        project = display_text(by_project.index[0])
        where = f"{'both' if count == 2 else 'all' if count > 2 else ''} on {project}".strip()
        return f"{_plural(count, 'critical risk')} open, {where}." if count > 1 else f"1 critical risk open, on {project}."
    listed = [f"{display_text(name)} ({n})" for name, n in by_project.head(PROJECTS_NAMED).items()]
    return f"{_plural(count, 'critical risk')} open, on {_names(listed)}."


def _people_sentence(load: pd.DataFrame, period: dt.date) -> str | None:
    if load.empty:
        return None
    # from the reporting month on: the month reported is the one the card and the chart count first
    coming = load[pd.to_datetime(load["month"]) >= pd.Timestamp(period)].sort_values("month")
    if coming.empty:
        return None
    next_month = coming.iloc[0]
    peak = coming.loc[coming["over_allocated_people"].idxmax()]
    now = int(next_month.over_allocated_people)
    sentence = (f"{'Nobody is' if now == 0 else _plural(now, 'person is', 'people are')} over 100 % of capacity "
                f"in {pd.Timestamp(next_month.month):%B}")
    if peak.over_allocated_people > now:
        peak_people = int(peak.over_allocated_people)
        sentence += (f", {peak_people}{' people' if now == 0 and peak_people > 1 else ' person' if now == 0 else ''} "
                     f"at the peak in {pd.Timestamp(peak.month):%B %Y}")
    return sentence + "."


def _cost_sentence(now: pd.Series, numbers: NumberFormat) -> str | None:
    """The forecast against the budget of the same projects (those with a forecast), saying how
    many that is when some have none: never a sum over one set against a sum over another."""
    if pd.isna(now.eac) or pd.isna(now.budget_with_eac) or not now.budget_with_eac:
        return None
    overrun = now.eac_overrun_pct
    direction = "over" if overrun > 0 else "under"
    coverage = "" if now.projects_with_eac == now.projects else \
        f" for the {now.projects_with_eac} of {now.projects} projects with a forecast"
    return (f"Forecast cost {numbers.money(now.eac)} against a budget of {numbers.money(now.budget_with_eac)}{coverage} "
            f"({abs(overrun):.1f} % {direction}); portfolio SPI {now.spi:.2f}, CPI {now.cpi:.2f}.")


def unregistered_risks_sentence(entries: pd.DataFrame, numbers: NumberFormat) -> str | None:
    """What the figures leave out because their entries name no project of the month: said beside
    them, never silently missing ("2 risks on projects not in the register: … not counted")."""
    risks = entries[entries["open_risks"] > 0]
    if risks.empty:
        return None
    count, critical = int(risks["open_risks"].sum()), int(risks["open_critical_risks"].sum())
    ids = ", ".join(display_text(p) for p in risks["project_id"])
    where = "a project" if len(risks) == 1 else "projects"
    return (f"{_plural(count, 'open risk')} ({critical} critical) on {where} not in the register ({ids}): "
            f"{numbers.money(risks['open_risk_exposure'].sum())} exposure, not counted in these figures.")


def executive_summary(store: Store, filters: Filters) -> list[str]:
    """The month's story in a few sentences, most important first; empty when nothing is loaded."""
    cards = queries.portfolio_cards(store, filters)
    current = cards[cards["is_current"]]
    if current.empty:
        return []
    now = current.iloc[0]
    earlier = cards[~cards["is_current"]]
    previous_month = earlier["period"].iloc[0].date() if len(earlier) else None
    health = queries.project_health(store, filters)
    critical = queries.risks(store, filters, bands=("Critical",), open_only=True, kind="risk")
    any_loaded = not queries.risks(store, filters).empty
    numbers = queries.number_format(store)
    sentences = [_health_sentence(now, previous_month), *_watermelon_sentences(health),
                 _worse_sentence(health, previous_month), _risk_sentence(critical, any_loaded),
                 unregistered_risks_sentence(queries.unregistered_entries(store, filters.period), numbers),
                 _people_sentence(queries.capacity_demand(store, filters, "all"), filters.period),
                 _cost_sentence(now, numbers)]
    return [s for s in sentences if s]
