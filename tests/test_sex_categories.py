"""Sex as ESF+ counts it (issue 15 point 5): women (``F``), men (``M``) and non-binary
persons (``X``) are three categories like any other: no warning for ``X``, a breakdown
that shows it with its own label in both languages, a balance goal that says which
categories form its denominator, and suppression that hides a small ``X`` cell as it
hides any other."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_reports_browser import CHROMIUM, chromium
from test_suppress_attack import attack

import goalkit
import goalkit.goals
from goalkit.indicators._people import Balance
from goalkit.plugins import make_plugin_manager

if TYPE_CHECKING:
    from pathlib import Path

GOALS = """\
schema = "goalkit.goals/1"
id = "esf"
name = { sv = "ESF-projekt", en = "ESF project" }
period = { start = 2024-01-01, end = 2024-12-31 }

[[goals]]
id = "enrolled"
level = "sub_goal"
title = { sv = "Inskrivna", en = "Enrolled" }
target = { at_least = 10 }
indicator = { kind = "count" }

[[goals]]
id = "women"
level = "sub_goal"
title = { sv = "Andel kvinnor", en = "Share of women" }
target = { between = [0.4, 0.6] }
indicator = { kind = "balance", column = "sex", categories = ["F"] }

[[goals]]
id = "women-among-women-and-men"
level = "sub_goal"
title = { sv = "Andel kvinnor bland kvinnor och män", en = "Share of women among women and men" }
target = { between = [0.4, 0.6] }

