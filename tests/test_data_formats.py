"""One data set in every source goalkit reads evaluates to byte-identical JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
import sqlalchemy as sa
from data_writers import (
    GOOD,
    SV_MAPPING,
    polars_frames,
    write_excel,
    write_json,
    write_parquet_folder,
    write_postgres,
    write_sqlite,
    write_swedish_excel_csv,
)

import goalkit
from goalkit.data import load_frames, read_data

if TYPE_CHECKING:
    from collections.abc import Iterator

AS_OF = dt.date(2015, 6, 15)
QUICKSTART = Path(__file__).parents[1] / "examples" / "quickstart" / "goals.toml"
POSTGRES_ENV = "GOALKIT_TEST_POSTGRES_URL"


@pytest.fixture(scope="module")
def project() -> goalkit.Project:
    return goalkit.load_goals(QUICKSTART)


@pytest.fixture(scope="module")
def expected(project: goalkit.Project) -> str:
    data = read_data(GOOD, project=project, strict=True)
    return goalkit.report_to_json(goalkit.evaluate(project, data, as_of=AS_OF))


def _json(project: goalkit.Project, data: goalkit.Dataset) -> str:
    return goalkit.report_to_json(goalkit.evaluate(project, data, as_of=AS_OF))


def test_good_data_has_no_issues_and_reads_every_table(project: goalkit.Project) -> None:
    """The reference data set is clean, and measurements and assessments come along."""
    data = read_data(GOOD, project=project, strict=True)
    assert data.issues == ()
    assert len(data.measurements) == 2
    assert data.measurements[1].breakdown == {"sex": {"F": 20.0, "M": 21.0}}
    assert [a.goal for a in data.assessments] == ["model"]
    report = goalkit.evaluate(project, data, as_of=AS_OF)
    assert report["model"].status is goalkit.Status.PENDING
    assert report.data.participants + report.data.after_as_of["participants"] == 60


def test_same_json_as_the_core_folder_reader(project: goalkit.Project) -> None:
    """One data path: Dataset.from_folder reads a folder as read_data does (figures and
    assessments included), so both give the same report."""
    folder = goalkit.Dataset.from_folder(GOOD)
    assert folder.assessments
    assert _json(project, read_data(GOOD)) == _json(project, folder)


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda tmp: write_parquet_folder(tmp / "parquet"), id="parquet-folder"),
        pytest.param(lambda tmp: write_json(tmp / "data.json"), id="json"),
        pytest.param(lambda tmp: write_excel(tmp / "data.xlsx"), id="excel"),
        pytest.param(lambda tmp: write_sqlite(tmp / "data.sqlite"), id="sqlite"),
        pytest.param(lambda tmp: f"sqlite:///{write_sqlite(tmp / 'data.db')}", id="sqlite-url"),
    ],
)
def test_every_file_format_gives_identical_json(
    build: object, tmp_path: Path, project: goalkit.Project, expected: str
) -> None:
    source = build(tmp_path)  # type: ignore[operator]
    data = read_data(source, project=project, strict=True)
    assert data.issues == ()
    assert _json(project, data) == expected


def test_excel_with_swedish_sheet_names(
    tmp_path: Path, project: goalkit.Project, expected: str
) -> None:
    """Sheets called Deltagare, Händelser, … are found without a mapping."""
    names = {"participants": "Deltagare", "events": "Händelser", "responses": "Svar",
             "measurements": "Mätningar", "assessments": "Bedömningar"}
    data = read_data(write_excel(tmp_path / "sv.xlsx", names), project=project, strict=True)
    assert _json(project, data) == expected


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_swedish_excel_csv_with_a_mapping_gives_identical_json(
    encoding: str, tmp_path: Path, project: goalkit.Project, expected: str
) -> None:
    """Semicolons, decimal commas, Swedish headers and codes, compact dates, Latin-1 or a
    BOM: with the mapping file, the same report."""
    folder = write_swedish_excel_csv(tmp_path / "sv", encoding=encoding)
    data = read_data(folder, mapping=SV_MAPPING, project=project)
    codes = sorted({i.code for i in data.issues})
    assert codes == (["encoding"] if encoding == "cp1252" else [])
    assert all(i.severity == "warning" for i in data.issues)
    assert _json(project, attrs.evolve(data, issues=())) == expected


@pytest.mark.parametrize("kind", ["polars", "polars-lazy", "pandas", "pyarrow"])
def test_frames_in_memory_give_identical_json(
    kind: str, project: goalkit.Project, expected: str
) -> None:
    frames = polars_frames()
    if kind == "polars-lazy":
        native = {k: v.lazy() for k, v in frames.items()}
    elif kind == "pandas":
        native = {k: v.to_pandas() for k, v in frames.items()}
    elif kind == "pyarrow":
        native = {k: v.to_arrow() for k, v in frames.items()}
    else:
        native = frames
    data = load_frames(**native, project=project, strict=True)
    assert _json(project, data) == expected


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty database on the server `.ci/run` starts (dropped afterwards)."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against "
                    "(.ci/run starts one)")
    name = f"goalkit_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as con:
            con.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_postgresql_gives_identical_json(
    postgres_url: str, project: goalkit.Project, expected: str
) -> None:
    write_postgres(postgres_url)
    data = read_data(postgres_url, project=project, strict=True)
    assert data.issues == ()
    assert _json(project, data) == expected


def test_postgresql_errors_name_the_table_and_never_the_password(postgres_url: str) -> None:
    """A database without a participants table is refused, naming what is missing; a
    password in the URL never reaches the message."""
    with_password = postgres_url.replace("postgresql://postgres@",
                                         "postgresql://postgres:s3cret@", 1)
    with pytest.raises(goalkit.DataValidationError, match="no_participants") as info:
        read_data(with_password)
    assert "s3cret" not in str(info.value)


def test_folder_copy_with_mixed_formats(
    tmp_path: Path, project: goalkit.Project, expected: str
) -> None:
    """A folder may mix formats: Parquet participants, CSV events, JSON answers."""
    folder = tmp_path / "mixed"
    write_parquet_folder(folder)
    for name in ("events", "responses", "measurements", "assessments"):
        (folder / f"{name}.parquet").unlink()
    shutil.copy(GOOD / "events.csv", folder / "events.csv")
    shutil.copy(GOOD / "measurements.csv", folder / "measurements.csv")
    shutil.copy(GOOD / "assessments.csv", folder / "assessments.csv")
    write_json(tmp_path / "all.json")
    answers = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["responses"]
    (folder / "responses.json").write_text(json.dumps(answers), encoding="utf-8")
    data = read_data(folder, project=project, strict=True)
    assert _json(project, data) == expected
