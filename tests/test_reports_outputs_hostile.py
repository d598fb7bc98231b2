"""What a hostile tester found in the outputs: ``--out`` naming a link, a FIFO or a device
(each was replaced by a regular file; run as root, ``--out /dev/null`` destroyed the
machine's ``/dev/null``), a workbook dated after 2107 (the zip format's last year), and
the table's ``width`` option (an empty table, or one of goal ids only).

Every special file here is made under ``tmp_path``: never point ``--out`` at a real
device or system file."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import threading
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import goalkit
from goalkit.cli import ExitCode, main
from goalkit.reports._excel import zip_date
from goalkit.reports._files import write_atomically
from goalkit.reports._table import MIN_WIDTH, TableFormat

ROOT = Path(__file__).resolve().parents[1]
GOALS = str(ROOT / "examples/quickstart/goals.toml")
DATA = str(ROOT / "examples/quickstart/data")
AS_OF = "2015-06-15"
WRITTEN = (ExitCode.OK, ExitCode.GOALS_OPEN)


def report_to(out: Path, fmt: str = "md", as_of: str = AS_OF, *more: str) -> int:
    return main(["report", GOALS, "--data", DATA, "--as-of", as_of, "--format", fmt,
                 "--lang", "en", "--out", str(out), "-q", *more])


def left_behind(*folders: Path) -> list[str]:
    """Temporary files a write left in ``folders``."""
    return sorted(p.name for folder in folders for p in folder.iterdir()
                  if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def expected_md(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The Markdown report as written to a plain file."""
    plain = tmp_path_factory.mktemp("plain") / "r.md"
    assert report_to(plain) in WRITTEN
    return plain.read_bytes()


# --out: a link, a FIFO, a device, a folder ----------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "xlsx"])
def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path, fmt: str) -> None:
    """``--out link`` writes the report into the file the link points to (in another
    folder), whole, and leaves the link as it was: the same bytes as a plain file gets."""
    plain = tmp_path / f"plain.{fmt}"
    assert report_to(plain, fmt) in WRITTEN
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / f"real.{fmt}"
    real.write_bytes(b"the previous report")
    real.chmod(0o640)
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(Path("elsewhere") / real.name)  # relative, as people make them

    assert report_to(link, fmt) in WRITTEN

    assert link.is_symlink()
    assert link.readlink() == Path("elsewhere") / real.name
    assert real.read_bytes() == plain.read_bytes()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the file keeps its mode
    assert left_behind(tmp_path, elsewhere) == []


def test_a_dangling_link_gets_its_file(tmp_path: Path, expected_md: bytes) -> None:
    """A link to a file not there yet: the file is made where the link points."""
    (tmp_path / "reports").mkdir()
    link = tmp_path / "latest.md"
    link.symlink_to(tmp_path / "reports" / "2015-06-15.md")
    assert report_to(link) in WRITTEN
    assert link.is_symlink()
    assert (tmp_path / "reports" / "2015-06-15.md").read_bytes() == expected_md


def test_a_chain_of_links_is_followed_to_its_end(tmp_path: Path, expected_md: bytes) -> None:
    real = tmp_path / "real.md"
    (tmp_path / "second.md").symlink_to(real)
    (tmp_path / "first.md").symlink_to(tmp_path / "second.md")
    assert report_to(tmp_path / "first.md") in WRITTEN
    assert (tmp_path / "first.md").is_symlink()
    assert (tmp_path / "second.md").is_symlink()
    assert real.read_bytes() == expected_md


