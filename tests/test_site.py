"""The report site (issue 15 point 4): ``goalkit site`` and ``goalkit report --site`` write
one offline folder whose index leads to every project, date and goal, in Swedish and
English, with the reports' own privacy rules; repeated runs add dates. A real browser
(headless Chromium) follows the links from the index to a goal."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from strategies import linked_reports
from test_reports_browser import CHROMIUM, chromium

import goalkit
from goalkit.cli import ExitCode, main
from goalkit.plugins import make_plugin_manager
from goalkit.reports._site import MANIFEST, read_site
from goalkit.reports._view import shown_status

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "examples/quickstart/goals.toml"
DATA = str(ROOT / "examples/quickstart/data")


class Links(HTMLParser):
    """Every link of a page: its href, its class, its ``data-status`` and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open = {k: v or "" for k, v in attrs} | {"text": ""}
            self.links.append(self._open)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None


def links_of(html: str) -> list[dict[str, str]]:
    parser = Links()
    parser.feed(html)
    return parser.links


def site(tmp_path: Path, *args: str) -> int:
    return main(["site", str(GOALS), "--data", DATA, "--out", str(tmp_path / "site"), *args])


def quickstart_reports() -> tuple[goalkit.Project, list[goalkit.Report]]:
    project = goalkit.load_goals(GOALS)
    data = goalkit.Dataset.from_folder(DATA)
    return project, [goalkit.evaluate(project, data, d) for d in project.reporting_dates]


def goal_section(dom: str, goal_id: str) -> str:
    """The goal's section of a report page, as the browser built it."""
    start = dom.index(f'id="goal-{goal_id}"')
    return dom[start:dom.index("</section>", start)]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_chromium_follows_the_index_to_every_goal(tmp_path: Path) -> None:
    """Headless Chromium opens the site's index (Swedish), follows each goal's status badge
    at each date to the report it links and finds there the goal's section, with the same
    status and title, as of that date; then follows "In English" to the English index and
    from it to a goal in an English report. Every link stays inside the folder."""
    assert site(tmp_path) in (ExitCode.OK, 1)
    folder = tmp_path / "site"
    project, reports = quickstart_reports()
    dom = chromium(tmp_path / "p0", "--dump-dom", (folder / "index.html").as_uri())
    assert dom.returncode == 0, dom.stderr
    assert '<html lang="sv">' in dom.stdout
    index_url = (folder / "index.html").as_uri()
    badges = [a for a in links_of(dom.stdout) if "data-status" in a]
    assert len(badges) == len(project.goals) * len(reports)
    pages: dict[str, str] = {}
    for a in badges:
        url = urljoin(index_url, a["href"])
        target = Path(unquote(urlsplit(url).path))
        assert target.is_relative_to(folder), a["href"]
        assert target.is_file(), a["href"]
        page = url.split("#")[0]
        if page not in pages:
            shown = chromium(tmp_path / f"p{len(pages) + 1}", "--dump-dom", page)
            assert shown.returncode == 0, shown.stderr
            pages[page] = shown.stdout
        goal_id = urlsplit(url).fragment.removeprefix("goal-")
        day = date.fromisoformat(target.parent.name)
        result = next(r for rep in reports if rep.as_of == day for r in rep.results
                      if r.goal_id == goal_id)
        section = goal_section(pages[page], goal_id)
        assert a["data-status"] == shown_status(result)
        assert f"badge s-{a['data-status']}" in section
        assert a["text"].strip() in section  # the same words: uppfyllt, ej avgjort …
        assert (result.title.sv or "") in section
        assert f"{day.day} " in pages[page]  # the report is as of the column's date
    assert len(pages) == len(reports)

    english = next(a for a in links_of(dom.stdout) if a.get("hreflang") == "en")
    en_url = urljoin(index_url, english["href"])
    en = chromium(tmp_path / "p-en", "--dump-dom", en_url)
    assert '<html lang="en">' in en.stdout
    first = next(a for a in links_of(en.stdout) if "data-status" in a)
    report_url = urljoin(en_url, first["href"])
    shown = chromium(tmp_path / "p-en-report", "--dump-dom", report_url.split("#")[0])
    assert '<html lang="en">' in shown.stdout
    goal_id = urlsplit(report_url).fragment.removeprefix("goal-")
    assert first["text"].strip() in goal_section(shown.stdout, goal_id)
    assert first["text"].strip() in {"met", "not met", "pending", "needs assessment",
                                     "no data", "monitored"}

    # and a reader can read it: the index is drawn, its badges in the status colours
    shot = tmp_path / "index.png"
    done = chromium(tmp_path / "p-shot", "--window-size=1000,900", f"--screenshot={shot}",
                    index_url)
    assert done.returncode == 0, done.stderr
    with Image.open(shot) as img:
        pixels = np.asarray(img.convert("RGB")).reshape(-1, 3).astype(int)
    assert (pixels.min(axis=1) < 200).mean() > 0.03  # text and badges, not a blank page
    r, g, b = pixels[:, 0], pixels[:, 1], pixels[:, 2]
    assert ((g > 100) & (r < 80) & (b < 80)).any()  # a met badge is green
    assert ((r > 150) & (g > 80) & (g < 130) & (b < 40)).any()  # a pending one amber


