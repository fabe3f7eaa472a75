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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from linter import __version__
from linter.output import FORMATS

if TYPE_CHECKING:  # `playbook --version` must not import the core nor the rules
    from linter.core.context import CheckContext
    from linter.core.findings import Report
    from linter.core.registry import Registry
    from linter.core.rule import Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


# -- shared options --------------------------------------------------------------------
def _parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"expected an ISO date-time like 2027-01-09T18:00+01:00, got {value!r}") from None


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
def guarded(debug: bool) -> Iterator[None]:
    """Turn any failure of the tool into a one-line reason on stderr and exit 2."""
    from linter.core.errors import CannotRun

    try:
        yield
    except (click.exceptions.Exit, click.ClickException, click.Abort):
        raise
    except CannotRun as error:
        click.echo(f"playbook: error: {error}", err=True)
        if error.hint:
            click.echo(f"hint: {error.hint}", err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
    except KeyboardInterrupt:
        click.echo("playbook: interrupted", err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
    except Exception as error:  # noqa: BLE001 - the whole point is a clean message for any failure
        if debug:
            import traceback

            traceback.print_exc()
        click.echo(f"playbook: error: {type(error).__name__}: {error}", err=True)
        if not debug:
            click.echo("hint: run again with --debug for the full traceback, and report it if it looks like a bug.",
                       err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None


def use_color(mode: str, output: str | None) -> bool:
    if mode == "always":
        return True
    if mode == "never" or output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def make_context(registry: Registry, today: dt.datetime | None, now: dt.datetime | None = None) -> CheckContext:
    from linter.core.context import CheckContext

    return CheckContext.create(registry, today.date() if today else None, now)


def emit(report: Report, registry: Registry, fmt: str, output: str | None, color: str, strict: bool) -> int:
    """Print (or write) the report and return the exit code it deserves."""
    from linter.output import render, resolve_format, write_job_summary

    name = resolve_format(fmt)
    colored = use_color(color, output) and name == "text"
    text = render(name, report, registry, color=colored, strict=strict)
    problem = write_job_summary(name, report, registry, strict)
    if problem:
        click.echo(f"playbook: warning: {problem}", err=True)
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


def exit_code(report: Report, strict: bool) -> int:
    counts = report.counts
    if counts["error"] or (strict and counts["warning"]):
        return EXIT_FINDINGS
    return EXIT_CLEAN


# -- commands ------------------------------------------------------------------------------
@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="playbook")
def cli() -> None:
    """Validate a social-media playbook kept as YAML, lint draft posts against it, publish it."""


@cli.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@report_options
def validate(directory: str | None, fmt: str, output: str | None, strict: bool, color: str,
             today: dt.datetime | None, debug: bool) -> None:
    """Check the playbook in DIRECTORY (default: from the settings, else ./playbook) against its schemas and
    its own rules."""
    with guarded(debug):
        from linter import api
        from linter.core.findings import Report
        from linter.core.pipeline import Filters
        from linter.core.settings import resolve_settings
        from linter.rules import build_registry

        registry = build_registry()
        settings = resolve_settings(".", directory)
        result = api.validate(settings.playbook, make_context(registry, today), Filters(settings))
        report = Report(result.findings, result.files, __version__)
        raise click.exceptions.Exit(emit(report, registry, fmt, output, color, strict))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--scope", type=click.Choice(["load", "schema", "playbook", "draft", "queue", "config"]),
              help="Only the rules of this family.")
def rules(fmt: str, scope: str | None) -> None:
    """List every rule: code, default severity, family and what it checks."""
    from linter.rules import build_registry

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
def explain(code: str) -> None:
    """Explain a rule: what it checks, why, an example that fires and its fix, its options."""
    import difflib

    from linter.rules import build_registry

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


def explain_text(rule: Rule) -> str:
    doc = rule.doc

    def block(text: str) -> str:
        return "\n".join(f"    {line}" for line in text.splitlines())

    where = f" (in {doc.example_file})" if doc.example_file else ""
    parts = [
        f"{rule.code} {rule.name} — {rule.summary}",
        f"Default severity: {rule.severity.value}. Family: {rule.scope}."
        f"{' Fixable with --fix.' if rule.fixable else ''}",
        "", "What it checks", block(doc.what),
        "", "Why", block(doc.why),
        "", f"Example that fires{where}", block(doc.example),
        "", "Use instead", block(doc.fixed),
        "", "Options", block(doc.options),
    ]
    return "\n".join(parts)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--language", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the playbook, its comments, the example draft and the site.")
@click.option("--name", help="Name of the organisation (default: from the folder name).")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option("--source", metavar="URL|PATH",
              help="Where the starter's pre-commit hooks and CI workflow install playbook from: a git URL "
                   "(git+https://…@tag), a playbook_linter-*.whl, a folder holding the tool, or `index` "
                   "[default: where this playbook was installed from, else the package index].")
