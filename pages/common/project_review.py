"""The monthly review's parts of the Project page: the PMO's health override, the PM's status report
with its path to green and history, the decisions and actions log, and the forms an editor writes
them with (the writes are pmo_data/review_edits.py's). A viewer sees the same text and no form."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages.common import display
from pages.common.layout import PageContext
from pmo_data import review_edits
from pmo_data.queries import Filters
from pmo_data.review_edits import Commentary, EditRefused, Step

STEP_COLUMNS = ["action", "owner", "target_date"]


def _written(write, done: str) -> None:
    """Runs one write; on success says so and shows the page again (it reads the new data version)."""
    try:
        write()
    except EditRefused as refused:
        st.error(display.md(str(refused)), icon=":material/error:")
        return
    st.toast(done, icon=":material/check:")
    st.rerun()


def _as_text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _when(value) -> str:
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def _who(context: PageContext) -> dict:
    return {"user": context.user.name, "role": context.user.role}


# -- health override ---------------------------------------------------------------------------------

def health_line(context: PageContext, now) -> None:
    """The health badge; beside an override, the computed health and the PMO's justification."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        display.health_badge(now.health)
        if now.overridden:
            st.badge(f"computed {now.assessed_health}", icon=":material/calculate:",
                     color=display.HEALTH_BADGE_COLOURS.get(now.assessed_health, "gray"))
    if now.overridden:
        st.caption(display.md(f"PMO override for {context.period:%B %Y}: {display.plain(now.override_justification, display.TEXT)} "
                              f"(set by {display.plain(now.override_set_by or 'the PMO')} on {_when(now.override_set_at)}). "
                              "The reasons below are the computed health's."))


def override_form(context: PageContext, now) -> None:
    """Last month's override not renewed (for everyone to see); for an editor, the form that sets or
    renews the month's override."""
    overrides = context.load("health_override", Filters(period=context.period))
    expired = overrides[(overrides["project_id"] == now.project_id) & (overrides["state"] == "expired")]
    if not expired.empty:
        last = expired.iloc[0]
        st.caption(display.md(f"Last month's PMO override ({last.override_health}: "
                              f"{display.plain(last.justification, display.TEXT)}) expired at {context.period:%B}"
                              + (": renew it below?" if context.user.can_edit else ".")))
    if not context.user.can_edit:
        return
    shown = expired.iloc[0] if not expired.empty else None
    health = now.override_health if now.overridden else (shown.override_health if shown is not None else now.assessed_health)
    reason = now.override_justification if now.overridden else (shown.justification if shown is not None else "")
    label = "PMO health override" + (" · expired, renew?" if shown is not None and not now.overridden else "")
    with st.expander(label, icon=":material/gavel:"):
        key = f"{now.project_id}-{context.period}"
        with st.form(f"override-{key}", border=False):
            chosen = st.segmented_control("Health the PMO shows", list(review_edits.HEALTHS), key=f"override_health-{key}",
                                          default=health if health in review_edits.HEALTHS else None)
            justification = st.text_area("Justification (required)", _as_text(reason), key=f"override_reason-{key}",
                                         height=80, max_chars=500)
            submitted = st.form_submit_button(f"Set for {context.period:%B %Y}", icon=":material/gavel:")
        st.caption(f"Holds for {context.period:%B %Y} only; the computed health stays beside it.")
    if submitted:
        _written(lambda: review_edits.set_health_override(context.store, context.period, now.project_id, chosen or "",
                                                          justification, **_who(context)),
                 "Health override set")


# -- status report --------------------------------------------------------------------------------------

def _source(versions: pd.DataFrame) -> str:
    latest = versions.iloc[0]
    if latest.origin == "editor":
        said = f"Written on this page by {display.plain(latest.written_by or 'an editor')} on {_when(latest.written_at)}"
    else:
        by = f", reported by {display.plain(latest.reported_by)}" if latest.reported_by else ""
        dated = f" on {_when(latest.report_date)}" if not pd.isna(latest.report_date) else ""
        said = f"From the imported file {display.plain(latest.file_name)}{by}{dated}"
    others = len(versions) - 1
    kept = f" · {others} earlier version{'s' if others > 1 else ''} of this month kept (below)" if others else ""
    return display.md(said + kept)


