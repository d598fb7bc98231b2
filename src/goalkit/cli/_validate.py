"""``goalkit validate``: every problem in a data source, listed together."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from goalkit._exceptions import DataValidationError
from goalkit._redact import mask_secrets
from goalkit.cli._config import LocalPath
from goalkit.cli._issues import format_issues
from goalkit.cli._main import ExitCode, common_options, run_guarded

if TYPE_CHECKING:
    from collections.abc import Sequence

    from goalkit.model._result import DataIssue

__all__ = ["validate_command"]


@click.command("validate")
@click.argument("project", required=False, type=LocalPath(or_name=True))
@click.option("--data", "data_path", required=True, metavar="SOURCE", type=LocalPath(),
              help="File, folder or database URL with the data.")
@click.option("--mapping", "mapping_path", metavar="FILE", type=LocalPath(),
              help="Mapping file (TOML): your column names and codes onto goalkit's.")
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None,
              help="Language of the problems listed (default: sv under a Swedish locale, "
              "else en).")
@common_options
def validate_command(
    project: str | None, data_path: str, mapping_path: str | None, strict: bool,
    lang: str | None = None,
) -> int:
    """Check the data in SOURCE and list every problem found, with where it is.

    With PROJECT (a goal file or an installed project's id), ages are also checked
    against its target group, reported figures against their breakdowns, and every
    question, phase, event kind, anchor, column and metric its goals use against the
    data (with a "did you mean" where a known name is close). Exits 0
    when nothing is wrong (warnings allowed unless --strict; notes, where the source
    document itself reports figures that do not add up, always), 2 when something is.
    """

    def body() -> int:
        from goalkit.cli._main import command_host  # noqa: PLC0415
        from goalkit.data._figures import (  # noqa: PLC0415
            check_assessments,
            check_measurements,
        )
        from goalkit.data._read import check_data, read_data  # noqa: PLC0415
        from goalkit.plugins import load_project  # noqa: PLC0415
        from goalkit.reports._i18n import default_lang  # noqa: PLC0415

        host = command_host()
        shown = mask_secrets(data_path)  # a database URL's password is never printed
        proj = load_project(project, host=host) if project is not None else None
        try:
            if proj is None:  # the problems and the reported figures: no data set to build
                found, measured = check_data(data_path, mapping=mapping_path,
                                             loaders=host.loaders)
            else:
                data = read_data(data_path, mapping=mapping_path, project=proj,
                                 loaders=host.loaders)
                found, measured = data.issues, data.measurements
        except DataValidationError as e:
            sv = (lang or default_lang()) == "sv"
            click.echo(f"{shown}: {len(e.problems)} problem; data kan inte användas:" if sv
                       else f"{shown}: {len(e.problems)} problem(s); the data cannot be used:")
            lines = (format_issues(e.issues, "sv") if sv and e.issues
                     else [str(p) for p in e.problems])
            for line in lines:
                click.echo(f"  {line}")
            return ExitCode.BAD_INPUT
        own = proj.measurements if proj is not None else ()
        declared = proj.figure_breakdowns if proj is not None else ()
        names = proj.labels if proj is not None else None
        issues = [*found, *check_measurements((*own, *measured), declared, names)]
        if proj is not None:  # every name a goal uses that the data lack
            from goalkit.engine._coverage import coverage_issues  # noqa: PLC0415

            issues.extend(check_assessments((*proj.assessments, *data.assessments),
                                            proj.goals))
            issues.extend(coverage_issues(proj, data))
        errors, warnings = _list(shown, issues, lang or default_lang())
        return ExitCode.BAD_INPUT if errors or (strict and warnings) else ExitCode.OK

    return run_guarded(body)


def _list(shown: str, issues: Sequence[DataIssue], lang: str) -> tuple[int, int]:
    """Print what was found in ``lang``: how many errors, warnings and notes, every issue
    a line, how many rows an evaluation would leave out; the errors and the warnings."""
    sv = lang == "sv"
    errors = sum(1 for i in issues if i.severity == "error")
    notes = sum(1 for i in issues if i.severity == "note")  # the document's own words
    warnings = len(issues) - errors - notes
    if not issues:
        click.echo(f"{shown}: inga problem hittades." if sv else f"{shown}: no problems found.")
        return 0, 0
    if sv:
        click.echo(f"{shown}: {errors} fel, {warnings} varning(ar)"
                   + (f", {notes} anmärkning(ar)" if notes else "") + ":")
    else:
        click.echo(f"{shown}: {errors} error(s), {warnings} warning(s)"
                   + (f", {notes} note(s)" if notes else "") + ":")
    for line in format_issues(issues, lang):
        click.echo(f"  {line}")
    left_out = sum(i.count for i in issues if i.code == "rows_excluded")
    if left_out:
        click.echo(f"{left_out} rad(er) med fel skulle lämnas utanför en utvärdering (och "
                   "listas i dess rapport)." if sv else
                   f"{left_out} row(s) with errors would be left out of an evaluation "
                   "(and listed in its report).")
    if errors:
        click.echo("`goalkit evaluate --strict` vägrar data med fel." if sv else
                   "`goalkit evaluate --strict` refuses data with errors.")
    return errors, warnings