def test_repeated_runs_add_dates_and_projects(tmp_path: Path) -> None:
    """A run adds its dates to the index; a second project gets its own section; a run for
    a date already there replaces that report, and a language it no longer writes is
    removed with it rather than left behind unlinked."""
    folder = tmp_path / "site"
    assert site(tmp_path, "--as-of", "2014-12-15") in (ExitCode.OK, 1)
    assert site(tmp_path, "--as-of", "2015-06-15", "--format", "json") in (ExitCode.OK, 1)
    other = tmp_path / "other.toml"
    other.write_text(GOALS.read_text(encoding="utf-8").replace('id = "quickstart"',
                                                             'id = "second"', 1),
                     encoding="utf-8")
    assert main(["report", str(other), "--data", DATA, "--as-of", "2015-06-15", "--site",
                 "--out", str(folder)]) in (ExitCode.OK, 1)
    found = read_site(folder)
    assert found is not None
    assert sorted((e.project_id, e.as_of.isoformat()) for e in found.entries) == [
        ("quickstart", "2014-12-15"), ("quickstart", "2015-06-15"), ("second", "2015-06-15")]
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'data-project="quickstart"' in index
    assert 'data-project="second"' in index
    assert index.count('data-date="2014-12-15"') == 1
    assert (folder / "quickstart/2015-06-15/report.json").is_file()
    assert (folder / "quickstart/2014-12-15/report.en.html").is_file()

    assert site(tmp_path, "--as-of", "2014-12-15", "--lang", "sv") in (ExitCode.OK, 1)
    assert not (folder / "quickstart/2014-12-15/report.en.html").exists()
    assert (folder / "quickstart/2014-12-15/report.sv.html").is_file()
    again = read_site(folder)
    assert again is not None
    assert len(again.entries) == 3
    first = next(e for e in again.entries if e.as_of == date(2014, 12, 15))
    assert dict(first.files) == {"html": {"sv": "quickstart/2014-12-15/report.sv.html"}}
    # the English index still leads to that date, in the language there is
    english = (folder / "index.en.html").read_text(encoding="utf-8")
    assert 'href="quickstart/2014-12-15/report.sv.html#goal-enrolled"' in english


def test_the_manifest_is_the_same_bytes_for_the_same_runs(tmp_path: Path) -> None:
    """Deterministic output: the same runs into two folders give the same index and
    manifest, byte for byte."""
    for name in ("a", "b"):
        assert main(["site", str(GOALS), "--data", DATA, "--out", str(tmp_path / name),
                     "--as-of", "2015-06-15"]) in (ExitCode.OK, 1)
    for page in ("index.html", "index.en.html", MANIFEST):
        assert (tmp_path / "a" / page).read_bytes() == (tmp_path / "b" / page).read_bytes()


def test_the_site_keeps_the_reports_privacy(tmp_path: Path) -> None:
    """Public by default: each report page is the public HTML report itself (suppression
    applied, the same bytes as ``--format html``), no page names a participant, and the
    manifest and index hold each goal's id, title, level and status only, never a count."""
    assert site(tmp_path, "--as-of", "2015-06-15") in (ExitCode.OK, 1)
    folder = tmp_path / "site"
    project, reports = quickstart_reports()
    report = next(r for r in reports if r.as_of == date(2015, 6, 15))
    html = make_plugin_manager(entry_points=False).format("html").render(
        [report], project=project, lang="sv", options={"audience": "public", "min_cell": 5})
    assert (folder / "quickstart/2015-06-15/report.sv.html").read_text(encoding="utf-8") == html
    assert 'data-audience="public"' in html
    ids = {line.split(",")[0] for line in
           (ROOT / "examples/quickstart/data/participants.csv").read_text().splitlines()[1:]}
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not any(re.search(rf"\b{re.escape(i)}\b", text) for i in ids), path
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["audience"] == "public"
    assert manifest["min_cell"] == 5
    for entry in manifest["reports"]:
        for goal in entry["goals"]:
            assert set(goal) == {"id", "title", "level", "status"}
    index = (folder / "index.sv.html").read_text(encoding="utf-8")
    assert 'data-audience="public"' in index
    assert "Antal från 1 till 4 personer" in index or "antal från 1 till 4 personer" in index