def _step_frame(path) -> pd.DataFrame:
    steps = pd.DataFrame(list(path) if path is not None else [], columns=STEP_COLUMNS)
    steps["target_date"] = pd.to_datetime(steps["target_date"]).dt.date
    return steps


def status_report(context: PageContext, now) -> None:
    """The month's report, its path to green, where it came from, earlier versions and months."""
    st.subheader(f"Status report · {context.period:%B %Y}", anchor=False)
    history = context.load("status_commentary", context.filters, now.project_id)
    this = history[history["period"].dt.date == context.period]
    this = this.iloc[0] if not this.empty else None
    if this is None or not this.reported:
        st.caption("No status report for this month" + (": write one below." if context.user.can_edit else "."))
    else:
        versions = context.load("status_report_versions", context.period, now.project_id)
        left, right = st.columns(2)
        with left:
            for label, text in (("Summary", this.summary), ("Achievements", this.achievements),
                                ("Next steps", this.next_steps)):
                st.markdown(f"**{label}**  \n{display.md(_as_text(text) or '–', display.MESSAGE)}")
        with right:
            st.markdown(f"**Decisions or help needed from the sponsor**  \n"
                        f"{display.md(_as_text(this.sponsor_asks) or 'none', display.MESSAGE)}")
        st.caption(_source(versions))
        if len(versions) > 1:
            with st.expander(f"Earlier versions of {context.period:%B}"):
                for older in versions.iloc[1:].itertuples():
                    st.markdown(display.md(_source(versions.loc[[older.Index]])) + "  \n"
                                + display.md(_as_text(older.summary) or "–", display.MESSAGE))
    steps = _step_frame(this.path_to_green if this is not None else None)
    if not steps.empty or now.health in ("amber", "red"):
        st.markdown("**Path to green**")
        if steps.empty:
            st.caption(f"No path to green for this {now.health} project this month.")
        else:
            shown, columns = display.screen_table(steps, context.numbers, widths={"owner": 160, "target_date": 110})
            display.dataframe(shown, hide_index=True, column_config=columns)
    if context.user.can_edit:
        _commentary_form(context, now, this, steps)
    earlier = history[history["period"].dt.date < context.period]
    if not earlier.empty:
        with st.expander(f"Commentary of earlier months ({int(earlier['reported'].sum())} of {len(earlier)} reported)"):
            shown, columns = display.screen_table(
                earlier[["period", "health", "summary", "path_to_green_text"]], context.numbers,
                widths={"period": 90, "summary": 360, "path_to_green_text": 250},
                health=display.pill_column("Health", width=68))
            display.dataframe(display.as_pills(shown, ("health",)), hide_index=True, column_config=columns,
                              row_height=display.WRAPPING_ROW_HEIGHT,
                              height=display.table_height(len(shown), display.WRAPPING_ROW_HEIGHT))


def _commentary_form(context: PageContext, now, this, steps: pd.DataFrame) -> None:
    key = f"{now.project_id}-{context.period}"
    with st.expander(f"Write the status report of {context.period:%B %Y}", icon=":material/edit_note:"):
        st.caption("Saved as yours for this month beside any imported report (which stays stored): the one written "
                   "last is shown. Every save is in the audit log.")
        with st.form(f"commentary-{key}", border=False):
            texts = {}
            for name, label in (("summary", "Summary: where the project stands and why (required)"),
                                ("achievements", "Achievements this month"), ("next_steps", "Next steps"),
                                ("sponsor_asks", "Decisions or help needed from the sponsor")):
                texts[name] = st.text_area(label, _as_text(getattr(this, name, None) if this is not None else None),
                                           key=f"{name}-{key}", height=80, max_chars=2000)
            edited = st.data_editor(steps, num_rows="dynamic", hide_index=True, key=f"steps-{key}", column_config={
                "action": st.column_config.TextColumn("Path to green: action", width="large", max_chars=300),
                "owner": st.column_config.TextColumn("Owner", max_chars=80),
                "target_date": st.column_config.DateColumn("Target date", format="DD MMM YYYY")})
            submitted = st.form_submit_button("Save the status report", icon=":material/save:")
    if submitted:
        new_steps = [Step(_as_text(row.action), _as_text(row.owner) or None,
                          None if row.target_date is None or pd.isna(row.target_date) else pd.Timestamp(row.target_date).date())
                     for row in edited.itertuples()]
        unchanged = new_steps == [Step(_as_text(r.action), _as_text(r.owner) or None,
                                       None if r.target_date is None or pd.isna(r.target_date) else r.target_date)
                                  for r in steps.itertuples()]
        _written(lambda: review_edits.write_commentary(context.store, context.period, now.project_id, Commentary(**texts),
                                                       None if unchanged else new_steps, **_who(context)),
                 "Status report saved")


