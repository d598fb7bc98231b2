"""The canonical tables goalkit reads, documented as data so docs and checks share them."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from attrs import frozen

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["MAX_COLUMNS", "MAX_TEXT", "SCHEMA", "SEX_CODES", "YEARS", "Column", "TableSchema"]

MAX_TEXT = 200
"""The longest cell goalkit keeps, in characters, in every column (extra columns too)."""

MAX_COLUMNS = 500
"""The widest table goalkit reads; a wider one is refused before it is parsed."""

SEX_CODES: tuple[str, ...] = ("F", "M", "X")
"""The sex codes goalkit knows without a mapping: a participant's ``sex`` outside them is
kept as given, with an ``unknown_code`` warning. Every check in :mod:`goalkit.data` reads
this one constant."""

YEARS = (1900, 2100)
"""Dates and birth years outside these years are refused as out of range."""

ColumnType = Literal["string", "date", "integer", "number"]


@frozen
class Column:
    """One column of a canonical table."""

    name: str
    type: ColumnType
    required: bool
    description: str


@frozen
class TableSchema:
    """One canonical table: its columns, and whether extra columns are kept."""

    name: str
    columns: tuple[Column, ...]
    description: str
    extra_columns: bool = False

    @property
    def required(self) -> tuple[str, ...]:
        """Names of the columns that must be there."""
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column | None:
        """The column called ``name``, if the schema has one."""
        return next((c for c in self.columns if c.name == name), None)


PARTICIPANTS = TableSchema(
    "participants",
    (
        Column("participant_id", "string", required=True,
               description="The project's own identifier (never a personal identity number)."),
        Column("enrolled", "date", required=True, description="Date of enrolment (inskrivning)."),
        Column("sex", "string", required=False,
               description="'F' (woman), 'M' (man), 'X' (non-binary person); other codes "
                           "are kept as given."),
        Column("birth_date", "date", required=False, description="Date of birth, if known."),
        Column("birth_year", "integer", required=False,
               description="Year of birth, when the exact date is not kept."),
        Column("exited", "date", required=False,
               description="Date of exit (utskrivning); empty while still in the project."),
        Column("exit_reason", "string", required=False,
               description="Why the person left: 'work', 'studies', 'other', …"),
    ),
    "One row per participant. Any further column (group, municipality, …) is kept and can be "
    "used to filter or break down.",
    extra_columns=True,
)

EVENTS = TableSchema(
    "events",
    (
        Column("participant_id", "string", required=True, description="Who."),
        Column("date", "date", required=True, description="When it happened."),
        Column("kind", "string", required=True,
               description="What happened: 'employment_offer', 'employment_start', "
               "'study_start', 'income_support_start', 'income_support_end', "
               "'action_plan', …"),
    ),
    "One row per thing that happened to a participant.",
)

RESPONSES = TableSchema(
    "responses",
    (
        Column("participant_id", "string", required=True, description="Who answered."),
        Column("date", "date", required=True, description="When they answered."),
        Column("phase", "string", required=True,
               description="'entry', 'exit', 'follow_up_6m', … (any label)."),
        Column("question", "string", required=True,
               description="The question's id: 'satisfied', 'wellbeing', …"),
        Column("score", "number", required=True, description="The answer on its scale."),
    ),
    "One row per survey answer.",
)

SCHEMA: Mapping[str, TableSchema] = MappingProxyType(
    {t.name: t for t in (PARTICIPANTS, EVENTS, RESPONSES)}
)
"""The three canonical tables by name."""
