"""Files written whole or not at all: every report, page and index goalkit writes."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Literal

__all__ = ["write_atomically"]


def write_atomically(target: Path, body: str | bytes) -> None:
    """Write ``body`` (text as UTF-8) to ``target`` whole or not at all.

    A file is written to a temporary file in its folder, flushed to disk and renamed over
    it (``os.replace``): a run that fails, is interrupted or is killed leaves the previous
    file or nothing, never a short or empty one that opens as if complete. The file keeps
    its mode (a new one gets 0644). Only where the folder takes no new file (no
    permission) but the file is there and can be written is it written in place, as a
    shell's ``>`` would, and then not whole-or-nothing.

    What ``target`` names is written as a shell's ``>`` writes it, never replaced by
    something else:

    - a symbolic link is written through: the file it points to (at the end of every
      link, created when missing) is written as above, in that file's own folder, and
      the link stays;
    - a FIFO, a device (``/dev/null``) or a socket is written to directly: a rename would
      destroy it (a FIFO's reader waits for the data; run as root, a rename over
      ``/dev/null`` replaced the machine's ``/dev/null`` with a regular file);
    - a link in ``/dev`` or ``/proc`` (``/dev/stdout``, ``/dev/fd/3``) is written to
      directly, at the end of the file it leads to: it stands for a file another program
      opened (standard output sent to a file with ``>`` or ``>>``), which is to get the
      report after what it holds, not be replaced by another file of the same name;
    - a folder is refused (``IsADirectoryError``).

    :raises OSError: when ``target`` cannot be written, naming ``target`` as given (a
        full disk found while writing names no file of itself); the temporary file is
        removed.
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    try:
        try:
            mode: int | None = target.stat().st_mode  # the file at the end of any link
        except FileNotFoundError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(target))
        if mode is not None and not stat.S_ISREG(mode):
            _write_in_place(target, data, "wb")
            return
        if _through_system_link(target):
            _write_in_place(target, data, "ab")
            return
        real = Path(os.path.realpath(target))  # through every link, also a dangling one
        try:
            _replace(real, data, mode)
        except PermissionError:
            if mode is None or not os.access(real, os.W_OK):
                raise
            _write_in_place(real, data, "wb", sync=True)  # a folder that takes no new file
    except OSError as e:
        e.filename = str(target)  # as the caller named it, not a temporary file's name
        raise


_SYSTEM_FOLDERS = ("dev", "proc")
"""Where a link stands for a file some process has open (``/dev/stdout``, ``/dev/fd/3``,
``/proc/self/fd/1``), not for a path to replace."""


def _through_system_link(target: Path) -> bool:
    """Whether the way from ``target`` to its file passes a link in ``/dev`` or ``/proc``
    (a plain file there, as in ``/dev/shm``, is a file like any other)."""
    path = Path(os.path.normpath(target.absolute()))
    for _ in range(40):  # as many links as the system follows
        if not path.is_symlink():
            return False
        if path.anchor == "/" and len(path.parts) > 2 and path.parts[1] in _SYSTEM_FOLDERS:
            return True
        path = Path(os.path.normpath(path.parent / path.readlink()))
    return False


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    """``data`` into a temporary file beside ``target``, renamed over it (``mode``: the
    mode of the file there, None when there is none)."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); a report keeps the previous one's mode, or
        # gets the usual 0644
        tmp.chmod(mode & 0o777 if mode is not None else 0o644)
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _write_in_place(target: Path, data: bytes, how: Literal["wb", "ab"], *,
                    sync: bool = False) -> None:
    """``data`` written to ``target`` as it is, opened ``how`` (``"wb"`` or ``"ab"``):
    ``sync``: flushed to disk, which a FIFO or a device cannot be."""
    with open(target, how) as f:  # noqa: PTH123 - what the path leads to, opened as it is
        f.write(data)
        f.flush()
        if sync:
            os.fsync(f.fileno())
