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
from typing import TYPE_CHECKING, Any

import click

from linter import __version__
from linter.core.i18n import N_, Language
from linter.output import FORMATS

if TYPE_CHECKING:  # `playbook --version` must not import the core nor the rules
    from linter.core.context import CheckContext
    from linter.core.findings import Finding, Report
    from linter.core.pipeline import Filters
    from linter.core.registry import Registry
    from linter.core.rule import Rule
    from linter.playbook.model import Playbook

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


def _help_language(argv: list[str]) -> Language:
    """The language of the help texts, needed before click parses anything: ``--lang`` as written
    on the command line, else PLAYBOOK_LANG, else the language of ./playbook, else French."""
    from linter.playbook.language import language_for

    wanted = None
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            wanted = argv[index + 1]
        elif word.startswith("--lang="):
            wanted = word.split("=", 1)[1]
    return language_for(wanted, "playbook")


_ = _help_language(sys.argv[1:])  # the help texts' language; each command then settles its own


@contextlib.contextmanager
def click_speaks(lang: Language) -> Iterator[None]:
    """click's own texts (``Usage:``, ``Options``, its usage errors, its --help's help) in ``lang`` for one run.

    click marks its texts with gettext's ``gettext`` and ``ngettext``, bound to the names ``_`` and
    ``ngettext`` of each of its modules when click is imported, and has no other hook: the only route it
    supports is gettext's process-wide text domain and locale variables, which need compiled .mo files and
    would change every other gettext user of the process. So those names are rebound to ``lang`` while a
    command runs, and restored after it, even when it fails. linter/core/catalogs.py extracts click's texts
    from the same modules into our catalog, so a new click's new texts show up as untranslated.
    """
    import importlib

    from linter.core.catalogs import CLICK_MODULES

    replacements = {"_": lang, "ngettext": lang.ngettext}
    saved: list[tuple[object, str, object]] = []
    try:
        for name in CLICK_MODULES:
            module = importlib.import_module(f"click.{name}")
            for attribute, replacement in replacements.items():
                if hasattr(module, attribute):
                    saved.append((module, attribute, getattr(module, attribute)))
                    setattr(module, attribute, replacement)
        yield
    finally:
        for owner, attribute, original in reversed(saved):
            setattr(owner, attribute, original)


class PlaybookFormatter(click.HelpFormatter):
    """click's help layout, with a heading's colon as the run's language writes it (« Options : » in French)."""

    def write_heading(self, heading: str) -> None:
        from click import formatting

        label = formatting._(N_("{heading}:")).format(heading=heading)  # rebound by click_speaks
        self.write(f"{'':>{self.current_indent}}{label}\n")


class PlaybookContext(click.Context):
    formatter_class = PlaybookFormatter


class PlaybookCommand(click.Command):
    context_class = PlaybookContext


class PlaybookGroup(click.Group):
    """The `playbook` group: click's own texts in the run's language, known before click parses (click_speaks)."""

    context_class = PlaybookContext
    command_class = PlaybookCommand

    def main(self, *args: Any, **kwargs: Any) -> Any:
        words = kwargs.get("args", args[0] if args else None)
        with click_speaks(_help_language(sys.argv[1:] if words is None else list(words))):
            return super().main(*args, **kwargs)


def lang_option(function: Callable) -> Callable:
    """``--lang``: the language of every message; the playbook's language by default."""
    return click.option("--lang", "lang", metavar="fr|en", callback=_known_language,
                        help=_("Language of the messages and texts [default: PLAYBOOK_LANG, else the playbook's "
                               "organisation.language, else fr]."))(function)