# -- decisions and actions --------------------------------------------------------------------------------

def decisions_and_actions(context: PageContext, now) -> None:
    """The project's decision and action log of the month, carried month to month."""
    st.subheader("Decisions and actions", anchor=False)
    log = context.load("project_log", context.period, now.project_id)
    decisions, actions = log[log["kind"] == "decision"], log[log["kind"] == "action"]
    if decisions.empty:
        st.caption("No decisions logged.")
    else:
        shown, columns = display.screen_table(
            decisions[["title", "raised_date", "owner", "status", "item_id", "carried_from"]], context.numbers,
            widths={"raised_date": 100, "owner": 150, "status": 70, "item_id": 70, "carried_from": 100},
            title=st.column_config.TextColumn("Decision"), raised_date=st.column_config.DateColumn("Date", format="DD MMM YYYY"),
            owner=st.column_config.TextColumn("Made by", width=150))
        display.dataframe(shown, hide_index=True, column_config=columns)
    if actions.empty:
        st.caption("No actions logged.")
    else:
        overdue = int(actions["overdue"].sum())
        if overdue:
            st.caption(f"{overdue} action{'s' if overdue > 1 else ''} overdue at the status date.")
        shown, columns = display.screen_table(
            actions[["title", "owner", "due_date", "status", "days_overdue", "item_id", "carried_from"]], context.numbers,
            widths={"title": 260, "owner": 120, "due_date": 96, "status": 64, "item_id": 64, "carried_from": 96},
            title=st.column_config.TextColumn("Action", width=260),
            # the overdue flag as its days: a number only on an overdue action, on a 1280-px projector
            days_overdue=st.column_config.NumberColumn("Overdue (days)", format="%d", width=90,
                                                       help="Open after its due date at the status date: days since"))
        display.dataframe(shown, hide_index=True, column_config=columns)
    if context.user.can_edit:
        _log_forms(context, now, actions)


def _log_forms(context: PageContext, now, actions: pd.DataFrame) -> None:
    key = f"{now.project_id}-{context.period}"
    with st.expander("Add a decision or an action, or change an action's status", icon=":material/playlist_add:"):
        add, status = st.columns(2, gap="large")
        with add, st.form(f"log_entry-{key}"):
            kind = st.segmented_control("Add", ["action", "decision"], default="action", key=f"log_kind-{key}")
            title = st.text_input("The decision or action", key=f"log_title-{key}", max_chars=300)
            owner = st.text_input("Owner (an action) or made by (a decision)", key=f"log_owner-{key}", max_chars=80)
            day = st.date_input("Due date (an action) or date made (a decision)", value=None, key=f"log_date-{key}",
                                format="DD/MM/YYYY")
            added = st.form_submit_button("Add to the log", icon=":material/add:")
        with status, st.form(f"action_status-{key}"):
            labels = {row.item_id: display.plain(f"{row.item_id} · {row.title}", display.NAME)
                      for row in actions.itertuples()}
            chosen = st.selectbox("Action", list(labels), format_func=labels.get, key=f"status_action-{key}",
                                  index=None, placeholder="Choose an action")
            new_status = st.segmented_control("Status", list(review_edits.ACTION_STATUSES), default="closed",
                                              key=f"status_value-{key}")
            changed = st.form_submit_button("Change the status", icon=":material/task_alt:")
    if added:
        day = day if isinstance(day, dt.date) else None
        _written(lambda: review_edits.add_log_entry(
            context.store, context.period, now.project_id, kind or "action", title, owner,
            raised_date=day if kind == "decision" else None, due_date=day if kind != "decision" else None,
            **_who(context)), f"{(kind or 'action').capitalize()} added")
    if changed:
        if chosen is None:
            st.error("Choose the action whose status changes.")
            return
        _written(lambda: review_edits.set_action_status(context.store, context.period, now.project_id, chosen,
                                                        new_status or "", **_who(context)), "Status changed")
