"""The report site against corrupt input and failures: a ``site.json`` goalkit cannot use is
refused with exit 2, naming the manifest and the field, before anything is written or
removed; a rerun with fewer languages leaves no stale page beside the index; a run that
fails partway leaves the site as it was."""

from __future__ import annotations

import json
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import goalkit
from goalkit.cli import ExitCode, main
from goalkit.model._text import Text
from goalkit.reports import read_site, write_site
from goalkit.reports._site import MANIFEST, Site, SiteEntry, SiteGoal, render_index

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "examples/quickstart/goals.toml"
DATA = str(ROOT / "examples/quickstart/data")
FIRST = "2014-12-15"


def site(folder: Path, *args: str) -> int:
    return main(["site", str(GOALS), "--data", DATA, "--out", str(folder), "-q", *args])


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of the quickstart report as of 2014-12-15, in Swedish and English (written
    once; each test works on a copy)."""
    folder = tmp_path_factory.mktemp("base") / "site"
    assert site(folder, "--as-of", FIRST) in (ExitCode.OK, 1)
    return folder


@pytest.fixture
def folder(base: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(base, copy)
    return copy


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (``None``) under ``folder``, hidden ones too."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def edit(folder: Path, change: Callable[[dict[str, Any]], object]) -> None:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    change(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def refused_untouched(folder: Path, capsys: pytest.CaptureFixture[str], said: str) -> None:
    """``goalkit site`` refuses the folder's manifest (exit 2, naming it and ``said``), not
    as an internal error, and changes nothing in the folder."""
    before = snapshot(folder)
    capsys.readouterr()
    assert site(folder, "--as-of", FIRST) == ExitCode.BAD_INPUT
    err = capsys.readouterr().err
    assert f"{folder / MANIFEST}: {said}" in err
    assert "internal error" not in err
    assert snapshot(folder) == before


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,
    '{"schema": "goalkit.site/1", "reports": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"schema": "goalkit.site/1", "audience": "public", "reports": [], "min_cell": 1'
    + "0" * 5000 + "}",
], ids=["nested", "nested-reports", "huge-number"])
def test_a_manifest_json_cannot_hold_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str], body: str
) -> None:
    """A ``site.json`` nested deeper than a parser goes, or holding a number of thousands of
    digits, is an unreadable manifest (exit 2, naming it), not an internal error; nothing
    in the folder changes (hunt-a 02: RecursionError, exit 3)."""
    (folder / MANIFEST).write_text(body, encoding="utf-8")
    refused_untouched(folder, capsys, "not a readable site manifest")


def _set(*path: str | int, value: object) -> Callable[[dict[str, Any]], object]:
    def change(manifest: dict[str, Any]) -> None:
        at: Any = manifest
        for key in path[:-1]:
            at = at[key]
        at[path[-1]] = value
    return change


def _duplicate(manifest: dict[str, Any]) -> None:
    manifest["reports"].append(json.loads(json.dumps(manifest["reports"][0])))


def _internal(manifest: dict[str, Any]) -> None:
    manifest["audience"] = "internal"


@pytest.mark.parametrize(("change", "where"), [
    (_set("reports", 0, "files", "md", value={}),
     "reports[0].files.md: expected the file of at least one language"),
    (_set("reports", 0, "files", "html", value={}),
     "reports[0].files.html: expected the file of at least one language"),
    (_set("reports", 0, "files", value={"md": {"sv": f"quickstart/{FIRST}/report.sv.md"}}),
     "reports[0].files.html: missing"),
    (_set("reports", 0, "files", "html", "de", value=f"quickstart/{FIRST}/report.en.html"),
     "reports[0].files.html.de: expected a language, sv or en"),
    (_set("reports", 0, "as_of", value="20141215"),
     "reports[0].as_of: expected a date YYYY-MM-DD"),
    (_set("reports", 0, "as_of", value="2014-W50-1"),
     "reports[0].as_of: expected a date YYYY-MM-DD"),
    (_duplicate, f"reports[1]: a second report of 'quickstart' as of {FIRST} (the first is "
                 "reports[0])"),
    (_set("min_cell", value=-3),
     "min_cell: expected a whole number of at least 2 for the public audience, got -3"),
    (_set("min_cell", value=1),
     "min_cell: expected a whole number of at least 2 for the public audience, got 1"),
    (_internal, "min_cell: expected 0 for the internal audience, got 5"),
    (_set("reports", 0, "owner", value="\ud800"),
     "reports[0].owner: expected text, got a lone surrogate"),
    (_set("reports", 0, "goals", 0, "title", "sv", value="\udfff"),
     "reports[0].goals[0].title.sv: expected text, got a lone surrogate"),
    (_set("reports", 0, "project", value="<b>"),
     "reports[0].project: expected a project id: letters, digits, '-', '_' or '.'"),
    (_set("reports", 0, "files", "html", "en", value="keep.txt"),
     "reports[0].files.html.en: expected a file of this report, in quickstart/<date>/ "
     "named report.…"),
    (_set("reports", 0, "files", "html", "en", value="site.json"),
     "reports[0].files.html.en: expected a file of this report, in quickstart/<date>/ "
     "named report.…"),
], ids=["empty-format", "empty-html", "no-html", "unknown-language", "basic-date",
        "week-date", "duplicate", "negative-min-cell", "public-min-cell-1", "internal-min-cell",
        "surrogate", "surrogate-title", "project-id", "user-file", "manifest-itself"])
def test_a_manifest_goalkit_would_not_write_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str],
    change: Callable[[dict[str, Any]], object], where: str,
) -> None:
    """A hand-edited ``site.json`` that goalkit's own schema allows in form but goalkit
    never writes is refused with exit 2, naming the manifest and the field, before anything
    is written or removed: a format with no file (hunt-a 03: the index crashed), a date in
    another ISO form (``20141215``, or a week date read as another day), two reports of one
    project and date, a minimum cell no run could give, text no file can hold, or a path that
    is not one of a report's files (a run that replaces the report would have removed it: a
    user's file, or the manifest)."""
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    edit(folder, change)
    refused_untouched(folder, capsys, where)