def _known_language(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    from linter.core.i18n import available

    if value is not None and value.strip().lower().replace("_", "-").split("-")[0] not in available():
        raise click.BadParameter(_("{language} has no catalog; the languages are {choices}.", language=value,
                                   choices=", ".join(available())))
    return value


# -- shared options --------------------------------------------------------------------
def _parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(_("expected an ISO date-time like 2027-01-09T18:00+01:00, got {value}",
                                   value=repr(value))) from None
    from linter.playbook.values import FIRST_YEAR, LAST_YEAR, within_years

    # 0001-01-01T00:00+14:00 is a valid ISO date-time that no time zone arithmetic survives.
    if not within_years(moment) or not within_years(moment.astimezone(dt.UTC) if moment.tzinfo else moment):
        raise click.BadParameter(_("expected a moment between {first} and {last}, got {value}", first=FIRST_YEAR,
                                   last=LAST_YEAR, value=repr(value)))
    return moment


def report_options(function: Callable) -> Callable:
    """Options every checking command shares, so they behave the same everywhere."""
    options: list[Callable[[Callable], Callable]] = [
        click.option("--format", "fmt", type=click.Choice(["auto", *FORMATS]), default="auto", show_default=True,
                     help=_("Output format; auto is github inside GitHub Actions, text elsewhere.")),
        click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
                     help=_("Write the report to this file instead of standard output.")),
        click.option("--strict", is_flag=True, help=_("Warnings fail the run too (exit 1).")),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                     help=_("Colour the text output; auto colours only a terminal and honours NO_COLOR.")),
        click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help=_("Pretend today is this date (YYYY-MM-DD), for reproducible runs.")),
        click.option("--debug", is_flag=True, help=_("Show the full traceback if the tool itself fails.")),
        lang_option,
    ]
    for option in reversed(options):
        function = option(function)
    return function


