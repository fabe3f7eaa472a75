"""The `playbook` command line: parse options, call the core, print a report, exit 0/1/2.

This is the only module that imports click or decides exit codes. Heavy libraries
(jsonschema, markdown-it, mkdocs) are imported by the core only when a command needs them,
so `playbook --version` and `playbook rules` start fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable

import click

from linter import __version__
from linter.formatters import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


# -- shared options --------------------------------------------------------------------
def _parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"expected an ISO date-time like 2027-01-09T18:00+01:00, got {value!r}")


def report_options(function: Callable) -> Callable:
    """Options every checking command shares, so they behave the same everywhere."""
    options = [
        click.option("--format", "fmt", type=click.Choice(["auto", *FORMATS]), default="auto", show_default=True,
                     help="Output format; auto is github inside GitHub Actions, text elsewhere."),
        click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
                     help="Write the report to this file instead of standard output."),
        click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1)."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                     help="Colour the text output; auto colours only a terminal and honours NO_COLOR."),
        click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help="Pretend today is this date (YYYY-MM-DD), for reproducible runs."),
        click.option("--debug", is_flag=True, help="Show the full traceback if the tool itself fails."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@contextlib.contextmanager
def guarded(debug: bool):
    """Turn any failure of the tool into a one-line reason on stderr and exit 2."""
    from linter.loader import PlaybookNotFound

    try:
        yield
    except (click.exceptions.Exit, click.ClickException, click.Abort):
        raise
    except PlaybookNotFound as error:
        click.echo(f"playbook: error: {error}", err=True)
        click.echo("hint: run the command from the repository root, or pass the folder (e.g. `playbook validate playbook/`).", err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN)
    except KeyboardInterrupt:
        click.echo("playbook: interrupted", err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN)
    except Exception as error:  # noqa: BLE001 - the whole point is a clean message for any failure
        if debug:
            traceback.print_exc()
        click.echo(f"playbook: error: {type(error).__name__}: {error}", err=True)
        if not debug:
            click.echo("hint: run again with --debug for the full traceback, and report it if it looks like a bug.",
                       err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN)


def use_color(mode: str, output: str | None) -> bool:
    if mode == "always":
        return True
    if mode == "never" or output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def make_context(registry, today: dt.datetime | None, now: dt.datetime | None = None):
    from linter.context import CheckContext

    return CheckContext.create(registry, today.date() if today else None, now)


def emit(report, registry, fmt: str, output: str | None, color: str, strict: bool) -> int:
    """Print (or write) the report and return the exit code it deserves."""
    from linter.formatters import render, resolve_format

    name = resolve_format(fmt)
    colored = use_color(color, output) and name == "text"
    text = render(name, report, registry, color=colored)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as error:
            click.echo(f"playbook: error: cannot write {output}: {error.strerror}", err=True)
            return EXIT_CANNOT_RUN
    else:
        click.echo(text, nl=False, color=colored)
    return exit_code(report, strict)


def exit_code(report, strict: bool) -> int:
    counts = report.counts
    if counts["error"] or (strict and counts["warning"]):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def validate_playbook(directory: str, registry, ctx):
    """Shared by `validate`, `lint` and `check`: the load result, never raising on user input."""
    from linter.loader import load_playbook

    return load_playbook(directory, registry, ctx)


# -- commands ------------------------------------------------------------------------------
@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="playbook")
def cli() -> None:
    """Validate a social-media playbook kept as YAML, lint draft posts against it, publish it."""


@cli.command()
@click.argument("directory", default="playbook", type=click.Path(file_okay=False))
@report_options
def validate(directory, fmt, output, strict, color, today, debug):
    """Check the playbook in DIRECTORY (default: ./playbook) against its schemas and its own rules."""
    with guarded(debug):
        from linter.findings import Report
        from linter.registry import build_registry

        registry = build_registry()
        result = validate_playbook(directory, registry, make_context(registry, today))
        report = Report(result.findings, result.files, __version__)
        raise click.exceptions.Exit(emit(report, registry, fmt, output, color, strict))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--scope", type=click.Choice(["load", "schema", "playbook", "draft", "queue", "config"]),
              help="Only the rules of this family.")
def rules(fmt, scope):
    """List every rule: code, default severity, family and what it checks."""
    from linter.registry import build_registry

    selected = [rule for rule in build_registry() if scope is None or rule.scope == scope]
    if fmt == "json":
        import json

        click.echo(json.dumps([{
            "code": rule.code, "name": rule.name, "severity": rule.severity.value, "scope": rule.scope,
            "fixable": rule.fixable, "summary": rule.summary,
        } for rule in selected], ensure_ascii=False, indent=2))
        return
    for rule in selected:
        fixable = " (fixable)" if rule.fixable else ""
        click.echo(f"{rule.code}  {rule.severity.value:<7}  {rule.scope:<8}  {rule.summary}{fixable}")


@cli.command()
@click.argument("code")
def explain(code):
    """Explain a rule: what it checks, why, an example that fires and its fix, its options."""
    import difflib

    from linter.registry import build_registry

    registry = build_registry()
    wanted = code.strip().upper()
    rule = registry.get(wanted)
    if rule is None:
        typo_free = wanted[:2] + wanted[2:].replace("O", "0").replace("I", "1").replace("L", "1")
        guess = [typo_free] if typo_free in registry else \
            difflib.get_close_matches(wanted, list(registry.codes()), n=1, cutoff=0.6)
        click.echo(f"playbook: error: no rule has the code {code!r}", err=True)
        click.echo(f"hint: did you mean {guess[0]}? `playbook rules` lists every code." if guess
                   else "hint: `playbook rules` lists every code.", err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN)
    click.echo(explain_text(rule))


def explain_text(rule) -> str:
    doc = rule.doc

    def block(text: str) -> str:
        return "\n".join(f"    {line}" for line in text.splitlines())

    where = f" (in {doc.example_file})" if doc.example_file else ""
    parts = [
        f"{rule.code} {rule.name} — {rule.summary}",
        f"Default severity: {rule.severity.value}. Family: {rule.scope}.{' Fixable with --fix.' if rule.fixable else ''}",
        "", "What it checks", block(doc.what),
        "", "Why", block(doc.why),
        "", f"Example that fires{where}", block(doc.example),
        "", "Use instead", block(doc.fixed),
        "", "Options", block(doc.options),
    ]
    return "\n".join(parts)


# -- more commands (lint, check, init, schema...) are added above this line by their owners --


def main() -> None:
    cli(prog_name="playbook")
