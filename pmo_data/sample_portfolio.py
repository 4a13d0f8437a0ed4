"""The demo portfolio: a believable PMO, generated deterministically from a seed.

`python -m pmo_data.sample_portfolio [OUT_DIR]` writes `sample_data/`: per reporting month a
folder `YYYY-MM/` holding the PMO portfolio workbook and a canonical `tasks.csv`, plus the
empty template. The story it tells (each month measured at the month's last day):
- ~25 projects in 4 programs and 3 departments, most healthy, some slipping, some over budget;
- PRJ-007 is the watermelon: reported green every month, really late and over budget, its
  'Build complete' milestone overdue since 15 Sep 2026;
- milestones of slipping projects move later month over month;
- ~60 risks and issues that appear, escalate and close across the months;
- 40 people planned over 12 months, a handful of them over-allocated;
- the monthly review (issue 16): every PM's status report (PRJ-007's explains, in October, why it
  is late and over budget and gives its path to green; PRJ-012 and PRJ-019 send none in October),
  decisions (two needed from sponsors in October, one overdue since September), actions (three
  raised in September are overdue in October, one of them left out of October's log), stage gates
  (several fall due in November 2026) and dependencies (three projects depend on IFRS 17
  Reporting, PRJ-020); a few assumptions in the RAID log.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Font, PatternFill

from pmo_data import sample_trackers
from pmo_data.sources import pmo_template

SEED = 20261031
PERIODS = [dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1)]
PLAN_MONTHS = [dt.date(2026 + (6 + i) // 12, (6 + i) % 12 + 1, 1) for i in range(12)]  # Jul 2026 .. Jun 2027

PROGRAMS = {
    "Digital Channels": ("Change the Business", "IT"),
    "Operational Excellence": ("Run the Business", "Operations"),
    "Data & Analytics": ("Change the Business", "IT"),
    "Regulatory Compliance": ("Run the Business", "Finance"),
}
OBJECTIVES = ["Grow digital revenue", "Reduce operating cost", "Meet regulatory obligations", "Improve customer experience"]
MANAGERS = ["Alice Martin", "Bruno Costa", "Chloé Dubois", "Dev Patel", "Emma Schultz", "Farid Haddad", "Grace Okafor", "Hiro Tanaka"]
SPONSORS = ["Isabel Ramos (COO)", "James Whitfield (CIO)", "Karin Berg (CFO)", "Liam O'Neill (CDO)"]

# (id, name, program, profile, objective index or None). Profiles drive how the project evolves.
PROJECTS = [
    ("PRJ-001", "Mobile App 3.0", "Digital Channels", "healthy", 0),
    ("PRJ-002", "Online Checkout Redesign", "Digital Channels", "slipping", 0),
    ("PRJ-003", "Chatbot for Customer Service", "Digital Channels", "healthy", 3),
    ("PRJ-004", "Loyalty Programme Launch", "Digital Channels", "over_budget", 0),
    ("PRJ-005", "Website Accessibility Upgrade", "Digital Channels", "healthy", 3),
    ("PRJ-006", "Self-Service Portal", "Digital Channels", "amber", 3),
    ("PRJ-007", "Customer Portal Replatform", "Digital Channels", "watermelon", 3),
    ("PRJ-008", "Warehouse Automation", "Operational Excellence", "slipping", 1),
    ("PRJ-009", "Procurement Process Redesign", "Operational Excellence", "healthy", 1),
    ("PRJ-010", "Fleet Telematics", "Operational Excellence", "healthy", 1),
    ("PRJ-011", "Shared Services Consolidation", "Operational Excellence", "over_budget", 1),
    ("PRJ-012", "Lean Office Rollout", "Operational Excellence", "healthy", None),
    ("PRJ-013", "Facilities Energy Retrofit", "Operational Excellence", "amber", 1),
    ("PRJ-014", "Enterprise Data Platform", "Data & Analytics", "healthy", 0),
    ("PRJ-015", "Customer 360 Analytics", "Data & Analytics", "slipping", 3),
    ("PRJ-016", "Data Governance Programme", "Data & Analytics", "healthy", 2),
    ("PRJ-017", "Demand Forecasting ML", "Data & Analytics", "amber", 1),
    ("PRJ-018", "Self-Service BI Rollout", "Data & Analytics", "healthy", None),
    ("PRJ-019", "Legacy DWH Decommission", "Data & Analytics", "red", 1),
    ("PRJ-020", "IFRS 17 Reporting", "Regulatory Compliance", "red", 2),
    ("PRJ-021", "GDPR Records Retention", "Regulatory Compliance", "healthy", 2),
    ("PRJ-022", "AML Transaction Monitoring", "Regulatory Compliance", "slipping", 2),
    ("PRJ-023", "ESG Disclosure Reporting", "Regulatory Compliance", "healthy", 2),
    ("PRJ-024", "Operational Resilience (DORA)", "Regulatory Compliance", "amber", 2),
    ("PRJ-025", "Audit Trail Modernisation", "Regulatory Compliance", None, None),  # not started yet
]

# How a profile behaves at each of the three periods: schedule performance (progress / planned),
# cost performance (earned / actual), forecast finish slip in days, and the RAG the PM reports.
PROFILES = {
    "healthy": {"spi": (1.0, 1.0, 0.99), "cpi": (1.01, 1.0, 0.99), "slip": (0, 0, 0), "rag": ("green", "green", "green")},
    "slipping": {"spi": (0.93, 0.86, 0.8), "cpi": (0.98, 0.97, 0.96), "slip": (14, 35, 56), "rag": ("green", "amber", "red")},
    "over_budget": {"spi": (0.98, 0.97, 0.96), "cpi": (0.9, 0.84, 0.8), "slip": (0, 7, 10), "rag": ("amber", "amber", "red")},
    "amber": {"spi": (0.95, 0.92, 0.91), "cpi": (0.96, 0.93, 0.92), "slip": (7, 14, 21), "rag": ("amber", "amber", "amber")},
    "red": {"spi": (0.85, 0.8, 0.76), "cpi": (0.85, 0.81, 0.78), "slip": (30, 45, 75), "rag": ("amber", "red", "red")},
    "watermelon": {"spi": (0.86, 0.78, 0.72), "cpi": (0.88, 0.8, 0.74), "slip": (21, 49, 77), "rag": ("green", "green", "green")},
}

MILESTONE_NAMES = ["Requirements signed off", "Design approved", "Build complete", "UAT complete", "Go-live", "Hypercare exit"]
TASK_NAMES = ["Discovery workshops", "Requirements", "Solution design", "Environment setup", "Build sprint 1",
              "Build sprint 2", "Build sprint 3", "Integration", "Data migration", "System test", "UAT",
              "Training", "Cutover plan", "Deployment", "Hypercare"]
TEAMS = {
    "Platform Engineering": ["Developer", "Developer", "Architect"],
    "Data": ["Data Engineer", "Data Analyst"],
    "Business Analysis": ["Business Analyst"],
    "Quality Assurance": ["Tester"],
    "Infrastructure": ["Infrastructure Engineer"],
    "PMO": ["Project Manager"],
}
FIRST_NAMES = ["Ana", "Ben", "Carla", "Dmitri", "Elif", "Femi", "Giulia", "Hassan", "Ines", "Jonas", "Kofi", "Lena",
               "Mateo", "Nora", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Xenia",
               "Yusuf", "Zoe", "Amir", "Bea", "Carlos", "Dana", "Erik", "Fatima", "Georg", "Hana", "Ivan", "Julia",
               "Karl", "Lucia", "Marek", "Nadia"]
LAST_NAMES = ["Silva", "Novak", "Khan", "Meyer", "Rossi", "Larsen", "Kowalski", "Nguyen", "Garcia", "Müller"]
RISK_TITLES = [
    ("Vendor delivery delay", "Supplier"), ("Key developer attrition", "Resourcing"), ("Scope creep from business", "Scope"),
    ("Integration API instability", "Technical"), ("Data quality in source systems", "Technical"),
    ("Regulatory deadline moved earlier", "Regulatory"), ("Budget cut in next fiscal year", "Financial"),
    ("Security review findings", "Security"), ("Test environment unavailable", "Technical"),
    ("Change resistance in operations", "Organisational"), ("Licence cost increase", "Financial"),
    ("Dependency on parallel programme", "Dependency"),
]

RISK_QUALIFIERS = ["", " (pilot sites)", " (phase 2)", " (go-live)", " (second vendor)", " (year-end)"]


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass
class ProjectPlan:
    project_id: str
    name: str
    program: str
    profile: str | None
    objective: str | None
    manager: str
    sponsor: str
    baseline_start: dt.date
    baseline_finish: dt.date
    budget: float
    priority: str


def _plans(rng: random.Random) -> list[ProjectPlan]:
    plans = []
    for index, (pid, name, program, profile, objective) in enumerate(PROJECTS):
        start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(0, 150))
        if profile is None:
            start = dt.date(2026, 12, 1)
        if pid == "PRJ-007":
            start = dt.date(2026, 2, 2)
        length = rng.randrange(270, 480)
        finish = start + dt.timedelta(days=length)
        budget = float(rng.randrange(20, 300) * 5_000)
        plans.append(ProjectPlan(
            pid, name, program, profile, OBJECTIVES[objective] if objective is not None else None,
            MANAGERS[index % len(MANAGERS)], SPONSORS[index % len(SPONSORS)], start, finish, budget,
            ["High", "Medium", "Low"][index % 3],
        ))
    return plans


def _task_plan(plan: ProjectPlan) -> list[tuple[int, str, dt.date, dt.date, float]]:
    """(number, name, start, baseline finish, estimate hours) of the project's tasks."""
    rng = random.Random(SEED + int(plan.project_id[-3:]))
    step = (plan.baseline_finish - plan.baseline_start).days / len(TASK_NAMES)
    return [
        (
            number,
            name,
            plan.baseline_start + dt.timedelta(days=round(step * (number - 1))),
            plan.baseline_start + dt.timedelta(days=round(step * number)),
            float(rng.randrange(4, 40) * 8),
        )
        for number, name in enumerate(TASK_NAMES, start=1)
    ]


