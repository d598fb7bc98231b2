"""``goalkit site``: the reports of every reporting date, in Swedish and English, added to
one offline folder with an index of every project and date (``goalkit report --site`` with
the site's defaults; see ``docs/reports.md``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from goalkit.cli._config import LocalPath
from goalkit.cli._main import common_options
from goalkit.cli._report import _parse_dates, report_command

if TYPE_CHECKING:
    import datetime as dt

    from goalkit.model._result import Status

__all__ = ["site_command"]


_SHARED = ("project", "data_path", "example", "audience", "min_cell", "breakdowns", "mapping",
           "strict", "fail_on")
"""``report``'s arguments and options that ``site`` takes as they are (the same objects, so
the two commands cannot drift apart); ``site`` has its own dates, formats, languages and
folder, whose defaults differ."""


def _as_report(command: click.Command) -> click.Command:
    """``command`` with :data:`_SHARED` taken from ``report``, in ``report``'s order, before
    its own options."""
    by_name = {p.name: p for p in report_command.params}
    command.params = [*(by_name[n] for n in _SHARED), *command.params]
    return command


@_as_report
@click.command("site")
@click.option("--as-of", "as_of", multiple=True, callback=_parse_dates, metavar="YYYY-MM-DD",
              help="Report as of this date (repeatable, or comma-separated). Default: every "
                   "reporting date the project names.")
@click.option("--format", "formats", multiple=True, metavar="NAME",
              help="Also write this format beside each HTML report (md, json, xlsx, or one a "
                   "plugin registers; repeatable).")
@click.option("--lang", "langs", multiple=True, type=click.Choice(["sv", "en"]),
              help="Language (repeatable; default: both).")
@click.option("--out", "out", default="site", show_default=True, metavar="FOLDER",
              type=LocalPath(),
              help="The site's folder (created if missing; a later run adds to it).")
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
