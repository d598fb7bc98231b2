"""``goalkit report``: the reports people read, in any registered format, Swedish or English,
at one date or across the reporting dates (progress over time)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from goalkit.cli._config import LocalPath
from goalkit.cli._log import say
from goalkit.cli._main import ExitCode, common_options, run_guarded
from goalkit.cli._terminal import is_terminal, progress_steps, render_for_terminal
from goalkit.model._result import Status
from goalkit.reports._files import write_atomically

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Mapping, Sequence

    from goalkit.model._project import Project
    from goalkit.model._result import Report
    from goalkit.typing import ReportFormat

T = TypeVar("T")
U = TypeVar("U")

__all__ = ["failing", "output_name", "report_command"]


def output_name(project_id: str, dates: Sequence[dt.date], lang: str, suffix: str) -> str:
    """The file name a report gets in an output folder:
    ``<project>-<date>.<lang><suffix>``, or ``<project>-<first>_<last>.<lang><suffix>`` for
    a series."""
    span = dates[-1].isoformat() if len(dates) == 1 else (
        f"{dates[0].isoformat()}_{dates[-1].isoformat()}")
    return f"{project_id}-{span}.{lang}{suffix}"


def write_site_folder(
    folder: Path,
    reports: Sequence[Report],
    project: Project,
    formats: Sequence[tuple[str, ReportFormat]],
    langs: Sequence[str],
    options: Mapping[str, Any],
) -> None:
    """Add ``reports`` to the site in ``folder`` (:func:`goalkit.reports.write_site`)
    and name each file written on stderr, the index first."""
    from goalkit.reports import write_site  # noqa: PLC0415

    try:
        written = write_site(folder, reports, project=project, formats=formats, langs=langs,
                             options=options)
    except OSError as e:
        raise click.FileError(str(e.filename or folder), hint=e.strerror or str(e)) from None
    index = [p for p in written if p.parent == folder and p.suffix == ".html"]
    for path in [*index, *(p for p in written if p not in index)]:
        say(logging.INFO, str(path))


def _parse_statuses(_: click.Context, __: click.Parameter, values: Sequence[str]
                    ) -> frozenset[Status]:
    known = [s.value for s in Status]
    out = set()
    for value in values:
        for part in value.split(","):
            name = part.strip()
            if name not in known:
                import difflib  # noqa: PLC0415

                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise click.BadParameter(
                    f"unknown status {name!r}{hint} (one of {', '.join(known)})")
            out.add(Status(name))
    return frozenset(out)


def failing(report: Report, statuses: frozenset[Status]) -> list[tuple[str, Status]]:
    """The goals of ``report`` whose status is one of ``statuses`` (``--fail-on``), with
    that status, in the report's order."""
    return [(r.goal_id, r.status) for r in report.results if r.status in statuses]


def _parse_dates(_: click.Context, __: click.Parameter, values: Sequence[str]) -> list[dt.date]:
    """Every date of a repeatable, comma-separated ``--as-of``, each read as ``goalkit
    evaluate``'s is (:func:`~goalkit.model._words.read_date`)."""
    from goalkit.model._words import read_date  # noqa: PLC0415

    out = []
    for value in values:
        for part in value.split(","):
            try:
                out.append(read_date(part, "dates"))
            except ValueError as e:
                raise click.BadParameter(str(e)) from None
    return out


@click.command("report")
@click.argument("project", metavar="PROJECT_OR_GOALFILE", type=LocalPath(or_name=True))
@click.option("--data", "data_path", metavar="PATH", type=LocalPath(),
              help="Folder (or file, or URL a loader reads) with the participant data.")
@click.option("--example", "example", metavar="NAME",
              help="Use the data of a worked example a plugin registers (see `goalkit "
                   "plugins`); its date is the default --as-of.")
@click.option("--as-of", "as_of", multiple=True, callback=_parse_dates, metavar="YYYY-MM-DD",
              help="Report as of this date (repeatable, or comma-separated: several dates "
                   "give one report of progress over time).")
@click.option("--reporting-dates", is_flag=True,
              help="Report as of every reporting date the project names (progress over time).")
@click.option("--format", "formats", multiple=True, metavar="NAME",
              help="html, md, json, xlsx, table, or a format a plugin registers "
                   "(repeatable; default: table).")
@click.option("--lang", "langs", multiple=True, type=click.Choice(["sv", "en"]),
              help="Language (repeatable; default: sv under a Swedish locale, else en).")
