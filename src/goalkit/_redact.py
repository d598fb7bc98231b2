"""Secrets out of messages: the one function that masks passwords in URLs and text.

Every message goalkit shows or raises that may hold a data source's address goes
through :func:`mask_secrets`: error messages, ``goalkit validate`` and every command's
output. It masks

* the password of a URL's user information (``postgresql://user:secret@host/db`` becomes
  ``postgresql://user:***@host/db``), a password holding ``@`` or ``/`` included (and,
  when the text is the URL alone, any character: a space too);
* the value of every credential parameter, in a URL's query string or as ``key=value``
  text (a libpq connection string): ``password``, ``passwd``, ``pwd``, ``sslpassword``,
  ``secret``, ``token``, ``api_key`` and any other name containing one of these words,
  percent-encoded names (``pass%77ord``) and any case included.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import unquote

__all__ = ["MASK", "mask_secrets"]

MASK: Final = "***"

_USERINFO = re.compile(
    r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s'\"]*):(?P<password>\S*)@"
)
_WHOLE_URL = re.compile(  # text starting with a URL: its password may hold a space too
    r"^(?P<head>\s*[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s'\"]*):(?P<password>[^\n]*)@"
)
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


def mask_secrets(text: str) -> str:
    """``text`` with every password and credential parameter replaced by ``***``.

    ::

        >>> mask_secrets("postgresql://ann:s3cret@db.example.org/goals?sslpassword=x&a=1")
        'postgresql://ann:***@db.example.org/goals?sslpassword=***&a=1'
    """
    if "=" not in text and "@" not in text:
        return text
    out = _PARAM.sub(_mask_param, text)
    out = _WHOLE_URL.sub(lambda m: f"{m['head']}:{MASK}@", out, count=1)
    return _USERINFO.sub(lambda m: f"{m['head']}:{MASK}@", out)