def read_fifo(fifo: Path, got: list[bytes]) -> threading.Thread:
    """A reader of ``fifo``, as a pager or ``gzip <fifo`` would be, started."""
    def read() -> None:
        with fifo.open("rb") as f:
            got.append(f.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


def release(fifo: Path, reader: threading.Thread) -> None:
    """Let a reader still waiting for a writer go (the write under test never came)."""
    reader.join(timeout=5)
    if reader.is_alive():
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        reader.join(timeout=5)


def test_a_fifo_is_written_to_and_stays_a_fifo(tmp_path: Path, expected_md: bytes) -> None:
    """``--out FIFO`` writes the report into the pipe, for the program reading it, as
    ``> FIFO`` does; the FIFO is not replaced by a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = read_fifo(fifo, got)
    try:
        code = report_to(fifo)
    finally:
        release(fifo, reader)
    assert code in WRITTEN
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got == [expected_md]
    assert left_behind(tmp_path) == []


def test_a_link_to_a_fifo_is_written_to(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.md"
    link.symlink_to(fifo)
    got: list[bytes] = []
    reader = read_fifo(fifo, got)
    try:
        write_atomically(link, "the report\n")
    finally:
        release(fifo, reader)
    assert got == [b"the report\n"]
    assert link.is_symlink()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.fixture
def private_null(tmp_path: Path) -> Path:
    """A copy of ``/dev/null`` (character device 1, 3) under ``tmp_path``: making one
    needs root."""
    node = tmp_path / "devnull"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (AttributeError, OSError) as e:  # not root, or not on this system
        pytest.skip(f"cannot make a device node here: {e}")
    return node


def test_a_device_is_written_to_and_stays_a_device(private_null: Path) -> None:
    """``--out DEVICE`` (here a private ``/dev/null``) writes to the device; as root the
    rename over it had made ``/dev/null`` a regular file."""
    assert report_to(private_null) in WRITTEN
    st = private_null.lstat()
    assert stat.S_ISCHR(st.st_mode)
    assert st.st_rdev == os.makedev(1, 3)
    assert left_behind(private_null.parent) == []


def test_an_xlsx_to_a_device_stays_a_device(private_null: Path) -> None:
    assert report_to(private_null, "xlsx") in WRITTEN
    assert stat.S_ISCHR(private_null.lstat().st_mode)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_a_link_to_an_open_file_adds_to_it(tmp_path: Path) -> None:
    """A link in ``/proc`` (as ``/dev/stdout`` is) stands for a file a program has open:
    the report is written to that file after what it holds (standard output sent to a
    log with ``>>``), not put in a new file of the same name."""
    log = tmp_path / "log.txt"
    log.write_bytes(b"header\n")
    with log.open("ab") as held:
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{held.fileno()}")
        write_atomically(link, "the report\n")
        assert link.is_symlink()
    assert log.read_bytes() == b"header\nthe report\n"


def test_a_folder_where_a_file_is_expected_is_refused(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    """In ``--out FOLDER``, a folder with the name a report's file gets: exit 2, naming
    it; the folder and what it holds stay."""
    out = tmp_path / "out"
    blocker = out / f"quickstart-{AS_OF}.en.md"
    blocker.mkdir(parents=True)
    (blocker / "kept.txt").write_text("kept", encoding="utf-8")
    assert report_to(Path(f"{out}/")) == ExitCode.BAD_INPUT
    assert str(blocker) in capsys.readouterr().err
    assert (blocker / "kept.txt").read_text(encoding="utf-8") == "kept"
    assert left_behind(out) == []


def test_a_link_to_a_folder_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    link = tmp_path / "r.md"
    link.symlink_to(tmp_path / "folder")
    with pytest.raises(IsADirectoryError) as refused:
        write_atomically(link, "x")
    assert refused.value.filename == str(link)
    assert link.is_symlink()
    assert list((tmp_path / "folder").iterdir()) == []


def test_a_loop_of_links_is_refused_naming_it(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    assert report_to(a) == ExitCode.BAD_INPUT
    assert str(a) in capsys.readouterr().err
    assert a.is_symlink()
    assert b.is_symlink()
    assert left_behind(tmp_path) == []


def test_a_file_in_a_folder_that_takes_no_new_file_is_written_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the file's folder refuses a temporary file (no permission; as root no folder
    does, so it is made to here) but the file can be written, it is written in place, as
    ``>`` would; where there is no file, the refusal stands, naming the file."""
    import tempfile  # noqa: PLC0415

    def refuse(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", str(tmp_path / ".r.md.x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    there = tmp_path / "r.md"
    there.write_bytes(b"a longer previous report")
    write_atomically(there, "new\n")
    assert there.read_bytes() == b"new\n"
    missing = tmp_path / "new.md"
    with pytest.raises(PermissionError) as refused:
        write_atomically(missing, "new\n")
    assert refused.value.filename == str(missing)
    assert not missing.exists()


def test_a_site_writes_through_its_links(tmp_path: Path) -> None:
    """``goalkit site`` writes with the same function: a link in the site (its front
    page, published from elsewhere) is written through and stays."""
    site = tmp_path / "site"
    site.mkdir()
    published = tmp_path / "www"
    published.mkdir()
    (site / "index.html").symlink_to(published / "index.html")
    assert main(["site", GOALS, "--data", DATA, "--as-of", AS_OF, "--out", str(site),
                 "-q"]) in WRITTEN
    assert (site / "index.html").is_symlink()
    pages = {(site / f"index.{lang}.html").read_bytes() for lang in ("sv", "en")}
    assert (published / "index.html").read_bytes() in pages


# a workbook dated anywhere in year 1 to 9999 -------------------------------------------


@pytest.fixture(scope="module")
def quickstart() -> tuple[goalkit.Project, goalkit.Dataset]:
    project = goalkit.load_goals(GOALS)
    return project, goalkit.read_data(DATA, project=project)


@pytest.mark.parametrize("as_of", [dt.date(1, 1, 1), dt.date(1979, 12, 31),
                                   dt.date(2015, 6, 15), dt.date(2107, 12, 31),
                                   dt.date(2108, 1, 1), dt.date(9999, 12, 31)])
def test_a_workbook_for_any_date(quickstart: tuple[goalkit.Project, goalkit.Dataset],
                                 as_of: dt.date) -> None:
    """A workbook renders for every date a report can have (2108 and later crashed with a
    bare ``struct.error``): the same bytes each time, it opens, its properties carry the
    report's date, and its zip entries the nearest date the zip format holds."""
    project, data = quickstart
    report = goalkit.evaluate(project, data, as_of)
    body = goalkit.render(report, "xlsx", project=project)
    assert isinstance(body, bytes)
    assert goalkit.render(report, "xlsx", project=project) == body
    wb = openpyxl.load_workbook(io.BytesIO(body))
    midnight = dt.datetime.combine(as_of, dt.time())
    assert (wb.properties.created, wb.properties.modified) == (midnight, midnight)
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        assert z.testzip() is None
        stamps = {info.date_time for info in z.infolist()}
    expected = (min(max(as_of, dt.date(1980, 1, 1)), dt.date(2107, 12, 31)).timetuple()[:3])
    assert len(stamps) == 1
    assert next(iter(stamps))[:3] == expected


def test_the_zip_date_is_clamped_to_what_a_zip_holds() -> None:
    assert zip_date(dt.datetime(2015, 6, 15, 12, 30, 10)) == (2015, 6, 15, 12, 30, 10)
    assert zip_date(dt.datetime(1, 1, 1)) == (1980, 1, 1, 0, 0, 0)
    assert zip_date(dt.datetime(1979, 12, 31, 23, 59, 59)) == (1980, 1, 1, 0, 0, 0)
    assert zip_date(dt.datetime(2108, 1, 1)) == (2107, 12, 31, 23, 59, 58)
    assert zip_date(dt.datetime.max) == (2107, 12, 31, 23, 59, 58)


@pytest.mark.parametrize("as_of", ["2108-01-01", "9999-12-31"])
def test_report_and_site_write_a_late_workbook(tmp_path: Path, as_of: str) -> None:
    out = tmp_path / "r.xlsx"
    assert report_to(out, "xlsx", as_of) in WRITTEN
    assert openpyxl.load_workbook(out).properties.created == dt.datetime.fromisoformat(as_of)
    assert main(["site", GOALS, "--data", DATA, "--as-of", as_of, "--format", "xlsx",
                 "--out", str(tmp_path / "site"), "-q"]) in WRITTEN
    assert list((tmp_path / "site").rglob("*.xlsx"))


# the table's width ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def june(quickstart: tuple[goalkit.Project, goalkit.Dataset]) -> goalkit.Report:
    project, data = quickstart
    return goalkit.evaluate(project, data, dt.date(2015, 6, 15))


def table(report: goalkit.Report, width: object, lang: str = "en") -> str:
    """The table through :func:`goalkit.render`."""
    body = goalkit.render(report, "table", project=goalkit.load_goals(GOALS), lang=lang,
                          options={"width": width})
    assert isinstance(body, str)
    return body


def table_format(report: goalkit.Report, width: object) -> str:
    """The table from the format itself, as the command line and a host's
    ``format("table")`` call it."""
    return TableFormat().render([report], project=goalkit.load_goals(GOALS), lang="en",
                                options={"width": width})


def readable(body: str) -> None:
    """Every goal has its status, value and target, in lines of at most 80 columns."""
    lines = body.splitlines()
    enrolled = next(line for line in lines if line.startswith("enrolled "))
    assert "met" in enrolled
    assert "47 people" in enrolled
    assert "≥ 30 people" in enrolled
    assert "pending" in next(line for line in lines if line.startswith("sex-balance "))
    assert max(len(line) for line in lines) <= MIN_WIDTH


@pytest.mark.parametrize("width", [1, 20, 40, MIN_WIDTH - 1])
def test_a_narrow_width_is_the_narrowest_table(june: goalkit.Report, width: int) -> None:
    """A width under the minimum (80) gives the 80-column table, whose every goal has its
    status, value and target (at 20 there were goal ids only, at 40 *st…*, *va…*)."""
    narrowest = table_format(june, MIN_WIDTH)
    readable(narrowest)
    assert table_format(june, width) == narrowest
    assert table(june, width) == narrowest


def test_a_wide_width_is_kept(june: goalkit.Report) -> None:
    wide = table(june, 200)
    assert max(len(line) for line in wide.splitlines()) > 120
    assert table(june, 120) == goalkit.render(june, "table", project=goalkit.load_goals(GOALS),
                                              lang="en")


BAD_WIDTHS = ["80", 80.0, 100.5, True, None, [80], 0, -5]


@pytest.mark.parametrize("width", BAD_WIDTHS)
def test_the_table_format_refuses_a_width_that_is_no_width(june: goalkit.Report,
                                                          width: object) -> None:
    """A width that is not a whole number of at least 1 is a ``ValueError`` naming the
    option, as a bad ``min_cell`` is: ``"abc"`` gave ``int()``'s own message, ``100.5``
    was cut to 100 without a word and 0 gave an empty table."""
    with pytest.raises(ValueError, match=r"^width must be a whole number of at least 1"):
        table_format(june, width)


@pytest.mark.parametrize("width", BAD_WIDTHS)
def test_render_refuses_a_width_that_is_no_width(june: goalkit.Report, width: object) -> None:
    with pytest.raises((ValueError, goalkit.GoalkitError),
                       match=r"width must be a whole number of at least 1"):
        table(june, width)
