"""Files written whole or not at all: every report, page and index goalkit writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(target: Path, body: str | bytes) -> None:
    """Write ``body`` (text as UTF-8) to a temporary file in ``target``'s folder, flush it
    to disk and rename it over ``target`` (``os.replace``): a run that fails, is
    interrupted or is killed leaves the previous file or nothing, never a short or empty
    one that opens as if complete.

    :raises OSError: when the folder cannot be written, naming ``target`` (a full disk
        found while writing names no file of itself); the temporary file is removed.
    """
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body.encode("utf-8") if isinstance(body, str) else body)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); a report keeps the previous one's mode, or
        # gets the usual 0644
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        tmp.chmod(mode)
        tmp.replace(target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError) and e.filename is None:
            e.filename = str(target)
        raise
