"""Plugins whose objects misbehave when goalkit uses them, through the command line: a
loader's malformed data set, a format's or a kind's text that no file can hold, a kind's
``describe()`` returning no text, a kind failing while it is built, a format whose suffix
is a path. Each is the plugin's failure, named with its distribution and version, exit 3;
never an unnamed "internal error", and never blamed on the user's input (exit 2).

The plugins are installed as real distributions (an entry point in a ``.dist-info``), as
in ``test_plugins_hostile.py``.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plugin_helpers import PROJECT_TOML, write_distribution
from strategies import datasets, measurements_off_by

import goalkit
from goalkit.cli import main

if TYPE_CHECKING:
    from collections.abc import Iterator

DIST, VERSION = "goalkit-misbehaving", "0.0.1"
WHO = f"plugin misbehaving ({DIST} {VERSION})"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

HEAD = '''
import sys
from typing import ClassVar
import attrs
import goalkit
from goalkit.indicators import Count
from goalkit.plugins import hookimpl
'''


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on sys.path for the fake distribution; only its entry point loads."""
    for name in ("GOALKIT_PLUGINS_BLOCK", "GOALKIT_PLUGINS_STRICT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GOALKIT_PLUGINS_ALLOW", "misbehaving")
    folder = tmp_path / "site"
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    for name in list(sys.modules):
        if name.split(".")[0] == "goalkit_misbehaving":
            del sys.modules[name]
    importlib.invalidate_caches()


