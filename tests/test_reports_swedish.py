"""Swedish all the way (issue 10 point 11): every seed project rendered in Swedish, in every
human-readable format, holds no English word of goalkit's own vocabulary.

goalkit's vocabulary is every English message of the report catalog whose Swedish differs,
plus the generated codes that used to leak ("missing sex", "waiting", "Efter group", "yes").
What is not goalkit's own is taken out before looking: the goal file's texts (titles,
wordings, interpretations, evidence, notes), the goal ids, the data's category names and the
places data issues name. Those are the document's and the data's own words. (goalkit's
data-issue messages are English: a Swedish report shows the issue's kind in Swedish, with
where and how many, and leaves the English message to the English report and the JSON.)
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from types import MappingProxyType

import attrs
import pytest
from babel.messages.pofile import read_po
from reports_support import visible

import goalkit
from goalkit.goals import Text
from goalkit.plugins import load_data, load_project, make_plugin_manager
from goalkit.reports._i18n import LOCALE_DIR

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "data").is_dir())
HUMAN = ("table", "md", "html", "xlsx")
SWEDISH_TOO = {"status", "dimension", "kr", "men", "data", "projekt"}
"""Messages that are Swedish words as well (``men`` is *but*)."""
GENERATED = ("missing", "awaiting", "waiting", "pending", "undecided", "yes", "no", "group",
             "unknown", "women", "men ", "Efter group", "By ")


@functools.cache
def vocabulary() -> frozenset[str]:
    """The English phrases of goalkit's own messages that a Swedish report must not hold."""
    with (LOCALE_DIR / "sv" / "LC_MESSAGES" / "goalkit.po").open("rb") as f:
        catalog = read_po(f)
    out = set()
    for m in catalog:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        swedish = m.string if isinstance(m.string, tuple) else (m.string,)
        for message in ids:
            for raw in re.split(r"\{[^}]*\}", message):
                part = raw.strip(" .,:;()%–-")
                if (len(part) >= 3 and part not in SWEDISH_TOO
                        and not any(part in s for s in swedish)):
                    out.add(part)
    return frozenset(out | {g.strip() for g in GENERATED} - SWEDISH_TOO)


def seed(name: str) -> tuple[goalkit.Project, list[goalkit.Report]]:
    folder = ROOT / "examples" / name
    if (folder / "goals.toml").exists():
        project = goalkit.load_goals(folder / "goals.toml")
        data = goalkit.Dataset.from_folder(folder / "data")
    else:
        script = (folder / "evaluate.py").read_text(encoding="utf-8")
        found = re.search(r'PROJECT_ID = "([^"]+)"', script)
        assert found is not None, name
        project = load_project(found.group(1), host=make_plugin_manager())
        data = load_data(folder / "data")
    dates = project.reporting_dates or (goalkit.evaluate(project, data).as_of,)
    return project, [goalkit.evaluate(project, data, d) for d in dates]


def strings_in(value: object, depth: int = 0) -> set[str]:
    """Every text in a goal file's objects (titles, wordings, criteria, parameters…)."""
    if depth > 12:
        return set()
    if isinstance(value, str):
        return {value}
    if isinstance(value, Text):
        return {value.get("sv"), value.get("en")}
    if attrs.has(type(value)):
        return set().union(*(strings_in(getattr(value, f.name), depth + 1)
                             for f in attrs.fields(type(value))))
    if isinstance(value, dict | MappingProxyType):
        return set().union(set(), *(strings_in(k, depth + 1) | strings_in(v, depth + 1)
                                    for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        return set().union(set(), *(strings_in(v, depth + 1) for v in value))
    return set()


QUOTED = re.compile(r"”[^”]*”|“[^”]*”|'[^'\n]*'")
"""goalkit quotes the data's and the goal file's own names (``fasen ”exit”``)."""


def own_words(project: goalkit.Project, reports: list[goalkit.Report]) -> list[str]:
    """The document's and the data's words in a report, longest first."""
    words: set[str] = {project.id} | strings_in(project.goals)
    for report in reports:
        words |= {report.project_name.get("sv"), report.project_name.get("en")}
        for r in report.results:
            words |= {r.goal_id, r.wording, *r.evidence, *r.notes}
            for text in (r.title, r.interpretation):
                words |= {text.get("sv"), text.get("en")}
            for cells in r.breakdowns.values():
                words |= set(cells)  # the data's categories; a column's name is goalkit's
        words |= {issue.where for issue in report.issues}  # the message is goalkit's own
    pieces = set(words)
    for w in words:  # a text given as "svenska / English" may be shown by halves
        pieces |= {part.strip() for part in w.split(" / ")}
    norm = {" ".join(w.replace("\u00a0", " ").split()) for w in pieces}
    return sorted((w for w in norm if w), key=len, reverse=True)


@pytest.mark.parametrize("name", HUMAN)
@pytest.mark.parametrize("example", SEEDS)
def test_a_swedish_seed_report_holds_no_english_of_goalkits_own(example: str,
                                                                 name: str) -> None:
    project, reports = seed(example)
    fmt = make_plugin_manager(entry_points=False).format(name)
    options = {"width": 1000} if name == "table" else None
    words = own_words(project, reports)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(
        re.escape(v) for v in sorted(vocabulary(), key=len, reverse=True)) + r")(?![\w-])")
    for chosen in (reports[-1:], reports):
        text = visible(name, fmt.render(chosen, project=project, lang="sv", options=options))
        for word in words:
            text = text.replace(word, " ")
        text = QUOTED.sub(" ", text)
        found = sorted({m.group(1) for m in pattern.finditer(text)})
        assert not found, (found, [text[max(0, m.start() - 60):m.end() + 30]
                                   for m in pattern.finditer(text)][:5])


def test_the_vocabulary_catches_what_used_to_leak() -> None:
    """The check would have seen the English of before: the words are in the list."""
    words = vocabulary()
    for leaked in ("pending", "waiting", "missing", "group", "yes", "left out",
                   "bounds while undecided"):
        assert leaked in words, leaked
