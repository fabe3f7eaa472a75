"""Read playbook files safely and parse YAML once, keeping where every value was written.

Why an event-driven builder instead of ``yaml.safe_load``: we need the position of every
key and value (for messages that point at file:line:column), we must reject what a plain
load silently accepts (duplicate keys, unknown tags) and we must survive hostile input
(deep nesting crashes libyaml's recursive composer; aliases can expand exponentially).
Walking the C parser's events with an explicit stack gives all of that in a single pass.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from linter.core.findings import FieldPath, Loc
from linter.core.i18n import N_, Language
from linter.core.rule import Note, Role
from linter.playbook.yaml_wording import yaml_context, yaml_problem

if TYPE_CHECKING:
    from yaml._yaml import Mark as CMark
    from yaml.error import Mark

__all__ = ["MAX_BYTES", "Document", "Loc", "load_yaml", "parse_flat_yaml", "parse_yaml_text", "read_text"]

MAX_BYTES = 1_048_576  # a playbook file larger than 1 MiB is almost surely a mistake
MAX_DEPTH = 64  # deeper nesting is never a playbook and crashes libyaml's composer
MAX_NODES = 200_000  # bound on values after alias expansion ("billion laughs")

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_SAFE_CONSTRUCTOR = SafeConstructor()
# What PyYAML's scalar constructors raise on a value they cannot build: a note (PB004), never a crash.
_SCALAR_KINDS = {"int": N_("a whole number"), "float": N_("a number"), "bool": N_("true or false")}
_UNREADABLE_SCALAR = (yaml.YAMLError, ValueError, KeyError, IndexError, TypeError, OverflowError)
_RESOLVER = Resolver()


@dataclass(frozen=True)
class Document:
    """One parsed YAML file: plain JSON-like data plus the position of each value and key."""

    path: str
    text: str
    data: object
    positions: Mapping[FieldPath, Loc] = field(default_factory=dict)
    key_positions: Mapping[FieldPath, Loc] = field(default_factory=dict)

    def loc(self, *path: str | int) -> Loc:
        """Position of the value at ``path``, or of its nearest ancestor we know."""
        while path:
            found = self.positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.positions.get((), Loc(self.path, 1, 1))

    def key_loc(self, *path: str | int) -> Loc:
        """Position of the key that introduces ``path`` (falls back to the value)."""
        return self.key_positions.get(path) or self.loc(*path)


def _note(role: Role, path: str, line: int, column: int, message: str, hint: str | None) -> Note:
    return Note(role, Loc(path, line, column), message, hint)


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    last = before.rsplit(b"\n", 1)[-1]
    return line, len(last.decode("utf-8", errors="replace")) + 1


def decode(raw: bytes, path: str, lang: Language | None = None) -> tuple[str | None, list[Note]]:
    """UTF-8 (with or without BOM) is the only encoding we accept: say exactly where it breaks."""
    lang = lang or Language()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_note(Role.NOT_UTF8, path, 1, 1, lang("the file is saved as UTF-16, not UTF-8"),
                            lang("Save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)."))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(raw, error.start)
        byte = raw[error.start:error.start + 1].hex()
        return None, [_note(Role.NOT_UTF8, path, line, column,
                            lang("the file is not valid UTF-8 (byte {byte} here)", byte="0x" + byte),
                            lang("Save the file as UTF-8; text pasted from another program often "
                                 "brings Latin-1 or Windows-1252 characters."))]


def read_text(path: str, max_bytes: int = MAX_BYTES, lang: Language | None = None) -> tuple[str | None, list[Note]]:
    """Read a file as text, bounded in size, never raising on a user's mistake.

    Why one descriptor, ``fstat`` and a read sized to the file: a lint run reads thousands of
    small files, and asking for ``max_bytes`` at once makes the system map (and unmap) a buffer
    of that size for each of them, which cost more than the reading itself.

    Why ``lstat`` first: a named pipe, a device or a socket is noted (PB011 reports it) and never
    opened (opening a pipe waits for a writer), and a symbolic link that leads outside the
    repository is noted (PB012) and never followed (linter.core.sandbox). The descriptor is
    opened non-blocking and checked again, in case the file was swapped in between.

    What is wrong comes back as notes (``linter.core.rule.Note``), never findings: the loading
    rules own the codes, and whoever holds the registry turns the notes into findings
    (``Registry.findings_of``).
    """
    lang = lang or Language()
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None, _missing(path, lang)
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        return None, _unreadable(path, error, lang)
    flags = os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    if stat.S_ISLNK(status.st_mode):
        from linter.core.sandbox import leaves_root

        target = leaves_root(path)
        if target is not None:
            return None, [_note(Role.OUTSIDE_LINK, path, 1, 1,
                                lang("the file is a symbolic link to {target}, outside the repository: it was not "
                                     "read", target=target),
                                lang("Replace the link by the file itself, or by a link to a file of the "
                                     "repository."))]
        try:
            status = os.stat(path)
        except FileNotFoundError:
            return None, _missing(path, lang, lang("the file is a symbolic link to a file that does not exist"))
        except OSError as error:
            return None, _unreadable(path, error, lang)
    else:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    if stat.S_ISDIR(status.st_mode):
        return None, _folder(path, lang)
    if not stat.S_ISREG(status.st_mode):
        return None, _special(path, status.st_mode, lang)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        return None, _missing(path, lang)
    except OSError as error:
        return None, _folder(path, lang) if os.path.isdir(path) else _unreadable(path, error, lang)
    try:
        status = os.fstat(descriptor)
        size = status.st_size
        if stat.S_ISDIR(status.st_mode):
            return None, _folder(path, lang)
        if not stat.S_ISREG(status.st_mode):
            return None, _special(path, status.st_mode, lang)
        if size > max_bytes:
            return None, [_note(Role.FILE_TOO_LARGE, path, 1, 1,
                                lang("the file is {size} bytes, over the limit of {limit}", size=lang.number(size),
                                     limit=lang.number(max_bytes)),
                                lang("Split the file, or check that it is the file you meant."))]
        # One byte more than the size: a short read, a file that grew since or a pipe reads on.
        raw = os.read(descriptor, size + 1)
        if len(raw) != size:
            parts, total = [raw], len(raw)
            while raw and total <= max_bytes:
                raw = os.read(descriptor, max_bytes + 1 - total)
                parts.append(raw)
                total += len(raw)
            raw = b"".join(parts)
            if total > max_bytes:
                return None, [_note(Role.FILE_TOO_LARGE, path, 1, 1,
                                    lang("the file holds more than {limit} bytes, the limit",
                                         limit=lang.number(max_bytes)),
                                    lang("Split the file, or check that it is the file you meant."))]
    except OSError as error:
        return None, _unreadable(path, error, lang)
    finally:
        os.close(descriptor)
    return decode(raw, path, lang)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_KINDS = ((stat.S_ISFIFO, N_("a named pipe")), (stat.S_ISSOCK, N_("a socket")),
          (stat.S_ISCHR, N_("a character device")), (stat.S_ISBLK, N_("a block device")))


def _missing(path: str, lang: Language, message: str | None = None) -> list[Note]:
    return [_note(Role.MISSING_FILE, path, 1, 1, message or lang("the file does not exist"),
                  lang("Create it or check the path."))]


def _special(path: str, mode: int, lang: Language) -> list[Note]:
    kind = next((name for test, name in _KINDS if test(mode)), N_("not a regular file"))
    return [_note(Role.SPECIAL_FILE, path, 1, 1, lang("the path is {kind}, not a file: it was not opened",
                                                      kind=lang(kind)),
                  lang("Replace it by a regular file, or remove it."))]


def _folder(path: str, lang: Language) -> list[Note]:
    return [_note(Role.MISSING_FILE, path, 1, 1, lang("expected a file but found a folder"),
                  lang("Give the path of a file, not of a folder."))]


def _unreadable(path: str, error: OSError | ValueError, lang: Language) -> list[Note]:
    reason = getattr(error, "strerror", None) or str(error)
    return [_note(Role.MISSING_FILE, path, 1, 1, lang("the file cannot be read ({reason})", reason=reason),
                  lang("Check the file's permissions."))]


def load_yaml(path: str, text: str | None = None, max_bytes: int = MAX_BYTES,
              lang: Language | None = None) -> tuple[Document | None, list[Note]]:
    if text is None:
        text, notes = read_text(path, max_bytes, lang)
        if text is None:
            return None, notes
    return parse_yaml_text(text, path, lang)


class _Invalid(Exception):
    """Raised inside the builder to stop at the first structural problem, with its note."""

    def __init__(self, note: Note):
        super().__init__(note.message)
        self.note = note


@dataclass
class _Frame:
    value: dict | list
    path: tuple
    anchor: str | None
    loc: Loc
    size: int = 1
    key: str | None = None
    key_loc: Loc | None = None
    merges: list = field(default_factory=list)


class _Builder:
    """Turns parser events into data and positions; one instance per file."""

    def __init__(self, path: str, lang: Language | None = None):
        self.path = path
        self.lang = lang or Language()
        self.positions: dict[FieldPath, Loc] = {}
        self.key_positions: dict[FieldPath, Loc] = {}
        self.anchors: dict[str, tuple[object, int]] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.root: object = None
        self.has_root = False
        self.documents = 0

    def loc(self, mark: Mark | CMark | None) -> Loc:
        if mark is None:  # the parser marks every event: only the type allows None
            return Loc(self.path, 1, 1)
        return Loc(self.path, mark.line + 1, mark.column + 1)

    def fail(self, role: Role, mark: Mark | CMark | None, message: str, hint: str | None) -> NoReturn:
        raise _Invalid(Note(role, self.loc(mark), message, hint))

    def count(self, mark: Mark | CMark | None, size: int) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            self.fail(Role.TOO_COMPLEX, mark, self.lang("the file expands to more than {limit} values",
                                                        limit=self.lang.number(MAX_NODES)),
                      self.lang("Aliases (*name) that repeat anchors (&name) multiply the data; write it out plainly."))

    # -- events ---------------------------------------------------------------
    def handle(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(Role.YAML_SYNTAX, event.start_mark, self.lang("the file holds more than one YAML document"),
                          self.lang("Remove the extra `---` line: each playbook file is a single document."))
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.start_collection(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.end_collection()
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)

    def check_tag(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent, allowed: set[str]) -> None:
        tag = event.tag
        if tag in (None, "!") or tag in allowed:
            return
        shown = "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag
        message = self.lang("an unsafe tag ({tag})", tag=shown) if "python" in tag else \
            self.lang("a tag that playbook files do not use ({tag})", tag=shown)
        self.fail(Role.UNSAFE_TAG, event.start_mark, message,
                  self.lang("Remove the tag: playbook values are plain text, numbers, lists and mappings."))

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.check_tag(event, _SCALAR_TAGS)
        tag = event.tag
        if tag in (None, "!"):
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit) if tag is None else f"{_YAML}str"
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,  # type: ignore[arg-type]
                               event.style)  # (the stub's Mark leaves out libyaml's, which works the same)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and frame.key is None:
            self.key(frame, event, tag)
            return
        self.count(event.start_mark, 1)
        try:
            value = self.construct(node, tag)
        except _UNREADABLE_SCALAR:
            # PyYAML's constructors raise KeyError (`!!bool maybe`), IndexError (`!!int ""`)...
            # Python's own reason ("invalid literal for int() with base 10") only repeats the value, in English.
            kind = tag.rsplit(":", 1)[-1]
            message = self.lang("this value cannot be read as {kind}", kind=self.lang(_SCALAR_KINDS.get(kind, kind)))
            self.fail(Role.YAML_SYNTAX, event.start_mark, message,
                      self.lang("Put the value in quotes if it is meant as text, or remove the `!!` tag."))
        self.attach(value, self.loc(event.start_mark), event.anchor, 1)

    @staticmethod
    def construct(node: yaml.ScalarNode, tag: str) -> object:
        if tag == f"{_YAML}int":
            return _SAFE_CONSTRUCTOR.construct_yaml_int(node)
        if tag == f"{_YAML}float":
            return _SAFE_CONSTRUCTOR.construct_yaml_float(node)
        if tag == f"{_YAML}bool":
            return _SAFE_CONSTRUCTOR.construct_yaml_bool(node)
        if tag == f"{_YAML}null":
            return None
        return node.value  # str, and timestamps kept as written so JSON Schema formats apply

    def key(self, frame: _Frame, event: yaml.ScalarEvent, tag: str) -> None:
        name = event.value
        at = self.loc(event.start_mark)
        if tag == f"{_YAML}merge":
            frame.key, frame.key_loc = "<<", at
            return
        if name in frame.value or name in {k for k, _ in frame.merges if k != "<<"}:
            first = self.key_positions.get(frame.path + (name,))
            message = self.lang("the key '{key}' appears twice in the same mapping (first at line {line})", key=name,
                                line=first.line) if first else \
                self.lang("the key '{key}' appears twice in the same mapping", key=name)
            self.fail(Role.DUPLICATE_KEY, event.start_mark, message,
                      self.lang("YAML would silently keep only the last one: remove or rename one of them."))
        frame.key, frame.key_loc = name, at

    def start_collection(self, event: yaml.CollectionStartEvent) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        self.check_tag(event, {f"{_YAML}map"} if is_map else {f"{_YAML}seq"})
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.value, dict) and parent.key is None:
            self.fail(Role.YAML_SYNTAX, event.start_mark,
                      self.lang("a key must be plain text, not a list or a mapping"),
                      self.lang("Write the key as a simple word followed by a colon."))
        if len(self.stack) >= MAX_DEPTH:
            self.fail(Role.TOO_COMPLEX, event.start_mark,
                      self.lang("the data is nested more than {depth} levels deep", depth=MAX_DEPTH),
                      self.lang("Flatten the structure: no playbook field needs this much nesting."))
        self.count(event.start_mark, 1)
        path = self.child_path(parent)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame({} if is_map else [], path, event.anchor, self.loc(event.start_mark)))

    def end_collection(self) -> None:
        frame = self.stack.pop()
        if isinstance(frame.value, dict) and frame.merges:
            for _, merged in frame.merges:
                for key, value in merged.items():
                    frame.value.setdefault(key, value)
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
        self.attach(frame.value, frame.loc, frame.anchor, frame.size, frame_path=frame.path)

    def alias(self, event: yaml.AliasEvent) -> None:
        name = event.anchor
        if name in self.open_anchors:
            self.fail(Role.TOO_COMPLEX, event.start_mark, self.lang("the alias *{name} refers to itself", name=name),
                      self.lang("An anchor cannot contain an alias to itself; write the value out."))
        if name not in self.anchors:
            self.fail(Role.YAML_SYNTAX, event.start_mark,
                      self.lang("the alias *{name} has no anchor &{name} before it", name=name),
                      self.lang("Define `&{name}` before using `*{name}`, or write the value out.", name=name))
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and frame.key is None:
            self.fail(Role.YAML_SYNTAX, event.start_mark, self.lang("an alias cannot be used as a key"),
                      self.lang("Write the key as plain text."))
        value, size = self.anchors[name]
        self.count(event.start_mark, size)
        self.attach(value, self.loc(event.start_mark), None, size)

    # -- tree building ----------------------------------------------------------
    def child_path(self, parent: _Frame | None) -> tuple:
        if parent is None:
            return ()
        if isinstance(parent.value, dict):
            return parent.path + (parent.key,)
        return parent.path + (len(parent.value),)

    def attach(self, value: object, at: Loc, anchor: str | None, size: int, frame_path: tuple | None = None) -> None:
        if anchor:
            self.anchors[anchor] = (value, size)
        parent = self.stack[-1] if self.stack else None
        path = frame_path if frame_path is not None else self.child_path(parent)
        self.positions.setdefault(path, at)
        if parent is None:
            self.root, self.has_root = value, True
            return
        parent.size += size
        if isinstance(parent.value, list):
            parent.value.append(value)
            return
        key, parent.key = parent.key, None
        if key == "<<":
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(item, dict) for item in sources):
                self.fail_at(Role.YAML_SYNTAX, at, self.lang("a merge key (<<) must refer to a mapping"),
                             self.lang("Use `<<: *name` where &name is a mapping."))
            parent.merges.extend(("<<", item) for item in sources)
            return
        parent.value[key] = value
        self.key_positions[path] = parent.key_loc or at

    def fail_at(self, role: Role, at: Loc, message: str, hint: str) -> NoReturn:
        raise _Invalid(Note(role, at, message, hint))


def _syntax_note(error: yaml.YAMLError, path: str, text: str, lang: Language) -> Note:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line = before.count("\n") + 1
        column = len(before.rsplit("\n", 1)[-1]) + 1
        point = f"U+{error.character:04X}" if isinstance(error.character, int) else None
        message = lang("the file contains a character YAML does not allow (code point {point})", point=point) \
            if point else lang("the file contains a character YAML does not allow")
        return _note(Role.YAML_SYNTAX, path, line, column, message,
                     lang("Delete the invisible control character at this place."))
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    wording = yaml_problem(problem, lang)  # PyYAML's English, in the run's language
    message = lang("YAML syntax error: {problem} ({context})", problem=wording,
                   context=yaml_context(context, lang)) if context else \
        lang("YAML syntax error: {problem}", problem=wording)
    return _note(Role.YAML_SYNTAX, path, line, column, message, lang(_syntax_hint(problem, text, line)))


def _syntax_hint(problem: str, text: str, line: int) -> str:
    """The hint's message id (translated by the caller)."""
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current or "'\\t'" in problem:
        return N_("YAML does not allow tab characters for indentation: use spaces.")
    if "mapping values are not allowed" in problem:
        return N_("A value containing ': ' must be put in quotes, or the indentation is off by a few spaces.")
    if "found character '@'" in problem or "found character '`'" in problem:
        return N_("A value starting with @ or ` must be put in quotes.")
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return N_("Check the indentation: items of the same list or mapping must start in the same column.")
    if "found unexpected end of stream" in problem or "found unknown escape" in problem:
        return N_("Check that every quote opened on this value is closed.")
    return N_("Check the indentation and quoting around this line.")