def _planned_share(start: dt.date, finish: dt.date, status_date: dt.date) -> float:
    if status_date >= finish:
        return 1.0
    if status_date <= start:
        return 0.0
    return (status_date - start).days / max((finish - start).days, 1)


def _planned_percent(plan: ProjectPlan, status_date: dt.date) -> float:
    """Planned share of the work at the status date, from the tasks' plan (as docs/kpis.md says)."""
    tasks = _task_plan(plan)
    return sum(est * _planned_share(start, finish, status_date) for _, _, start, finish, est in tasks) / sum(
        est for *_, est in tasks
    )


def _project_rows(plans: list[ProjectPlan], period_index: int) -> list[dict]:
    status_date = month_end(PERIODS[period_index])
    rows = []
    for plan in plans:
        profile = PROFILES.get(plan.profile or "", None)
        planned = _planned_percent(plan, status_date)
        if profile is None:
            progress, actual, slip, rag, status, phase = 0.0, 0.0, 0, None, "Not started", "Initiation"
        else:
            progress = min(1.0, planned * profile["spi"][period_index])
            earned = plan.budget * progress
            actual = round(earned / profile["cpi"][period_index], -2)
            slip = profile["slip"][period_index]
            rag = profile["rag"][period_index]
            status = "Active"
            phase = "Closing" if progress > 0.9 else "Execution" if progress > 0.25 else "Planning"
        forecast_finish = plan.baseline_finish + dt.timedelta(days=slip)
        cpi = profile["cpi"][period_index] if profile else 1.0
        rows.append({
            "project_id": plan.project_id, "project_name": plan.name, "program": plan.program,
            "portfolio": PROGRAMS[plan.program][0], "department": PROGRAMS[plan.program][1],
            "manager": plan.manager, "sponsor": plan.sponsor, "strategic_objective": plan.objective,
            "status": status, "phase": phase, "priority": plan.priority,
            "start_date": plan.baseline_start if profile else None, "finish_date": forecast_finish,
            "baseline_start": plan.baseline_start, "baseline_finish": plan.baseline_finish,
            "forecast_finish": forecast_finish, "budget": plan.budget, "actual_cost": actual,
            "forecast_cost": round(plan.budget / cpi, -3), "percent_complete": round(progress * 100, 1),
            "reported_health": rag,
        })
    return rows