@click.option("--out", "out", metavar="FILE_OR_DIR", type=LocalPath(),
              help="File to write, or folder for several (created if missing). Default, "
                   "and '-': standard output.")
@click.option("--audience", "audience", type=click.Choice(["public", "internal"]),
              default="public", show_default=True,
              help="public: small counts suppressed so that no published number reveals them "
                   "(docs/privacy.md); internal: every count, for the steering group only.")
@click.option("--min-cell", "min_cell", type=click.IntRange(min=2), default=5,
              show_default=True,
              help="Public reports: no breakdown count from 1 to this minus one can be read "
                   "or worked out from the report (applies to json too).")
@click.option("--goal", "goals", multiple=True, metavar="ID", help="Only this goal (repeatable).")
@click.option("--breakdown", "breakdowns", multiple=True, metavar="COLUMN",
              help="Also break down by this participant column (repeatable).")
@click.option("--mapping", "mapping", metavar="FILE", type=LocalPath(),
              help="Mapping file for the data (TOML).")
@click.option("--strict", is_flag=True,
              help="Refuse data with any error instead of leaving the rows out.")
@click.option("--site", is_flag=True,
              help="Add the reports to the site in --out FOLDER: each date's report in html "
                   "(and each --format), in sv and en unless --lang is given, and an index "
                   "of every project and date (docs/reports.md).")
@click.option("--fail-on", "fail_on", multiple=True, callback=_parse_statuses,
              metavar="STATUS[,STATUS]",
              help="Exit with 1 when some goal has one of these statuses at the latest date "
                   "(met, not_met, pending, needs_assessment, no_data; repeatable or "
                   "comma-separated). Default: exit 0 once every file is written.")
@common_options
@click.pass_context
def report_command(
    ctx: click.Context,
    project: str,
    data_path: str | None,
    example: str | None,
    as_of: list[dt.date],
    reporting_dates: bool,
    formats: tuple[str, ...],
    langs: tuple[str, ...],
    out: str | None,
    audience: str,
    min_cell: int,
    goals: tuple[str, ...],
    breakdowns: tuple[str, ...],
    mapping: str | None,
    strict: bool,
    fail_on: frozenset[Status],
    site: bool = False,
) -> int:
    """Write the report people read: table, Markdown, HTML, JSON or Excel, sv or en.

    PROJECT_OR_GOALFILE is a goal file or an installed project's id.

    \b
    One date gives the status of every goal; several dates (or --reporting-dates) give one
    report of how each goal moved, marking what changed since the previous report.
    Exits 0 once every file is written; with --fail-on, 1 when some goal has one of the
    statuses named at the latest date.

    \b
    In a folder with a goalkit.toml (or [tool.goalkit] in pyproject.toml) every option
    may come from the file, PROJECT_OR_GOALFILE too: `goalkit report` alone writes the
    reports it configures (`goalkit config report` shows what is in force).

    \b
    Examples:
      goalkit report goals.toml --data data/ --as-of 2015-06-15 --format html --out r.html
      goalkit report etableringssparet --example etableringssparet-final-report --format md
      goalkit report goals.toml --data data/ --reporting-dates \\
          --format html --format xlsx --lang sv --lang en --out reports/
      goalkit report --fail-on not_met,pending
    """
    as_of, reporting_dates = _prefer_given(ctx, ("as_of", as_of, []),
                                           ("reporting_dates", reporting_dates, False))
    data_path, example = _prefer_given(ctx, ("data_path", data_path, None),
                                       ("example", example, None))
    # each format and language once: the same file is not written (and named) twice
    formats, langs = tuple(dict.fromkeys(formats)), tuple(dict.fromkeys(langs))
    out = _standard_output_or_path(out, site=site)
    _refuse_bad_usage(as_of=as_of, reporting_dates=reporting_dates, example=example,
                      data_path=data_path, out=out, outputs=len(formats or ("table",))
                      * len(langs or ("sv",)), site=site)

    def body() -> int:
        from goalkit.cli._evaluate import (  # noqa: PLC0415
            require_data,
            resolve_data,
            resolve_project,
        )
        from goalkit.cli._main import command_host  # noqa: PLC0415
        from goalkit.engine import evaluate_over_time  # noqa: PLC0415
        from goalkit.reports._i18n import default_lang  # noqa: PLC0415

        host = command_host()
        names = formats or (("html",) if site else ("table",))
        chosen: list[tuple[str, ReportFormat]] = [(n, host.format(n)) for n in names]
        languages = langs or (("sv", "en") if site else (default_lang(),))
        if out is not None and (site or _into_folder(out, len(chosen) * len(languages))):
            _refuse_same_file(chosen)
        proj = resolve_project(project, host=host)
        if example is not None:
            worked = host.examples.get(example)
            if worked.project != proj.id:
                raise click.UsageError(
                    f"example {example!r} is for project {worked.project!r}, not {proj.id!r}")
            data = (worked.data() if callable(worked.data)
                    else resolve_data(str(worked.data), project=proj, host=host))
            dates_given = list(as_of) or [worked.as_of]
        else:
            if data_path is None:
                require_data(proj, goals or None)
            data = resolve_data(data_path, mapping=mapping, strict=strict, project=proj,
                                host=host)
            dates_given = list(as_of)
        if reporting_dates:
            from goalkit.reports._progress import reporting_dates as dates_of  # noqa: PLC0415

            dates: Sequence[dt.date] = dates_of(proj)
        else:
            dates = sorted(set(dates_given))
        outputs = [(n, f, lang) for n, f in chosen for lang in languages]
        say(logging.DEBUG, f"project {proj.id!r}: {len(proj.goals)} goal(s); "
            f"{len(dates)} date(s): {', '.join(d.isoformat() for d in dates)}; "
            f"{len(outputs)} output(s): "
            f"{', '.join(f'{n} ({lang})' for n, _, lang in outputs)}")
        with progress_steps("goalkit report", len(dates) + len(outputs)) as step:

            def evaluated(day: dt.date) -> None:
                say(logging.DEBUG, f"evaluated as of {day.isoformat()}")
                step()

            reports = evaluate_over_time(proj, data, dates, on_date=evaluated,
                                         goals=goals or None, breakdowns=breakdowns)
            options = {"min_cell": min_cell, "audience": audience}
            if site and out is not None:
                write_site_folder(Path(out), reports, proj, chosen, languages, options)
            else:
                _write(reports, proj, outputs, out, options, step)
        return _verdict(reports[-1], fail_on)

    return run_guarded(body)


