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
import errno
import json
import re
import secrets
import stat
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit._exceptions import GoalkitError
from goalkit.model._result import Status
from goalkit.model._text import Text, unwritable
from goalkit.model._words import read_date
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
    """Reads a manifest, naming the field at fault; refuses what goalkit never writes."""

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
        return self.string(value, field) if isinstance(value, str) else value

    def string(self, value: str, field: str) -> str:
        """Text a page can hold: JSON's ``\\ud800`` reads as a lone surrogate, which no
        UTF-8 file can."""
        if unwritable(value) is not None:
            raise self.fail(field, "expected text, got a lone surrogate "
                                   "(a \\ud800-\\udfff escape on its own)")
        return value

    def text(self, data: Any, key: str, field: str) -> Text:
        value = self.get(data, key, dict, field)
        for lang, words in value.items():
            if lang not in LANGS or not isinstance(words, str):
                raise self.fail(f"{field}.{lang}", "expected text in sv or en")
            self.string(words, f"{field}.{lang}")
        return Text(**value)

    def path(self, value: Any, project: str, field: str) -> str:
        """A path the index may link and a later run may remove: inside the site, relative,
        no scheme (``javascript:``), nothing an HTML attribute or a URL reads specially, and
        one of a report's files (``<project>/<date>/report.…``), never the manifest, an
        index or a file of the folder's owner."""
        parts = value.split("/") if isinstance(value, str) else []
        if not parts or any(p in (".", "..") or not _PART.fullmatch(p) for p in parts):
            raise self.fail(field, "expected a relative path inside the site")
        if len(parts) != 3 or parts[0] != project or not parts[2].startswith("report."):
            raise self.fail(field, f"expected a file of this report, in {project}/<date>/ "
                                   f"named report.…, got {value!r:.60}")
        return str(value)

    def files(self, raw: Any, project: str, field: str) -> dict[str, dict[str, str]]:
        """The files of a report: HTML among them, each format in at least one language."""
        files: dict[str, dict[str, str]] = {}
        for fmt, by_lang in self.get(raw, "files", dict, field).items():
            where = f"{field}.{self.string(fmt, field)}"
            if not isinstance(by_lang, dict):
                raise self.fail(where, "expected a table of languages")
            if not by_lang:
                raise self.fail(where, "expected the file of at least one language")
            for lang in by_lang:
                if lang not in LANGS:
                    raise self.fail(f"{where}.{self.string(lang, where)}",
                                    "expected a language, sv or en")
            files[fmt] = {lang: self.path(p, project, f"{where}.{lang}")
                          for lang, p in by_lang.items()}
        if "html" not in files:
            raise self.fail(f"{field}.html", "missing")
        return files

    def entry(self, raw: Any, field: str) -> SiteEntry:
        project = self.get(raw, "project", str, f"{field}.project")
        if not _PART.fullmatch(project) or project.startswith("."):
            raise self.fail(f"{field}.project", "expected a project id: letters, digits, "
                                                f"'-', '_' or '.', got {project!r:.60}")
        written = self.get(raw, "as_of", str, f"{field}.as_of")
        try:
            as_of = read_date(written)
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
        return SiteEntry(project, self.text(raw, "name", f"{field}.name"),
                         self.get(raw, "owner", str, f"{field}.owner"), as_of,
                         self.get(raw, "generator", str, f"{field}.generator"),
                         tuple(goals), self.files(raw, project, f"{field}.files"))

    def min_cell(self, data: Any, audience: str) -> int:
        """The site's minimum cell, one a run could have given: at least 2 for the public
        audience (:func:`goalkit.reports._suppress.publication`), 0 for the internal one."""
        value: int = self.get(data, "min_cell", int, "min_cell")
        if audience == "public" and value < 2:
            raise self.fail("min_cell", "expected a whole number of at least 2 for the "
                                        f"public audience, got {value}")
        if audience == "internal" and value != 0:
            raise self.fail("min_cell", f"expected 0 for the internal audience, got {value}")
        return value


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
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as e:
        # ValueError: not JSON, or a number of more digits than Python converts;
        # RecursionError: arrays or tables nested deeper than the parser goes
        what = "nested too deeply" if isinstance(e, RecursionError) else str(e)
        raise SiteError(f"not a readable site manifest ({what:.200})",
                        source=str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != SITE_SCHEMA:
        raise r.fail("schema", f"expected {SITE_SCHEMA!r}: this is not a goalkit site")
    audience = r.get(data, "audience", str, "audience")
    if audience not in ("public", "internal"):
        raise r.fail("audience", "expected 'public' or 'internal'")
    min_cell = r.min_cell(data, audience)
    entries = tuple(r.entry(raw, f"reports[{i}]")
                    for i, raw in enumerate(r.get(data, "reports", list, "reports")))
    return Site(audience, min_cell, entries)


# -- writing --------------------------------------------------------------------------------


def _resolved(text: Text) -> Text:
    """A text in both languages, each as a report in that language shows it."""
    return Text(**_text_dict(text))


def _entry(report: Report, files: Mapping[str, Mapping[str, str]]) -> SiteEntry:
    goals = tuple(SiteGoal(r.goal_id, _resolved(r.title), r.level.value, shown_status(r))
                  for r in report.results)
    return SiteEntry(report.project_id, _resolved(report.project_name), "", report.as_of,
                     report.generator, goals, files)


class _Staged:
    """The files of one run, each written whole beside its place under a temporary name
    (:func:`write_atomically`), then all moved into place together (:meth:`commit`): a
    run that fails while rendering or writing (a format that raises, a file where a
    folder must go, a full disk) removes what it staged and the folders it made
    (:meth:`abort`), and leaves the site as it was.

    A target that is a symbolic link or not a plain file (a FIFO) is not staged: it is
    written at commit, by :func:`write_atomically`, which writes through it as a shell's
    ``>`` does, never replacing it."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(4)
        self.pending: list[tuple[Path, Path | None, str | bytes]] = []
        """Each target, its staged file (``None``: written at commit) and its body
        (kept only when not staged)."""
        self.made: list[Path] = []

    @property
    def targets(self) -> list[Path]:
        return [target for target, _, _ in self.pending]

    def folder(self, path: Path) -> None:
        """Make ``path`` and the folders above it that are missing, noting each made.

        :raises OSError: where a file stands in the way (``FileExistsError``)."""
        missing = []
        for above in (path, *path.parents):
            if above.exists() or above.is_symlink():
                break
            missing.append(above)
        path.mkdir(parents=True, exist_ok=True)
        self.made.extend(reversed(missing))

    def write(self, target: Path, body: str | bytes) -> None:
        if target.is_dir():  # nothing can put a file there: refuse it now
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(target))
        try:
            plain = stat.S_ISREG(target.lstat().st_mode)
        except FileNotFoundError:
            plain = True
        if not plain:
            self.pending.append((target, None, body))
            return
        staged = target.with_name(f".{target.name}.{self.token}.staged")
        try:
            write_atomically(staged, body)
        except OSError as e:
            e.filename = str(target)  # the file meant, not its temporary name
            raise
        self.pending.append((target, staged, b""))

    def commit(self) -> None:
        """Move every staged file into place, in the order given (the manifest last),
        each keeping the mode of the file it replaces."""
        for target, staged, body in self.pending:
            if staged is None:
                write_atomically(target, body)
                continue
            with contextlib.suppress(FileNotFoundError):
                staged.chmod(target.stat().st_mode & 0o777)
            staged.replace(target)
        self.pending.clear()

    def abort(self) -> None:
        for _, staged, _ in self.pending:
            if staged is not None:
                with contextlib.suppress(OSError):
                    staged.unlink()
        for made in reversed(self.made):
            with contextlib.suppress(OSError):
                made.rmdir()  # only if still empty: nothing of anyone else's


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
    and rewrite its index; a report of a project and date already there replaces it (as
    does a later one of the same project and date in ``reports``).

    Each report is rendered on its own, as of its date, in every format and language given
    (HTML always among them), to ``<project>/<date>/report.<lang><suffix>``; a format
    that writes the same in every language (``json``) to ``<project>/<date>/report<suffix>``
    once. Every file is written under a temporary name first and moved into place only
    once all are written, the manifest last: a run that fails leaves the site as it was.
    Then the files of a replaced report that this run did not write again are removed,
    and the index of a language no report of the site is in any more.

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
    if before is not None:
        _refuse_twice(before, str(folder / MANIFEST))
    by_key = {(r.project_id, r.as_of): r for r in reports}  # the later of the same key
    ordered = [by_key[key] for key in sorted(by_key)]
    staged = _Staged()
    try:
        staged.folder(folder)  # a site of no report yet: its index
        for report in ordered:  # every folder first: one in the way stops the run at once
            staged.folder(folder / report.project_id / report.as_of.isoformat())
        added = [_write_report(staged, folder, report, project, chosen, langs, opts)
                 for report in ordered]
        replaced = {e.key for e in added}
        kept = tuple(e for e in (before.entries if before is not None else ())
                     if e.key not in replaced)
        site = Site(audience, min_cell, (*kept, *added))
        for lang in site.languages:
            page = render_index(site, lang)
            staged.write(folder / f"index.{lang}.html", page)
            if lang == site.languages[0]:
                staged.write(folder / "index.html", page)
        staged.write(folder / MANIFEST, json.dumps(_to_dict(site), ensure_ascii=False,
                                                   indent=2, sort_keys=True) + "\n")
        written = staged.targets
        staged.commit()
    except BaseException:
        staged.abort()
        raise
    _drop_stale(folder, before, site)
    return written


def _write_report(staged: _Staged, folder: Path, report: Report, project: Project | None,
                  chosen: Mapping[str, ReportFormat], langs: Sequence[str],
                  opts: Mapping[str, Any]) -> SiteEntry:
    """Render ``report`` in every format and language and stage its files; its entry."""
    base = f"{report.project_id}/{report.as_of.isoformat()}"
    files: dict[str, dict[str, str]] = {}
    for name, fmt in chosen.items():
        bodies = {lang: fmt.render([report], project=project, lang=lang, options=opts)
                  for lang in langs}
        one = len(set(bodies.values())) == 1 and len(bodies) > 1  # json: no language
        for lang, body in bodies.items():
            relative = f"{base}/report.{'' if one else lang + '.'}{fmt.suffix.lstrip('.')}"
            if not one or lang == langs[0]:
                staged.write(folder / relative, body)
            files.setdefault(name, {})[lang] = relative
    entry = _entry(report, files)
    if project is not None and project.id == report.project_id:
        entry = SiteEntry(entry.project_id, entry.project_name, project.owner,
                          entry.as_of, entry.generator, entry.goals, entry.files)
    return entry


def _refuse_twice(site: Site, source: str) -> None:
    """A manifest that lists two reports of one project and date, which no run writes (a
    later one replaces the earlier): which of the two would this run replace, and which
    files are whose?

    :raises SiteError: naming the second (``reports[3]``) and the first.
    """
    first: dict[tuple[str, date], int] = {}
    for i, e in enumerate(site.entries):  # in the manifest's order
        if e.key in first:
            raise SiteError(f"a second report of {e.project_id!r} as of "
                            f"{e.as_of.isoformat()} (the first is reports[{first[e.key]}])",
                            source=source, field=f"reports[{i}]")
        first[e.key] = i


def _rule(audience: str, min_cell: int) -> str:
    if audience == "public":
        return f"public audience with minimum cell {min_cell}"
    return "internal audience (every count shown)"


def _drop_stale(folder: Path, before: Site | None, site: Site) -> None:
    """Remove the files an earlier run wrote for a report that this run replaced and did
    not write again (a language or format no longer asked for), and the index of a
    language the site no longer has: the index would not lead to them, and an old page
    must not be found beside the new one (nor an index whose links lead nowhere)."""
    if before is None:
        return
    now = {p for e in site.entries for by_lang in e.files.values() for p in by_lang.values()}
    gone = [f"index.{lang}.html" for lang in before.languages if lang not in site.languages]
    root = folder.resolve()
    for relative in [*(p for e in before.entries for by_lang in e.files.values()
                       for p in by_lang.values()), *gone]:
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
                      for name, by_lang in sorted(e.files.items())
                      if name != "html" and by_lang))  # a format with no file: no link
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
