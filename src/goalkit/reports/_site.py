"""A report site: one offline folder that leads to every report of every project and date.

Each run adds the reports it writes to the folder and rewrites the index from a manifest
that lists every report written there so far, like the index across runs of Great
Expectations' Data Docs. The layout (``docs/reports.md``)::

    SITE/
      index.html                    the index in the site's first language (Swedish if any)
      index.sv.html, index.en.html  the index in each language the site has
      site.json                     the manifest (goalkit.site/1): what the index shows
      <project>/<date>/report.sv.html, report.en.html, report.sv.md, report.json, …

Every page is self-contained (the style sheet inlined, charts as inline SVG, no scripts, no
network) and links only within the folder, so the folder can be zipped, mailed or put on
any web server. The reports are rendered by the formats themselves, with the same privacy
rules (``docs/privacy.md``); the manifest and the index hold only what every report shows
on its first page: each goal's id, title, level and status, never a count or a person.
A site has one audience and one minimum cell: a run with another is refused, so a public
site never links an internal report and never holds two thresholds whose difference
reveals a small count.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit._exceptions import GoalkitError
from goalkit.model._result import Status
from goalkit.model._text import Text
from goalkit.reports._files import write_atomically
from goalkit.reports._i18n import LANGS, check_lang, labels
from goalkit.reports._suppress import publication
from goalkit.reports._view import MONITORED, shown_status

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from goalkit.model._project import Project
    from goalkit.model._result import Report
    from goalkit.typing import ReportFormat

__all__ = [
    "MANIFEST",
    "SITE_SCHEMA",
    "Site",
    "SiteEntry",
    "SiteError",
    "SiteGoal",
    "read_site",
    "render_index",
    "write_site",
]

SITE_SCHEMA = "goalkit.site/1"
MANIFEST = "site.json"
"""The manifest's file name, in the site's folder."""


class SiteError(GoalkitError):
    """A site folder that cannot be added to: a manifest that is not goalkit's, or a run
    whose audience or minimum cell differs from the site's.

    :param message: what is wrong and what to do.
    :param source: the manifest or folder.
    :param field: the manifest's field at fault (``reports[2].as_of``), when one is.
    """

    def __init__(self, message: str, *, source: str, field: str | None = None) -> None:
        self.source = source
        self.field = field
        where = f"{source}: {field}" if field else source
        super().__init__(f"{where}: {message}")


@frozen
class SiteGoal:
    """A goal as the index shows it at one date: its status as the report shows it
    (:func:`goalkit.reports._view.shown_status`), never its counts."""

    id: str
    title: Text
    level: str
    status: str


@frozen
class SiteEntry:
    """One report of the site: a project at one date, in every language and format
    written (``files``: format name → language → path relative to the site)."""

    project_id: str
    project_name: Text
    owner: str
    as_of: date
    generator: str
    goals: tuple[SiteGoal, ...]
    files: Mapping[str, Mapping[str, str]]

    @property
    def key(self) -> tuple[str, date]:
        """What a later run replaces: the project and the date."""
        return (self.project_id, self.as_of)

    def page(self, lang: str) -> str | None:
        """The HTML report in ``lang`` (or in the other language), relative to the site."""
        pages = self.files.get("html", {})
        return pages.get(lang) or next(iter(pages.values()), None)


@frozen
class Site:
    """Everything a site's index shows: its audience, its minimum cell and every report."""

    audience: str
    min_cell: int
    entries: tuple[SiteEntry, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages some HTML report of the site is in, Swedish first."""
        found = {lang for e in self.entries for lang in e.files.get("html", {})}
        return tuple(lang for lang in LANGS if lang in found)

    def projects(self) -> list[tuple[str, list[SiteEntry]]]:
        """Each project (by id) with its reports, oldest first."""
        out: dict[str, list[SiteEntry]] = {}
        for e in sorted(self.entries, key=lambda e: e.key):
            out.setdefault(e.project_id, []).append(e)
        return list(out.items())


# -- the manifest ---------------------------------------------------------------------------


def _text_dict(text: Text) -> dict[str, str]:
    """A text in every language, each falling back as a report does (:meth:`Text.get`)."""
    return {lang: text.get(lang) for lang in LANGS}


def _to_dict(site: Site) -> dict[str, Any]:
    return {
        "schema": SITE_SCHEMA,
        "audience": site.audience,
        "min_cell": site.min_cell,
        "reports": [
            {
                "project": e.project_id,
                "name": _text_dict(e.project_name),
                "owner": e.owner,
                "as_of": e.as_of.isoformat(),
                "generator": e.generator,
                "goals": [{"id": g.id, "title": _text_dict(g.title), "level": g.level,
                           "status": g.status} for g in e.goals],
                "files": {fmt: dict(sorted(by_lang.items()))
                          for fmt, by_lang in sorted(e.files.items())},
            }
            for e in sorted(site.entries, key=lambda e: e.key)
        ],
    }


_ORDER: tuple[str, ...] = (*(s.value for s in Status if s is not Status.NO_DATA), MONITORED,
                           Status.NO_DATA.value)
"""Statuses as the index counts them: as a report's summary does, monitored after needs
assessment."""
_STATUSES = frozenset(_ORDER)
_PART = re.compile(r"[\w.-]+")
"""One part of a path in the manifest: letters, digits, ``_``, ``.`` and ``-``, as the
project ids and dates the site is made of."""


class _Reader:
    """Reads a manifest, naming the field at fault."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, message: str) -> SiteError:
        return SiteError(message, source=self.source, field=field)

    def get(self, data: Any, key: str, kind: type, field: str) -> Any:
        if not isinstance(data, dict) or key not in data:
            raise self.fail(field, "missing")
        value = data[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self.fail(field, f"expected {kind.__name__}, got {value!r:.60}")
        return value

    def text(self, data: Any, key: str, field: str) -> Text:
        value = self.get(data, key, dict, field)
        for lang, words in value.items():
            if lang not in LANGS or not isinstance(words, str):
                raise self.fail(f"{field}.{lang}", "expected text in sv or en")
        return Text(**value)

    def path(self, value: Any, field: str) -> str:
        """A path the index may link: inside the site, relative, no scheme (``javascript:``)
        and nothing an HTML attribute or a URL reads specially."""
        parts = value.split("/") if isinstance(value, str) else []
        if not parts or any(p in (".", "..") or not _PART.fullmatch(p) for p in parts):
            raise self.fail(field, "expected a relative path inside the site")
        return str(value)

    def entry(self, raw: Any, field: str) -> SiteEntry:
        try:
            as_of = date.fromisoformat(self.get(raw, "as_of", str, f"{field}.as_of"))
        except ValueError:
            raise self.fail(f"{field}.as_of", "expected a date YYYY-MM-DD") from None
        goals = []
        for i, g in enumerate(self.get(raw, "goals", list, f"{field}.goals")):
            where = f"{field}.goals[{i}]"
            status = self.get(g, "status", str, f"{where}.status")
            if status not in _STATUSES:
                raise self.fail(f"{where}.status", f"unknown status {status!r:.40}")
            goals.append(SiteGoal(self.get(g, "id", str, f"{where}.id"),
                                  self.text(g, "title", f"{where}.title"),
                                  self.get(g, "level", str, f"{where}.level"), status))
        files: dict[str, dict[str, str]] = {}
        for fmt, by_lang in self.get(raw, "files", dict, f"{field}.files").items():
            if not isinstance(by_lang, dict):
                raise self.fail(f"{field}.files.{fmt}", "expected a table of languages")
            files[fmt] = {lang: self.path(p, f"{field}.files.{fmt}.{lang}")
                          for lang, p in by_lang.items()}
        return SiteEntry(self.get(raw, "project", str, f"{field}.project"),
                         self.text(raw, "name", f"{field}.name"),
                         self.get(raw, "owner", str, f"{field}.owner"), as_of,
                         self.get(raw, "generator", str, f"{field}.generator"),
                         tuple(goals), files)


def read_site(folder: str | Path) -> Site | None:
    """The site in ``folder`` as its manifest lists it; ``None`` when there is none yet.

    :raises SiteError: naming the manifest and the field when it is not a goalkit site's.
    """
    path = Path(folder) / MANIFEST
    if not path.exists():
        return None
    r = _Reader(str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SiteError(f"not a readable site manifest ({e})", source=str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != SITE_SCHEMA:
        raise r.fail("schema", f"expected {SITE_SCHEMA!r}: this is not a goalkit site")
    audience = r.get(data, "audience", str, "audience")
    if audience not in ("public", "internal"):
        raise r.fail("audience", "expected 'public' or 'internal'")
    entries = tuple(r.entry(raw, f"reports[{i}]")
                    for i, raw in enumerate(r.get(data, "reports", list, "reports")))
    return Site(audience, r.get(data, "min_cell", int, "min_cell"), entries)


# -- writing --------------------------------------------------------------------------------


def _resolved(text: Text) -> Text:
    """A text in both languages, each as a report in that language shows it."""
    return Text(**_text_dict(text))


def _entry(report: Report, files: Mapping[str, Mapping[str, str]]) -> SiteEntry:
    goals = tuple(SiteGoal(r.goal_id, _resolved(r.title), r.level.value, shown_status(r))
                  for r in report.results)
    return SiteEntry(report.project_id, _resolved(report.project_name), "", report.as_of,
                     report.generator, goals, files)


def write_site(
    folder: str | Path,
    reports: Sequence[Report],
    *,
    project: Project | None = None,
    formats: Iterable[tuple[str, ReportFormat]],
    langs: Sequence[str] = LANGS,
    options: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Add ``reports`` (one a date, of one or more projects) to the site in ``folder``
    and rewrite its index; a report of a project and date already there replaces it.

    Each report is rendered on its own, as of its date, in every format and language given
    (HTML always among them), to ``<project>/<date>/report.<lang><suffix>``; a format
    that writes the same in every language (``json``) to ``<project>/<date>/report<suffix>``
    once.

    :param formats: the formats to write, by name (``html`` is added when missing).
    :param langs: the languages (default: Swedish and English).
    :param options: the formats' options: ``audience`` (``public`` by default) and
        ``min_cell``, which must be the site's own when it has reports already.
    :returns: every file written, the index pages and the manifest last.
    :raises SiteError: when the folder holds a manifest goalkit cannot read, or a site for
        another audience or minimum cell.
    """
    folder = Path(folder)
    langs = tuple(dict.fromkeys(check_lang(lang) for lang in langs))
    chosen = dict(formats)
    if "html" not in chosen:
        from goalkit.reports._html import HtmlFormat  # noqa: PLC0415

        chosen = {"html": HtmlFormat(), **chosen}
    audience_enum, min_cell = publication(options)
    audience = audience_enum.value
    opts = {**(options or {}), "audience": audience}
    before = read_site(folder)
    if before is not None and before.entries and (before.audience, before.min_cell) != (
            audience, min_cell):
        own = (f"audience {before.audience}, minimum cell {before.min_cell}"
               if before.audience == "public" else "audience internal")
        raise SiteError(
            f"the site's reports are for the {_rule(before.audience, before.min_cell)}, and "
            f"this run's for the {_rule(audience, min_cell)}: one site holds one rule. "
            f"Write into another folder, or give the site's own ({own})",
            source=str(folder / MANIFEST))
    written: list[Path] = []
    added: list[SiteEntry] = []
    for report in sorted(reports, key=lambda r: (r.project_id, r.as_of)):
        base = f"{report.project_id}/{report.as_of.isoformat()}"
        (folder / base).mkdir(parents=True, exist_ok=True)  # the site's folder too
        files: dict[str, dict[str, str]] = {}
        for name, fmt in chosen.items():
            bodies = {lang: fmt.render([report], project=project, lang=lang, options=opts)
                      for lang in langs}
            one = len(set(bodies.values())) == 1 and len(bodies) > 1  # json: no language
            for lang, body in bodies.items():
                relative = f"{base}/report.{'' if one else lang + '.'}{fmt.suffix.lstrip('.')}"
                if not one or lang == langs[0]:
                    write_atomically(folder / relative, body)
                    written.append(folder / relative)
                files.setdefault(name, {})[lang] = relative
        entry = _entry(report, files)
        if project is not None and project.id == report.project_id:
            entry = SiteEntry(entry.project_id, entry.project_name, project.owner,
                              entry.as_of, entry.generator, entry.goals, entry.files)
        added.append(entry)
    replaced = {e.key for e in added}
    kept = tuple(e for e in (before.entries if before is not None else ())
                 if e.key not in replaced)
    site = Site(audience, min_cell, (*kept, *added))
    _drop_stale(folder, before, site)
    folder.mkdir(parents=True, exist_ok=True)  # a site of no report yet: its index
    for lang in site.languages:
        page = render_index(site, lang)
        write_atomically(folder / f"index.{lang}.html", page)
        written.append(folder / f"index.{lang}.html")
        if lang == site.languages[0]:
            write_atomically(folder / "index.html", page)
            written.append(folder / "index.html")
    write_atomically(folder / MANIFEST, json.dumps(_to_dict(site), ensure_ascii=False,
                                                   indent=2, sort_keys=True) + "\n")
    written.append(folder / MANIFEST)
    return written


def _rule(audience: str, min_cell: int) -> str:
    if audience == "public":
        return f"public audience with minimum cell {min_cell}"
    return "internal audience (every count shown)"


def _drop_stale(folder: Path, before: Site | None, site: Site) -> None:
    """Remove the files an earlier run wrote for a report that this run replaced and did
    not write again (a language or format no longer asked for): the index would not lead
    to them, and an old page must not be found beside the new one."""
    if before is None:
        return
    now = {p for e in site.entries for by_lang in e.files.values() for p in by_lang.values()}
    root = folder.resolve()
    for e in before.entries:
        for by_lang in e.files.values():
            for relative in by_lang.values():
                path = (folder / relative).resolve()
                if relative not in now and path.is_relative_to(root):
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()


# -- the index ------------------------------------------------------------------------------


@frozen
class _Cell:
    status: str
    label: str
    href: str


@frozen
class _Row:
    id: str
    title: str
    level: str
    cells: tuple[_Cell | None, ...]


@frozen
class _Column:
    as_of: date
    label: str
    href: str
    others: tuple[tuple[str, str], ...]


@frozen
class _ProjectView:
    id: str
    name: str
    owner: str
    columns: tuple[_Column, ...]
    rows: tuple[_Row, ...]
    latest: tuple[tuple[str, str, int], ...]


def _project_view(project_id: str, entries: list[SiteEntry], lang: str) -> _ProjectView:
    t = labels(lang)

    def status_label(status: str) -> str:
        return t("monitored") if status == MONITORED else t.status(Status(status))

    columns = tuple(
        _Column(e.as_of, t.date(e.as_of), e.page(lang) or "",
                tuple((name, by_lang.get(lang) or next(iter(by_lang.values())))
                      for name, by_lang in sorted(e.files.items()) if name != "html"))
        for e in entries)
    order: dict[str, tuple[Text, str]] = {}
    for e in reversed(entries):  # the latest titles, in the latest report's order
        for g in e.goals:
            order.setdefault(g.id, (g.title, g.level))
    rows = []
    for goal_id, (title, level) in order.items():
        cells: list[_Cell | None] = []
        for e in entries:
            found = next((g for g in e.goals if g.id == goal_id), None)
            page = e.page(lang)
            cells.append(None if found is None or page is None else _Cell(
                found.status, status_label(found.status), f"{page}#goal-{goal_id}"))
        rows.append(_Row(goal_id, t.text(title) or goal_id, _level(t, level), tuple(cells)))
    last = entries[-1]
    counts = Counter(g.status for g in last.goals)
    latest = tuple((s, status_label(s), counts[s]) for s in _ORDER if counts[s])
    return _ProjectView(project_id, t.text(last.project_name) or project_id, last.owner,
                        columns, tuple(rows), latest)


def _level(t: Any, level: str) -> str:
    from goalkit.model._goal import Level  # noqa: PLC0415

    try:
        return str(t.level(Level(level)))
    except ValueError:
        return level


def render_index(site: Site, lang: str) -> str:
    """The index page of ``site`` in ``lang``: every project, every date, every goal's
    status at each date, each linking to the goal in that date's report."""
    from goalkit.reports._html import _css, _environment  # noqa: PLC0415

    t = labels(lang)
    projects = [_project_view(pid, entries, lang) for pid, entries in site.projects()]
    others = [(other, f"index.{other}.html") for other in site.languages if other != lang]
    template = _environment(lang).get_template("site-index.html.j2")
    generator = max((e.generator for e in site.entries), default="goalkit")
    return template.render(lang=lang, projects=projects, others=others, css=_css(),
                           audience=site.audience, audience_label=t.audience(site.audience),
                           min_cell=site.min_cell, generator=generator)
