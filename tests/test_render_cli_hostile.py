"""A host renders with what it has, and a person types what they type: no report, an empty
list, another project's report, a threshold as text, a misspelt option, ``--format md``
twice, ``--out ""``, ``--out -``, a date as ``20150615``. Every bad argument of
``goalkit.render`` and ``goalkit.prepare`` is refused with a goalkit error naming the
argument (``docs/api.md``, Errors); on the command line it is exit 2 naming the option
(``docs/cli.md``); nothing is written twice, or where the user did not ask."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType, SimpleNamespace
from typing import Any

import pytest

import goalkit
from goalkit import EvaluationError, UnknownNameError
from goalkit.cli import ExitCode, main
from goalkit.plugins import hookimpl, make_plugin_manager
from goalkit.reports._suppress import Audience

ROOT = Path(__file__).resolve().parents[1]
GOALS = str(ROOT / "examples/quickstart/goals.toml")
DATA_DIR = str(ROOT / "examples/quickstart/data")
PROJECT = goalkit.load_goals(GOALS)
DATA = goalkit.read_data(DATA_DIR, project=PROJECT)
AS_OF = dt.date(2015, 6, 15)
EARLIER = dt.date(2015, 1, 15)
REPORT = goalkit.evaluate(PROJECT, DATA, AS_OF)
BUILTIN = ("table", "md", "html", "xlsx", "json")
OTHER = goalkit.loads_goals(
    (ROOT / "examples/quickstart/goals.toml").read_text(encoding="utf-8")
    .replace('id = "quickstart"', 'id = "elsewhere"', 1))
"""The quickstart's goals under another project's id."""


# -- goalkit.render: the reports ------------------------------------------------------


@pytest.mark.parametrize(
    ("reports", "said"),
    [
        (None, "got None"),
        ([], "no report"),
        ((), "no report"),
        ("quickstart", "got a str"),
        ({"quickstart": REPORT}, "got a dict"),
        ([REPORT, None], "reports[1]"),
        ([REPORT, "2015-06-15"], "reports[1]"),
    ],
)
def test_render_refuses_what_is_not_a_report(reports: Any, said: str) -> None:
    """``render(None)`` raised ``TypeError: 'NoneType' object is not iterable`` and
    ``render([])`` a plain ``ValueError``: each names the argument now."""
    with pytest.raises(EvaluationError, match="reports") as e:
        goalkit.render(reports, "md", project=PROJECT)
    assert said in str(e.value)


def test_render_refuses_a_series_of_two_projects() -> None:
    """Reports of two projects are not one project's progress over time."""
    other = goalkit.evaluate(OTHER, DATA, EARLIER)
    with pytest.raises(EvaluationError, match="'elsewhere'") as e:
        goalkit.render([REPORT, other], "md", project=PROJECT)
    assert "reports" in str(e.value)


def test_render_refuses_a_date_twice() -> None:
    """A series with a date twice read "15 June 2015, 15 June 2015" (as
    ``evaluate_over_time`` takes each date once)."""
    with pytest.raises(EvaluationError, match="2015-06-15"):
        goalkit.render([REPORT, REPORT], "md", project=PROJECT)


def test_render_takes_any_sequence_or_iterable_of_reports() -> None:
    earlier = goalkit.evaluate(PROJECT, DATA, EARLIER)
    expected = goalkit.render([earlier, REPORT], "md", project=PROJECT)
    assert goalkit.render((earlier, REPORT), "md", project=PROJECT) == expected
    assert goalkit.render(iter([earlier, REPORT]), "md", project=PROJECT) == expected


# -- goalkit.render: the project, the format, the language --------------------------


def test_render_refuses_another_projects_project() -> None:
    """``project=`` gives the names and goal titles: another project's were taken
    silently, and the report printed under them."""
    with pytest.raises(EvaluationError, match="project") as e:
        goalkit.render(REPORT, "md", project=OTHER)
    assert "'elsewhere'" in str(e.value)
    assert "'quickstart'" in str(e.value)


@pytest.mark.parametrize("project", ["quickstart", GOALS, 1])
def test_render_refuses_a_project_that_is_not_one(project: Any) -> None:
    with pytest.raises(EvaluationError, match=r"project must be a goalkit\.Project"):
        goalkit.render(REPORT, "md", project=project)