def _milestone_rows(plans: list[ProjectPlan], period_index: int) -> list[dict]:
    status_date = month_end(PERIODS[period_index])
    rows = []
    for plan in plans:
        profile = PROFILES.get(plan.profile or "")
        length = (plan.baseline_finish - plan.baseline_start).days
        names = MILESTONE_NAMES[: 4 + int(plan.project_id[-1]) % 3]
        for number, name in enumerate(names, start=1):
            baseline = plan.baseline_start + dt.timedelta(days=round(length * number / len(names)))
            stuck = plan.project_id == "PRJ-007" and name == "Build complete"
            if stuck:
                baseline = dt.date(2026, 9, 15)
            # later milestones carry the project's slip; earlier ones carry part of it. A milestone
            # keeps the date it was done on: the first month whose forecast had passed fixes it.
            done = False
            for month_index in range(period_index + 1):
                slip = round(profile["slip"][month_index] * number / len(names)) if profile else 0
                forecast = baseline + dt.timedelta(days=slip)
                if profile is not None and forecast <= month_end(PERIODS[month_index]):
                    done = not stuck
                    if done:
                        break
            if stuck:
                forecast = baseline  # the PM keeps reporting the old date: the milestone is simply overdue
            rows.append({
                "project_id": plan.project_id, "task_id": f"{plan.project_id}-M{number}", "name": name,
                "baseline_finish": baseline, "finish_date": forecast,
                "status": "Done" if done else ("In Progress" if forecast - dt.timedelta(days=45) <= status_date else "Not Started"),
                "assignee": plan.manager,
            })
    return rows


