"""No secret in any message: a password in a database URL, in any of its forms, is
masked in every command's output and every error (``goalkit validate`` included), by
one function, :func:`goalkit._redact.mask_secrets`."""

from __future__ import annotations

import string
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import goalkit
from goalkit import DataError, PluginError
from goalkit._redact import mask_secrets
from goalkit.cli import main
from goalkit.data._sources import safe_url
from goalkit.plugins import hookimpl, make_plugin_manager

SECRET = "S3cr3tPa55"

FORMS = [
    # (what, the URL, what it must become)
    ("user:password@", f"postgresql://ann:{SECRET}@db.example.org:5432/goals",
     "postgresql://ann:***@db.example.org:5432/goals"),
    ("driver in the scheme", f"postgresql+psycopg://ann:{SECRET}@db/goals",
     "postgresql+psycopg://ann:***@db/goals"),
    ("empty user", f"mysql://:{SECRET}@db/goals", "mysql://:***@db/goals"),
    ("@ and / in the password", f"postgresql://ann:{SECRET}@x/y@db/goals",
     "postgresql://ann:***@db/goals"),
    ("a space in the password", f"postgresql://ann:{SECRET} x@db/goals",
     "postgresql://ann:***@db/goals"),
    ("percent-encoded password", "postgresql://ann:p%40ss%2Fword@db/goals",
     "postgresql://ann:***@db/goals"),
    ("?password=", f"postgresql://db/goals?user=ann&password={SECRET}",
     "postgresql://db/goals?user=ann&password=***"),
    ("?sslpassword=", f"postgresql://ann@db/goals?sslmode=require&sslpassword={SECRET}",
     "postgresql://ann@db/goals?sslmode=require&sslpassword=***"),
    ("upper case ;PWD=", f"mssql+pyodbc://db/goals?driver=x;PWD={SECRET};UID=ann",
     "mssql+pyodbc://db/goals?driver=x;PWD=***;UID=ann"),
    ("percent-encoded name", f"postgresql://db/goals?pass%77ord={SECRET}",
     "postgresql://db/goals?pass%77ord=***"),
    ("token", f"snowflake://ann@acct/db?token={SECRET}&warehouse=w",
     "snowflake://ann@acct/db?token=***&warehouse=w"),
    ("both at once", f"postgresql://ann:{SECRET}@db/goals?password={SECRET}",
     "postgresql://ann:***@db/goals?password=***"),
    ("libpq key=value text", f"host=db dbname=goals user=ann password={SECRET}",
     "host=db dbname=goals user=ann password=***"),
    ("quoted value", f"host=db password='{SECRET} x' user=ann",
     "host=db password=*** user=ann"),
    ("inside a message", f"cannot parse 'postgresql://ann:{SECRET}@db/goals' (line 1)",
     "cannot parse 'postgresql://ann:***@db/goals' (line 1)"),
]

KEPT = [
    "postgresql://ann@db.example.org/goals",
    "postgresql://db.example.org:5432/goals?sslmode=require",
    "write to ann@example.org",
    "https://example.org/goals?page=2&lang=sv",
    "a plain message, 10 of 26 met",
]


@pytest.mark.parametrize(("what", "url", "masked"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form_is_masked(what: str, url: str, masked: str) -> None:
    """Each form of a secret in a URL or connection string is replaced by ``***``; the
    rest stays readable."""
    assert mask_secrets(url) == masked, what
    assert safe_url(url) == masked


@pytest.mark.parametrize("text", KEPT)
def test_no_secret_nothing_changed(text: str) -> None:
    """Text without a credential is left exactly as it is."""
    assert mask_secrets(text) == text


PASSWORDS = st.text(alphabet=string.ascii_letters + string.digits + "!$%^*()-_+[]{}~.@/:,'\"",
                    min_size=6, max_size=30)


@given(PASSWORDS, st.sampled_from(["user", "query", "ssl", "both"]))
def test_no_password_survives(password: str, form: str) -> None:
    """Whatever the password holds, it is not in the masked URL."""
    assume(password not in "postgresql://ann:***@db.example.org:5432/goals?sslmode=x&a=1")
    assume("&" not in password and "#" not in password)
    if form in ("query", "ssl"):
        assume(not any(c in password for c in "@/:"))
    user = f"ann:{password}@" if form in ("user", "both") else "ann@"
    query = {"user": "?sslmode=x", "query": f"?password={password}&a=1",
             "ssl": f"?sslpassword={password}&a=1", "both": f"?password={password}"}[form]
    url = f"postgresql://{user}db.example.org:5432/goals{query}"
    assert password not in mask_secrets(url)


def test_errors_mask_what_they_are_given() -> None:
    """A DataError's source and message, and a PluginError's message, never hold the
    password, whoever builds them."""
    url = f"postgresql://ann:{SECRET}@db/goals?sslpassword={SECRET}"
    err = DataError(f"cannot read {url}", source=url)
    assert SECRET not in str(err)
    assert SECRET not in (err.source or "")
    assert SECRET not in str(PluginError(f"failed on {url}", plugin="p"))


URLS = [f[1] for f in FORMS if "://" in f[1] and "message" not in f[0]]


@pytest.mark.parametrize("url", [u.replace("db.example.org:5432", "127.0.0.1:1")
                                 .replace("@db/", "@127.0.0.1:1/")
                                 .replace("//db/", "//127.0.0.1:1/") for u in URLS])
@pytest.mark.parametrize("command", ["validate", "evaluate", "report"])
def test_no_command_prints_the_password(
    url: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``goalkit validate``, ``evaluate`` and ``report`` on a database that cannot be
    reached (or whose driver is missing): exit 2, the URL shown masked, no secret in the
    output or the error (``validate`` printed the URL's ``user:pass@``)."""
    goals = str(Path("examples/quickstart/goals.toml").resolve())
    args = {"validate": ["validate", "--data", url],
            "evaluate": ["evaluate", goals, "--data", url, "--as-of", "2015-01-01"],
            "report": ["report", goals, "--data", url, "--as-of", "2015-01-01",
                       "--format", "json"]}[command]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 2, err
    assert SECRET not in out + err
    assert "p%40ss" not in out + err
    assert "***" in out + err or "password" not in url


def test_a_plugin_loader_cannot_publish_the_password(capsys: pytest.CaptureFixture[str]) -> None:
    """A plugin's loader that names its data set by the URL it read: the data set's
    source (which reports show) is masked, and so is its error message."""
    url = f"demo://ann:{SECRET}@db/goals?password={SECRET}"

    class Loader:
        description = "demo"

        def can_load(self, source: str) -> bool:
            return source.startswith("demo://")

        def load(self, source: str, *, mapping: Any = None) -> goalkit.Dataset:
            if "fail" in source:
                msg = f"cannot connect to {source}"
                raise ConnectionError(msg)
            return goalkit.Dataset.from_records([], source=source)

    plugin = SimpleNamespace(goalkit_register_loaders=hookimpl(
        lambda loaders: loaders.add("demo", Loader())))
    host = make_plugin_manager(entry_points=False, plugins=[("demo", plugin)], environ={})
    data = host.load_data(url)
    assert SECRET not in data.source
    assert data.source == "demo://ann:***@db/goals?password=***"
    with pytest.raises(PluginError) as info:
        host.load_data(url + "&fail=1")
    assert SECRET not in str(info.value)
    assert "plugin demo: loader 'demo': load raised ConnectionError" in str(info.value)
