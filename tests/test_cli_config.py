"""A project folder that configures itself: ``goalkit.toml`` or ``[tool.goalkit]``, found
upward or named, checked key by key, overridden by the command line, and shown by
``goalkit config``."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import given, settings
from strategies import report_configs

import goalkit
from goalkit._exceptions import ConfigError
from goalkit.cli import ExitCode, main
from goalkit.cli._config import Config, LocalPath, discover_config, option_keys, read_config
from goalkit.cli._report import report_command
from goalkit.cli._validate import validate_command

ROOT = Path(__file__).resolve().parents[1]
QUICKSTART = ROOT / "examples/quickstart"
GOALKIT = (sys.executable, "-c", "import sys; from goalkit.cli import main; sys.exit(main())")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the quick-start project folder without its configuration, as the
    current folder."""
    work = tmp_path / "project"
    shutil.copytree(QUICKSTART, work, ignore=shutil.ignore_patterns("reports", "goalkit.toml"))
    monkeypatch.chdir(work)
    return work


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_goalkit_report_alone_writes_the_configured_site_and_reports(tmp_path: Path) -> None:
    """From a fresh copy of ``examples/quickstart`` (a subfolder of it, even), ``goalkit
    report`` with no argument writes what its ``goalkit.toml`` sets: the site (an index in
    both languages) and every reporting date's report in each format and language, into the
    folder the file names, and exits 0 though goals are open."""
    work = tmp_path / "quickstart"
    shutil.copytree(QUICKSTART, work, ignore=shutil.ignore_patterns("reports", "site"))
    done = subprocess.run([*GOALKIT, "report"], capture_output=True, text=True, check=False,
                          cwd=work / "data")
    assert done.returncode == ExitCode.OK, done.stderr
    project = goalkit.load_goals(work / "goals.toml")
    site = work / "site"
    reports = {f"quickstart/{day}/report.{lang}.{suffix}"
               for day in project.reporting_dates for lang in ("sv", "en")
               for suffix in ("html", "md", "xlsx")}
    reports |= {f"quickstart/{day}/report.json" for day in project.reporting_dates}
    expected = {"index.html", "index.sv.html", "index.en.html", "site.json", *reports}
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert written == expected
    named = {Path(line).resolve() for line in done.stderr.splitlines()}
    assert named == {(site / name).resolve() for name in expected}
    assert not (work / "data" / "site").exists()
    index = (site / "index.en.html").read_text(encoding="utf-8")
    for day in project.reporting_dates:
        assert f'href="quickstart/{day}/report.en.html#goal-offer-6m"' in index
    md = (site / "quickstart" / str(project.reporting_dates[-1]) / "report.en.md")
    assert "offer-6m" in md.read_text(encoding="utf-8")