def install(site: Path, source: str) -> None:
    """The distribution ``goalkit-misbehaving``: one plugin module, ``source`` after the
    common imports."""
    write_distribution(site, DIST, VERSION, {"misbehaving": "goalkit_misbehaving.plugin"},
                       {"goalkit_misbehaving/__init__.py": "",
                        "goalkit_misbehaving.plugin": HEAD + textwrap.dedent(source)})
    importlib.invalidate_caches()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A goal file (at least 2 enrolled by the end of 2024), the same goal counted by the
    plugin's kind (``kind.toml``) and by a built-in ratio quoting it (``ratio.toml``), and
    data meeting it."""
    goals = PROJECT_TOML.format(id="own")
    (tmp_path / "goals.toml").write_text(goals, encoding="utf-8")
    (tmp_path / "kind.toml").write_text(goals.replace(
        '{ kind = "count" }', '{ kind = "misbehaving" }'), encoding="utf-8")
    (tmp_path / "ratio.toml").write_text(goals.replace(
        '{ kind = "count" }', '{ kind = "ratio", numerator = { kind = "misbehaving" }, '
        'denominator = { kind = "count" } }').replace("at_least = 2", "at_least = 0.5"),
        encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "participants.csv").write_text(
        "participant_id,enrolled,sex\na,2024-02-01,F\nb,2024-03-01,M\n", encoding="utf-8")
    return tmp_path


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def evaluate(work: Path, goals: str = "goals.toml", data: str | None = None) -> list[str]:
    return ["evaluate", str(work / goals), "--data", data or str(work / "data"),
            "--as-of", "2025-01-15", "--format", "json"]


def report(work: Path, fmt: str, goals: str = "goals.toml") -> list[str]:
    return ["report", str(work / goals), "--data", str(work / "data"), "--as-of",
            "2025-01-15", "--format", fmt]


def assert_named(code: int, out: str, err: str, said: str) -> None:
    """Exit 3, nothing on standard output, the plugin named as failing (never goalkit's
    unnamed internal error)."""
    assert (code, out) == (3, ""), err
    assert f"goalkit: error: {WHO}: " in err
    assert said in err, err
    assert "internal error in a plugin" in err
    assert "goalkit: internal error" not in err
    assert "Traceback" not in err


# -- a loader's data set -----------------------------------------------------------------------

LOADER = '''
GOOD = goalkit.Dataset.from_records(
    [{"participant_id": "a", "enrolled": "2024-02-01", "sex": "F"},
     {"participant_id": "b", "enrolled": "2024-03-01", "sex": "M"}])

class Loader:
    description = "reads bad:// sources"
    def can_load(self, source):
        return source.startswith("bad://")
    def load(self, source, *, mapping=None):
        return {returned}

@hookimpl
def goalkit_register_loaders(loaders):
    loaders.add("bad", Loader())
'''

MALFORMED = [
    ("no tables", "goalkit.Dataset()",
     "whose tables are missing (build it with Dataset.from_records"),
    ("issues of text", "attrs.evolve(GOOD, issues=('oops',))",
     "whose issues[0] is str, not a goalkit.DataIssue"),
    ("measurements of text", "attrs.evolve(GOOD, measurements=('m',))",
     "whose measurements[0] is str, not a goalkit.Measurement"),
    ("assessments of numbers", "attrs.evolve(GOOD, assessments=(1,))",
     "whose assessments[0] is int, not a goalkit.Assessment"),
    ("no source", "attrs.evolve(GOOD, source=None)", "whose source is None, not text"),
    ("records as text", "goalkit.Dataset(records='nope')",
     "whose records is str, not the records Dataset.from_records makes"),
    ("frames as a list", "goalkit.Dataset(frames=[1, 2])",
     "whose frames is list, not the frames Dataset.from_frames makes"),
    ("issues as a list", "attrs.evolve(GOOD, issues=[])", "whose issues is list, not a tuple"),
    ("issues forced to text", "(lambda d: object.__setattr__(d, 'issues', 'x') or d)(GOOD)",
     "whose issues is str, not a tuple"),
    ("a measurement dated with text",
     "attrs.evolve(GOOD, measurements=(goalkit.Measurement('m', '2024-06-30', 3.0),))",
     "whose measurements[0].date is '2024-06-30', not a date"),
    ("a measurement's breakdown of text",
     "attrs.evolve(GOOD, measurements=(goalkit.Measurement('m', GOOD_DAY, 3.0, "
     "{'sex': {'F': 'three'}}),))",
     "whose measurements[0].breakdown is"),
    ("an issue of no known severity",
     "attrs.evolve(GOOD, issues=(goalkit.DataIssue('fatal', 'x', 'y'),))",
     "whose issues[0].severity is 'fatal', not 'error', 'warning' or 'note'"),
    ("an issue whose message cannot be written",
     "attrs.evolve(GOOD, issues=(goalkit.DataIssue('warning', 'x', 'bad \\ud800'),))",
     "whose issues[0].message is 'bad \\ud800', not text"),
    ("a source that cannot be written", "attrs.evolve(GOOD, source='bad \\udcff')",
     "whose source holds U+DCFF (a lone surrogate) at character 4"),
]


@pytest.mark.parametrize(("case", "returned", "said"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_loader_returning_a_malformed_data_set_is_named(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], case: str, returned: str,
    said: str,
) -> None:
    """A loader whose ``load`` returns a ``goalkit.Dataset`` that goalkit's constructors
    could not have made (no tables, records of the wrong type, no source, text no file
    can hold): exit 3 naming the plugin and what is wrong, as for one returning ``None``;
    it was an unnamed AssertionError, AttributeError or TypeError, or no error at all."""
    install(site, LOADER.replace("{returned}", returned)
            + "\nimport datetime\nGOOD_DAY = datetime.date(2024, 6, 30)\n")
    code, out, err = cli(capsys, *evaluate(work, data="bad://x"))
    assert_named(code, out, err, f"loader 'bad' returned a goalkit.Dataset {said}")


def test_a_loader_returning_a_well_formed_data_set_is_used(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same loader returning a data set goalkit made is used as it is: the goal is
    met from its two people."""
    install(site, LOADER.replace("{returned}", "GOOD"))
    code, out, err = cli(capsys, *evaluate(work, data="bad://x"))
    assert code == 0, err
    assert '"status": "met"' in out


def _frames() -> goalkit.Dataset:
    import polars as pl  # noqa: PLC0415

    return goalkit.Dataset.from_frames(pl.DataFrame({
        "participant_id": ["a", "b"], "enrolled": ["2024-02-01", "2024-03-01"]}))


@settings(max_examples=40, deadline=None)
@given(datasets(), st.lists(measurements_off_by(), max_size=3),
       st.sampled_from(["records", "frames", "both"]))
def test_every_data_set_goalkits_constructors_make_is_well_formed(
    data: goalkit.Dataset, measured: list[tuple[goalkit.Measurement, int]], held: str
) -> None:
    """No false refusal: a data set built by ``from_records`` (with reported figures and
    their breakdowns), held as records, frames or both, or by ``from_frames``, passes the
    check a loader's data set goes through."""
    import attrs  # noqa: PLC0415

    from goalkit.plugins._returned import dataset_problem  # noqa: PLC0415

    data = attrs.evolve(data, measurements=tuple(m for m, _ in measured))
    if held != "records":
        data = attrs.evolve(data, frames=data.with_frames(),
                            records=data.records if held == "both" else None)
    assert dataset_problem(data) is None
    assert dataset_problem(_frames()) is None


