"""``goalkit site``: the reports of every reporting date, in Swedish and English, added to
one offline folder with an index of every project and date (``goalkit report --site`` with
the site's defaults; see ``docs/reports.md``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from goalkit.cli._main import common_options
from goalkit.cli._report import _parse_dates, _parse_statuses, report_command

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from goalkit.model._project import Project
    from goalkit.model._result import Report, Status
    from goalkit.typing import ReportFormat

__all__ = ["site_command", "write_site_folder"]


def write_site_folder(
    folder: Path,
    reports: Sequence[Report],
    project: Project,
    formats: Sequence[tuple[str, ReportFormat]],
    langs: Sequence[str],
    options: Mapping[str, Any],
) -> None:
    """Add ``reports`` to the site in ``folder`` (:func:`goalkit.reports._site.write_site`)
    and name each file written on stderr, the index first."""
    from goalkit.reports._site import write_site  # noqa: PLC0415

    try:
        written = write_site(folder, reports, project=project, formats=formats, langs=langs,
                             options=options)
    except OSError as e:
        raise click.FileError(str(e.filename or folder), hint=e.strerror or str(e)) from None
    index = [p for p in written if p.parent == folder and p.suffix == ".html"]
    for path in [*index, *(p for p in written if p not in index)]:
        click.echo(str(path), err=True)


@click.command("site")
@click.argument("project", metavar="PROJECT_OR_GOALFILE")
@click.option("--data", "data_path", metavar="PATH",
              help="Folder (or file, or URL a loader reads) with the participant data.")
@click.option("--example", "example", metavar="NAME",
              help="Use the data of a worked example a plugin registers; its date is the "
                   "report's date.")
@click.option("--as-of", "as_of", multiple=True, callback=_parse_dates, metavar="YYYY-MM-DD",
              help="Report as of this date (repeatable, or comma-separated). Default: every "
                   "reporting date the project names.")
@click.option("--format", "formats", multiple=True, metavar="NAME",
              help="Also write this format beside each HTML report (md, json, xlsx, or one a "
                   "plugin registers; repeatable).")
@click.option("--lang", "langs", multiple=True, type=click.Choice(["sv", "en"]),
              help="Language (repeatable; default: both).")
@click.option("--out", "out", default="site", show_default=True, metavar="FOLDER",
              help="The site's folder (created if missing; a later run adds to it).")
@click.option("--audience", "audience", type=click.Choice(["public", "internal"]),
              default="public", show_default=True,
              help="public: small counts suppressed (docs/privacy.md); internal: every count. "
                   "A site has one audience.")
@click.option("--min-cell", "min_cell", type=click.IntRange(min=2), default=5,
              show_default=True,
              help="Public reports: no breakdown count from 1 to this minus one can be read "
                   "or worked out. A site has one minimum cell.")
@click.option("--breakdown", "breakdowns", multiple=True, metavar="COLUMN",
              help="Also break down by this participant column (repeatable).")
@click.option("--mapping", "mapping", metavar="FILE", help="Mapping file for the data (TOML).")
@click.option("--strict", is_flag=True,
              help="Refuse data with any error instead of leaving the rows out.")
@click.option("--fail-on", "fail_on", multiple=True, callback=_parse_statuses,
              metavar="STATUS[,STATUS]",
              help="Exit with 1 when some goal has one of these statuses at the latest date "
                   "(as for report). Default: exit 0 once every file is written.")
@common_options
@click.pass_context
def site_command(
    ctx: click.Context,
    project: str,
    data_path: str | None,
    example: str | None,
    as_of: list[dt.date],
    formats: tuple[str, ...],
    langs: tuple[str, ...],
    out: str,
    audience: str,
    min_cell: int,
    breakdowns: tuple[str, ...],
    mapping: str | None,
    strict: bool,
    fail_on: frozenset[Status],
) -> int:
    """Add a project's reports to a browsable site: one offline folder, an index of every
    project and reporting date with each goal's status, each linked to the goal in that
    date's report (HTML, in Swedish and English).

    PROJECT_OR_GOALFILE is a goal file or an installed project's id. Run it once a
    project, or again after each reporting date: the index lists every report written
    to the folder, and a report of the same project and date replaces the earlier one.
    The exit code is that of `goalkit report`.

    \b
    Examples:
      goalkit site goals.toml --data data/ --out site/
      goalkit site harjedalen-network --data examples/harjedalen-network/data --out site/
      goalkit site goals.toml --data data/ --as-of 2015-06-15 --format xlsx --out site/
    """
    every_date = not as_of and example is None
    rv: int = ctx.invoke(
        report_command, project=project, data_path=data_path, example=example,
        as_of=as_of, reporting_dates=every_date, formats=("html", *formats), langs=langs,
        out=out, audience=audience, min_cell=min_cell, goals=(), breakdowns=breakdowns,
        mapping=mapping, strict=strict, fail_on=fail_on, site=True)
    return rv
