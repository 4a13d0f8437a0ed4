"""Batch 16's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pmo_data import normalize
from pmo_data.importer import import_file
from pmo_data.normalize import Problems
from tests.files import query_rows as rows_of
from tests.files import write_xlsx

D = dt.date


def test_a_portuguese_risk_list_rates_in_the_feminine(store, tmp_path):
    # a course team's 'Análise de Riscos': Probabilidade Alta / Média / Baixa (feminine, as 'probabilidade' takes
    # it), Impacto Alto / Muito Alto; IDs R1 … in a column headed 'Risco', the risk under 'Nome'
    path = write_xlsx(tmp_path / "Riscos.xlsx", {"Planilha1": [
        ["Análise de Riscos"],
        ["Risco", "Nome", "Probabilidade", "Impacto", "Prevenção", "Tratamento"],
        ["R1", "Mudanças de Requisitos", "Média", "Muito Alto", "Não aceitar grandes mudanças", "Aplicar mudanças"],
        ["R2", "Injeção de payloads", "Baixa", "Muito Alto", "Validar os endpoints", "Corrigir"],
        ["R3", "Compatibilidade de dispositivos", "Baixa", "Alto", "CSS responsivo", "Testar"],
        ["R4", "Design desagradável", "Alta", "Alto", "Seguir padrões", "Quizes com usuários"],
        ["R5", "Aceitação dos usuários", "Muito alta", "Médio", "Pesquisa de mercado", "Marketing"]]})
    result = import_file(store, path, "2024-05")
    assert result.source == "raid_log"
    assert rows_of(store, "select risk_id, probability, impact from risks order by risk_id") == [
        ["R1", 3, 5], ["R2", 2, 5], ["R3", 2, 4], ["R4", 4, 4], ["R5", 5, 3]]


def test_a_placeholder_date_repeated_among_real_ones_is_no_date_and_is_reported():
    # a team's tracker app writes its empty dates as '1900-12-30 (Sunday)' beside real ones
    values = ["2024-10-18 (Friday)", "2024-10-21 (Monday)", "1900-12-30 (Sunday)", "2024-11-04 (Monday)",
              "1900-12-30 (Sunday)", "1900-12-30 (Sunday)", "2024-11-08 (Friday)"]
    problems = Problems()
    parsed = normalize.dates(pd.Series(values, dtype=object), "Tracker: Start", problems)
    assert [None if pd.isna(v) else v.date() for v in parsed] == [
        D(2024, 10, 18), D(2024, 10, 21), None, D(2024, 11, 4), None, None, D(2024, 11, 8)]
    entry = problems.unparsed["Tracker: Start (placeholder dates)"]
    assert (entry["kind"], entry["count"], entry["texts"]) == ("placeholder date (no date)", 3, ["1900-12-30"])


def test_a_one_off_early_date_and_a_column_of_clock_times_are_left_as_written():
    typo = normalize.dates(pd.Series([D(2026, 1, 7), D(2026, 1, 8), D(1900, 1, 13), D(2026, 1, 14)], dtype=object))
    assert typo.iloc[2] == pd.Timestamp(1900, 1, 13)  # a typo for 2026-01-13: shown as written, never guessed
    clock = normalize.dates(pd.Series([dt.datetime(1899, 12, 30, 8), dt.datetime(1899, 12, 30, 8),
                                       dt.datetime(1899, 12, 30, 8), dt.datetime(1899, 12, 30, 9)], dtype=object))
    assert clock.notna().all()