def test_the_index_of_a_site_built_in_python_skips_an_empty_format() -> None:
    """A :class:`Site` built in Python (not read from a manifest) with a format that has no
    file renders its index, listing that format nowhere (hunt-a 03: StopIteration)."""
    entry = SiteEntry("p", Text(sv="P"), "", date(2015, 1, 1), "goalkit",
                      (SiteGoal("g", Text(sv="Mål"), "sub_goal", "met"),),
                      {"html": {"sv": "p/2015-01-01/report.sv.html"}, "md": {}})
    page = render_index(Site("public", 5, (entry,)), "sv")
    assert 'href="p/2015-01-01/report.sv.html#goal-g"' in page
    assert ">md<" not in page


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if tag == "a" and k == "href" and v]


def test_a_language_dropped_takes_its_index_with_it(folder: Path) -> None:
    """The same date again in English only: the Swedish report is removed and so is the
    Swedish index, whose every link led to it; ``index.html`` is now the English index, and
    every link of every page left leads to a file there (hunt-a 04: ``index.sv.html`` stayed,
    linking the removed report)."""
    assert (folder / "index.sv.html").is_file()
    assert site(folder, "--as-of", FIRST, "--lang", "en") in (ExitCode.OK, 1)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file()) == ["index.en.html", "index.html",
                                      f"quickstart/{FIRST}/report.en.html", MANIFEST]
    assert '<html lang="en">' in (folder / "index.html").read_text(encoding="utf-8")
    for page in ("index.html", "index.en.html"):
        parser = Hrefs()
        parser.feed((folder / page).read_text(encoding="utf-8"))
        assert parser.hrefs
        for href in parser.hrefs:
            assert (folder / href.split("#")[0]).is_file(), (page, href)


def test_a_run_that_cannot_make_a_later_folder_changes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file where a later date's folder must go: the run is refused (exit 2, naming the
    path) before any report is rewritten, and the site is as it was, manifest and files
    (before: the earlier date was rewritten, its new files listed by no manifest)."""
    (folder / "quickstart/2015-06-15").write_text("in the way", encoding="utf-8")
    before = snapshot(folder)
    capsys.readouterr()
    assert site(folder, "--as-of", FIRST, "--as-of", "2015-06-15", "--lang", "sv",
                "--format", "json") == ExitCode.BAD_INPUT
    assert "quickstart/2015-06-15" in capsys.readouterr().err
    assert snapshot(folder) == before


class Failing:
    """A format that cannot render a report as of 2015-06-15."""

    description = "fails on one date"
    suffix = ".txt"
    binary = False

    def render(self, reports: Any, *, project: Any = None, lang: str = "sv",
               options: Any = None) -> str:
        if reports[-1].as_of == date(2015, 6, 15):
            msg = "cannot render"
            raise RuntimeError(msg)
        return f"{reports[-1].as_of}\n"


def quickstart() -> tuple[goalkit.Project, list[goalkit.Report]]:
    project = goalkit.load_goals(GOALS)
    data = goalkit.Dataset.from_folder(DATA)
    return project, [goalkit.evaluate(project, data, date.fromisoformat(d))
                     for d in (FIRST, "2015-06-15")]


def test_a_format_that_fails_partway_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    """A format that fails on the second date: the error is the format's, and the site
    (here a new one) is as it was: no report, no index, no folder, no temporary file."""
    project, reports = quickstart()
    folder = tmp_path / "site"
    with pytest.raises(RuntimeError, match="cannot render"):
        write_site(folder, reports, project=project, formats=[("txt", Failing())],
                   langs=["en"])
    assert not folder.exists()
    (folder / "quickstart").mkdir(parents=True)
    with pytest.raises(RuntimeError, match="cannot render"):
        write_site(folder, reports, project=project, formats=[("txt", Failing())],
                   langs=["en"])
    assert snapshot(folder) == {"quickstart": None}


def test_one_report_of_a_project_and_date_in_one_run(tmp_path: Path) -> None:
    """The same project and date twice in one call: the later is the one written, once, and
    the manifest lists it once (a manifest of two would be refused when read)."""
    project, reports = quickstart()
    write_site(tmp_path, [reports[0], reports[0]], project=project, formats=[],
               langs=["en"])
    found = read_site(tmp_path)
    assert found is not None
    assert [(e.project_id, e.as_of) for e in found.entries] == [
        ("quickstart", date(2014, 12, 15))]