def _task_rows(plans: list[ProjectPlan], people: list[dict], period_index: int) -> list[dict]:
    """The tasks as a PM's tracker would hold them: the work earned so far (planned share × the
    profile's SPI, the same figure as the register's percent complete) done in plan order, so
    the tasks and the register tell one story. Watermelon and red projects leave every 4th task
    stuck part-way (overdue, not finished); its work moves to the next tasks."""
    status_date = month_end(PERIODS[period_index])
    rows = []
    for p_index, plan in enumerate(plans):
        profile = PROFILES.get(plan.profile or "")
        spi = profile["spi"][period_index] if profile else 0.0
        tasks = _task_plan(plan)
        earned_hours = sum(estimate for *_, estimate in tasks) * min(1.0, _planned_percent(plan, status_date) * spi)
        for number, name, start, baseline_finish, estimate in tasks:
            slip = round(profile["slip"][period_index] * number / len(TASK_NAMES)) if profile else 0
            finish = baseline_finish + dt.timedelta(days=slip)
            stuck = plan.profile in {"watermelon", "red"} and number % 4 == 0
            done_hours = min(estimate * (0.6 if stuck else 1.0), earned_hours)
            earned_hours -= done_hours
            pct = round(100 * done_hours / estimate, 1)
            status = "Done" if pct >= 100 else "In Progress" if pct > 0 else "To Do"
            rows.append({
                "project_id": plan.project_id, "task_id": f"{plan.project_id}-T{number:02d}", "parent_task_id": None,
                "name": name, "task_type": "Task", "is_milestone": False, "is_summary": False, "status": status,
                "assignee": people[(p_index * 3 + number) % len(people)]["resource_name"], "start_date": start,
                "finish_date": finish, "baseline_start": start, "baseline_finish": baseline_finish,
                "percent_complete": pct, "estimate_hours": estimate,
                "actual_hours": round(estimate * pct / 100 / max(spi, 0.5), 1),
                "remaining_hours": round(estimate * (1 - pct / 100), 1),
            })
    return rows


def _people() -> list[dict]:
    slots = [(team, role) for team, roles in TEAMS.items() for role in roles]
    people = []
    for index in range(40):
        team, role = slots[index % len(slots)]
        name = f"{FIRST_NAMES[index]} {LAST_NAMES[(index * 7) % len(LAST_NAMES)]}"
        capacity = 80.0 if index % 9 == 4 else 140.0  # a few part-timers
        people.append({"resource_name": name, "team": team, "role": role, "capacity_hours_per_month": capacity})
    return people


def _allocation_rows(plans: list[ProjectPlan], people: list[dict], period_index: int) -> list[dict]:
    """Wide plan rows: one per person and project, hours per plan month."""
    active = [p for p in plans if p.profile is not None] + [p for p in plans if p.profile is None]
    rows = []
    for index, person in enumerate(people):
        projects = [active[(index * 2 + k) % len(active)] for k in range(1 + index % 3)]
        # a few people are overloaded from the month after the reporting month; more each month
        overloaded = index in [2, 11, 17, 26, 33][: 3 + period_index]
        for k, plan in enumerate(projects):
            hours = {}
            for month in PLAN_MONTHS:
                inside = plan.baseline_start <= month_end(month) and month <= plan.baseline_finish + dt.timedelta(days=60)
                if not inside:
                    continue
                share = person["capacity_hours_per_month"] / len(projects)
                load = 0.85 + 0.1 * ((index + k + month.month) % 3) / 2
                if overloaded and month > PERIODS[period_index]:
                    load = 1.35 + 0.05 * period_index
                hours[month] = round(share * load / 4) * 4
            if hours:
                rows.append({"resource_name": person["resource_name"], "project_id": plan.project_id, **hours})
    return rows


