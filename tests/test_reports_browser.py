"""The HTML report in a real browser: headless Chromium renders it, with every goal and
chart, and the screenshot is not blank (read with Pillow, which matplotlib brings)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import goalkit
from goalkit.plugins import make_plugin_manager

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