@pytest.mark.parametrize("folder", sorted(p.parent.name for p in EXAMPLES.glob("*/data")))
def test_every_example_folder_read_by_goalkit_is_well_formed(folder: str) -> None:
    """No false refusal: each example's data read by ``from_folder``, with its reported
    figures, assessments and the issues validation found, passes the check."""
    from goalkit.plugins._returned import dataset_problem  # noqa: PLC0415

    data = goalkit.Dataset.from_folder(EXAMPLES / folder / "data")
    assert dataset_problem(data) is None


# -- text no file can hold ---------------------------------------------------------------------

FORMAT = '''
class Fmt:
    description, suffix, binary = "misbehaving", {suffix!r}, False
    def render(self, reports, *, project=None, lang="sv", options=None):
        return {returned}

@hookimpl
def goalkit_register_formats(formats):
    formats.add("odd", Fmt())
'''


def _format(returned: str, suffix: str = ".txt") -> str:
    return FORMAT.replace("{suffix!r}", repr(suffix)).replace("{returned}", returned)


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "--out"])
def test_a_format_rendering_a_lone_surrogate_is_named(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], to_file: bool
) -> None:
    """A format whose ``render`` returns text holding a lone surrogate (``'\\ud800'``, which
    no UTF-8 file or terminal can hold): exit 3 naming the plugin and where in the text;
    nothing is written. It was an unnamed UnicodeEncodeError."""
    install(site, _format("'bad \\ud800 text'"))
    out_dir = work / "out"
    args = [*report(work, "odd"), *(["--out", out_dir] if to_file else [])]
    code, out, err = cli(capsys, *args)
    assert_named(code, out, err, "format 'odd' returned text that holds U+D800 (a lone "
                                 "surrogate) at character 4, which no file can hold as UTF-8")
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_a_format_rendering_any_other_text_is_written(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text beyond ASCII that UTF-8 holds (å, an emoji, a pair of surrogates' character)
    is written as it is."""
    install(site, _format("'åäö \\U0001F600 ok'"))
    code, out, err = cli(capsys, *report(work, "odd"))
    assert (code, out) == (0, "åäö \U0001f600 ok"), err


KIND = '''
@attrs.frozen
class Misbehaving(Count):
    kind: ClassVar[str] = "misbehaving"

    def describe(self, lang):
        return {described}

    def explain(self, ctx, lang):
        return {explained}

    def __attrs_post_init__(self):
        {built}

@hookimpl
def goalkit_register_kinds(kinds):
    kinds.add("misbehaving", Misbehaving)
'''


def _kind(described: str = "super().describe(lang)", explained: str = "''",
          built: str = "pass") -> str:
    return (KIND.replace("{described}", described).replace("{explained}", explained)
            .replace("{built}", built))


DESCRIBED = [
    ("describe returning a number", _kind(described="42"),
     "describe('sv') returned int, not text"),
    ("describe returning None", _kind(described="None"),
     "describe('sv') returned NoneType, not text"),
    ("describe returning bytes", _kind(described="b'counted'"),
     "describe('sv') returned bytes, not text"),
    ("describe returning a lone surrogate", _kind(described="'x \\ud800'"),
     "describe('sv') returned text holding U+D800 (a lone surrogate) at character 2"),
    ("explain returning a number", _kind(explained="7"),
     "explain(ctx, 'sv') returned int, not text"),
]


@pytest.mark.parametrize("goals", ["kind.toml", "ratio.toml"])
@pytest.mark.parametrize("command", ["evaluate", "report"])
@pytest.mark.parametrize(("case", "source", "said"), DESCRIBED, ids=[d[0] for d in DESCRIBED])
def test_a_kind_describing_itself_in_no_text_is_named(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], case: str, source: str,
    said: str, command: str, goals: str,
) -> None:
    """A kind whose ``describe(lang)`` (or ``explain``) returns no text, or text no file
    can hold: ``evaluate`` and ``report`` exit 3 naming the plugin, the kind and the
    method, also where a built-in ratio quotes the kind's words. It was an unnamed
    AttributeError ('int' object has no attribute 'strip') or UnicodeEncodeError."""
    install(site, source)
    args = evaluate(work, goals) if command == "evaluate" else report(work, "md", goals)
    code, out, err = cli(capsys, *args)
    assert_named(code, out, err, f"indicator kind 'misbehaving' (Misbehaving): {said}")


# -- a kind built from a goal file -------------------------------------------------------------


@pytest.mark.parametrize(("built", "said"), [
    ("raise RuntimeError('init boom')", "RuntimeError: init boom"),
    ("self.no_such_field.lower()", "AttributeError: 'Misbehaving' object has no attribute "
                                   "'no_such_field'"),
    ("sys.exit(0)", "called sys.exit(0) (SystemExit)"),
])
@pytest.mark.parametrize("goals", ["kind.toml", "ratio.toml"])
def test_a_kind_failing_while_it_is_built_is_named(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], built: str, said: str,
    goals: str,
) -> None:
    """A kind whose construction (``__attrs_post_init__``) raises anything but a refusal
    of a value, or calls ``sys.exit``: a bug in the plugin, exit 3 naming it and what it
    raised, also inside a built-in ratio. It was blamed on the goal file (exit 2, "not a
    value goalkit can read here")."""
    install(site, _kind(built=built))
    code, out, err = cli(capsys, *evaluate(work, goals))
    assert_named(code, out, err, f"an indicator kind failed while {work / goals} "
                                 f"was read: {said}")
    assert "not a value goalkit can read here" not in err


def test_a_kind_failing_while_it_is_built_is_named_to_a_library_host(site: Path) -> None:
    """A host reading a goal file with its plugins gets a PluginError naming the plugin,
    with what the kind raised as its cause."""
    from goalkit.plugins import make_plugin_manager  # noqa: PLC0415

    install(site, _kind(built="raise RuntimeError('init boom')"))
    host = make_plugin_manager(environ={"GOALKIT_PLUGINS_ALLOW": "misbehaving"})
    text = PROJECT_TOML.format(id="own").replace('"count"', '"misbehaving"')
    with pytest.raises(goalkit.PluginError) as caught:
        host.loads_goals(text, source="goals.toml")
    assert (caught.value.plugin, caught.value.distribution) == ("misbehaving", DIST)
    assert str(caught.value) == (f"{WHO}: an indicator kind failed while goals.toml was "
                                 "read: RuntimeError: init boom")
    assert isinstance(caught.value.__cause__, RuntimeError)


@pytest.mark.parametrize("refusal", ["ValueError", "TypeError"])
def test_a_kind_refusing_a_value_is_the_goal_files_fault(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], refusal: str
) -> None:
    """A kind that raises ValueError or TypeError while it is built refuses a value, as an
    attrs validator does: the goal file's error (exit 2), its path and the kind's words."""
    install(site, _kind(built=f"raise {refusal}('no such count here')"))
    code, out, err = cli(capsys, *evaluate(work, "kind.toml"))
    assert (code, out) == (2, ""), err
    assert "not a valid Project" in err
    assert "no such count here @ $.goals[0].indicator" in err


# -- a format's suffix -------------------------------------------------------------------------

BAD_SUFFIXES = [".a/b", "/etc/passwd", ".a\\b", "..", ".", "", "txt", ". x", ".txt ",
                ".tx\x00t", ".å", ".a:b", "." + "a" * 40]


@pytest.mark.parametrize("suffix", BAD_SUFFIXES)
def test_a_format_whose_suffix_is_no_file_suffix_is_refused_when_registered(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """A format whose ``suffix`` is not a dot and a name (a path, ``..``, a space, no dot,
    too long) fails its plugin when it registers: named in a warning, and using the format
    exits 3 naming the plugin. It was "Could not open file '…en.a/b'" (exit 2), or a file
    written outside the folder asked for."""
    install(site, _format("'text'", suffix))
    code, out, err = cli(capsys, *report(work, "odd"), "--format", "md", "--out", work / "out")
    assert (code, out) == (3, ""), err
    said = f"{WHO}: format 'odd' has the suffix {suffix!r}: a suffix is a dot and a name"
    assert f"warning: {said}" in err
    assert "unknown format 'odd'" in err
    assert f"  - {said}" in err
    assert not (work / "out").exists() or list((work / "out").iterdir()) == []


@pytest.mark.parametrize("suffix", [".csv", ".tar.gz", ".c++", ".report-v2_sv", ".A1"])
def test_a_format_whose_suffix_is_a_file_suffix_is_used(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """A dot and ASCII letters, digits, '_', '+' or '-', possibly several: the file is
    written in the folder asked for, named with the suffix."""
    install(site, _format("'text'", suffix))
    code, _, err = cli(capsys, *report(work, "odd"), "--format", "md", "--lang", "sv",
                       "--out", work / "out")
    assert code == 0, err
    written = sorted(p.name for p in (work / "out").iterdir())
    assert written == sorted([f"own-2025-01-15.sv{suffix}", "own-2025-01-15.sv.md"])