[goals.indicator]
kind = "balance"
column = "sex"
categories = ["F"]
where = { sex = { in = ["F", "M"] } }
"""

AS_OF = date(2024, 12, 31)


def write_people(folder: Path, sexes: list[str]) -> Path:
    """A participants table, one row a person, enrolled in 2024 in the given sexes."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [f"P{i:05d},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{sex},{1960 + i % 40}"
            for i, sex in enumerate(sexes)]
    (folder / "participants.csv").write_text(
        "participant_id,enrolled,sex,birth_year\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return folder


def project_and_data(tmp_path: Path, sexes: list[str]) -> tuple[goalkit.Project,
                                                                   goalkit.Dataset]:
    goals = tmp_path / "goals.toml"
    goals.write_text(GOALS, encoding="utf-8")
    return goalkit.load_goals(goals), goalkit.Dataset.from_folder(
        write_people(tmp_path / "data", sexes))


def test_a_thousand_rows_with_non_binary_persons_give_no_warning(tmp_path: Path) -> None:
    """1000 participants of whom 2 % are non-binary (``X``): no data issue at all (it was
    20 row-level warnings "'X' is not one of F, M; kept as given"), and every ``X`` kept."""
    sexes = ["X" if i % 50 == 7 else ("F" if i % 2 else "M") for i in range(1000)]
    data = goalkit.Dataset.from_folder(write_people(tmp_path, sexes))
    assert list(data.issues) == []
    kept = [p["sex"] for p in data.with_records().participants]
    assert kept.count("X") == sexes.count("X") == 20


def test_an_unknown_code_is_still_a_warning(tmp_path: Path) -> None:
    """A code that is none of F, M, X (a Swedish ``K`` with no mapping) still warns and names
    the three codes."""
    data = goalkit.Dataset.from_folder(write_people(tmp_path, ["F", "K", "X"]))
    found = [i for i in data.issues if i.code == "unknown_code"]
    assert [(i.severity, i.where) for i in found] == [
        ("warning", "participants.csv, row 3, column 'sex'")]
    assert "not one of F, M, X" in found[0].message


def test_breakdowns_count_non_binary_persons_like_the_others(tmp_path: Path) -> None:
    """Every goal broken down by sex has a cell for ``X``; the cells add up to the goal's
    totals; the balance goal counts non-binary persons in its denominator (and not in its
    numerator), and the one filtered to women and men leaves them out. The report lists no
    data issue for them (it listed six warnings)."""
    sexes = ["F"] * 12 + ["M"] * 9 + ["X"] * 6
    project, data = project_and_data(tmp_path, sexes)
    report = goalkit.evaluate(project, data, AS_OF)
    assert report.issues == ()
    by_id = {r.goal_id: r for r in report.results}
    for r in report.results:
        cells = r.breakdowns["sex"]
        assert sum(c.success for c in cells.values()) == r.success
        assert sum(c.failure for c in cells.values()) == r.failure
    assert by_id["enrolled"].breakdowns["sex"]["X"].success == 6
    women = by_id["women"]
    assert (women.numerator, women.denominator) == (12, 27)
    assert women.breakdowns["sex"]["X"].failure == 6
    among = by_id["women-among-women-and-men"]
    assert (among.numerator, among.denominator) == (12, 21)


@pytest.mark.parametrize(("lang", "label"), [("sv", "icke-binära personer"),
                                             ("en", "non-binary persons")])
def test_the_reports_name_the_third_category(tmp_path: Path, lang: str, label: str) -> None:
    """The Markdown and HTML reports label ``X`` as non-binary persons in the report's
    language (it was "other"/"annat"), next to women and men."""
    project, data = project_and_data(tmp_path, ["F"] * 12 + ["M"] * 9 + ["X"] * 6)
    report = goalkit.evaluate(project, data, AS_OF)
    host = make_plugin_manager(entry_points=False)
    women, men = ("kvinnor", "män") if lang == "sv" else ("women", "men")
    for fmt in ("md", "html"):
        body = host.format(fmt).render([report], project=project, lang=lang)
        assert isinstance(body, str)
        for word in (label, women, men):
            assert word in body, (fmt, word)
        assert ("annat" if lang == "sv" else "| other") not in body


def test_a_balance_goal_names_its_denominator_in_both_languages(tmp_path: Path) -> None:
    """The definition a report shows under "what was counted" says which categories form the
    denominator: women, men and non-binary persons (and any other code given), or only women
    and men when the goal filters to them."""
    project, data = project_and_data(tmp_path, ["F", "M", "X"] * 5)
    report = goalkit.evaluate(project, data, AS_OF)
    by_id = {r.goal_id: r for r in report.results}
    every = by_id["women"].definition
    assert every is not None
    assert ("Andelen av deltagarna som är kvinnor (”F”). Nämnaren är kvinnor (”F”), män (”M”), "
            "icke-binära personer (”X”) och den som har en annan kod angiven") in every.sv
    assert ('The share of participants who are women ("F"). The denominator is women ("F"), '
            'men ("M"), non-binary persons ("X") and anyone recorded with another code'
            ) in every.en
    two = by_id["women-among-women-and-men"].definition
    assert two is not None
    assert "Nämnaren är kvinnor (”F”) och män (”M”);" in two.sv
    assert 'The denominator is women ("F") and men ("M");' in two.en
    html = make_plugin_manager(entry_points=False).format("html").render(
        [report], project=project, lang="sv")
    assert "Nämnaren är kvinnor (”F”), män (”M”), icke-binära personer (”X”)" in html


def test_a_small_non_binary_cell_is_hidden_in_a_public_report(tmp_path: Path) -> None:
    """Two non-binary persons among 40: the public JSON publishes no goal's breakdown by
    sex, and the Swedish report says each is hidden; the internal one shows every cell.
    (The goal among women and men leaves out the two who are neither, as its total says:
    with the categories F, M and X published, the definition tells a reader that both are
    X, whatever is hidden, so no goal may publish them. Before the audit read the
    definitions, the goal among women and men showed women and hid men and X.)"""
    project, data = project_and_data(tmp_path, ["F"] * 20 + ["M"] * 18 + ["X"] * 2)
    report = goalkit.evaluate(project, data, AS_OF)
    host = make_plugin_manager(entry_points=False)
    public = json.loads(host.format("json").render([report], options={"audience": "public"}))
    assert [raw["goal_id"] for raw in public["results"]
            if "sex" in raw.get("breakdowns", {})] == []
    assert attack(report, 5, zeros=True)[0] == []
    internal = json.loads(host.format("json").render([report],
                                                     options={"audience": "internal"}))
    assert internal["results"][0]["breakdowns"]["sex"]["X"]["success"] == 2
    md = host.format("md").render([report], project=project, lang="sv")
    assert isinstance(md, str)
    assert not [line for line in md.splitlines() if line.startswith("| icke-binära personer")]
    assert md.count("Visas inte efter kön") == len(report.results), md


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_breakdown_chart_shows_the_whole_label(tmp_path: Path, lang: str) -> None:
    """In headless Chromium, every label of the breakdown charts lies inside its chart:
    "icke-binära personer" was cut to "e-binära personer" at the chart's left edge."""
    project, data = project_and_data(tmp_path, ["F"] * 30 + ["M"] * 25 + ["X"] * 12)
    report = goalkit.evaluate(project, data, AS_OF)
    html = make_plugin_manager(entry_points=False).format("html").render(
        [report], project=project, lang=lang)
    probe = ("<script>const out = [];"
             "for (const svg of document.querySelectorAll('figure.breakdown-chart svg')) {"
             "  const box = svg.getBoundingClientRect();"
             "  for (const t of svg.querySelectorAll('text')) {"
             "    const r = t.getBoundingClientRect();"
             "    if (r.left < box.left - 0.5 || r.right > box.right + 0.5)"
             "      out.push(t.textContent.trim()); } }"
             "document.body.setAttribute('data-clipped', JSON.stringify(out));"
             "document.body.setAttribute('data-charts', "
             "document.querySelectorAll('figure.breakdown-chart svg').length);</script>")
    page = tmp_path / "report.html"
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path / "profile", "--window-size=1000,1600", "--dump-dom",
                   page.as_uri())
    assert dom.returncode == 0, dom.stderr
    charts = re.search(r'data-charts="(\d+)"', dom.stdout)
    clipped = re.search(r'data-clipped="([^"]*)"', dom.stdout)
    assert charts is not None
    assert clipped is not None
    assert int(charts.group(1)) >= 1
    assert json.loads(clipped.group(1).replace("&quot;", '"')) == []