def _risk_rows(plans: list[ProjectPlan], period_index: int) -> list[dict]:
    """~60 risks and issues; each has a month it appears, maybe one it escalates and one it closes."""
    rows = []
    started = [p for p in plans if p.profile is not None]
    for number in range(1, 61):
        plan = started[(number * 5) % len(started)]
        title, category = RISK_TITLES[number % len(RISK_TITLES)]
        # each pass through the list names another part of the work: one project never holds two
        # different risks under one title (that would read as the same risk entered twice)
        title += RISK_QUALIFIERS[(number // len(RISK_TITLES)) % len(RISK_QUALIFIERS)]
        kind = "Issue" if number % 4 == 0 else "Risk"
        appears = 0 if number <= 44 else (1 if number <= 52 else 2)
        if period_index < appears:
            continue
        probability = 1 + (number * 3) % 5
        impact = 1 + (number * 7) % 5
        if plan.profile in {"watermelon", "red"} and number % 2:
            probability, impact = max(probability, 4), max(impact, 4)
        escalates_at = 2 if number % 7 == 0 else None
        if escalates_at is not None and period_index >= escalates_at:
            probability, impact = min(5, probability + 1), min(5, impact + 2)
        # healthy projects carry no critical risks: their scores stay under a cap by profile
        cap = {"healthy": 8, "amber": 12, "over_budget": 12, "slipping": 16}.get(plan.profile or "", 25)
        while probability * impact > cap:
            probability, impact = (probability - 1, impact) if probability >= impact else (probability, impact - 1)
        closes_at = 1 if number % 6 == 0 else (2 if number % 11 == 0 else None)
        status = "Closed" if closes_at is not None and period_index >= closes_at else "Open"
        raised = plan.baseline_start + dt.timedelta(days=number * 3 % 120)
        if appears:
            raised = PERIODS[appears] + dt.timedelta(days=number % 20)
        rows.append({
            "project_id": plan.project_id, "risk_id": f"R-{number:03d}", "kind": kind,
            "title": title, "category": category, "probability": probability, "impact": impact,
            "cost_impact": float((probability * impact) * 5_000) if number % 3 else None, "owner": plan.manager,
            "status": status, "raised_date": raised, "due_date": raised + dt.timedelta(days=45 + number % 60),
            "mitigation": f"Mitigation plan {number}: agreed actions tracked weekly",
        })
    return rows


# -- the monthly review: status reports, path to green, decisions, actions, dependencies, gates --

GATES = [("Gate 1: Business case approved", "Initiation", 0.0), ("Gate 2: Plan approved", "Planning", 0.15),
         ("Gate 3: Design approved", "Design", 0.35), ("Gate 4: Ready for go-live", "Execution", 0.8),
         ("Gate 5: Closure", "Closing", 1.0)]
SILENT_IN_OCTOBER = {"PRJ-012", "PRJ-019"}  # the PMs who send no status report in October

# (project, period index, summary, achievements, next steps, decisions / help needed): what a PM
# wrote in person; every other report is written from the project's figures by _status_rows.
STATUS_IN_THEIR_WORDS = {
    ("PRJ-007", 1): ("Build running late: the vendor's integration API failed the security review in "
                     "September. We expect to recover the time within the quarter, so we keep green.",
                     "Security findings triaged with the vendor; customer data migration rehearsal 1 done.",
                     "Vendor delivers the fix plan; rework of the login and payment integrations.", None),
    ("PRJ-007", 2): ("Build complete (due 15 Sep) is still open: the vendor's integration API failed the "
                     "security review and has to be reworked, which puts go-live 11 weeks behind the "
                     "baseline. Contractor days for the rework take spend above the plan: the forecast "
                     "is 35 % over budget. We report green because go-live can still land in Q1 2027 "
                     "if the recovery plan below is approved in November.",
                     "Security fix plan received from the vendor (3 weeks late); rework started on the login integration.",
                     "Rework of the payment integration; security re-test; re-baseline for the steering committee.",
                     "Approve a $180k contingency for the vendor rework and a re-baselined go-live (Q1 2027)."),
    ("PRJ-020", 2): ("Actuarial model behind plan: two actuarial contractors still to be hired; the Q4 "
                     "disclosures are at risk.",
                     "Chart of accounts mapping signed off.",
                     "Hire the contractors; dry run of the Q4 close.",
                     "Agree an interim manual process for the Q4 IFRS 17 disclosures."),
}

PATH_TO_GREEN = {  # (project, period index) -> (action, owner, target date)
    ("PRJ-007", 1): [("Vendor to deliver a security fix plan", "Grace Okafor", dt.date(2026, 10, 9))],
    ("PRJ-007", 2): [
        ("Security fixes to the vendor API re-tested and signed off", "Omar Larsen", dt.date(2026, 11, 20)),
        ("Two more integration developers on the rework", "Grace Okafor", dt.date(2026, 11, 9)),
        ("Go-live re-baselined with the sponsor at the steering committee", "Grace Okafor", dt.date(2026, 11, 18)),
    ],
    ("PRJ-019", 2): [("Decommission date agreed with the data platform team", "Chloé Dubois", dt.date(2026, 11, 30))],
    ("PRJ-020", 2): [
        ("Two actuarial contractors hired", "Dev Patel", dt.date(2026, 11, 15)),
        ("Interim manual process for the Q4 disclosures agreed", "Liam O'Neill (CDO)", dt.date(2026, 11, 10)),
    ],
}

# (id, project, first period index, title, owner, date raised, due, {period index: status}): the last
# status given holds for the later months unless the entry is left out (a period not listed at all
# after it: `None`).
ACTIONS = [
    ("A-001", "PRJ-002", 0, "Confirm the payment provider's contract", "Bruno Costa", dt.date(2026, 8, 27),
     dt.date(2026, 9, 15), {0: "Open", 1: "Done"}),
    ("A-002", "PRJ-007", 1, "Vendor to deliver a security fix plan", "Grace Okafor", dt.date(2026, 9, 24),
     dt.date(2026, 10, 9), {1: "Open"}),
    ("A-003", "PRJ-015", 1, "Re-plan the Customer 360 data feeds with the source owners", "Grace Okafor",
     dt.date(2026, 9, 24), dt.date(2026, 10, 16), {1: "Open"}),
    ("A-004", "PRJ-002", 1, "Add a second payment test environment", "Bruno Costa", dt.date(2026, 9, 24),
     dt.date(2026, 10, 2), {1: "Open", 2: "Done"}),
    ("A-005", "PRJ-008", 1, "Order replacement conveyor sensors", "Hiro Tanaka", dt.date(2026, 9, 24),
     dt.date(2026, 10, 20), {1: "Open", 2: None}),  # left out of October's log, never closed
    ("A-006", "PRJ-020", 1, "Hire two IFRS 17 actuarial contractors", "Dev Patel", dt.date(2026, 9, 24),
     dt.date(2026, 11, 15), {1: "Open"}),
    ("A-007", "PRJ-007", 2, "Prepare the re-baseline for the steering committee", "Grace Okafor",
     dt.date(2026, 10, 22), dt.date(2026, 11, 18), {2: "Open"}),
    ("A-008", "PRJ-019", 2, "Confirm the decommission date with the data platform team", "Chloé Dubois",
     dt.date(2026, 10, 8), dt.date(2026, 10, 24), {2: "Open"}),
]

DECISIONS = [  # (id, project, first period index, decision, made by, date, needed by, {period index: status})
    ("D-001", "PRJ-014", 0, "Adopt the cloud data warehouse (option B)", "James Whitfield (CIO)", dt.date(2026, 8, 12),
     None, {0: "Approved"}),
    ("D-002", "PRJ-007", 1, "The vendor fixes the API security findings at its own cost", "Karin Berg (CFO)",
     dt.date(2026, 9, 22), None, {1: "Approved"}),
    ("D-003", "PRJ-022", 1, "Roll the AML scenarios out in two phases", "James Whitfield (CIO)", dt.date(2026, 9, 24),
     dt.date(2026, 10, 15), {1: "Pending"}),
    ("D-004", "PRJ-007", 2, "Approve a $180k contingency and a re-baselined go-live", "Karin Berg (CFO)",
     dt.date(2026, 10, 22), dt.date(2026, 11, 18), {2: "Pending"}),
    ("D-005", "PRJ-020", 2, "Interim manual process for the Q4 IFRS 17 disclosures", "Liam O'Neill (CDO)",
     dt.date(2026, 10, 22), dt.date(2026, 11, 10), {2: "Pending"}),
]

DEPENDENCIES = [  # (id, project, first period index, dependency, depends on, owner, due, {period index: status})
    ("DEP-001", "PRJ-022", 0, "IFRS 17 data model for the AML transaction feeds", "PRJ-020", "Farid Haddad",
     dt.date(2026, 10, 16), {0: "Open"}),
    ("DEP-002", "PRJ-023", 1, "Insurance liability figures for the ESG disclosures", "IFRS 17 Reporting",
     "Grace Okafor", dt.date(2026, 12, 15), {1: "Open"}),  # named, as a RAID log often does
    ("DEP-003", "PRJ-019", 0, "Enterprise Data Platform live before the DWH is switched off", "PRJ-014",
     "Chloé Dubois", dt.date(2026, 11, 30), {0: "Open"}),
    ("DEP-004", "PRJ-007", 0, "Identity provider upgrade by Group IT", "Group IT identity upgrade", "Grace Okafor",
     dt.date(2026, 9, 30), {0: "Open"}),
    ("DEP-005", "PRJ-016", 1, "Data lineage of the IFRS 17 ledger", "PRJ-020", "Hiro Tanaka", dt.date(2027, 1, 31),
     {1: "Open"}),
]

ASSUMPTIONS = [  # RAID Log rows of type Assumption: (id, project, title, owner)
    ("AS-001", "PRJ-020", "The regulator accepts the transitional approach", "Dev Patel"),
    ("AS-002", "PRJ-014", "A cloud region in-country is available by Q1 2027", "Farid Haddad"),
]


def _log_status(statuses: dict[int, str | None], period_index: int) -> str | None:
    """The status an entry has in a month's log: the last one given up to it (None: left out)."""
    given = [statuses[i] for i in sorted(statuses) if i <= period_index]
    return given[-1] if given else None


def _status_rows(plans: list[ProjectPlan], projects: list[dict], period_index: int) -> list[dict]:
    """Every PM's status report for the month, in their words where STATUS_IN_THEIR_WORDS has them."""
    period = PERIODS[period_index]
    rows = []
    for plan, project in zip(plans, projects):
        if period_index == 2 and plan.project_id in SILENT_IN_OCTOBER:
            continue
        slip = (project["forecast_finish"] - plan.baseline_finish).days
        pct = project["percent_complete"]
        if plan.profile is None:
            summary = "Not started: initiation planned for December 2026."
        elif slip >= 30:
            summary = f"Behind plan: forecast finish {slip} days after the baseline; {pct:.0f} % complete."
        elif project["forecast_cost"] > plan.budget * 1.05:
            summary = f"Spend running ahead of progress: {pct:.0f} % complete, forecast above budget."
        elif slip > 0:
            summary = f"Minor delays ({slip} days); recovery planned within the {project['phase'].lower()} phase."
        else:
            summary = f"On track: {pct:.0f} % complete, spend in line with the plan."
        achievements = f"{project['phase']} work progressed as planned this month." if plan.profile else None
        next_steps = f"Continue {project['phase'].lower()}; next steering committee in {PERIODS[period_index]:%B}."
        asks = None
        words = STATUS_IN_THEIR_WORDS.get((plan.project_id, period_index))
        if words:
            summary, achievements, next_steps, asks = words
        rows.append({"project_id": plan.project_id, "summary": summary, "achievements": achievements,
                     "next_steps": next_steps, "sponsor_asks": asks, "reported_by": plan.manager,
                     "report_date": period.replace(day=26)})
    return rows


def _path_to_green_rows(period_index: int) -> list[dict]:
    return [{"project_id": pid, "action": action, "owner": owner, "target_date": target}
            for (pid, index), steps in PATH_TO_GREEN.items() if index == period_index for action, owner, target in steps]


def _log_rows(period_index: int) -> dict[str, list[dict]]:
    """The month's decision, action and dependency logs: every entry listed since its first month."""
    actions, decisions, dependencies = [], [], []
    for aid, pid, first, title, owner, raised, due, statuses in ACTIONS:
        status = _log_status(statuses, period_index)
        if first <= period_index and status:
            actions.append({"project_id": pid, "risk_id": aid, "title": title, "owner": owner, "raised_date": raised,
                            "due_date": due, "status": status})
    for did, pid, first, title, owner, date, needed_by, statuses in DECISIONS:
        status = _log_status(statuses, period_index)
        if first <= period_index and status:
            decisions.append({"project_id": pid, "risk_id": did, "title": title, "owner": owner, "raised_date": date,
                              "due_date": needed_by, "status": status})
    for did, pid, first, title, depends_on, owner, due, statuses in DEPENDENCIES:
        status = _log_status(statuses, period_index)
        if first <= period_index and status:
            dependencies.append({"project_id": pid, "risk_id": did, "title": title, "depends_on_project": depends_on,
                                 "owner": owner, "raised_date": PERIODS[first].replace(day=24), "due_date": due,
                                 "status": status})
    return {"actions": actions, "decisions": decisions, "dependencies": dependencies}


def _gate_rows(plans: list[ProjectPlan], period_index: int) -> list[dict]:
    """Five stage gates per project across its baseline; a gate carries its share of the project's
    slip, and keeps the date it was passed on (as milestones do)."""
    rows = []
    for plan in plans:
        profile = PROFILES.get(plan.profile or "")
        length = (plan.baseline_finish - plan.baseline_start).days
        for gate, phase, share in GATES:
            planned = plan.baseline_start + dt.timedelta(days=round(length * share))
            passed = False
            for month_index in range(period_index + 1):
                forecast = planned + dt.timedelta(days=round(profile["slip"][month_index] * share) if profile else 0)
                if profile is not None and forecast <= month_end(PERIODS[month_index]):
                    passed = True
                    break
            rows.append({"project_id": plan.project_id, "gate": gate, "phase": phase, "planned_date": planned,
                         "forecast_date": forecast, "status": "Passed" if passed else "Planned"})
    return rows


def _assumption_rows(plans: list[ProjectPlan]) -> list[dict]:
    raised = {plan.project_id: plan.baseline_start for plan in plans}
    return [{"project_id": pid, "risk_id": aid, "kind": "Assumption", "title": title, "owner": owner, "status": "Open",
             "raised_date": raised[pid]} for aid, pid, title, owner in ASSUMPTIONS]


def build(seed: int = SEED) -> dict[dt.date, dict[str, pd.DataFrame]]:
    """Per period, the demo data as canonical-named frames (allocations still wide)."""
    plans = _plans(random.Random(seed))
    people = _people()
    portfolio = {}
    for period_index, period in enumerate(PERIODS):
        projects = _project_rows(plans, period_index)
        logs = _log_rows(period_index)
        portfolio[period] = {
            "projects": pd.DataFrame(projects),
            "milestones": pd.DataFrame(_milestone_rows(plans, period_index)),
            "tasks": pd.DataFrame(_task_rows(plans, people, period_index)),
            "risks": pd.DataFrame(_risk_rows(plans, period_index)),
            "resources": pd.DataFrame(people),
            "allocations_wide": pd.DataFrame(_allocation_rows(plans, people, period_index)),
            "assumptions": pd.DataFrame(_assumption_rows(plans)),
            "status": pd.DataFrame(_status_rows(plans, projects, period_index)),
            "path_to_green": pd.DataFrame(_path_to_green_rows(period_index)),
            "decisions": pd.DataFrame(logs["decisions"]),
            "actions": pd.DataFrame(logs["actions"]),
            "dependencies": pd.DataFrame(logs["dependencies"]),
            "gates": pd.DataFrame(_gate_rows(plans, period_index)),
        }
    return portfolio


# -- writing the template workbook ------------------------------------------------------

HEADER_FONT = Font(bold=True, color="FFFFFF")
# the demo's frame each template sheet is written from (else the frame named after its table)
SHEET_DATA = {"Milestones": "milestones", "Status": "status", "Decisions": "decisions", "Actions": "actions",
              "Dependencies": "dependencies"}
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def _sheet_from_fields(book: openpyxl.Workbook, title: str, fields: dict, frame: pd.DataFrame | None) -> None:
    sheet = book.create_sheet(title)
    columns = list(fields)
    sheet.append([fields[c].headers[0] for c in columns])
    for row in [] if frame is None else frame.to_dict("records"):
        sheet.append([_cell(row.get(c)) for c in columns])
    _style_header(sheet)


def _cell(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _style_header(sheet) -> None:
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = max(12, len(str(cell.value or "")) + 4)
    sheet.freeze_panes = "A2"


def write_template_workbook(path: Path, data: dict[str, pd.DataFrame] | None, reporting_month: dt.date | None) -> None:
    """The PMO workbook in the template's layout; with data=None, the empty template."""
    data = data or {}
    book = openpyxl.Workbook()
    about = book.active
    about.title = pmo_template.ABOUT_SHEET
    about.append(["PMO portfolio workbook"])
    about.append(["Reporting month", reporting_month])
    about.append(["Portfolio", "Enterprise portfolio"])
    about.append(["How to fill it", "One row per project, milestone, risk and person; see docs/template.md"])
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 20
    if reporting_month:
        about["B2"].number_format = "mmm yyyy"
    for title, (target, fields) in pmo_template.SHEETS.items():
        frame = data.get(SHEET_DATA.get(title, target))
        if title == "RAID Log" and "assumptions" in data:
            frame = pd.concat([frame, data["assumptions"]], ignore_index=True)
        _sheet_from_fields(book, title, fields, frame)
    plan = book.create_sheet(pmo_template.PLAN_SHEET)
    ids = [f.headers[0] for f in pmo_template.ALLOCATION_ID_FIELDS.values()]
    plan.append(ids + PLAN_MONTHS)
    wide = data.get("allocations_wide")
    for row in [] if wide is None else wide.to_dict("records"):
        plan.append([row["resource_name"], row["project_id"]] + [_cell(row.get(m)) for m in PLAN_MONTHS])
    if wide is not None and len(wide):
        totals = ["Total", None] + [float(wide[m].fillna(0).sum()) if m in wide else 0.0 for m in PLAN_MONTHS]
        plan.append(totals)
    for cell in plan[1][len(ids):]:
        cell.number_format = "mmm-yy"
    _style_header(plan)
    book.save(path)


def write_sample_data(out_dir: Path, seed: int = SEED) -> list[Path]:
    """Writes the demo files; returns their paths."""
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    template = out_dir / "pmo_portfolio_template.xlsx"
    write_template_workbook(template, None, None)
    written.append(template)
    for period, data in build(seed).items():
        folder = out_dir / period.strftime("%Y-%m")
        folder.mkdir(exist_ok=True)
        workbook = folder / "pmo_portfolio.xlsx"
        write_template_workbook(workbook, data, period)
        tasks = folder / "tasks.csv"
        data["tasks"].to_csv(tasks, index=False, date_format="%Y-%m-%d", lineterminator="\n")
        written += [workbook, tasks]
    written += sample_trackers.write(out_dir / "trackers", build(seed)[PERIODS[-1]], PLAN_MONTHS)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "sample_data"
    for path in write_sample_data(target):
        print(path)
