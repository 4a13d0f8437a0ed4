"""A large PMO written straight into the canonical tables, deterministically (no randomness:
values come from hashes of row numbers), for timing what happens after an import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmo_data.store import Store, open_store

FIRST_PERIOD = dt.date(2025, 11, 1)

GENERATE = """
insert into imports  -- ids from the sequence, as real imports take theirs: imports can follow
select nextval('import_id_seq'), (date '{first}' + to_months(i - 1))::date, 'benchmark', 'sha' || i, 'canonical', now()::timestamp,
       0, 0, 0, '{{}}', null, null, 'USD', null, null
from range(1, $periods + 1) t(i);

insert into projects (period, import_id, project_id, project_name, program, portfolio, department, manager,
    strategic_objective, baseline_start, baseline_finish, forecast_finish, budget, actual_cost, percent_complete,
    reported_health)
select period, import_id, 'P' || lpad(p::varchar, 4, '0'), 'Project ' || p, 'Program ' || (p % 12),
       'Portfolio ' || (p % 3), 'Dept ' || (p % 5), 'Manager ' || (p % 40), 'Objective ' || (p % 6),
       date '2025-06-01' + (p % 180)::integer, date '2026-09-01' + (p % 360)::integer,
       date '2026-09-01' + (p % 360)::integer + (hash(p) % 60)::integer,
       100000 + (hash(p) % 900000), 0.5 * (100000 + (hash(p) % 900000)) * (0.8 + (hash(p, import_id) % 40) / 100),
       least(100, 10 + import_id * 6 + (hash(p) % 10)), ['green', 'amber', 'red'][((hash(p) % 3) + 1)::bigint]
from imports, range(1, $projects + 1) t(p);

insert into tasks (period, import_id, project_id, task_id, name, is_milestone, is_summary, status, status_category,
    assignee, start_date, finish_date, baseline_finish, percent_complete, estimate_hours)
select period, import_id, 'P' || lpad(p::varchar, 4, '0'), 'T' || t, 'Task ' || t, t % 50 = 0, t % 25 = 1,
       case when t < import_id * 40 then 'Done' when t < import_id * 45 then 'In Progress' else 'To Do' end,
       case when t < import_id * 40 then 'done' when t < import_id * 45 then 'in_progress' else 'todo' end,
       'Person ' || ((p * 7 + t) % 600)::bigint,
       date '2025-06-01' + (t % 400)::integer, date '2025-06-10' + (t % 400)::integer + (hash(p, t) % 20)::integer,
       date '2025-06-10' + (t % 400)::integer,
       case when t < import_id * 40 then 100 else 0 end, 8 + hash(p, t) % 40
from imports, range(1, $projects + 1) p(p), range(1, $tasks_per_project + 1) t(t);

insert into risks (period, import_id, project_id, risk_id, kind, title, probability, impact, score, cost_impact,
    status, raised_date, due_date)
select period, import_id, 'P' || lpad(p::varchar, 4, '0'), 'R' || r, case when r % 4 = 0 then 'issue' else 'risk' end,
       'Risk ' || r, 1 + hash(p, r) % 5, 1 + hash(r, p) % 5, (1 + hash(p, r) % 5) * (1 + hash(r, p) % 5),
       1000 * (hash(p, r, 1) % 100), case when (hash(p, r) + import_id) % 5 = 0 then 'closed' else 'open' end,
       date '2025-01-01' + (hash(p, r) % 500)::integer, date '2025-06-01' + (hash(p, r) % 500)::integer
from imports, range(1, $projects + 1) p(p), range(1, $risks_per_project + 1) r(r);

insert into resources (period, import_id, resource_name, team, role, capacity_hours_per_month)
select period, import_id, 'Person ' || n, 'Team ' || (n % 15), 'Role ' || (n % 8), 140
from imports, range(0, $people) t(n);

insert into allocations (period, import_id, resource_name, project_id, month, planned_hours)
select period, import_id, 'Person ' || n, 'P' || lpad((1 + (n * k) % $projects)::varchar, 4, '0'),
       (period + to_months(m::integer))::date, 40 + hash(n, k, m) % 60
from imports, range(0, $people) t(n), range(1, 3) kk(k), range(0, $months) mm(m);
"""


def build(path: Path, scale: float = 1.0, periods: int = 12) -> Store:
    """500 projects × 500 tasks (250,000 per period), 20 risks per project (10,000),
    600 people on 2 projects each over 24 plan months, for `periods` months; `scale` multiplies
    projects and people."""
    path.unlink(missing_ok=True)
    store = open_store(path)
    params = {
        "periods": periods,
        "projects": int(500 * scale),
        "tasks_per_project": 500,
        "risks_per_project": 20,
        "people": int(600 * scale),
        "months": 24,
    }
    with store.transaction() as cur:
        for statement in GENERATE.format(first=FIRST_PERIOD.isoformat()).split(";"):
            if statement.strip():
                used = {k: v for k, v in params.items() if f"${k}" in statement}
                cur.execute(statement, used)
    return store
