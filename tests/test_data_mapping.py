"""Mapping files: column names, tables, codes, dates and scales onto the schema."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from data_writers import SV_MAPPING

import goalkit
from goalkit.data import ColumnMapping, load_mapping, read_data

if TYPE_CHECKING:
    from pathlib import Path


def test_swedish_mapping_file() -> None:
    m = load_mapping(SV_MAPPING)
    assert m.canonical("participants", " Kön ") == "sex"
    assert m.canonical("participants", "STARTDATUM") == "enrolled"
    assert m.canonical("events", "Händelse") == "kind"
    assert m.canonical("participants", "Händelse") == "Händelse"  # only for events
    assert m.canonical("participants", "Participant_ID") == "participant_id"
    assert m.canonical("participants", "Grupp") == "Grupp"  # extra columns keep their name
    assert m.table_names("responses")[0] == "enkätsvar"
    assert m.scale("satisfied") == (1.0, 5.0)
    assert m.scale("other") is None
    assert m.source == "sv-mapping.toml"


def test_mapping_problems_are_listed_together() -> None:
    with pytest.raises(goalkit.DataValidationError) as info:
        ColumnMapping.from_dict({
            "schema": "goalkit.mapping/9",
            "colums": {},
            "tables": {"people": "x"},
            "codes": {"sex": {"K": ["F"]}},
            "dates": {"formats": ["%Y"]},
            "scales": {"q": [1]},
            "privacy": {"personal_ids": "ignore"},
        }, source="m.toml")
    text = str(info.value)
    for part in ("schema", "unknown section 'colums'", "tables.people", "codes.sex.K",
                 "dates.formats", "scales.q", "privacy.personal_ids"):
        assert part in text
    assert text.count("m.toml") == 7


def test_bad_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "m.toml"
    bad.write_text("[columns\n", encoding="utf-8")
    with pytest.raises(goalkit.DataError, match="not valid TOML"):
        load_mapping(bad)
    with pytest.raises(goalkit.DataError, match="no such mapping file"):
        load_mapping(tmp_path / "none.toml")


def test_date_format_from_the_mapping(tmp_path: Path) -> None:
    """A project writing month/day/year says so; without it the date is day/month."""
    (tmp_path / "participants.csv").write_text(
        "participant_id,enrolled\nQ1,02/13/2015\nQ2,03/04/2015\n", encoding="utf-8")
    data = read_data(tmp_path, mapping={"dates": {"format": "%m/%d/%Y"}})
    assert data.issues == ()
    assert sorted(str(p["enrolled"]) for p in data.with_records().participants) == [
        "2015-02-13", "2015-03-04"]
    default = read_data(tmp_path)
    assert [i.code for i in default.issues] == ["bad_date", "rows_excluded"]


def test_two_columns_onto_one(tmp_path: Path) -> None:
    (tmp_path / "participants.csv").write_text(
        "participant_id,startdatum,enrolled\nQ1,2015-01-01,2015-02-01\n", encoding="utf-8")
    data = read_data(tmp_path, mapping={"columns": {"startdatum": "enrolled"}})
    assert [(i.code, i.severity) for i in data.issues] == [("duplicate_column", "warning")]
    assert str(data.with_records().participants[0]["enrolled"]) == "2015-01-01"


def test_one_header_renamed_twice_is_a_mistake() -> None:
    """Before: ``"kön" = "sex"`` and ``"Kön" = "enrolled"`` were accepted, the last one
    winning, and every sex code was then read as a bad date."""
    with pytest.raises(goalkit.DataError) as info:
        ColumnMapping.from_dict({"schema": "goalkit.mapping/1",
                                 "columns": {"kön": "sex", "Kön": "enrolled"}}, source="m.toml")
    assert "columns.Kön: 'Kön' is the same header as another key here, renamed to 'sex'" in (
        str(info.value))
    same = ColumnMapping.from_dict({"schema": "goalkit.mapping/1",
                                    "columns": {"kön": "sex", " Kön": "sex"}}, source="m.toml")
    assert same.canonical("participants", "KÖN") == "sex"


def test_a_problem_names_the_files_own_header(tmp_path: Path) -> None:
    """Before: under a mapping, a problem named goalkit's column (``'enrolled'``), which the
    file does not have; it names the header the file has (``'startdatum'``)."""
    (tmp_path / "participants.csv").write_text(
        "deltagar-id;Kön;startdatum\nP1;K;2015-01-02\nP2;M;bad\n", encoding="utf-8")
    mapping = {"schema": "goalkit.mapping/1",
               "columns": {"deltagar-id": "participant_id", "kön": "sex",
                           "startdatum": "enrolled"},
               "codes": {"sex": {"K": "F", "M": "M"}}}
    data = goalkit.read_data(tmp_path, mapping=mapping)
    wheres = [i.where for i in data.issues if i.code == "bad_date"]
    assert wheres == ["participants.csv, row 3, column 'startdatum'"]


@pytest.mark.skipif(sys.platform == "win32", reason="/dev/zero")
def test_a_mapping_file_is_read_only_up_to_its_limit() -> None:
    """A mapping file is read no further than a goal file's limit: ``/dev/zero`` (no size
    to look at first) was read until memory ran out."""
    with pytest.raises(goalkit.DataError, match="at most"):
        load_mapping("/dev/zero")