def parse_yaml_text(text: str, path: str, lang: Language | None = None) -> tuple[Document | None, list[Note]]:
    """Parse one YAML document; on any problem return its note (a PB0xx role) instead of raising."""
    lang = lang or Language()
    builder = _Builder(path, lang)
    try:
        for event in yaml.parse(text, Loader=_loader_class()):
            builder.handle(event)
    except _Invalid as invalid:
        return None, [invalid.note]
    except yaml.YAMLError as error:
        return None, [_syntax_note(error, path, text, lang)]
    if not builder.has_root or builder.root is None:
        return None, [_note(Role.EMPTY_FILE, path, 1, 1, lang("the file is empty"),
                            lang("Fill it in (see the sample playbook), or delete it if it is optional."))]
    return Document(path, text, builder.root, builder.positions, builder.key_positions), []


def _loader_class() -> type[yaml.SafeLoader | yaml.CSafeLoader]:
    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


# -- the plainest mappings, without the parser ------------------------------------------------------
# One `key: value` per line, values plain words or a flow list of plain words: what a draft's
# front matter nearly always is. Anything else (quotes, comments, blank lines, spaces inside a
# value, tabs, CR line ends, nesting…) is left to the parser.
_FLAT_WORD = r"[A-Za-z0-9][A-Za-z0-9_.+-]*"
_FLAT_LINE = re.compile(rf"([a-z][a-z_]*): (?:({_FLAT_WORD}(?::[A-Za-z0-9_.+-]+)*)"  # key: value
                        rf"|\[((?:{_FLAT_WORD})(?:, {_FLAT_WORD})*)?\])")  # key: [value, value]