def _standard_output_or_path(out: str | None, *, site: bool) -> str | None:
    """``--out`` as a path, or ``None`` for standard output: ``-`` is standard output (as
    for many tools; so that a configuration file's ``out`` can be overridden back to
    it). An empty ``--out`` is refused: it named no file, and the current folder was
    written in."""
    if out is None:
        return None
    if not out.strip():
        raise click.BadParameter("expected a file or folder, got an empty path "
                                 "(no --out, or --out -, is standard output)",
                                 param_hint="'--out'")
    if out == "-":
        if site:
            raise click.BadParameter("a site is a folder, not standard output ('-')",
                                     param_hint="'--out'")
        return None
    return out


def _refuse_same_file(chosen: Sequence[tuple[str, ReportFormat]]) -> None:
    """Two formats whose files would have the same name in the folder (a plugin's format
    with another's suffix: a file's name is the project, date, language and suffix),
    refused before anything is written: the second would overwrite the first."""
    seen: dict[str, str] = {}
    for name, fmt in chosen:
        first = seen.setdefault(fmt.suffix, name)
        if first != name:
            raise click.UsageError(
                f"formats {first!r} and {name!r} both write {fmt.suffix!r} files: one would "
                "overwrite the other; give them in separate runs, each with its own --out")


def _refuse_bad_usage(*, as_of: Sequence[dt.date], reporting_dates: bool,
                      example: str | None, data_path: str | None, out: str | None,
                      outputs: int, site: bool) -> None:
    """Options that cannot go together, refused before anything is read."""
    if as_of and reporting_dates:
        raise click.UsageError("give --as-of dates or --reporting-dates, not both")
    if not as_of and not reporting_dates and example is None:
        raise click.UsageError("give --as-of YYYY-MM-DD (repeatable) or --reporting-dates")
    if example is not None and data_path is not None:
        raise click.UsageError("give --data or --example, not both")
    if out is None and outputs > 1:
        raise click.UsageError("several formats or languages need --out FOLDER")
    if site and out is None:
        raise click.UsageError("--site needs --out FOLDER")
    if out is not None:
        _refuse_unwritable(out, folder=site or _into_folder(out, outputs))


