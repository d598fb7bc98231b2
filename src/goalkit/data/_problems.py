"""Problems found in data: what each code means, where it lies, and how many are listed.

A :class:`Problem` names its place (file, sheet or table, row, column) and never a
participant's value. Every way in (files, folders, databases, frames, records) reports its
problems through these, so that the same rule gives the same message whatever the source.
This module imports no data-frame library: the plain-Python path of records uses it too.
"""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from goalkit._exceptions import DataError, DataValidationError
from goalkit.model._result import DataIssue

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "CODES",
    "ROW_ISSUE_LIMIT",
    "TABLE_SV",
    "Problem",
    "Severity",
    "before_enrolment",
    "issue_sv",
    "issues_to_error",
    "limited",
    "not_a_default_code",
    "refuse_errors",
]

Severity = Literal["error", "warning", "note"]

CODES: Mapping[str, str] = MappingProxyType({
    # reading a source
    "unreadable": "The file, sheet or database table cannot be read at all (or is beyond a "
                  "limit: MAX_COLUMNS columns), or a table the mapping names is not there.",
    "not_read": "A data file of a folder, or a list in a JSON object, is not read: its name "
                "is no table's (or it is an old .xls workbook); a warning naming it, with "
                "the table meant.",
    "empty_file": "The file has no content (not even a header).",
    "no_participants": "The source holds no participants table.",
    "encoding": "The file is not UTF-8; it was read as Latin-1/cp1252 (a warning).",
    "field_count": "A CSV row has more or fewer fields than the header, or a quoted cell "
                   "runs over several lines (a stray quote: those lines are counted); a "
                   "sheet's row has a value right of its header.",
    "ambiguous_table": "Two names could hold the same table (refused); one name in two "
                       "formats in a folder (a warning: the first was used).",
    # columns
    "missing_column": "A required column is not in the table.",
    "duplicate_column": "The same column name twice in a header (an error), or two columns "
                        "that map onto the same schema column (a warning: the first is used).",
    "unknown_column": "A column goalkit does not keep (events, responses, measurements).",
    "wrong_type": "A column or cell holds something that is not a value (a list, a map, an "
                  "Excel error, a text with a lone surrogate).",
    "no_rows": "A table has a header but no rows.",
    # values
    "missing_value": "A required cell is empty.",
    "bad_date": "A date that cannot be read in any accepted format.",
    "bad_number": "A number that cannot be read, or is not finite.",
    "out_of_range": "A date or year far outside any plausible range, or a value too long.",
    "unknown_code": "A code the mapping does not list (or, for sex, none of F, M, X).",
    "score_out_of_range": "A survey score outside its scale.",
    # rows against rows
    "exit_before_enrolment": "A participant exits before enrolling.",
    "duplicate_participant": "The same participant id on more than one row.",
    "unknown_participant": "An event or answer for a participant id not in participants.",
    "excluded_participant": "An event or answer for a participant whose row was left out.",
    "event_before_enrolment": "An event dated before the participant's enrolment (a warning).",
    "answer_before_enrolment": "A survey answer dated before enrolment (a warning).",
    "age_outside_target_group": "Age at enrolment outside the project's target group (a "
    "warning: the row is kept, and counts in every goal not restricted to the target group).",
    # reported figures (goalkit.data._figures)
    "breakdown_impossible": "A reported figure's breakdown adds up to more than the figure.",
    "breakdown_incomplete": "A reported figure's breakdown adds up to less (a warning).",
    "conflicting_figures": "One metric reported with two different figures for one date.",
    # an assessment's goal and verdict, checked by goalkit.data._figures
    "unknown_goal": "An assessment of a goal the project does not have, or of a computed "
                    "goal.",
    "conflicting_assessments": "One goal assessed twice on one date with two verdicts.",
    # privacy
    "personal_id": "A participant id that looks like a Swedish personal identity number.",
    # summary
    "rows_excluded": "How many rows of a table were left out, by reason.",
})
"""Every problem code validation uses, with what it means (``docs/data.md`` lists them)."""

ROW_ISSUE_LIMIT = 50
"""Rows listed one by one per table and code; further rows are counted in one issue."""

TABLE_SV = {"participants": "deltagare", "events": "händelser", "responses": "svar",
            "measurements": "mätvärden", "assessments": "bedömningar"}
"""The tables' names as a Swedish message writes them."""


@frozen
class Problem:
    """One problem, with where it is. ``row`` is the row number as the source shows it.

    The message never contains a participant's value (an id, a date, a number, a code):
    it names the place and the kind of problem, because it reaches published reports.
    """

    severity: Severity
    code: str
    message: str
    origin: str = ""
    row: int | None = None
    column: str | None = None
    count: int = 1
    fatal: bool = False
    message_sv: str = ""
    """The same message as a Swedish reader writes it."""

    @property
    def where(self) -> str:
        """``file, sheet or table, row N, column 'c'`` (:func:`place`)."""
        return place(self.origin, self.row, self.column)

    def issue(self) -> DataIssue:
        """As the :class:`DataIssue` a report carries."""
        return DataIssue(self.severity, self.code, self.message, self.where, self.count,
                         self.message_sv)


