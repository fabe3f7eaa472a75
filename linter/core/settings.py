"""The linter's own settings: rule severities, rules switched on or off, and where things are.

Settings come from up to four places; each one overrides the one before it:

1. built-in defaults (``playbook/`` and ``drafts/`` next to where the command runs, every
   rule at its default severity);
2. the ``[tool.playbook]`` table of the nearest ``pyproject.toml`` (searched from the current
   folder upwards, stopping at the root of the git repository);
3. ``lint.yml`` inside the playbook folder: it belongs to the playbook, so the team that
   edits the playbook has the last word on how it is checked;
4. command-line options (a folder given on the command line, ``--strict``...).

``rules`` merge code by code (``lint.yml`` can re-grade one rule and keep the others
``pyproject.toml`` set); every other key replaces the same key of a lower source. Paths in
``pyproject.toml`` are relative to the folder that holds it; ``paths.drafts`` in ``lint.yml``
is relative to the folder that holds the playbook folder (the repository root in the usual
layout), because ``lint.yml`` lives one level down.

Loading and schema findings (PB0xx, PB1xx) cannot be silenced or downgraded: a file that
cannot be read or has the wrong shape makes every later check meaningless.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.core.errors import CannotRun
from linter.core.findings import Finding, Loc, Severity
from linter.core.i18n import Language

if TYPE_CHECKING:
    from linter.playbook.source import Document

OFF = "off"
LOCKED_PREFIXES = ("PB0", "PB1")
"""Loading and schema rules: a file that cannot be read or has the wrong shape cannot be checked."""


# -- settings from pyproject.toml and lint.yml ---------------------------------------------
DEFAULT_PLAYBOOK = "playbook"
DEFAULT_DRAFTS = "drafts"


class ConfigError(CannotRun):
    """The settings cannot be read (broken pyproject.toml, wrong shape): the run cannot go on."""


@dataclass(frozen=True)
class Layer:
    """The settings one source gives, as written there (absent keys are simply missing)."""

    source: str  # the file, e.g. "pyproject.toml" or "playbook/lint.yml"
    rules: Mapping[str, str] = field(default_factory=dict)
    enable: tuple[str, ...] | None = None
    disable: tuple[str, ...] | None = None
    playbook: str | None = None  # already resolved against the folder the source is relative to
    drafts: str | None = None
    where: Mapping[tuple, Loc] = field(default_factory=dict, compare=False, repr=False)
    """Position of each configured code: ("enable", "PB3") -> Loc, to report unknown codes."""


@dataclass(frozen=True)
class Settings:
    """Every source merged: what the run actually uses."""

    playbook: str = DEFAULT_PLAYBOOK
    drafts: str = DEFAULT_DRAFTS
    rules: Mapping[str, str] = field(default_factory=dict)
    enable: tuple[str, ...] | None = None  # None: every rule runs
    disable: tuple[str, ...] = ()
    layers: tuple[Layer, ...] = ()  # lowest precedence first

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(layer.source for layer in self.layers)

    def severity(self, code: str, default: Severity) -> Severity | None:
        """The severity a finding of ``code`` gets, or None when the rule is switched off."""
        if code.startswith(LOCKED_PREFIXES):
            return default
        wanted = self.rules.get(code)
        if wanted is not None:
            return None if wanted == OFF else Severity(wanted)
        if any(code.startswith(selector) for selector in self.disable):
            return None
        if self.enable is not None and not any(code.startswith(selector) for selector in self.enable):
            return None
        return default

    def is_on(self, code: str) -> bool:
        """Whether a rule runs at all (its default severity does not matter for that)."""
        return self.severity(code, Severity.INFO) is not None

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Drop the findings of rules switched off, re-grade the others as configured."""
        result = []
        decided: dict[tuple[str, Severity], Severity | None] = {}  # a report has 10,000 findings of a few rules
        for finding in findings:
            asked = (finding.code, finding.severity)
            if asked not in decided:
                decided[asked] = self.severity(*asked)
            severity = decided[asked]
            if severity is None:
                continue
            result.append(finding if severity is finding.severity else dataclasses.replace(finding, severity=severity))
        return result