_NOT_FLAT = object()


@functools.lru_cache(maxsize=4096)
def _flat_scalar(value: str) -> object:
    """A plain scalar's value, resolved and built exactly as ``_Builder.scalar`` does.

    Memoised (a pure function of the text, whose results are immutable: str, int, float, bool,
    None, date, datetime): drafts repeat the same channels, kinds, authors and audiences.
    """
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag not in _SCALAR_TAGS:
        return _NOT_FLAT
    try:
        return _Builder.construct(yaml.ScalarNode(tag, value), tag)
    except _UNREADABLE_SCALAR:
        return _NOT_FLAT


def parse_flat_yaml(text: str, path: str) -> Document | None:
    """``parse_yaml_text``'s Document for a flat mapping of plain values, or None to use the parser.

    Why: a draft's front matter is a handful of ``key: value`` lines, and running the YAML
    parser's events through the position-keeping builder costs more than the rest of reading
    the draft. Lines of the plainest shape are read directly, with the same positions, the same
    resolution of values (the parser's resolver and constructors) and the same data; a line of
    any other shape sends the whole text to the parser. ``text`` must start with a line break and
    end with one (the front matter's lines, after the line of the opening ``---``).
    """
    lines = text.split("\n")
    if len(lines) < 3 or lines[0] or lines[-1]:
        return None
    data: dict[str, object] = {}
    positions: dict[FieldPath, Loc] = {}
    key_positions: dict[FieldPath, Loc] = {}
    for number, line in enumerate(lines[1:-1], 2):
        read = _flat_line(line)
        if read is None:
            return None
        key, value, columns = read
        if key in data:
            return None
        if columns is not None:  # a list: a new one per document, and each item's position
            value = list(cast("tuple[object, ...]", value))
            for index, offset in enumerate(columns):
                positions[(key, index)] = Loc(path, number, offset)
        data[key] = value
        positions[(key,)] = Loc(path, number, len(key) + 3)
        key_positions[(key,)] = Loc(path, number, 1)
    positions[()] = Loc(path, 2, 1)
    return Document(path, text, data, positions, key_positions)


@functools.lru_cache(maxsize=4096)
def _flat_line(line: str) -> tuple[str, object, tuple[int, ...] | None] | None:
    """(key, value, columns of a list's items or None) of one flat line, or None if it is not one.

    Memoised like ``_flat_scalar`` (drafts repeat their lines: the channel, the kind, the
    author); a list comes back as a tuple, which ``parse_flat_yaml`` copies into a new list.
    """
    match = _FLAT_LINE.fullmatch(line)
    if match is None:
        return None
    key, scalar, items = match.groups()
    if scalar is not None:
        value = _flat_scalar(scalar)
        return None if value is _NOT_FLAT else (key, value, None)
    values, columns = [], []
    offset = len(key) + 4
    for item in items.split(", ") if items is not None else ():
        built = _flat_scalar(item)
        if built is _NOT_FLAT:
            return None
        values.append(built)
        columns.append(offset)
        offset += len(item) + 2
    return key, tuple(values), tuple(columns)
