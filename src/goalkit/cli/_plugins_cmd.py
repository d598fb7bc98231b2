"""``goalkit plugins``: what is installed, what each plugin registers, what failed."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

import click

from goalkit._redact import mask_secrets
from goalkit.cli._log import say
from goalkit.cli._main import ExitCode, common_options, run_guarded
from goalkit.plugins._manager import REGISTRIES, PluginHost

__all__ = ["plugins_command", "plugins_to_dict"]

PLUGINS_SCHEMA = "goalkit.plugins/1"


def plugins_to_dict(host: PluginHost) -> dict[str, Any]:
    """The listing as plain data (the ``--format json`` output)."""
    return {
        "schema": PLUGINS_SCHEMA,
        "strict": host.strict,
        "plugins": [
            {
                "name": p.name,
                "distribution": p.distribution,
                "version": p.version,
                "builtin": p.builtin,
                "module": p.module,
                "registers": {reg: list(p.registers.get(reg, ())) for reg in REGISTRIES},
            }
            for p in host.plugins
        ],
        "failures": [
            {
                "name": f.name,
                "distribution": f.distribution,
                "version": f.version,
                "stage": f.stage,
                "error": f.error,
            }
            for f in host.failures
        ],
        "skipped": [{"name": n, "reason": r} for n, r in sorted(host.skipped.items())],
        "conflicts": [
            {"registry": reg, "name": name, "plugins": list(plugins)}
            for reg in REGISTRIES
            for name, plugins in host.registry(reg).contested.items()
        ],
    }


def _text(host: PluginHost, *, show_builtin: bool) -> str:
    lines = []
    for p in host.plugins:
        if p.builtin and not show_builtin:
            continue
        dist = f"{p.distribution} {p.version}" if p.distribution else "(not installed)"
        lines.append(f"{p.name}  {dist}{'  [built-in]' if p.builtin else ''}")
        if not p.registers:
            lines.append("    registers nothing")
        for reg in REGISTRIES:
            names = p.registers.get(reg, ())
            if names:
                lines.append(f"    {reg}: {', '.join(names)}")
    if not lines:
        lines.append("No goal plugins installed (only goalkit's own; --builtin lists them).")
    if host.failures:
        lines.append("")
        lines.append(f"Failed ({len(host.failures)}), skipped:")
        lines.extend(f"  {f}" for f in host.failures)
    if host.conflicts:
        lines.append("")
        lines.append(f"Registered by several plugins ({len(host.conflicts)}), "
                     "usable only as PLUGIN:NAME:")
        lines.extend(f"  {c}" for c in host.conflicts)
    if host.skipped:
        lines.append("")
        lines.append("Not loaded on purpose:")
        lines.extend(f"  {n}: {r}" for n, r in sorted(host.skipped.items()))
    return "\n".join(lines)


@click.command("plugins")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--builtin/--no-builtin", "show_builtin", default=False, show_default=True,
              help="Also list goalkit's own plugin modules (text format; JSON lists all).")
@click.option("--strict/--no-strict", default=None,
              help="Exit with 3 when a plugin failed or two plugins register the same name "
                   "(default: GOALKIT_PLUGINS_STRICT).")
@common_options
def plugins_command(fmt: str, show_builtin: bool, strict: bool | None) -> int:
    """List the plugins, their versions, what each registers, and any that failed
    or register the same name as another."""

    def body() -> int:
        from goalkit.cli._main import command_host  # noqa: PLC0415
        from goalkit.plugins._manager import _flag  # noqa: PLC0415

        host = command_host(strict=False)
        env_strict = _flag(os.environ.get("GOALKIT_PLUGINS_STRICT"))
        is_strict = env_strict if strict is None else strict
        if fmt == "json":
            data = plugins_to_dict(host)
            data["strict"] = is_strict
            click.echo(mask_secrets(json.dumps(data, indent=2, sort_keys=True,
                                               ensure_ascii=False)))
        else:
            click.echo(mask_secrets(_text(host, show_builtin=show_builtin)))
        if is_strict and host.problems():
            say(logging.ERROR, f"{len(host.failures)} plugin(s) failed, "
                f"{len(host.conflicts)} name(s) contested (strict mode)")
            return ExitCode.INTERNAL_ERROR
        return ExitCode.OK

    return run_guarded(body)