def test_pyproject_table_is_read_and_a_pyproject_without_one_is_passed_by(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``[tool.goalkit]`` in ``pyproject.toml`` configures the folder; a ``pyproject.toml``
    without the table is passed by on the way up."""
    write(folder / "pyproject.toml", """\
[project]
name = "x"
[tool.goalkit]
project = "goals.toml"
data = "data"
[tool.goalkit.report]
as_of = 2015-06-15
format = "md"
out = "report.md"
""")
    inner = folder / "inner"
    write(inner / "pyproject.toml", '[project]\nname = "inner"\n')
    found = discover_config(inner)
    assert found is not None
    assert found.path == (folder / "pyproject.toml").resolve()
    assert main(["report"]) == ExitCode.OK
    assert "offer-6m" in (folder / "report.md").read_text(encoding="utf-8")
    assert capsys.readouterr().err.strip() == str((folder / "report.md").resolve())


def test_the_command_line_overrides_the_file(folder: Path) -> None:
    """An option on the command line wins over the file: ``--out`` over ``out``, and
    ``--as-of`` over ``reporting_dates = true`` (which would otherwise clash)."""
    write(folder / "goalkit.toml", """\
project = "goals.toml"
data = "data"
[report]
reporting_dates = true
format = "md"
out = "from-file.md"
""")
    assert main(["report", "--as-of", "2015-06-15", "--out", "given.md"]) == ExitCode.OK
    assert not (folder / "from-file.md").exists()
    text = (folder / "given.md").read_text(encoding="utf-8")
    assert "2015" in text
    assert "2014" not in text.split("\n", 3)[0]  # one date, not the series
    assert main(["report"]) == ExitCode.OK
    assert (folder / "from-file.md").exists()


def test_config_names_the_file_stated(folder: Path) -> None:
    """``--config FILE`` reads that file (paths relative to it) instead of searching."""
    other = write(folder / "elsewhere" / "settings.toml", """\
project = "../goals.toml"
data = "../data"
[report]
as_of = "2015-06-15"
format = "json"
out = "r.json"
""")
    assert main(["report", "--config", str(other)]) == ExitCode.OK
    assert (folder / "elsewhere" / "r.json").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('lnag = "sv"\n', "lnag: unknown key; did you mean 'lang'?"),
        ("min-cell = 5\n", "min-cell: unknown key; did you mean 'min_cell'?"),
        ("[report]\nmin_cell = 1\n", "report.min_cell: 1 is not in the range x>=2"),
        ("[report]\nlang = [\"sv\", \"de\"]\n", "report.lang: 'de' is not one of 'sv', 'en'"),
        ("[report]\nstrict = \"yes\"\n", "report.strict: expected true or false, got 'yes'"),
        ("[report]\nformat = { html = true }\n", "report.format: expected a list of values, "
         "got a table"),
        ("[report]\ndata = [\"a\", \"b\"]\n", "report.data: expected one value, got a list"),
        ("[report]\nas_of = \"15/6/2015\"\n", "report.as_of: expected dates as YYYY-MM-DD"),
        ("[report]\nfail_on = [\"pendng\"]\n", "report.fail_on: unknown status 'pendng'; "
         "did you mean 'pending'?"),
        ("[reprot]\nformat = \"md\"\n", "reprot: unknown key; did you mean 'report'?"),
        ("[report]\nfromat = \"md\"\n", "report.fromat: unknown key; did you mean 'format'?"),
        ("report = \"md\"\n", "report: expected a table of the options of `goalkit report`"),
        ("audience = \"everyone\"\n", "audience: `goalkit report`: 'everyone' is not one of"),
        ("data = 3\n", "data: `goalkit evaluate`: expected a path as a string, got 3"),
        ("project = \n", "not valid TOML"),
    ],
)
def test_a_wrong_key_exits_2_naming_the_file_and_the_key(
    folder: Path, text: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(folder / "goalkit.toml", text)
    for args in (["report", "goals.toml", "--as-of", "2015-06-15"], ["config"]):
        assert main(args) == ExitCode.BAD_INPUT
        err = capsys.readouterr().err
        assert f"goalkit: error: {config.resolve()}:" in err
        assert expected in err
        assert "Traceback" not in err


def test_every_mistake_is_listed_with_its_path_in_pyproject(folder: Path) -> None:
    """Like a goal file's errors: one line per bad key, each with the path to it."""
    path = write(folder / "pyproject.toml",
                 '[tool.goalkit]\nlnag = "sv"\n[tool.goalkit.report]\nmin_cell = 0\n')
    config = read_config(path)
    with pytest.raises(ConfigError) as caught:
        config.settings("report", report_command, {})
    assert caught.value.source == str(path)
    assert [e.split(":")[0] for e in caught.value.errors] == [
        "tool.goalkit.lnag", "tool.goalkit.report.min_cell"]


def test_goalkit_config_shows_each_value_and_where_it_came_from(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(folder / "goalkit.toml", """\
project = "goals.toml"
lang = ["sv", "en"]
[report]
format = ["md", "html"]
""")
    assert main(["config", "report", "--out", "x"]) == ExitCode.OK
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ")}
    assert rows["project"].split()[1:] == [str(folder.resolve() / "goals.toml"),
                                           "goalkit.toml:project"]
    assert rows["format"].split()[1:] == ["md,", "html", "goalkit.toml:report.format"]
    assert rows["lang"].split()[1:] == ["sv,", "en", "goalkit.toml:lang"]
    assert rows["out"].split()[1:] == ["x", "command", "line"]
    assert rows["min_cell"].split()[1:] == ["5", "default"]
    # evaluate prints one table: the list at the top is not for it, and it says so
    assert main(["config", "evaluate"]) == ExitCode.OK
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ")}
    assert rows["lang"].split()[1:] == ["(none)", "default"]
    assert "goalkit.toml:lang: expected one value, got a list" in out


def test_goalkit_config_without_a_file_says_so(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "validate"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith("No configuration file here or above")
    assert main(["config", "reprot"]) == ExitCode.BAD_INPUT
    assert "did you mean 'report'?" in capsys.readouterr().err


def test_an_option_a_command_gains_is_a_key_at_once(tmp_path: Path) -> None:
    """Nothing in the configuration knows the options by name: a ``--archive DIR`` option
    added to ``report`` is the key ``archive``, its path relative to the file."""
    command = copy.copy(report_command)
    command.params = [*report_command.params,
                      click.Option(["--archive"], type=LocalPath(), metavar="DIR")]
    config = Config(path=tmp_path / "goalkit.toml", table=(),
                    data={"archive": "public/archive", "report": {"min_cell": 7}})
    settings = config.settings("report", command, {})
    assert settings.values == {"archive": str(tmp_path / "public/archive"), "min_cell": 7}
    assert settings.origin["archive"] == f"{tmp_path / 'goalkit.toml'}:archive"
    with pytest.raises(ConfigError, match="archive: unknown key"):
        config.settings("report", report_command, {})


def test_a_project_id_stays_a_name_and_a_url_stays_a_url(tmp_path: Path) -> None:
    """Relative paths are the file's; an installed project's id and a database URL are
    not paths; ``out = "reports/"`` stays a folder (one format is then written into it,
    not over a file named ``reports``)."""
    config = Config(path=tmp_path / "goalkit.toml", table=(), data={
        "project": "etableringssparet", "data": "postgresql://u@h/db", "mapping": "m.toml",
        "out": "reports/"})
    values = config.settings("report", report_command, {}).values
    assert values == {"project": "etableringssparet", "data_path": "postgresql://u@h/db",
                      "mapping": str(tmp_path / "m.toml"), "out": f"{tmp_path / 'reports'}/"}


def test_data_and_mapping_said_once_serve_validate_and_evaluate(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/data.md: a folder whose export has its own column names (``kön``, codes
    ``K``/``M``) says its data and mapping once; ``validate`` and ``evaluate`` use them,
    and ``--data`` on the command line wins."""
    export = folder / "export"
    shutil.copytree(folder / "data", export)
    participants = export / "participants.csv"
    rows = participants.read_text(encoding="utf-8").splitlines()
    header = rows[0].replace(",sex,", ",kön,")
    body = [r.replace(",F,", ",K,", 1) for r in rows[1:]]
    participants.write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    write(folder / "mapping.toml", 'schema = "goalkit.mapping/1"\n[columns]\n"kön" = "sex"\n'
          '[codes.sex]\nK = "F"\nM = "M"\n')
    write(folder / "goalkit.toml", 'project = "goals.toml"\ndata = "export"\n'
          'mapping = "mapping.toml"\n')
    unmapped = write(folder / "unmapped.toml", 'project = "goals.toml"\ndata = "export"\n')
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")
    assert main(["validate"]) == ExitCode.OK
    assert "no problems found" in capsys.readouterr().out
    assert main(["evaluate", "--as-of", "2015-06-15", "--format", "json"]) == \
        ExitCode.GOALS_OPEN
    via_config = json.loads(capsys.readouterr().out)
    main(["evaluate", "--config", str(unmapped), "--as-of", "2015-06-15", "--format", "json"])
    without_mapping = json.loads(capsys.readouterr().out)
    assert main(["evaluate", str(QUICKSTART / "goals.toml"), "--data",
                 str(QUICKSTART / "data"), "--config", str(folder / "none.toml"),
                 "--as-of", "2015-06-15"]) == ExitCode.BAD_INPUT
    assert "none.toml: no such file" in capsys.readouterr().err
    direct = goalkit.evaluate(goalkit.load_goals(QUICKSTART / "goals.toml"),
                              goalkit.Dataset.from_folder(QUICKSTART / "data"),
                              dt.date(2015, 6, 15))
    expected = {r.goal_id: r.status.value for r in direct.results}
    assert {r["goal_id"]: r["status"] for r in via_config["results"]} == expected
    # the mapping is what made the export readable: without it, sex is unknown
    assert {r["goal_id"]: r["status"] for r in without_mapping["results"]} != expected


def test_a_missing_argument_says_where_else_it_may_come_from(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--as-of", "2015-06-15"]) == ExitCode.BAD_INPUT
    assert ("Missing argument 'PROJECT_OR_GOALFILE'. Give it, or set `project` in a "
            "goalkit.toml here or in a folder above (none was found).") in \
        capsys.readouterr().err
    config = write(folder / "goalkit.toml", 'lang = "sv"\n')
    assert main(["validate"]) == ExitCode.BAD_INPUT
    assert (f"Missing option '--data'. Give it, or set it in {config.resolve()} as `data`."
            in capsys.readouterr().err)


def test_no_password_from_the_file_is_shown(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database URL's password in the file is masked by ``goalkit config``, by ``-v``
    and in an error about the key."""
    write(folder / "goalkit.toml", 'data = "postgresql://reader:s3cret-pw@db/register"\n')
    assert main(["config", "validate"]) == ExitCode.OK
    assert "postgresql://reader:***@db/register" in capsys.readouterr().out
    assert main(["report", "-v"]) == ExitCode.BAD_INPUT  # no project: stops before reading
    err = capsys.readouterr().err
    assert "goalkit.toml:data = 'postgresql://reader:***@db/register'" in err  # -v says it
    assert "s3cret-pw" not in err
    write(folder / "goalkit.toml", 'data = ["postgresql://reader:s3cret-pw@db/register"]\n')
    assert main(["validate"]) == ExitCode.BAD_INPUT
    captured = capsys.readouterr()
    assert "data: `goalkit " in captured.err
    assert "s3cret-pw" not in captured.out + captured.err
    with pytest.raises(ConfigError) as caught:
        read_config(folder / "goalkit.toml").settings("validate", validate_command, {})
    assert "s3cret-pw" not in str(caught.value)


@settings(max_examples=60, deadline=None)
@given(report_configs())
def test_any_valid_file_sets_exactly_its_keys_with_where_they_came_from(
    drawn: tuple[dict[str, Any], dict[str, str]],
) -> None:
    """For any file of valid keys: each key is in force from the place that wins (a
    command's table over the top), a list for a repeatable option, a path made absolute
    from the file's folder (a URL and a project id left alone), and nothing else is set."""
    data, where = drawn
    base = Path("/project/folder")
    config = Config(path=base / "goalkit.toml", table=(), data=data)
    settings_ = config.settings("report", report_command, {})
    keys = option_keys(report_command)
    assert set(settings_.values) == {keys[k].name for k in where}
    for key, path in where.items():
        name = str(keys[key].name)
        assert settings_.origin[name] == f"{config.path}:{path}"
        given_value = data["report"][key] if path.startswith("report.") else data[key]
        items = given_value if isinstance(given_value, list) else [given_value]
        items = [v.isoformat() if isinstance(v, dt.date) else v for v in items]
        if key in ("out", "mapping") or (key == "data" and "://" not in items[0]) or (
                key == "project" and items[0].endswith(".toml")):
            items = [str(base / v) + ("/" if v.endswith("/") else "") for v in items]
        param = keys[key]
        expected = items if param.multiple else items[0]
        assert settings_.values[name] == expected
