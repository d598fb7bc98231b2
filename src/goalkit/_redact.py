"""Secrets out of messages: the one function that masks passwords in URLs and text.

Every message goalkit shows or raises that may hold a data source's address goes
through :func:`mask_secrets`: error messages, ``goalkit validate`` and every command's
output. It masks

* the password of a URL's user information (``postgresql://user:secret@host/db`` becomes
  ``postgresql://user:***@host/db``), within that URL: the rest of the message is kept.
  See :func:`_password_end` for where a password ends; in short, at the last ``@`` of
  the URL as it is written in text (up to a space or line break, or the quote or bracket
  it opened with), so a password may hold ``@``, ``/``, ``:`` and quotes; a password
  holding a space or a line break runs on to the next ``@`` unless another URL begins
  first. A URL mistyped with one slash (``postgresql:/user:secret@host``) or none is
  masked too, and so is the "port" of a URL whose host was left out
  (``postgresql://user:secret/db``, which SQLAlchemy reads as host ``user``, port
  ``secret``);
* the value of every credential parameter, in a URL's query string or as ``key=value``
  text (a libpq connection string): ``password``, ``passwd``, ``pwd``, ``sslpassword``,
  ``secret``, ``token``, ``api_key`` and any other name containing one of these words,
  percent-encoded names (``pass%77ord``) and any case included.

Where text cannot say where a URL ends, more is masked rather than less.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import unquote

__all__ = ["MASK", "mask_secrets"]

MASK: Final = "***"

_HEAD = re.compile(  # scheme, one or two slashes (or none), user name, ":"
    r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*:(?P<slashes>/{0,2})(?!/)"
    r"[^:/?#\s'\"]*:"
)
"""Where a URL's password may begin: after ``scheme://user:``. The user name may hold
``@`` (``admin@server``, as Azure writes it); three slashes begin a path
(``sqlite:///data.db: …``), not user information."""
_URL_START: Final = re.compile(r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*:/")
_PORT: Final = re.compile(r"\d+(?:[/?#].*)?", re.DOTALL)
_SPACE: Final = re.compile(r"\s")
_WORD: Final = re.compile(r"\s+\S*")
_CLOSING: Final = {"'": "'", '"': '"', "(": ")", "[": "]", "{": "}", "<": ">", "`": "`"}
_PARAM = re.compile(
    r"(?P<key>[A-Za-z0-9_%.\-]+)(?P<eq>\s*=\s*)"
    r"(?P<value>'[^']*'|\"[^\"]*\"|[^\s&;#]*)"
)
_SECRET_WORDS: Final = ("password", "passwd", "passphrase", "pwd", "secret", "token",
                        "apikey", "api_key", "api-key", "credential", "private_key")
_SECRET_NAMES: Final = frozenset({"pass", "pw", "auth", "key", "sig", "signature"})


def _is_secret(key: str) -> bool:
    name = unquote(key).strip().lower()
    return name in _SECRET_NAMES or any(word in name for word in _SECRET_WORDS)


def _mask_param(m: re.Match[str]) -> str:
    if not _is_secret(m["key"]) or not m["value"]:
        return m[0]
    return f"{m['key']}{m['eq']}{MASK}"


def _password_end(text: str, start: int, opening: str, *, slashes: bool) -> int | None:
    """Where the password beginning at ``start`` (after ``scheme://user:``) ends: the
    index of its ``@``, or of the end of a host-less URL's "port"; ``None`` where there is
    no password (``host:5432/db``, ``sqlite:///x.db: …``).

    The URL ends at a space or line break, or at the quote or bracket it opened with
    (``opening``, the character before the scheme): a password is the text up to its last
    ``@``. Without one there, the password may hold a space, a line break or the quote
    itself (SQLAlchemy reads every character up to the first ``@``): it runs on to the
    next ``@`` (the last of that word), unless another URL begins first, so that no
    message is swallowed from one URL to the next (``… sqlite://u:pw/x.db … postgresql://
    user@host/db``); after a number (``host:5432 is down …``), or nothing, only to an
    ``@`` in the next word. With no ``@`` at all, a host-less URL's "port" that is no
    number is masked up to its path. A URL with no slash (``postgresql:user:pw@host``,
    mistyped) is masked only up to an ``@`` of its own word: text such as ``a:b:c`` is
    no URL.
    """
    space = _SPACE.search(text, start)
    token_end = space.start() if space else len(text)
    close = _CLOSING.get(opening)
    region_end = token_end
    if close is not None:
        found = text.find(close, start, token_end)
        region_end = found if found >= 0 else token_end
    at = text.rfind("@", start, region_end)
    if at >= 0:
        return at
    region = text[start:region_end]
    if not slashes:
        at = text.rfind("@", start, token_end)
        return at if at >= 0 else None
    if region and _PORT.fullmatch(region) and not region.isdigit():
        return None  # host:5432/db
    port = not region or region.isdigit()  # host:5432 (or host:), or a password "1234 5"
    after = _URL_START.search(text, region_end)
    limit = after.start() if after else len(text)
    if port:  # a password only if its next word holds the "@": not "host:5432 is down, …"
        word = _WORD.match(text, token_end)
        limit = min(limit, word.end() if word else token_end)
    first = text.find("@", region_end, limit)
    if first >= 0:  # a space, a line break or a quote in the password
        word = _SPACE.search(text, first)
        last = text.rfind("@", first, word.start() if word else len(text))
        return first if _URL_START.search(text, first, last) else last
    if port:
        return None
    cut = next((i for i, c in enumerate(region) if c in "/?#"), len(region))
    return start + cut  # no "@": a host left out, its "port" perhaps a password


def _mask_userinfo(text: str) -> str:
    out: list[str] = []
    done = 0
    for m in _HEAD.finditer(text):
        if m.start() < done:
            continue  # inside a password masked already
        opening = text[m.start() - 1] if m.start() else ""
        end = _password_end(text, m.end(), opening, slashes=bool(m["slashes"]))
        if end is None:
            continue
        out += [text[done:m.end()], MASK]
        done = end
    return "".join([*out, text[done:]])


def mask_secrets(text: str) -> str:
    """``text`` with every password and credential parameter replaced by ``***``.

    ::

        >>> mask_secrets("postgresql://ann:s3cret@db.example.org/goals?sslpassword=x&a=1")
        'postgresql://ann:***@db.example.org/goals?sslpassword=***&a=1'
    """
    if "=" not in text and "@" not in text and ":/" not in text:
        return text
    # the parameters before and after: a password in a query may hold the "@" a URL's
    # password would otherwise be read up to, and a parameter may begin in text a URL's
    # password held
    return _PARAM.sub(_mask_param, _mask_userinfo(_PARAM.sub(_mask_param, text)))