@pytest.mark.parametrize("fmt", [None, 1, ["md"]])
def test_render_refuses_a_format_that_is_not_a_name(fmt: Any) -> None:
    with pytest.raises(EvaluationError, match="fmt"):
        goalkit.render(REPORT, fmt, project=PROJECT)


@pytest.mark.parametrize("name", BUILTIN)
def test_render_refuses_a_language_in_every_format(name: str) -> None:
    """The JSON has no language, but ``lang="de"`` is still a mistake: refused as every
    other format refuses it."""
    with pytest.raises(UnknownNameError, match="language"):
        goalkit.render(REPORT, name, project=PROJECT, lang="de")


# -- goalkit.render: the options ------------------------------------------------------


@pytest.mark.parametrize("name", BUILTIN)
@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"min_cell": 1}, "min_cell must be at least 2"),
        ({"min_cell": 0}, "min_cell must be at least 2"),
        ({"min_cell": -1}, "min_cell must be a whole number"),
        ({"min_cell": "5"}, "min_cell must be a whole number"),
        ({"min_cell": True}, "min_cell must be a whole number"),
        ({"min_cell": 2.0}, "min_cell must be a whole number"),
        ({"min_cell": None}, "min_cell must be a whole number"),
        ({"min_cell": "5", "audience": "internal"}, "min_cell must be a whole number"),
        ({"audience": "x"}, "audience must be 'public' or 'internal'"),
        ({"audience": None}, "audience must be 'public' or 'internal'"),
    ],
)
def test_render_refuses_a_bad_publication_option(name: str, options: dict[str, Any],
                                                 said: str) -> None:
    """These raised a plain ``ValueError`` from inside the format."""
    with pytest.raises(EvaluationError, match="options") as e:
        goalkit.render(REPORT, name, project=PROJECT, options=options)
    assert said in str(e.value)


@pytest.mark.parametrize("options", ["min_cell", [("min_cell", 5)], 5])
def test_render_refuses_options_that_are_not_a_mapping(options: Any) -> None:
    with pytest.raises(EvaluationError, match="options must be a mapping"):
        goalkit.render(REPORT, "md", project=PROJECT, options=options)


@pytest.mark.parametrize(
    ("name", "options", "said"),
    [
        ("md", {"min_cel": 10}, "did you mean 'min_cell'"),
        ("json", {"audiance": "internal"}, "did you mean 'audience'"),
        ("md", {"width": 100}, "'width'"),
        ("table", {"colour": True}, "did you mean 'color'"),
    ],
)
def test_render_refuses_an_option_the_format_does_not_read(name: str, options: dict[str, Any],
                                                          said: str) -> None:
    """A misspelt ``min_cel`` was ignored, and the report published with 5 where 10 was
    asked for. Each built-in format says which options it reads."""
    with pytest.raises(EvaluationError, match=f"format {name!r}") as e:
        goalkit.render(REPORT, name, project=PROJECT, options=options)
    assert said in str(e.value)


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"width": "abc"}, "width must be a whole number"),
        ({"width": 0}, "width must be a whole number"),
        ({"width": True}, "width must be a whole number"),
        ({"color": "no"}, "color must be True or False"),
    ],
)
def test_render_refuses_a_bad_table_option(options: dict[str, Any], said: str) -> None:
    """``width="abc"`` raised ``ValueError: invalid literal for int()``, ``width=0`` an
    ``IndexError``, and ``color="no"`` gave colour."""
    with pytest.raises(EvaluationError, match="options") as e:
        goalkit.render(REPORT, "table", project=PROJECT, options=options)
    assert said in str(e.value)


@pytest.mark.parametrize("name", BUILTIN)
def test_render_takes_every_option_a_format_reads(name: str) -> None:
    internal = {"audience": "internal", "min_cell": 0}
    goalkit.render(REPORT, name, project=PROJECT, options=internal)
    goalkit.render(REPORT, name, project=PROJECT,
                   options=MappingProxyType({"audience": Audience.PUBLIC, "min_cell": 7}))
    if name == "table":
        goalkit.render(REPORT, name, project=PROJECT,
                       options={"width": 60, "color": False, "min_cell": 5})