def test_a_site_holds_one_audience(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An internal run into a public site (or another minimum cell) is refused with exit 2,
    naming the manifest and the site's own rule, and changes nothing."""
    folder = tmp_path / "site"
    assert site(tmp_path, "--as-of", "2015-06-15") in (ExitCode.OK, 1)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert site(tmp_path, "--as-of", "2014-12-15", "--audience", "internal") == (
        ExitCode.BAD_INPUT)
    err = capsys.readouterr().err
    assert str(folder / MANIFEST) in err
    assert "audience public, minimum cell 5" in err
    assert site(tmp_path, "--as-of", "2014-12-15", "--min-cell", "10") == ExitCode.BAD_INPUT
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize(("manifest", "where"), [
    ("not json", "site.json: not a readable site manifest"),
    ('{"schema": "other"}', "site.json: schema: expected 'goalkit.site/1'"),
    ('{"schema": "goalkit.site/1", "audience": "public", "min_cell": 5, "reports": '
     '[{"project": "p", "as_of": "someday"}]}', "site.json: reports[0].as_of: expected a date"),
    ('{"schema": "goalkit.site/1", "audience": "public", "min_cell": 5, "reports": '
     '[{"project": "p", "name": {}, "owner": "", "as_of": "2015-01-01", "generator": "g", '
     '"goals": [], "files": {"html": {"sv": "../../etc/passwd"}}}]}',
     "site.json: reports[0].files.html.sv: expected a relative path inside the site"),
    ('{"schema": "goalkit.site/1", "audience": "public", "min_cell": 5, "reports": '
     '[{"project": "p", "name": {}, "owner": "", "as_of": "2015-01-01", "generator": "g", '
     '"goals": [], "files": {"html": {"sv": "javascript:alert(1)"}}}]}',
     "site.json: reports[0].files.html.sv: expected a relative path inside the site"),
])
def test_a_manifest_goalkit_cannot_read_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], manifest: str, where: str
) -> None:
    """A ``site.json`` that is not goalkit's, or names a file outside the site, is refused
    with exit 2 and the field at fault; nothing is written or removed."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / MANIFEST).write_text(manifest, encoding="utf-8")
    assert site(tmp_path, "--as-of", "2015-06-15") == ExitCode.BAD_INPUT
    assert where in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == [MANIFEST]


def test_report_site_needs_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    """``goalkit report --site`` without ``--out`` is a usage error (exit 2)."""
    assert main(["report", str(GOALS), "--data", DATA, "--as-of", "2015-06-15",
                 "--site"]) == ExitCode.BAD_INPUT
    assert "--site needs --out FOLDER" in capsys.readouterr().err


def test_a_quiet_site_run_names_no_file(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Each file a site run writes is named on standard error, as ``report`` names its
    files, and nothing at all with ``-q`` (before: the names came out regardless)."""
    assert site(tmp_path, "--as-of", "2015-06-15", "--lang", "en") == ExitCode.OK
    named = capsys.readouterr().err.splitlines()
    assert str(tmp_path / "site" / "index.en.html") in named
    assert site(tmp_path, "--as-of", "2015-06-15", "--lang", "en", "-q") == ExitCode.OK
    assert capsys.readouterr().err == ""


@settings(max_examples=30, deadline=None)
@given(st.lists(linked_reports(max_people=12), min_size=1, max_size=3),
       st.sampled_from(["public", "internal"]))
def test_the_manifest_reads_back_what_was_written(tmp_path_factory: pytest.TempPathFactory,
                                                  reports: list[goalkit.Report],
                                                  audience: str) -> None:
    """Random reports: the manifest a site writes reads back into the same site (every
    report, goal, title, level and status as the report shows it), and holds no count."""
    from goalkit.reports._site import Site, _entry, _to_dict  # noqa: PLC0415

    entries = tuple(_entry(r, {"html": {"sv": f"p/{i}/report.sv.html"}})
                    for i, r in enumerate(reports))
    written = Site(audience, 5 if audience == "public" else 0, entries)
    folder = tmp_path_factory.mktemp("site")
    (folder / MANIFEST).write_text(json.dumps(_to_dict(written)), encoding="utf-8")
    found = read_site(folder)
    assert found is not None
    assert sorted(found.entries, key=lambda e: e.key) == sorted(entries, key=lambda e: e.key)
    for entry, report in zip(entries, reports, strict=True):
        assert [g.status for g in entry.goals] == [shown_status(r) for r in report.results]
    text = (folder / MANIFEST).read_text(encoding="utf-8")
    assert not re.search(r'"(success|failure|pending|numerator|denominator|value)": ', text)