SEX_CONDITIONS = st.one_of(
    st.builds(lambda v: {"eq": v}, st.sampled_from(["F", "M", "X"])),
    st.builds(lambda v: {"ne": v}, st.sampled_from(["F", "M", "X"])),
    st.builds(lambda v: {"in": v}, st.lists(st.sampled_from(["F", "M", "X"]), min_size=1,
                                            max_size=3, unique=True)),
    st.builds(lambda v: {"not_in": v}, st.lists(st.sampled_from(["F", "M", "X"]),
                                                min_size=1, max_size=3, unique=True)),
)


@given(st.lists(SEX_CONDITIONS, max_size=2), st.sampled_from(["sv", "en"]))
def test_the_denominator_names_exactly_the_categories_the_filter_lets_in(
    conditions: list[dict[str, Any]], lang: str
) -> None:
    """For any filter on sex, a balance goal's definition names women, men and non-binary
    persons exactly when a person of that category passes the filter, as the engine
    decides it (:meth:`Filter.matches`): one meaning, two interpreters that agree."""
    filter_ = goalkit.goals.Filter
    where = filter_(tuple(c for spec in conditions
                          for c in filter_.from_mapping({"sex": spec}).conditions))
    text = Balance(where=where).describe(lang)
    denominator = text[text.index("Nämnaren" if lang == "sv" else "The denominator"):]
    denominator = denominator[:denominator.index(";")]
    for code, sv, en in (("F", "kvinnor", "women"), ("M", "män", "men"),
                         ("X", "icke-binära personer", "non-binary persons")):
        word = sv if lang == "sv" else en
        named = re.search(rf"(?<![\w-]){re.escape(word)} \(", denominator) is not None
        assert named == where.matches({"sex": code}), (code, denominator)
