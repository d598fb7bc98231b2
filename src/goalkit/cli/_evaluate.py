"""``goalkit evaluate``: one project, one date, every goal."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import click

from goalkit.cli._config import LocalPath
from goalkit.cli._log import say
from goalkit.cli._main import ExitCode, common_options, run_guarded
from goalkit.model._result import Report, Status
from goalkit.model._words import read_date

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from goalkit.data._dataset import Dataset
    from goalkit.engine._prepared import Prepared
    from goalkit.model._project import Project
    from goalkit.plugins._manager import PluginHost

__all__ = [
    "evaluate_command",
    "exit_code_for",
    "require_data",
    "resolve_data",
    "resolve_project",
]


def resolve_project(spec: str, *, host: PluginHost | None = None) -> Project:
    """A goal file's path (read with every registered kind), or the id of a project a
    plugin registered; a warning when it has no goals (a goal file of reported figures
    only, or one whose goals were left out by mistake), whose evaluation says nothing and
    exits 0, as if every goal were met."""
    from goalkit.plugins import load_project  # noqa: PLC0415

    proj = load_project(spec, host=host)
    if not proj.goals:
        say(logging.WARNING, f"project {proj.id!r} has no goals: there is nothing to "
            "evaluate, and no status for --fail-on or the exit code to go by")
    return proj


def resolve_data(
    spec: str | None,
    *,
    mapping: str | None = None,
    strict: bool = False,
    project: Project | None = None,
    host: PluginHost | None = None,
) -> Dataset | None:
    """A folder, file or database URL, read by the registered loaders and validated
    (``docs/data.md``): bad rows are left out and listed, or refused with ``strict``."""
    if spec is None:
        return None
    from goalkit.data import read_data  # noqa: PLC0415
    from goalkit.plugins import make_plugin_manager  # noqa: PLC0415

    loaders = (host or make_plugin_manager()).loaders
    return read_data(spec, mapping=mapping, strict=strict, project=project, loaders=loaders)


def require_data(project: Project, goals: Sequence[str] | None = None) -> None:
    """Refuse to evaluate goals that count participants without data: empty data would
    read "not met" and "no data" without a word. A project whose goals are all reported
    figures or assessments needs none.

    :raises click.UsageError: naming the goals that count participants.
    """
    from goalkit.engine._coverage import needs_participants  # noqa: PLC0415

    counting = [g.id for g in project.goals
                if (goals is None or g.id in goals) and needs_participants(g.indicator)]
    if counting:
        shown = ", ".join(map(repr, counting[:5])) + (" …" if len(counting) > 5 else "")
        raise click.UsageError(
            f"--data is required: {len(counting)} goal(s) of {project.id!r} count participants "
            f"({shown})")


def exit_code_for(reports: list[Report]) -> int:
    """0 when every goal is met, else 1."""
    met = all(r.status is Status.MET for report in reports for r in report.results)
    return ExitCode.OK if met else ExitCode.GOALS_OPEN


def _echo_bytes(data: bytes) -> None:
    """UTF-8 bytes on standard output as they are (a register's JSON report is megabytes:
    not made text to be encoded again), or as text where standard output takes only text
    (a host that captures it in a string)."""
    import sys  # noqa: PLC0415

    if getattr(sys.stdout, "buffer", None) is not None:
        click.echo(data, nl=False)
    else:
        click.echo(data.decode("utf-8"), nl=False)


def _parse_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return read_date(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@click.command("evaluate")
@click.argument("project", type=LocalPath(or_name=True))
@click.option("--data", "data_path", metavar="PATH", type=LocalPath(),
              help="Folder (or file, or URL) with the data; required unless every goal is "
                   "a reported figure or an assessment.")
@click.option("--as-of", "as_of", required=True, callback=_parse_date, metavar="YYYY-MM-DD",
              help="Evaluate as of this date; later facts are not yet known.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--goal", "goals", multiple=True, metavar="ID", help="Only this goal (repeatable).")
@click.option("--breakdown", "breakdowns", multiple=True, metavar="COLUMN",
              help="Also break down by this participant column (repeatable).")
@click.option("--mapping", "mapping", metavar="FILE", type=LocalPath(),
              help="Mapping file for the data (TOML).")
@click.option("--strict", is_flag=True, help="Refuse data with any error instead of leaving "
              "the rows out.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None,
              help="Language of the table (default: sv under a Swedish locale, else en).")
@common_options
def evaluate_command(
    project: str,
    data_path: str | None,
    as_of: dt.date,
    fmt: str,
    goals: tuple[str, ...],
    breakdowns: tuple[str, ...],
    mapping: str | None = None,
    strict: bool = False,
    lang: str | None = None,
) -> int:
    """Evaluate PROJECT (a goal file or an installed project's id) as of a date.

    Every question, phase, event kind, anchor, column and metric a goal uses that the
    data lack is named on standard error first (with a "did you mean"); a missing column
    exits 2.
    """

    def body() -> int:
        from goalkit.cli._issues import format_issues  # noqa: PLC0415
        from goalkit.cli._main import command_host  # noqa: PLC0415
        from goalkit.engine._coverage import coverage_issues  # noqa: PLC0415
        from goalkit.engine._evaluate import evaluate_handed_over  # noqa: PLC0415
        from goalkit.reports._json import report_to_json_bytes  # noqa: PLC0415

        host = command_host()
        proj = resolve_project(project, host=host)
        if data_path is None:
            require_data(proj, goals or None)
        data = resolve_data(data_path, mapping=mapping, strict=strict, project=proj, host=host)
        issues = None  # said first, then carried by the report (checked once)
        if data is not None:
            known = {g.id for g in proj.goals}
            issues = coverage_issues(proj, data, [g for g in goals if g in known] or None,
                                     breakdowns)
            from goalkit.reports._i18n import default_lang  # noqa: PLC0415

            said = format_issues(issues, lang or default_lang())
            for issue, line in zip(issues, said, strict=True):
                say(logging.ERROR if issue.severity == "error" else logging.WARNING,
                    f"goalkit: {line}", label="")
            if any(i.severity == "error" for i in issues):
                say(logging.ERROR, "the goals use columns the data do not have")
                return ExitCode.BAD_INPUT
        from goalkit.cli._terminal import progress_steps, render_for_terminal  # noqa: PLC0415

        # the data set handed over: its tables are let go of as the goals are computed
        held: list[Dataset | Prepared | None] = [data]
        del data
        with progress_steps("goalkit evaluate", 1) as step:
            report = evaluate_handed_over(proj, held, as_of, goals=goals or None,
                                          breakdowns=breakdowns, lacking=issues)
            step()
        if fmt == "json":
            _echo_bytes(report_to_json_bytes(report))
        else:
            from goalkit.reports._i18n import default_lang  # noqa: PLC0415

            click.echo(render_for_terminal([report], proj, lang or default_lang()), nl=False)
        return exit_code_for([report])

    return run_guarded(body)