@contextlib.contextmanager
def guarded(debug: bool, lang: Language | None = None) -> Iterator[None]:
    """Turn any failure of the tool into a one-line reason on stderr and exit 2.

    ``lang`` is the language asked for; the help texts' language until a command knows better.
    """
    from linter.core.errors import CannotRun

    lang = lang or _
    try:
        yield
    except (click.exceptions.Exit, click.ClickException, click.Abort):
        raise
    except CannotRun as error:
        click.echo(lang("playbook: error: {message}", message=error), err=True)
        if error.hint:
            click.echo(lang("hint: {hint}", hint=lang(error.hint)), err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
    except KeyboardInterrupt:
        click.echo(lang("playbook: interrupted"), err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
    except Exception as error:  # noqa: BLE001 - the whole point is a clean message for any failure
        if debug:
            import traceback

            traceback.print_exc()
        reason = f"{type(error).__name__}: {error}"
        click.echo(lang("playbook: error: {message}", message=reason), err=True)
        if not debug:
            click.echo(lang("hint: run again with --debug for the full traceback, and report it if it looks like a "
                            "bug."), err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None


def use_color(mode: str, output: str | None) -> bool:
    if mode == "always":
        return True
    if mode == "never" or output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def make_context(registry: Registry, today: dt.datetime | None, now: dt.datetime | None = None,
                 lang: Language | None = None) -> CheckContext:
    from linter.core.context import CheckContext

    return CheckContext.create(registry, today.date() if today else None, now, lang=lang)


def language_of(option: str | None, playbook_dir: str | None) -> Language:
    """The language of a run: ``--lang``, else PLAYBOOK_LANG, else the playbook's, else French."""
    from linter.playbook.language import language_for

    return language_for(option, playbook_dir)


def emit(report: Report, registry: Registry, fmt: str, output: str | None, color: str, strict: bool) -> int:
    """Print (or write) the report and return the exit code it deserves."""
    from linter.output import resolve_format, stream, write_job_summary
    from linter.output.safe import bounded

    name = resolve_format(fmt)
    colored = use_color(color, output) and name == "text"
    code = exit_code(report, strict)  # on every finding (a grouped one counts those it stands for)
    report = bounded(report)
    problem = write_job_summary(name, report, registry, strict)
    lang = report.lang
    if problem:
        click.echo(lang("playbook: warning: {message}", message=problem), err=True)
    pieces = _batched(stream(name, report, registry, color=colored, strict=strict))
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                for piece in pieces:
                    handle.write(piece)
        except OSError as error:
            click.echo(lang("playbook: error: {message}", message=lang("cannot write {path}: {reason}", path=output,
                                                                          reason=error.strerror)), err=True)
            return EXIT_CANNOT_RUN
    else:
        for piece in pieces:
            click.echo(piece, nl=False, color=colored)
    return code


def _batched(pieces: Iterator[str], size: int = 1 << 16) -> Iterator[str]:
    """The report's pieces (one per finding) gathered into writes of about ``size`` characters."""
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(buffer)
            buffer, held = [], 0
    if buffer:
        yield "".join(buffer)


def exit_code(report: Report, strict: bool) -> int:
    counts = report.counts
    if counts["error"] or (strict and counts["warning"]):
        return EXIT_FINDINGS
    return EXIT_CLEAN


# -- commands ------------------------------------------------------------------------------
@click.group(cls=PlaybookGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             help=_("Validate a social-media playbook kept as YAML, lint draft posts against it, publish it."))
@click.version_option(__version__, "--version", "-V", prog_name="playbook",
                      help=_("Show the version and exit."))  # click's own text, but written when cli.py is imported
def cli() -> None:
    """Validate a social-media playbook kept as YAML, lint draft posts against it, publish it."""


@cli.command(help=_("Check the playbook in DIRECTORY (default: from the settings, else ./playbook) against its "
                    "schemas and its own rules."))
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@report_options
def validate(directory: str | None, fmt: str, output: str | None, strict: bool, color: str,
             today: dt.datetime | None, debug: bool, lang: str | None) -> None:
    """Check the playbook in DIRECTORY (default: from the settings, else ./playbook) against its schemas and
    its own rules."""
    with guarded(debug, language_of(lang, directory or "playbook")):
        from linter import api
        from linter.core.findings import Report
        from linter.core.pipeline import Filters
        from linter.core.settings import resolve_settings
        from linter.rules import build_registry

        registry = build_registry()
        settings = resolve_settings(".", directory, lang=language_of(lang, directory or "playbook"))
        language = language_of(lang, settings.playbook)
        with guarded(debug, language):
            result = api.validate(settings.playbook, make_context(registry, today, lang=language), Filters(settings))
        report = Report(result.findings, result.files, __version__, language)
        raise click.exceptions.Exit(emit(report, registry, fmt, output, color, strict))


@cli.command(help=_("List every rule: code, default severity, family and what it checks."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--scope", type=click.Choice(["load", "schema", "playbook", "draft", "queue", "config"]),
              help=_("Only the rules of this family."))
@lang_option
def rules(fmt: str, scope: str | None, lang: str | None) -> None:
    """List every rule: code, default severity, family and what it checks."""
    from linter.rules import build_registry

    language = language_of(lang, "playbook")
    selected = [rule.in_language(language) for rule in build_registry() if scope is None or rule.scope == scope]
    if fmt == "json":
        import json

        click.echo(json.dumps([{
            "code": rule.code, "name": rule.name, "severity": rule.severity.value, "scope": rule.scope,
            "fixable": rule.fixable, "summary": rule.summary,
        } for rule in selected], ensure_ascii=False, indent=2))
        return
    for rule in selected:
        fixable = " " + language("(fixable)") if rule.fixable else ""
        click.echo(f"{rule.code}  {rule.severity.value:<7}  {rule.scope:<8}  {rule.summary}{fixable}")


@cli.command(help=_("Explain a rule: what it checks, why, an example that fires and its fix, its options."))
@click.argument("code")
@lang_option
def explain(code: str, lang: str | None) -> None:
    """Explain a rule: what it checks, why, an example that fires and its fix, its options."""
    import difflib

    from linter.rules import build_registry

    language = language_of(lang, "playbook")
    registry = build_registry()
    wanted = code.strip().upper()
    rule = registry.get(wanted)
    if rule is None:
        typo_free = wanted[:2] + wanted[2:].replace("O", "0").replace("I", "1").replace("L", "1")
        guess = [typo_free] if typo_free in registry else \
            difflib.get_close_matches(wanted, list(registry.codes()), n=1, cutoff=0.6)
        click.echo(language("playbook: error: {message}",
                            message=language("no rule has the code {code}", code=repr(code))), err=True)
        click.echo(language("hint: {hint}", hint=language("did you mean {code}? `playbook rules` lists every code.",
                                                          code=guess[0]) if guess
                            else language("`playbook rules` lists every code.")), err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN)
    click.echo(explain_text(rule, language))


def explain_text(rule: Rule, lang: Language | None = None) -> str:
    lang = lang or Language()
    rule = rule.in_language(lang)
    doc = rule.doc

    def block(text: str) -> str:
        return "\n".join(f"    {line}" for line in text.splitlines())

    def example(note: str, text: str) -> str:
        """The note (prose, translated) above the file it speaks of (verbatim)."""
        return block(note) + "\n\n" + block(text) if note else block(text)

    facts = lang("Default severity: {severity}. Family: {family}.", severity=rule.severity.value, family=rule.scope)
    parts = [
        f"{rule.code} {rule.name} — {rule.summary}",
        facts + (" " + lang("Fixable with --fix.") if rule.fixable else ""),
        "", lang("What it checks"), block(doc.what),
        "", lang("Why"), block(doc.why),
        "", lang("Example that fires (in {file})", file=doc.example_file) if doc.example_file
        else lang("Example that fires"), example(doc.example_note, doc.example),
        "", lang("Use instead"), example(doc.fixed_note, doc.fixed),
        "", lang("Options"), block(doc.options),
    ]
    return "\n".join(parts)


@cli.command(help=_("Create a new playbook repository in DIRECTORY, ready to check, commit and publish."))
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--language", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help=_("Language of the playbook, its comments, the example draft and the site."))
@click.option("--name", help=_("Name of the organisation (default: from the folder name)."))
@click.option("--force", is_flag=True, help=_("Overwrite files that already exist."))
@click.option("--source", metavar="URL|PATH",
              help=_("Where the starter's pre-commit hooks and CI workflow install playbook from: a git URL "
                     "(git+https://…@tag), a playbook_linter-*.whl, a folder holding the tool, or `index` "
                     "[default: where this playbook was installed from, else the package index]."))
@lang_option
def init(directory: str, language: str, name: str | None, force: bool, source: str | None, lang: str | None) -> None:
    """Create a new playbook repository in DIRECTORY, ready to check, commit and publish."""
    from linter.core.i18n import choose

    says = Language(choose(lang, language))
    from linter.starter import StarterExists, check_name, installed_source, parse_source, starter_files, write_starter

    try:
        origin = parse_source(source, lang=says) if source is not None else installed_source()
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'--source'") from None
    try:
        files = starter_files(language, check_name(name, says) if name is not None else None, target=directory,
                              source=origin)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'--name'") from None
    try:
        written = write_starter(directory, files, force=force)
    except StarterExists as error:
        more = len(error.paths) - 8
        shown = error.paths[:8] + ([says.plural("... and {count} more", "... and {count} more", more)]
                                   if more > 0 else [])
        click.echo(says("playbook: error: {message}", message=says.plural(
            "{folder} already holds {count} file of the starter: {files}",
            "{folder} already holds {count} files of the starter: {files}", len(error.paths), folder=directory,
            files=", ".join(shown))), err=True)
        click.echo(says("hint: {hint}", hint=says("choose an empty folder, or add --force to overwrite them (other "
                                                  "files are kept).")), err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
    except OSError as error:
        click.echo(says("playbook: error: {message}", message=says("cannot write in {folder}: {reason}",
                                                                   folder=directory, reason=error.strerror or error)),
                   err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
    click.echo(says.plural("Created {count} file in {folder}. Next steps:",
                           "Created {count} files in {folder}. Next steps:", len(written), folder=directory))
    click.echo(f"  cd {directory}")
    click.echo("  playbook check          # " + says("the playbook and the example draft pass"))
    click.echo("  mkdocs serve            # " + says("read the playbook site at {address}",
                                                     address="http://127.0.0.1:8000"))
    click.echo("  git init && pre-commit install   # " + says("stop bad commits before they are made"))
    click.echo(says("The hooks and the CI workflow install playbook from {origin}.", origin=origin.describe()))
    if origin.local:
        click.echo(says("Note: that is a file on this computer, which CI cannot reach: give `--source` a git URL, "
                        "or edit PLAYBOOK_LINTER in .github/workflows/playbook.yml before you push."))


@cli.command(help=_("Print the JSON Schema of one playbook file (e.g. `channels`), or list them; --export writes "
                    "all."))
@click.argument("name", required=False)
@click.option("--export", "export_dir", type=click.Path(file_okay=False),
              help=_("Write every schema into this folder (NAME.schema.json) instead of printing one."))
@lang_option
def schema(name: str | None, export_dir: str | None, lang: str | None) -> None:
    """Print the JSON Schema of one playbook file (e.g. `channels`), or list them; --export writes all."""
    import difflib
    import json

    from linter.playbook.schema import load_schema, schema_names

    language = language_of(lang, "playbook")
    names = schema_names()
    if export_dir is not None:
        if name is not None:
            raise click.UsageError(language("give either NAME or --export, not both"))
        try:
            os.makedirs(export_dir, exist_ok=True)
            for item in names:
                with open(os.path.join(export_dir, f"{item}.schema.json"), "w", encoding="utf-8") as handle:
                    handle.write(json.dumps(load_schema(item), ensure_ascii=False, indent=2) + "\n")
        except OSError as error:
            click.echo(language("playbook: error: {message}", message=language(
                "cannot write in {folder}: {reason}", folder=export_dir, reason=error.strerror or error)), err=True)
            raise click.exceptions.Exit(EXIT_CANNOT_RUN) from None
        click.echo(language.plural("Wrote {count} schema to {folder}.", "Wrote {count} schemas to {folder}.",
                                   len(names), folder=export_dir))
        return
    if name is None:
        for item in names:
            click.echo(item)
        return
    wanted = name.strip().removesuffix(".json").removesuffix(".schema").removesuffix(".yml").removesuffix(".yaml")
    if wanted not in names:
        guess = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
        click.echo(language("playbook: error: {message}",
                            message=language("no schema is called {name}", name=repr(name))), err=True)
        click.echo(language("hint: {hint}", hint=language("did you mean {name}?", name=guess[0]) if guess
                            else language("the schemas are: {names}.", names=", ".join(names))), err=True)
        raise click.exceptions.Exit(EXIT_CANNOT_RUN)
    click.echo(json.dumps(load_schema(wanted), ensure_ascii=False, indent=2))


# -- lint and check (drafts) -------------------------------------------------------------------
def draft_options(function: Callable) -> Callable:
    """Options of the commands that lint drafts: where the playbook is, the clock, the fixer."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--playbook", "playbook_dir", type=click.Path(file_okay=False),
                     help=_("The playbook folder the drafts are checked against "
                            "[default: paths.playbook in pyproject.toml, else playbook].")),
        click.option("--changed-since", "changed_since", metavar="REF",
                     help=_("Only report findings in files changed since this git ref (e.g. origin/main); "
                            "the queue rules still see every draft.")),
        click.option("--now", "now", metavar="DATETIME",
                     help=_("Pretend it is this moment (ISO date-time with offset), for reproducible runs.")),
        click.option("--fix", is_flag=True, help=_("Apply the safe fixes to the drafts, then report what is left.")),
        click.option("--diff", is_flag=True, help=_("Print the fixes as a unified diff instead of the report; "
                                                     "write nothing unless --fix is given too.")),
        click.option("--baseline", type=click.Path(dir_okay=False),
                     help=_("A JSON report (--format json) of accepted findings: those are not reported, and an "
                            "entry that no longer occurs is reported.")),
    ]
    for option in reversed(options):
        function = option(function)
    return function


class ProgressBar:
    """A one-line progress bar on stderr, drawn only on a terminal and once a run lasts over a second."""

    DELAY, INTERVAL, WIDTH = 1.0, 0.1, 30

    def __init__(self, lang: Language | None = None) -> None:
        import time

        self.lang = lang or Language()
        self.clock = time.monotonic
        self.started = self.clock()
        self.drawn_at = 0.0
        self.shown = False

    @staticmethod
    def create(lang: Language | None = None) -> ProgressBar | None:
        return ProgressBar(lang) if sys.stderr.isatty() else None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < self.DELAY or (now - self.drawn_at < self.INTERVAL and done < total):
            return
        self.drawn_at = now
        filled = self.WIDTH * done // max(total, 1)
        drafts = self.lang.plural("{done}/{count} draft", "{done}/{count} drafts", total, done=done)
        click.echo(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {drafts}", err=True, nl=False)
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
    lang: str | None = None


def _relint(playbook: Playbook, ctx: CheckContext, filters: Filters
            ) -> Callable[[list[tuple[str, str]]], list[Finding]]:
    """The findings of drafts given as texts, as the run would report them: what --fix recomputes.

    --fix computes its fixes on the bytes it is about to replace (linter.drafts.fix.fix_drafts),
    never on what the run's workers read earlier: the file may have changed since.
    """
    import dataclasses

    from linter.core.pipeline import report
    from linter.drafts.run import collect_texts

    checked = dataclasses.replace(ctx, settings=filters.settings, repeat_limit=None)  # every fix, none grouped

    def relint(items: list[tuple[str, str]]) -> list[Finding]:
        collected = collect_texts(items, playbook, checked)
        return report(collected.findings, ctx.registry, dataclasses.replace(filters, only=None),
                      collected.directives, ctx.lang)
    return relint


def run_drafts(options: DraftRun) -> int:
    """Shared body of `lint` and `check`: run the core, apply fixes if asked, print, return the exit code."""
    from linter.drafts.run import collector_paused

    with collector_paused():  # the whole command, report included: see collector_paused
        return _run_drafts(options)


def _run_drafts(options: DraftRun) -> int:
    from linter import api
    from linter.core.findings import Report
    from linter.core.pipeline import Filters
    from linter.core.settings import DEFAULT_DRAFTS, resolve_settings
    from linter.rules import build_registry

    registry = build_registry()
    settings = resolve_settings(".", options.playbook_dir,
                                lang=language_of(options.lang, options.playbook_dir or "playbook"))
    language = language_of(options.lang, settings.playbook)
    paths = options.paths or ((settings.drafts,) if settings.drafts != DEFAULT_DRAFTS else ())
    missing = [path for path in options.paths if not os.path.lexists(path)]
    if missing:  # a path typed on the command line: the run cannot do what was asked (exit 2)
        from linter.core.errors import CannotRun

        raise CannotRun(language("the path {path} does not exist", path=missing[0]),
                        language("Give a draft file or a folder of drafts (default: drafts/)."))
    only = None
    if options.changed_since is not None:
        from linter.core.changes import changed_files

        only = frozenset(changed_files(options.changed_since, ".", language))
    accepted = None
    if options.baseline is not None:
        from linter.core.baseline import load_baseline

        accepted = load_baseline(options.baseline, language)
    filters = Filters(settings, accepted, only)
    ctx = make_context(registry, options.today, _parse_now(options.now), language)
    run = api.lint if options.command == "lint" else api.check
    # the queue rules always see the whole drafts folder, even when only some files are named
    queue_paths = (settings.drafts,) if paths else ()
    bar = ProgressBar.create(language)
    try:
        result = run(paths, settings.playbook, ctx, filters, queue_paths, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    untouched: tuple[Finding, ...] = ()
    if (options.fix or options.diff) and result.playbook_ok and result.playbook is not None:
        from linter.drafts.fix import fix_drafts, not_written

        fixed = fix_drafts({finding.path for finding in result.findings if finding.fix is not None},
                           _relint(result.playbook, ctx, filters), write=options.fix, lang=language)
        # PB013: reported like any finding
        untouched = tuple(registry.findings_of(not_written(fixed, language), settings.is_on)) if options.fix else ()
        for item in fixed:
            if item.error and not options.fix:  # --diff alone: nothing was to be written, a note is enough
                click.echo(language("playbook: cannot fix {path}: {reason}", path=item.path, reason=item.error),
                           err=True)
        if options.diff:
            # A machine format is one document on standard output: the diff goes to standard error.
            from linter.output import resolve_format

            machine = resolve_format(options.fmt) != "text"
            click.echo("".join(item.diff() for item in fixed), nl=False, err=machine)
            if machine and not options.fix:
                changed = any(item.changed for item in fixed)
                report = Report(result.findings, result.files, __version__, language)
                code = emit(report, registry, options.fmt, options.output, options.color, options.strict)
                return max(code, EXIT_FINDINGS if changed else EXIT_CLEAN)
        if options.fix:
            applied = sum(item.applied for item in fixed if item.written)
            files = sum(1 for item in fixed if item.written)
            click.echo(language.plural("Fixed {count} problem in {files}.", "Fixed {count} problems in {files}.",
                                       applied, files=language.plural("{count} file", "{count} files", files)),
                       err=True)
            result = run(paths, settings.playbook, ctx, filters, queue_paths)
        elif options.diff:
            return EXIT_FINDINGS if any(item.changed for item in fixed) else EXIT_CLEAN
    report = Report((*result.findings, *untouched), result.files, __version__, language)
    code = emit(report, registry, options.fmt, options.output, options.color, options.strict)
    _keep_until_exit(result, report)
    return code


def _keep_until_exit(*objects: object) -> None:
    """Hand the run's findings to the console script (``main``), which exits without freeing them.

    Why: the findings of a large run, freed one by one as this function returns, took 30 ms or
    more after the report was written; the process ends right after. For the same reason what
    the run allocated is frozen (``gc.freeze``, which moves it aside at once): the collector,
    paused over the run (``collector_paused``) and resumed on its way out, walked all of it once
    more, 20 to 30 ms, before the exit. Elsewhere (tests, other callers of ``cli``) nothing is
    kept or frozen: what the run made is freed and collected as usual.
    """
    context = click.get_current_context(silent=True)
    if context is not None and isinstance(context.obj, list):
        import gc

        context.obj.extend(objects)
        gc.freeze()


@cli.command(help=_("Lint draft posts (PATHS: files or folders, default ./drafts) against the playbook.\n\n"
                    "An invalid playbook stops the run with its validation findings."))
@draft_options
@report_options
def lint(paths: tuple[str, ...], playbook_dir: str | None, changed_since: str | None, now: str | None, fix: bool,
         diff: bool, baseline: str | None, fmt: str, output: str | None, strict: bool, color: str,
         today: dt.datetime | None, debug: bool, lang: str | None) -> None:
    """Lint draft posts (PATHS: files or folders, default ./drafts) against the playbook.

    An invalid playbook stops the run with its validation findings.
    """
    with guarded(debug, language_of(lang, playbook_dir or "playbook")):
        raise click.exceptions.Exit(run_drafts(DraftRun("lint", paths, playbook_dir, changed_since, now, fix, diff,
                                                        baseline, fmt, output, strict, color, today, lang)))


@cli.command(help=_("Validate the playbook, then lint the drafts (PATHS, default ./drafts): what CI runs."))
@draft_options
@report_options
def check(paths: tuple[str, ...], playbook_dir: str | None, changed_since: str | None, now: str | None, fix: bool,
          diff: bool, baseline: str | None, fmt: str, output: str | None, strict: bool, color: str,
          today: dt.datetime | None, debug: bool, lang: str | None) -> None:
    """Validate the playbook, then lint the drafts (PATHS, default ./drafts): what CI runs."""
    with guarded(debug, language_of(lang, playbook_dir or "playbook")):
        raise click.exceptions.Exit(run_drafts(DraftRun("check", paths, playbook_dir, changed_since, now, fix, diff,
                                                        baseline, fmt, output, strict, color, today, lang)))


@cli.command(help=_("Run the language server an editor starts: findings while you type, quick fixes, the playbook's "
                    "ids."))
@click.option("--stdio", is_flag=True, help=_("Talk over standard input and output (the only way; editors pass it)."))
@click.option("--now", "now", metavar="DATETIME",
              help=_("Pretend it is this moment (ISO date-time with offset), for reproducible sessions."))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help=_("Pretend today is this date (YYYY-MM-DD)."))
@lang_option
def lsp(stdio: bool, now: str | None, today: dt.datetime | None, lang: str | None) -> None:
    """Run the language server an editor starts: findings while you type, quick fixes, the playbook's ids."""
    from linter.lsp.project import Clock
    from linter.lsp.server import run

    run(Clock(_parse_now(now), today.date() if today else None, lang))


def main() -> None:
    """The `playbook` console script (and ``python -m linter``).

    Why ``os._exit`` once the command has ended and its output is flushed: a lint of thousands of
    drafts leaves millions of objects behind, and an interpreter that frees them one by one on
    its way out, modules and all, took 60 to 75 ms more on the bench's corpora (a thirtieth of a
    whole run) for nothing anyone sees. The exit handlers still run (one stops a forked child whose
    answer was never asked for), every file the command wrote is closed by then, and the standard
    streams are flushed; a stream that cannot be (a reader that closed the pipe) takes Python's
    ordinary way out instead, which reports it as it always did.
    """
    kept: list[object] = []  # what a command hands over to be freed by the exit, not one object at a time
    try:
        cli(prog_name="playbook", obj=kept)
    except SystemExit as stop:
        if stop.code is not None and not isinstance(stop.code, int):
            raise
        import atexit

        atexit._run_exitfuncs()  # what exit handlers there are (a forked child to stop…) still run
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise stop from None
        os._exit(stop.code or 0)