def place(origin: str, row: int | None = None, column: str | None = None) -> str:
    """Where a problem lies, as a message names it: ``file, sheet or table, row N, column
    'c'`` (the parts given)."""
    parts = [origin] if origin else []
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


def row_issues(severity: Severity, code: str, messages: tuple[str, str], origin: str,
               column: str, rows: Sequence[int]) -> list[DataIssue]:
    """The issues of one check of one table's rows, numbered ``rows`` (ascending), as
    :func:`limited` lists them: the first :data:`ROW_ISSUE_LIMIT` one by one, the rest
    counted in one more. Made
    without a :class:`Problem` each (a page view's records with a hundred answers dated
    before enrolment: 0.35 → about 0.1 ms)."""
    message, message_sv = messages
    listed = rows[:ROW_ISSUE_LIMIT]
    out = [DataIssue(severity, code, message, place(origin, i, column), 1, message_sv)
           for i in listed]
    n = len(rows) - len(listed)
    if n > 0:
        more, more_sv = more_rows(n, code)
        out.append(DataIssue(severity, code, more, origin, n, more_sv))
    return out


def more_rows(n: int, code: str) -> tuple[str, str]:
    """The message, in English and in Swedish, counting ``n`` rows with a problem that
    are not listed one by one."""
    return (f"{n} more row(s) with the same problem ({code})",
            f"ytterligare {n} rader med samma problem ({issue_sv(code)})")


def before_enrolment(what: Literal["event", "answer"]) -> tuple[str, str, str]:
    """An event or answer dated before its participant's enrolment (a warning): the
    code, and the message in English and in Swedish."""
    if what == "event":
        return ("event_before_enrolment",
                "the event is dated before the participant's enrolment",
                "händelsen är daterad före deltagarens start")
    return ("answer_before_enrolment",
            "the answer is dated before the participant's enrolment",
            "svaret är daterat före deltagarens start")


def not_a_default_code(column: str, default: Sequence[str]) -> tuple[str, str]:
    """A value outside the codes goalkit knows without a mapping (a warning: the value is
    kept), in English and in Swedish."""
    return (f"a value that is not one of {', '.join(default)}; kept as given (map it in a "
            f"mapping file's [codes.{column}])",
            f"ett värde som inte är något av {', '.join(default)}; behålls som det är (ange "
            f"det under [codes.{column}] i en mappningsfil)")


def limited(
    problems: Sequence[Problem],
    totals: Mapping[tuple[str, Severity, str], int] | None = None,
) -> list[Problem]:
    """Problems in row order, at most :data:`ROW_ISSUE_LIMIT` rows per code, the rest
    counted in one more problem per code, severity and origin.

    :param problems: the problems to list; those of a row may be only the first
        :data:`ROW_ISSUE_LIMIT` of each check, when ``totals`` counts them all.
    :param totals: how many row problems there are of each (code, severity, origin),
        listed or not (default: those in ``problems``).
    """
    ordered = sorted(problems, key=lambda p: (p.row is not None, p.row or 0, p.column or "",
                                              p.code))
    seen: Counter[str] = Counter()
    kept: Counter[tuple[str, Severity, str]] = Counter()
    every: Counter[tuple[str, Severity, str]] = Counter()
    out: list[Problem] = []
    for p in ordered:
        if p.row is None:
            out.append(p)
            continue
        key = (p.code, p.severity, p.origin)
        every[key] += 1
        seen[p.code] += 1
        if seen[p.code] <= ROW_ISSUE_LIMIT:
            out.append(p)
            kept[key] += 1
    for (code, severity, origin), total in sorted((totals or every).items()):
        n = total - kept[(code, severity, origin)]
        if n <= 0:
            continue
        more, more_sv = more_rows(n, code)
        out.append(Problem(severity, code, more, origin, count=n, message_sv=more_sv))
    return out


def issue_sv(code: str) -> str:
    """A data-issue code in Swedish words (the reports' own label for it)."""
    from goalkit.reports._i18n import labels  # noqa: PLC0415

    return labels("sv").issue(code)


def issues_to_error(issues: Sequence[DataIssue]) -> DataValidationError:
    """One error listing every issue (warnings last)."""
    ordered = [i for i in issues if i.severity == "error"]
    ordered += [i for i in issues if i.severity != "error"]
    return DataValidationError([
        DataError(f"{'' if i.severity == 'error' else 'warning: '}[{i.code}] {i.message}",
                  source=i.where or None)
        for i in ordered
    ], ordered)


def refuse_errors(issues: Sequence[DataIssue]) -> None:
    """Strict mode: raise if any issue is an error.

    :raises DataValidationError: listing every issue.
    """
    if any(i.severity == "error" for i in issues):
        raise issues_to_error(issues)
