"""The HTML report in a real browser: headless Chromium renders it, with every goal and
chart, and the screenshot is not blank (read with Pillow, which matplotlib brings)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import goalkit
from goalkit.plugins import make_plugin_manager
from goalkit.reports._view import shown_status

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(.ci/run installs it with apt-get)")


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, check=False, timeout=120,
    )


@pytest.mark.parametrize("lang", ["sv"])
def test_the_html_report_renders_in_headless_chromium(tmp_path: Path, lang: str) -> None:
    project = goalkit.load_goals(ROOT / "examples/quickstart/goals.toml")
    data = goalkit.Dataset.from_folder(ROOT / "examples/quickstart/data")
    reports = [goalkit.evaluate(project, data, d) for d in (date(2014, 12, 15),
                                                              date(2015, 6, 15))]
    html = make_plugin_manager(entry_points=False).format("html").render(
        reports, project=project, lang=lang)
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")

    dom = chromium(tmp_path / "profile-dom", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    for r in reports[-1].results:
        assert f'id="goal-{r.goal_id}"' in dom.stdout
        assert f'data-status="{r.status.value}"' in dom.stdout
    charted = [r for r in reports[-1].results if r.value is not None or r.lower is not None]
    assert dom.stdout.count('class="chart goal-chart"') == len(charted)
    assert dom.stdout.count('class="chart progress-chart"') >= 1
    assert dom.stdout.count("<svg") >= len(charted)

    shot = tmp_path / "report.png"
    done = chromium(tmp_path / "profile-shot", "--window-size=1000,1600",
                    f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0, done.stderr
    with Image.open(shot) as img:
        assert img.size == (1000, 1600)
        rgb = img.convert("RGB")
    # not blank: a good share of non-white pixels (text, badges, bars) and many colours
    pixels = np.asarray(rgb).reshape(-1, 3)
    assert (pixels.min(axis=1) < 200).mean() > 0.03
    assert len(np.unique(pixels, axis=0)) > 50
    # the status colours are there: a met badge is green, a pending one amber
    r, g, b = pixels[:, 0].astype(int), pixels[:, 1].astype(int), pixels[:, 2].astype(int)
    assert ((g > 100) & (r < 80) & (b < 80)).any()
    assert ((r > 150) & (g > 80) & (g < 130) & (b < 40)).any()


def quickstart_html(lang: str = "sv") -> str:
    project = goalkit.load_goals(ROOT / "examples/quickstart/goals.toml")
    data = goalkit.Dataset.from_folder(ROOT / "examples/quickstart/data")
    reports = [goalkit.evaluate(project, data, d) for d in project.reporting_dates]
    return make_plugin_manager(entry_points=False).format("html").render(
        reports, project=project, lang=lang)


def test_the_style_sheet_reaches_the_browser_intact(tmp_path: Path) -> None:
    """Issue 10 point 12: the inlined style sheet is not HTML-escaped (``&#34;`` in a
    ``font-family`` dropped the rule, so every report fell back to a serif font): Chromium's
    computed font for the body is the sheet's sans-serif list."""
    html = quickstart_html()
    style = html[html.index("<style>"):html.index("</style>")]
    assert "&#34;" not in style
    assert "&quot;" not in style
    probe = ("<script>document.body.setAttribute('data-font', "
             "getComputedStyle(document.body).fontFamily);"
             "document.body.setAttribute('data-badge', "
             "getComputedStyle(document.querySelector('.badge')).backgroundColor);</script>")
    page = tmp_path / "report.html"
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    font = re.search(r'data-font="([^"]*)"', dom.stdout)
    assert font is not None, dom.stdout[-2000:]
    family = font.group(1).replace("&quot;", '"')
    assert "Arial" in family, family
    assert family.rstrip().endswith("sans-serif"), family
    badge = re.search(r'data-badge="([^"]*)"', dom.stdout)
    assert badge is not None
    assert badge.group(1) not in ("", "rgba(0, 0, 0, 0)"), badge.group(1)


def seed_reports(project_id: str, most: int | None = None,
                 ) -> tuple[goalkit.Project, list[goalkit.Report]]:
    """A seed project's reports at its reporting dates (its first ``most`` goals)."""
    from goalkit.plugins import load_data, load_project  # noqa: PLC0415

    host = make_plugin_manager()
    project = load_project(project_id, host=host)
    data = load_data(ROOT / "examples" / project_id / "data")
    goals = [g.id for g in project.goals][:most]
    return project, [goalkit.evaluate(project, data, d, goals=goals)
                     for d in project.reporting_dates]


def pdf_of(tmp_path: Path, html: str, name: str) -> bytes:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    done = chromium(tmp_path / f"profile-{name}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri())
    assert done.returncode == 0, done.stderr
    return pdf.read_bytes()


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("dates", ["latest", "series"])
def test_a_16_goal_report_prints_in_at_most_12_a4_pages(tmp_path: Path, dates: str) -> None:
    """Issue 10 point 12: Härjedalen's network project (its first 16 goals) printed to PDF
    on A4 by headless Chromium: at most 12 pages (it was 34), at one date and over every
    reporting date."""
    project, reports = seed_reports("harjedalen-network", most=16)
    assert len(reports[-1].results) == 16
    chosen = reports[-1:] if dates == "latest" else reports
    html = make_plugin_manager(entry_points=False).format("html").render(
        chosen, project=project, lang="sv")
    pdf = pdf_of(tmp_path, html, dates)
    assert 1 < pages(pdf) <= 12, pages(pdf)


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("project_id", ["harjedalen-network", "etableringssparet"])
def test_page_1_holds_the_summary_with_every_verdict(tmp_path: Path, project_id: str) -> None:
    """On A4, page 1 holds the title and every goal's verdict (16 to 19 goals), not the
    title alone."""
    assert PDFTOTEXT is not None
    project, reports = seed_reports(project_id)
    html = make_plugin_manager(entry_points=False).format("html").render(
        reports, project=project, lang="sv")
    (tmp_path / "r.pdf").write_bytes(pdf_of(tmp_path, html, "r"))
    done = subprocess.run([PDFTOTEXT, "-f", "1", "-l", "1", str(tmp_path / "r.pdf"), "-"],
                          capture_output=True, text=True, check=True)
    first = " ".join(done.stdout.split())
    labels = goalkit.reports._i18n.Labels("sv")  # type: ignore[attr-defined]
    text = first
    found = 0
    # longest first, so "ej uppfyllt" is not also counted as "uppfyllt"
    words = [*(labels.status(s) for s in goalkit.Status), labels("monitored")]
    for word in sorted(words, key=len, reverse=True):
        found += len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text))
        text = text.replace(word, " ")
    # the chips above the table: one per status as shown (a monitored goal is its own)
    counted = len({shown_status(r) for r in reports[-1].results})
    assert found >= len(reports[-1].results) + counted, first