def init(directory: str, language: str, name: str | None, force: bool, source: str | None) -> None:
    """Create a new playbook repository in DIRECTORY, ready to check, commit and publish."""
    from linter.starter import StarterExists, check_name, installed_source, parse_source, starter_files, write_starter

    try:
        origin = parse_source(source) if source is not None else installed_source()
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'--source'") from None
    try:
        files = starter_files(language, check_name(name) if name is not None else None, target=directory,
                              source=origin)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'--name'") from None
    try:
        written = write_starter(directory, files, force=force)
    except StarterExists as error:
        shown = error.paths[:8] + ([f"... and {len(error.paths) - 8} more"] if len(error.paths) > 8 else [])
        click.echo(f"playbook: error: {directory} already holds {len(error.paths)} file(s) of the starter: "
                   + ", ".join(shown), err=True)
        click.echo("hint: choose an empty folder, or add --force to overwrite them (other files are kept).", err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
    except OSError as error:
        click.echo(f"playbook: error: cannot write in {directory}: {error.strerror or error}", err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
    click.echo(f"Created {len(written)} files in {directory}. Next steps:")
    click.echo(f"  cd {directory}")
    click.echo("  playbook check          # the playbook and the example draft pass")
    click.echo("  mkdocs serve            # read the playbook site at http://127.0.0.1:8000")
    click.echo("  git init && pre-commit install   # stop bad commits before they are made")
    click.echo(f"The hooks and the CI workflow install playbook from {origin.describe()}.")
    if origin.local:
        click.echo("Note: that is a file on this computer, which CI cannot reach: give `--source` a git URL, "
                   "or edit PLAYBOOK_LINTER in .github/workflows/playbook.yml before you push.")


@cli.command()
@click.argument("name", required=False)
@click.option("--export", "export_dir", type=click.Path(file_okay=False),
              help="Write every schema into this folder (NAME.schema.json) instead of printing one.")
def schema(name: str | None, export_dir: str | None) -> None:
    """Print the JSON Schema of one playbook file (e.g. `channels`), or list them; --export writes all."""
    import difflib
    import json

    from linter.playbook.schema import load_schema, schema_names

    names = schema_names()
    if export_dir is not None:
        if name is not None:
            raise click.UsageError("give either NAME or --export, not both")
        try:
            os.makedirs(export_dir, exist_ok=True)
            for item in names:
                with open(os.path.join(export_dir, f"{item}.schema.json"), "w", encoding="utf-8") as handle:
                    handle.write(json.dumps(load_schema(item), ensure_ascii=False, indent=2) + "\n")
        except OSError as error:
            click.echo(f"playbook: error: cannot write in {export_dir}: {error.strerror or error}", err=True)
            raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
        click.echo(f"Wrote {len(names)} schemas to {export_dir}.")
        return
    if name is None:
        for item in names:
            click.echo(item)
        return
    wanted = name.strip().removesuffix(".json").removesuffix(".schema").removesuffix(".yml").removesuffix(".yaml")
    if wanted not in names:
        guess = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
        click.echo(f"playbook: error: no schema is called {name!r}", err=True)
        click.echo(f"hint: did you mean {guess[0]}? " if guess
                   else "hint: " + "the schemas are: " + ", ".join(names) + ".", err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN)
    click.echo(json.dumps(load_schema(wanted), ensure_ascii=False, indent=2))


# -- lint and check (drafts) -------------------------------------------------------------------
def draft_options(function: Callable) -> Callable:
    """Options of the commands that lint drafts: where the playbook is, the clock, the fixer."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--playbook", "playbook_dir", type=click.Path(file_okay=False),
                     help="The playbook folder the drafts are checked against "
                          "[default: paths.playbook in pyproject.toml, else playbook]."),
        click.option("--changed-since", "changed_since", metavar="REF",
                     help="Only report findings in files changed since this git ref (e.g. origin/main); "
                          "the queue rules still see every draft."),
        click.option("--now", "now", metavar="DATETIME",
                     help="Pretend it is this moment (ISO date-time with offset), for reproducible runs."),
        click.option("--fix", is_flag=True, help="Apply the safe fixes to the drafts, then report what is left."),
        click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of the report; "
                                                   "write nothing unless --fix is given too."),
        click.option("--baseline", type=click.Path(dir_okay=False),
                     help="A JSON report (--format json) of accepted findings: those are not reported, and an "
                          "entry that no longer occurs is (PB903)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


class ProgressBar:
    """A one-line progress bar on stderr, drawn only on a terminal and once a run lasts over a second."""

    DELAY, INTERVAL, WIDTH = 1.0, 0.1, 30

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.started = self.clock()
        self.drawn_at = 0.0
        self.shown = False

    @staticmethod
    def create() -> ProgressBar | None:
        return ProgressBar() if sys.stderr.isatty() else None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < self.DELAY or (now - self.drawn_at < self.INTERVAL and done < total):
            return
        self.drawn_at = now
        filled = self.WIDTH * done // max(total, 1)
        click.echo(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} drafts", err=True, nl=False)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("\r" + " " * (self.WIDTH + 40) + "\r", err=True, nl=False)


@dataclass(frozen=True)
class DraftRun:
    """The options of `lint` and `check`, as click parsed them."""

    command: str
    paths: tuple[str, ...]
    playbook_dir: str | None
    changed_since: str | None
    now: str | None
    fix: bool
    diff: bool
    baseline: str | None
    fmt: str
    output: str | None
    strict: bool
    color: str
    today: dt.datetime | None


def run_drafts(options: DraftRun) -> int:
    """Shared body of `lint` and `check`: run the core, apply fixes if asked, print, return the exit code."""
    from linter import api
    from linter.core.findings import Report
    from linter.core.pipeline import Filters
    from linter.core.settings import DEFAULT_DRAFTS, resolve_settings
    from linter.rules import build_registry

    registry = build_registry()
    settings = resolve_settings(".", options.playbook_dir)
    paths = options.paths or ((settings.drafts,) if settings.drafts != DEFAULT_DRAFTS else ())
    only = None
    if options.changed_since is not None:
        from linter.core.changes import changed_files

        only = frozenset(changed_files(options.changed_since, "."))
    accepted = None
    if options.baseline is not None:
        from linter.core.baseline import load_baseline

        accepted = load_baseline(options.baseline)
    filters = Filters(settings, accepted, only)
    ctx = make_context(registry, options.today, _parse_now(options.now))
    run = api.lint if options.command == "lint" else api.check
    # the queue rules always see the whole drafts folder, even when only some files are named
    queue_paths = (settings.drafts,) if paths else ()
    bar = ProgressBar.create()
    try:
        result = run(paths, settings.playbook, ctx, filters, queue_paths, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if (options.fix or options.diff) and result.playbook_ok:
        from linter.drafts.fix import fix_files

        fixed = fix_files(result.findings, write=options.fix)
        for item in fixed:
            if item.error:
                click.echo(f"playbook: cannot fix {item.path}: {item.error}", err=True)
        if options.diff:
            click.echo("".join(item.diff() for item in fixed), nl=False)
        if options.fix:
            applied = sum(item.applied for item in fixed if item.written)
            files = sum(1 for item in fixed if item.written)
            click.echo(f"Fixed {applied} problem(s) in {files} file(s).", err=True)
            result = run(paths, settings.playbook, ctx, filters, queue_paths)
        elif options.diff:
            return EXIT_FINDINGS if any(item.changed for item in fixed) else EXIT_CLEAN
    report = Report(result.findings, result.files, __version__)
    return emit(report, registry, options.fmt, options.output, options.color, options.strict)


@cli.command()
@draft_options
@report_options
def lint(paths: tuple[str, ...], playbook_dir: str | None, changed_since: str | None, now: str | None, fix: bool,
         diff: bool, baseline: str | None, fmt: str, output: str | None, strict: bool, color: str,
         today: dt.datetime | None, debug: bool) -> None:
    """Lint draft posts (PATHS: files or folders, default ./drafts) against the playbook.

    An invalid playbook stops the run with its validation findings.
    """
    with guarded(debug):
        raise click.exceptions.Exit(run_drafts(DraftRun("lint", paths, playbook_dir, changed_since, now, fix, diff,
                                                        baseline, fmt, output, strict, color, today)))


@cli.command()
@draft_options
@report_options
def check(paths: tuple[str, ...], playbook_dir: str | None, changed_since: str | None, now: str | None, fix: bool,
          diff: bool, baseline: str | None, fmt: str, output: str | None, strict: bool, color: str,
          today: dt.datetime | None, debug: bool) -> None:
    """Validate the playbook, then lint the drafts (PATHS, default ./drafts): what CI runs."""
    with guarded(debug):
        raise click.exceptions.Exit(run_drafts(DraftRun("check", paths, playbook_dir, changed_since, now, fix, diff,
                                                        baseline, fmt, output, strict, color, today)))


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the only way; editors pass it).")
@click.option("--now", "now", metavar="DATETIME",
              help="Pretend it is this moment (ISO date-time with offset), for reproducible sessions.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Pretend today is this date (YYYY-MM-DD).")
def lsp(stdio: bool, now: str | None, today: dt.datetime | None) -> None:
    """Run the language server an editor starts: findings while you type, quick fixes, the playbook's ids."""
    from linter.lsp.project import Clock
    from linter.lsp.server import run

    run(Clock(_parse_now(now), today.date() if today else None))


def main() -> None:
    cli(prog_name="playbook")