def merge(layers: Iterable[Layer], playbook: str | None = None, drafts: str | None = None) -> Settings:
    """Merge sources, lowest precedence first; ``playbook``/``drafts`` are command-line values."""
    layers = tuple(layers)
    result = Settings(layers=layers)
    for layer in layers:
        result = dataclasses.replace(
            result,
            rules={**result.rules, **layer.rules},
            enable=layer.enable if layer.enable is not None else result.enable,
            disable=layer.disable if layer.disable is not None else result.disable,
            playbook=layer.playbook or result.playbook,
            drafts=layer.drafts or result.drafts,
        )
    return dataclasses.replace(result, playbook=playbook or result.playbook, drafts=drafts or result.drafts)


def find_pyproject(start: str = ".", lang: Language | None = None) -> str | None:
    """The nearest pyproject.toml with a [tool.playbook] table, up to the git repository root."""
    lang = lang or Language()
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            data = _read_toml(candidate, lang)[1]
            if isinstance(data.get("tool"), dict) and "playbook" in data["tool"]:
                return candidate
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return None
        folder = parent


def _read_toml(path: str, lang: Language) -> tuple[str, dict]:
    """(text, data) of a TOML file; ConfigError (one line, exit 2) when it cannot be used.

    Why so guarded: pyproject.toml is read before anything else, by the command line and by
    the site build, so an encoding or a special file here must be a clear message, not a
    traceback. TOML is UTF-8 by definition; a byte order mark is tolerated.
    """
    import stat
    import tomllib

    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise ConfigError(lang("{path} is not a regular file (a named pipe, a device?): it was not opened",
                                   path=path),
                              lang("Replace it by a regular pyproject.toml, or remove it."))
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            raw = handle.read(_MAX_TOML + 1)
    except OSError as error:
        raise ConfigError(lang("{path} cannot be read ({reason})", path=path, reason=error.strerror or error),
                          lang("Check the file's permissions.")) from None
    if len(raw) > _MAX_TOML:
        raise ConfigError(lang("{path} is larger than {limit} bytes", path=path, limit=lang.number(_MAX_TOML)),
                          lang("Check that it is the file you meant."))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(lang("{path} is saved as UTF-16; TOML files must be UTF-8", path=path),
                          lang("Save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        byte = f"0x{raw[error.start]:02x}"
        raise ConfigError(lang("{path} is not valid UTF-8 (byte {byte} on line {line})", path=path, byte=byte,
                               line=line),
                          lang("Save the file as UTF-8; TOML files must be UTF-8.")) from None
    try:
        return text, tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        raise ConfigError(lang("{path} cannot be read: {reason}", path=path, reason=error),
                          lang("Fix the TOML syntax; https://toml.io explains it.")) from None


_MAX_TOML = 1_048_576


def _shown(path: str, cwd: str) -> str:
    """A path the way a user types it: relative to the current folder when that is shorter."""
    relative = os.path.relpath(path, cwd)
    return path if relative.startswith(os.pardir + os.sep + os.pardir) else relative


def _pyproject_schema() -> dict:
    import copy

    from linter.playbook.schema import load_schema

    schema = copy.deepcopy(load_schema("lint"))
    paths = schema.setdefault("properties", {}).setdefault("paths", {"type": "object"})
    paths.setdefault("properties", {})["playbook"] = {
        "type": "string", "minLength": 1,
        "description": "The playbook folder, relative to the folder of pyproject.toml."}
    schema["properties"]["site_url"] = {  # pyproject.toml only: where the site is published (see site_url)
        "type": "string", "pattern": "^https?://[^\\s]+$",
        "description": "The address of the published playbook site; reports link each rule to its page there."}
    return schema


def _strings(value: Iterable[object] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(str(item).strip().upper() for item in value)


def _severities(rules: Mapping[object, object] | None) -> dict[str, str]:
    result = {}
    for code, setting in (rules or {}).items():
        value = setting.get("severity") if isinstance(setting, Mapping) else setting
        if value is False:  # YAML 1.1 reads a bare `off` as false
            value = OFF
        if isinstance(value, str):
            result[str(code).strip().upper()] = value.strip().lower()
    return result


def read_pyproject(path: str, cwd: str = ".", lang: Language | None = None) -> Layer:
    """The [tool.playbook] table of ``path``, checked against the lint.yml schema."""
    from linter.playbook.schema_quick import compile_schema

    lang = lang or Language()
    text, data = _read_toml(path, lang)
    table = data["tool"]["playbook"]
    shown = _shown(path, cwd)
    problems = []
    schema = _pyproject_schema()
    quick = compile_schema(schema, {})  # this check applies no formats, like the one below
    if quick is None or not quick(table):
        from jsonschema import Draft202012Validator

        for error in sorted(Draft202012Validator(schema).iter_errors(table), key=lambda e: list(e.path)):
            at = ".".join(str(part) for part in error.absolute_path)
            problems.append(f"[tool.playbook{'.' + at if at else ''}]: {error.message}")
    if problems:
        raise ConfigError(lang("{path} has settings the linter cannot use: {problems}", path=shown,
                               problems="; ".join(problems)),
                          lang("The keys are the same as in lint.yml: rules, enable, disable and paths."))
    folder = os.path.dirname(os.path.abspath(path))
    paths = table.get("paths", {})
    where: dict[tuple[str, str], Loc] = {}
    for key in ("enable", "disable"):
        for code in table.get(key, ()):
            where[(key, code.upper())] = _find_line(text, shown, code)
    for code in table.get("rules", {}):
        where[("rules", code.upper())] = _find_line(text, shown, code)
    return Layer(
        source=shown, rules=_severities(table.get("rules")), enable=_strings(table.get("enable")),
        disable=_strings(table.get("disable")),
        playbook=_shown(os.path.join(folder, paths["playbook"]), cwd) if "playbook" in paths else None,
        drafts=_shown(os.path.join(folder, paths["drafts"]), cwd) if "drafts" in paths else None,
        where=where)


def _find_line(text: str, path: str, needle: str) -> Loc:
    """TOML keeps no positions: point at the first line naming the code, else the table."""
    lines = text.splitlines()
    for pattern in (re.escape(needle), r"\[tool\.playbook"):
        for number, line in enumerate(lines, start=1):
            match = re.search(pattern, line)
            if match:
                return Loc(path, number, match.start() + 1)
    return Loc(path, 1, 1)


def read_lint_yml(playbook_dir: str, cwd: str = ".") -> Layer | None:
    """The settings of ``lint.yml`` (or ``lint.yaml``) in the playbook folder, if any.

    A broken or invalid file gives None here: the loader reports it as a finding of the
    playbook (PB0xx, PB1xx), which is where the team will look.
    """
    from linter.playbook.source import parse_yaml_text, read_text

    path = next((os.path.join(playbook_dir, name) for name in ("lint.yml", "lint.yaml")
                 if os.path.isfile(os.path.join(playbook_dir, name))), None)
    if path is None:
        return None
    text, _ = read_text(path)
    document = parse_yaml_text(text, _shown(os.path.abspath(path), cwd))[0] if text is not None else None
    if document is None or not isinstance(document.data, dict):
        return None
    from linter.playbook.schema import Validator

    if Validator().validate("lint", document):
        return None
    return lint_layer(document, playbook_dir, cwd)


def lint_layer(document: Document, playbook_dir: str, cwd: str = ".") -> Layer:
    """The one reading of a (schema-valid) lint.yml document as a settings layer."""
    data: dict[str, Any] = document.data if isinstance(document.data, dict) else {}
    where: dict[tuple[str, str], Loc] = {}
    for key in ("enable", "disable"):
        for index, code in enumerate(data.get(key) or ()):
            where[(key, str(code).upper())] = document.loc(key, index)
    for code in data.get("rules") or {}:
        where[("rules", str(code).upper())] = document.key_loc("rules", code)
    base = os.path.dirname(os.path.abspath(playbook_dir.rstrip("/\\") or "."))
    drafts = (data.get("paths") or {}).get("drafts")
    return Layer(source=document.path, rules=_severities(data.get("rules")), enable=_strings(data.get("enable")),
                 disable=_strings(data.get("disable")),
                 drafts=_shown(os.path.join(base, drafts), cwd) if drafts else None, where=where)


def resolve_settings(cwd: str = ".", playbook: str | None = None, drafts: str | None = None,
                     lang: Language | None = None) -> Settings:
    """Read every source and merge them; ``playbook``/``drafts`` are command-line values.

    Raises ``ConfigError`` (in ``lang``) when pyproject.toml cannot be used.
    """
    lang = lang or Language()
    layers: list[Layer] = []
    pyproject = find_pyproject(cwd, lang)
    if pyproject:
        layers.append(read_pyproject(pyproject, cwd, lang))
    folder = playbook or merge(layers).playbook
    where = folder if cwd in ("", ".") or os.path.isabs(folder) else os.path.join(cwd, folder)
    lint = read_lint_yml(where, cwd)
    if lint is not None:
        layers.append(lint)
    settings = merge(layers, playbook, drafts)
    # Besides the repository: the folder of pyproject.toml (paths there are relative to it), and
    # the folder holding a playbook folder named on the command line (its lint.yml's drafts).
    extra = [os.path.dirname(os.path.realpath(pyproject))] if pyproject else []
    if playbook is not None:
        extra.append(os.path.dirname(os.path.realpath(os.path.join(cwd, playbook.rstrip("/\\") or "."))))
    _check_paths(settings, cwd, extra, playbook is None, drafts is None, lang)
    return settings


def _check_paths(settings: Settings, cwd: str, extra: list[str], playbook: bool, drafts: bool,
                 lang: Language) -> None:
    """ConfigError when a folder from the settings or the defaults leads outside the repository.

    Only the command line may point outside the repository (see linter.core.sandbox): a path
    written in pyproject.toml or lint.yml must stay inside the git repository or one of the
    ``extra`` real folders, and a default folder that is a link out of them is refused too, so
    that `paths.drafts = "/"` never walks the disk and `--fix` never writes into another tree.
    ``playbook``/``drafts`` say which folder came from the settings rather than the command line.
    """
    from linter.core.sandbox import is_inside, repository_root

    allowed = [repository_root(cwd), *extra]
    checks = [(key, value) for key, value, wanted in (("playbook", settings.playbook, playbook),
                                                      ("drafts", settings.drafts, drafts)) if wanted]
    for key, value in checks:
        source = next((layer.source for layer in reversed(settings.layers) if getattr(layer, key)), None)
        where = lang("`paths.{key}` in {source}", key=key, source=source) if source else \
            lang("the default {key} folder", key=key)
        if "\0" in value or any(0xD800 <= ord(char) <= 0xDFFF for char in value):
            raise ConfigError(lang("{where} holds a character no path can hold (a NUL byte or an undecodable byte)",
                                   where=where),
                              lang("Write the folder as plain text, relative to the file that names it."))
        real = os.path.realpath(os.path.join(cwd, value))
        if not any(is_inside(real, folder) for folder in allowed):
            raise ConfigError(lang("{where} leads outside the repository ({value} leads to {real})", where=where,
                                   value=value, real=real),
                              lang("Settings may only name folders of the repository; name another folder on "
                                   "the command line instead (for example `playbook lint ../elsewhere`)."))


def site_url(cwd: str = ".", root: str | None = None) -> str | None:
    """Where the playbook site is published, so reports can link each rule to its reference page.

    ``site_url`` of ``[tool.playbook]`` in pyproject.toml wins; else MkDocs' own ``site_url`` in
    the nearest mkdocs.yml from ``cwd`` up to ``root`` (the one the site is built from). None
    when neither says: a link to a page nobody published would be worse than no link.
    """
    import tomllib

    pyproject = find_pyproject(cwd)
    if pyproject:  # find_pyproject has read it already and reports a broken file itself
        try:
            with open(pyproject, "rb") as handle:
                value = tomllib.loads(handle.read().decode("utf-8-sig"))["tool"]["playbook"].get("site_url")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
            value = None
        if isinstance(value, str) and _URL.match(value.strip()):
            return value.strip()
    folder = os.path.realpath(cwd)
    top = os.path.realpath(root) if root else folder
    while True:
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return _mkdocs_site_url(candidate)
        parent = os.path.dirname(folder)
        if folder == top or parent == folder:
            return None
        folder = parent


_URL = re.compile(r"^https?://\S+$")
_MKDOCS_SITE_URL = re.compile(r"^site_url:[ \t]*(?:\"([^\"]*)\"|'([^']*)'|([^\s#'\"][^#\n]*?))[ \t]*(?:#.*)?$", re.M)


def _mkdocs_site_url(path: str) -> str | None:
    """The top-level ``site_url`` of mkdocs.yml, read as a line: the file holds MkDocs-only tags
    (``!ENV``, ``!!python/name``) that a plain YAML reader refuses."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read(1_048_576)
    except OSError:
        return None
    match = _MKDOCS_SITE_URL.search(text)
    if match is None:
        return None
    value = next(group for group in match.groups() if group is not None).strip()
    return value if _URL.match(value) else None