def test_a_plugins_format_is_given_its_own_options() -> None:
    """A plugin's format reads the options it likes: goalkit cannot know them (its
    publication options are still checked)."""
    given: list[dict[str, Any]] = []

    class Plain:
        description = "plain"
        suffix = ".txt"
        binary = False

        def render(self, reports: Any, *, project: Any = None, lang: str = "sv",
                   options: Any = None) -> str:
            given.append(dict(options or {}))
            return "ok\n"

    @hookimpl
    def goalkit_register_formats(formats: Any) -> None:
        formats.add("plain", Plain())

    host = make_plugin_manager(entry_points=False, plugins=[
        ("plain-plugin", SimpleNamespace(goalkit_register_formats=goalkit_register_formats))])
    assert goalkit.render(REPORT, "plain", host=host, options={"paper": "A4"}) == "ok\n"
    assert given == [{"paper": "A4"}]
    with pytest.raises(EvaluationError, match="min_cell"):
        goalkit.render(REPORT, "plain", host=host, options={"min_cell": "5"})


# -- goalkit.prepare ------------------------------------------------------------------


@pytest.mark.parametrize("data", [[], None, "examples/quickstart/data", REPORT])
def test_prepare_refuses_what_is_not_a_data_set(data: Any) -> None:
    """``prepare([])`` raised a ``TypeError`` from deep inside."""
    with pytest.raises(EvaluationError, match=r"data must be a goalkit\.Dataset"):
        goalkit.prepare(data)


def test_prepare_still_prepares() -> None:
    prepared = goalkit.prepare(DATA)
    assert goalkit.prepare(prepared) is prepared


# -- a record that is none: the message's article ----------------------------------------


def test_a_row_that_is_not_a_record_is_named_with_its_article() -> None:
    """The message read "got a int"."""
    data = goalkit.Dataset.from_records([
        {"participant_id": "a1", "enrolled": "2015-01-01"}, 5], strict=False)
    (issue,) = [i for i in data.issues if i.code == "wrong_type"]
    assert "got an int" in issue.message


# -- goalkit report: each output once, where it was asked for -------------------------


def base(*more: str) -> list[str]:
    return ["report", GOALS, "--data", DATA_DIR, "--as-of", "2015-06-15", *more]


def written(err: str) -> list[str]:
    return [line for line in err.splitlines() if not line.startswith("goalkit:")]


@pytest.mark.parametrize("repeat", [["--format", "md", "--format", "md", "--lang", "sv"],
                                    ["--format", "md", "--lang", "sv", "--lang", "sv"]])