def _into_folder(out: str, outputs: int) -> bool:
    """Whether ``--out`` names a folder to write the files in, not the one file to write:
    several outputs, a folder there already, or a path that ends as a folder's does."""
    return outputs > 1 or Path(out).is_dir() or out.endswith(("/", "\\"))


def _refuse_unwritable(out: str, *, folder: bool) -> None:
    """An ``--out`` that cannot be written, refused before anything is read (a register's
    report is seconds of work before its first file is written): a path through a file, a
    file where several outputs need a folder, a file in a folder that does not exist (a
    folder for several outputs is made, with its parents), a folder that cannot be written
    in. What only writing can tell (a full disk) is still said when it is written."""
    import os  # noqa: PLC0415

    path = Path(out)
    if folder and path.exists() and not path.is_dir():
        raise click.FileError(out, hint="it is a file, and several outputs need a folder")
    if not folder and path.exists() and not path.is_dir() and os.access(path, os.W_OK):
        return  # a file, a link, a FIFO or a device (/dev/null) it may write to as it is
    nearest = path if folder else path.parent
    while not nearest.exists() and nearest != nearest.parent:  # folders still to be made
        nearest = nearest.parent
    if not nearest.is_dir():
        raise click.FileError(out, hint=f"{nearest} is a file, not a folder")
    if not folder and nearest != path.parent:
        raise click.FileError(out, hint=f"the folder {path.parent} does not exist")
    if not os.access(nearest, os.W_OK | os.X_OK):
        raise click.FileError(out, hint=f"the folder {nearest} cannot be written in")


def _verdict(latest: Report, fail_on: frozenset[Status]) -> int:
    """The exit code once every file is written: 0, or 1 when some goal has a status
    ``--fail-on`` names at the latest date (those goals named on standard error)."""
    failed = failing(latest, fail_on)
    if not failed:
        return ExitCode.OK
    shown = ", ".join(f"{goal} ({status.value})" for goal, status in failed)
    say(logging.WARNING, f"{len(failed)} of {len(latest.results)} goal(s) as of "
        f"{latest.as_of.isoformat()} have a status --fail-on names: {shown}")
    return ExitCode.GOALS_OPEN


def _given(ctx: click.Context, name: str) -> bool:
    """Whether the option ``name`` was given on the command line (or in the
    environment), not taken from a configuration file or its default."""
    from click.core import ParameterSource  # noqa: PLC0415

    return ctx.get_parameter_source(name) in (
        ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT, ParameterSource.PROMPT)


def _prefer_given(ctx: click.Context, first: tuple[str, T, T], second: tuple[str, U, U]
                  ) -> tuple[T, U]:
    """Two options that exclude each other (``--as-of`` and ``--reporting-dates``), each
    as (name, value, value when not given): the one given on the command line wins over
    the other from a configuration file."""
    (name_a, a, unset_a), (name_b, b, unset_b) = first, second
    if _given(ctx, name_a) and not _given(ctx, name_b):
        return a, unset_b
    if _given(ctx, name_b) and not _given(ctx, name_a):
        return unset_a, b
    return a, b


def _write(
    reports: list[Report],
    project: Project,
    outputs: list[tuple[str, ReportFormat, str]],
    out: str | None,
    options: dict[str, Any],
    step: Callable[[], None],
) -> None:
    dates = [r.as_of for r in reports]
    folder: Path | None = None
    if out is not None and _into_folder(out, len(outputs)):
        folder = Path(out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise click.FileError(str(folder), hint=e.strerror or str(e)) from None
    for name, fmt, lang in outputs:
        if name == "table" and out is None:
            click.echo(render_for_terminal(reports, project, lang, **options), nl=False)
            step()
            continue
        body = fmt.render(reports, project=project, lang=lang, options=options)
        if folder is not None:
            target: Path | None = folder / output_name(project.id, dates, lang, fmt.suffix)
        else:
            target = Path(out) if out is not None else None
        if target is None:
            if isinstance(body, bytes):
                if is_terminal(sys.stdout):
                    raise click.UsageError(
                        f"format {name!r} is binary; give --out FILE or redirect the output")
                sys.stdout.flush()
                sys.stdout.buffer.write(body)
                sys.stdout.buffer.flush()
            else:
                click.echo(body, nl=False)
        else:
            try:
                write_atomically(target, body)
            except OSError as e:
                raise click.FileError(str(target), hint=e.strerror or str(e)) from None
        if target is not None:
            say(logging.INFO, str(target))
        step()