def test_a_repeated_format_or_language_is_written_once(
        repeat: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same file was written, and announced, twice."""
    assert main(base(*repeat, "--out", f"{tmp_path / 'dup'}/")) == ExitCode.OK
    assert written(capsys.readouterr().err) == [str(tmp_path / "dup/quickstart-2015-06-15.sv.md")]
    assert [p.name for p in (tmp_path / "dup").iterdir()] == ["quickstart-2015-06-15.sv.md"]


def test_a_repeated_format_is_one_output_for_one_file(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Twice ``--format md`` counted as two outputs and made ``r.md`` a folder."""
    out = tmp_path / "r.md"
    assert main(base("--format", "md", "--format", "md", "--lang", "en",
                     "--out", str(out))) == ExitCode.OK
    assert out.is_file()
    assert written(capsys.readouterr().err) == [str(out)]


def test_two_formats_that_would_write_the_same_file_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A plugin's format with the suffix of another would overwrite its file."""

    class Other:
        description = "another Markdown"
        suffix = ".md"
        binary = False

        def render(self, reports: Any, *, project: Any = None, lang: str = "sv",
                   options: Any = None) -> str:
            return "other\n"

    @hookimpl
    def goalkit_register_formats(formats: Any) -> None:
        formats.add("md2", Other())

    host = make_plugin_manager(entry_points=False, builtin=["goalkit.cli._plugin"], plugins=[
        ("md2-plugin", SimpleNamespace(goalkit_register_formats=goalkit_register_formats))])
    monkeypatch.setattr("goalkit.cli._main.command_host", lambda **_: host)
    code = main(base("--format", "md", "--format", "md2", "--out", f"{tmp_path / 'r'}/"))
    assert code == ExitCode.BAD_INPUT
    assert "formats 'md' and 'md2' both write '.md' files" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()
    code = main(["site", GOALS, "--data", DATA_DIR, "--as-of", "2015-06-15", "--format", "md",
                 "--format", "md2", "--out", str(tmp_path / "site")])
    assert code == ExitCode.BAD_INPUT
    assert "formats 'md' and 'md2' both write '.md' files" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_an_empty_out_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """``--out ""`` wrote into the current folder."""
    monkeypatch.chdir(tmp_path)
    assert main(base("--format", "md", "--out", "")) == ExitCode.BAD_INPUT
    assert "--out" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_out_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """``--out -`` wrote a file named ``-``; it is standard output, as with no ``--out``
    (which a configuration file's ``out`` cannot otherwise be overridden back to)."""
    monkeypatch.chdir(tmp_path)
    assert main(base("--format", "md", "--lang", "en")) == ExitCode.OK
    expected = capsys.readouterr().out
    assert main(base("--format", "md", "--lang", "en", "--out", "-")) == ExitCode.OK
    captured = capsys.readouterr()
    assert captured.out == expected
    assert written(captured.err) == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [
    base("--format", "md", "--format", "html", "--out", "-"),
    base("--site", "--out", "-"),
    ["site", GOALS, "--data", DATA_DIR, "--out", "-"],
    ["site", GOALS, "--data", DATA_DIR, "--out", ""],
])
def test_out_dash_or_empty_where_a_folder_is_needed_is_refused(
        args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == ExitCode.BAD_INPUT
    assert "--out" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# -- every date option reads YYYY-MM-DD, and only that --------------------------------


BAD_DATES = ["20150615", "2015-W24-1", "2015-6-15", "2015-06-31", "15/6/2015", "2015-06",
             "２０１５-06-15"]


def date_commands(day: str) -> list[list[str]]:
    return [
        ["evaluate", GOALS, "--data", DATA_DIR, "--as-of", day],
        ["report", GOALS, "--data", DATA_DIR, "--as-of", day],
        ["report", GOALS, "--data", DATA_DIR, "--as-of", f"2015-01-15,{day}"],
        ["site", GOALS, "--data", DATA_DIR, "--as-of", day],
    ]


@pytest.mark.parametrize("day", BAD_DATES)
@pytest.mark.parametrize("which", range(4))
def test_a_date_is_yyyy_mm_dd_in_every_command(
        day: str, which: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``--as-of 20150615`` (and ISO week dates) were taken, though the option and its
    error say YYYY-MM-DD, while ``2015-6-15`` was refused."""
    monkeypatch.chdir(tmp_path)
    assert main(date_commands(day)[which]) == ExitCode.BAD_INPUT
    err = capsys.readouterr().err
    assert "--as-of" in err
    assert "YYYY-MM-DD" in err
    assert repr(day) in err
    assert list(tmp_path.iterdir()) == []


def test_a_date_in_a_configuration_file_reads_the_same(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "goalkit.toml"
    config.write_text(f'project = "{GOALS}"\ndata = "{DATA_DIR}"\nas_of = "20150615"\n',
                      encoding="utf-8")
    assert main(["evaluate", "--config", str(config)]) == ExitCode.BAD_INPUT
    assert "'20150615'" in capsys.readouterr().err
    config.write_text(f'project = "{GOALS}"\ndata = "{DATA_DIR}"\nas_of = 2015-06-15\n',
                      encoding="utf-8")
    assert main(["evaluate", "--config", str(config), "--goal", "enrolled"]) == ExitCode.OK


@pytest.mark.parametrize("args", [
    ["evaluate", GOALS, "--data", DATA_DIR, "--as-of", "2015-06-15", "--goal", "enrolled"],
    ["report", GOALS, "--data", DATA_DIR, "--as-of", "2015-01-15, 2015-06-15",
     "--goal", "enrolled", "--format", "json"],
], ids=["evaluate", "report"])
def test_a_good_date_is_taken(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == ExitCode.OK
    capsys.readouterr()
