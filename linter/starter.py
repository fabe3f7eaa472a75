"""`playbook init`: the files of a new playbook repository that works from the first minute.

A team adopts the tool without reading code: the starter holds every playbook file (with a
comment on each field, in the team's language), one example draft, the site, a CI workflow,
a pre-commit config, editor settings and the JSON Schemas the editor reads. Straight after
``init``, ``playbook check`` passes and ``mkdocs build --strict`` builds.

The templates live in ``linter/templates`` (shipped in the wheel): ``common/`` for every
language, then ``fr/`` or ``en/``. A path component ``dot-x`` is written as ``.x``, so that
the templates' own ``.gitignore`` or ``.github`` never act on this repository. Placeholders
are ``__WORD__`` tokens, which keep each template valid YAML or Markdown as it stands.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from linter import __version__
from linter.core.i18n import Language

LANGUAGES = ("fr", "en")
_TOKEN = re.compile(r"__[A-Z][A-Z_]*__")


@dataclass(frozen=True)
class StarterFile:
    path: str  # relative, with "/" separators
    text: str


class StarterExists(Exception):
    """Some files of the starter already exist and ``force`` was not given."""

    def __init__(self, paths: list[str]):
        super().__init__(", ".join(paths))
        self.paths = paths


def default_name(target: str, language: str) -> str:
    """A readable name from the folder name (``acme-bakery`` -> ``Acme Bakery``)."""
    base = os.path.basename(os.path.abspath(target))
    words = re.sub(r"[-_.]+", " ", base).strip()
    if not words or not any(char.isalpha() for char in words):
        return "Mon entreprise" if language == "fr" else "My company"
    return " ".join(word[:1].upper() + word[1:] for word in words.split())


def _yaml_printable(code: int) -> bool:
    """YAML's printable characters (YAML 1.1 and 1.2, c-printable): what the playbook's reader accepts."""
    return code in (0x09, 0x0A, 0x0D, 0x85) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF \
        or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def check_name(name: str, lang: Language | None = None) -> str:
    """The organisation name, or ValueError with a reason a user understands (in ``lang``)."""
    lang = lang or Language()
    name = name.strip()
    if not name:
        raise ValueError(lang("the name is empty"))
    if any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029" for char in name):
        raise ValueError(lang("the name must fit on one line, without control characters"))
    if any(0xD800 <= ord(char) <= 0xDFFF for char in name):  # a byte that is not UTF-8, as the shell passed it
        raise ValueError(lang("the name is not valid text (write it in UTF-8)"))
    if any(not _yaml_printable(ord(char)) for char in name):
        raise ValueError(lang("the name holds a character a YAML file cannot hold (such as U+FFFF)"))
    if len(name) > 120:
        raise ValueError(lang("the name is longer than {count} characters", count=120))
    return name


# -- where the starter's hooks and workflow install playbook from ---------------------------------
DISTRIBUTION = "playbook-linter"
_REMOTE = re.compile(r"^(git\+)?(https?|ssh|git|file)://", re.I)


@dataclass(frozen=True)
class Source:
    """Where pip installs the tool from: ``location`` is None for the package index."""

    location: str | None
    local: bool = False  # a file on this computer: pre-commit here can use it, CI cannot

    def requirement(self, extras: str = "") -> str:
        """A pip requirement for this source, with ``extras`` (e.g. ``site``) if given."""
        name = f"{DISTRIBUTION}[{extras}]" if extras else DISTRIBUTION
        return f"{name}=={__version__}" if self.location is None else f"{name} @ {self.location}"

    def describe(self) -> str:
        return "the package index" if self.location is None else self.location


def parse_source(text: str, cwd: str = ".", lang: Language | None = None) -> Source:
    """``--source``: a git URL, a URL of a wheel or archive, a local wheel or folder, or ``index``.

    ValueError with a reason a user understands when it is none of those.
    """
    text = text.strip()
    if text.lower() in ("index", "pypi"):
        return Source(None)
    if _REMOTE.match(text):
        if text.lower().startswith(("http://", "https://")) and not text.lower().endswith((".whl", ".tar.gz", ".zip")):
            text = "git+" + text  # a repository's page: pip needs to be told it is git
        return Source(text, local=text.lower().startswith(("file:", "git+file:")))
    path = os.path.abspath(os.path.join(cwd, os.path.expanduser(text)))
    if os.path.isfile(path) and path.endswith(".whl") and os.path.basename(path).startswith("playbook_linter-"):
        return Source(Path(path).as_uri(), local=True)
    if os.path.isdir(path) and os.path.isfile(os.path.join(path, "pyproject.toml")):
        return Source(Path(path).as_uri(), local=True)
    lang = lang or Language()
    raise ValueError(lang("{source} is neither a git URL (git+https://…@tag), a playbook_linter-*.whl file, a folder "
                          "holding the tool's pyproject.toml, nor `index`", source=repr(text)))


def installed_source() -> Source:
    """Where the running tool was installed from (pip records it, PEP 610), else the package index.

    So a team that installed playbook from a git tag gets hooks and a workflow that install
    that same commit, without typing the URL again.
    """
    from importlib import metadata

    try:
        recorded = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return Source(None)
    try:
        origin = json.loads(recorded) if recorded else None
    except ValueError:
        origin = None
    if not isinstance(origin, dict) or not isinstance(origin.get("url"), str):
        return Source(None)
    url = origin["url"]
    vcs = origin.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        location = f"git+{url}" + (f"@{commit}" if commit else "")
        return Source(location, local=url.startswith("file:"))
    return Source(url, local=url.startswith("file:"))


def _values(language: str, name: str, today: dt.date, source: Source | None = None) -> dict[str, str]:
    deadline = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) \
        else dt.date(today.year + 1, 2, 28)
    # The example draft goes out at 10:00 on a Tuesday one to two weeks ahead: inside the starter's
    # office hours, so the coverage rules pass, and far enough ahead to be an upcoming post.
    publish = today + dt.timedelta(days=7 + (1 - today.weekday()) % 7)
    return {
        "__PUBLISH_AT__": f"{publish.isoformat()}T10:00",
        "__NAME__": json.dumps(name, ensure_ascii=False),  # a YAML double-quoted scalar
        "__NAME_Q__": json.dumps(name, ensure_ascii=False)[1:-1],  # inside a double-quoted scalar
        "__NAME_TEXT__": name,
        "__LANGUAGE__": language,
        "__TODAY__": today.isoformat(),
        "__DEADLINE__": deadline.isoformat(),
        "__VERSION__": __version__,
        # YAML double-quoted scalars: the lean install for the hooks, the site's extra for CI
        "__REQUIREMENT__": json.dumps((source or Source(None)).requirement(), ensure_ascii=False),
        "__REQUIREMENT_SITE__": json.dumps((source or Source(None)).requirement("site"), ensure_ascii=False),
    }


def _render(text: str, values: dict[str, str], path: str) -> str:
    result = _TOKEN.sub(lambda match: values.get(match.group(0), match.group(0)), text)
    left = set(_TOKEN.findall(result)) - set(values)
    if left:  # a template bug, caught by the tests of every language
        raise ValueError(f"template {path} uses unknown placeholders: {', '.join(sorted(left))}")
    return result


_ROOT = PurePosixPath()


def _target_path(relative: PurePosixPath) -> str:
    return "/".join("." + part[4:] if part.startswith("dot-") else part for part in relative.parts)


def _walk(folder: Traversable, prefix: PurePosixPath = _ROOT) -> Iterator[tuple[PurePosixPath, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _walk(entry, prefix / entry.name)
        else:
            yield prefix / entry.name, entry


def starter_files(language: str = "fr", name: str | None = None, today: dt.date | None = None,
                  target: str = ".", source: Source | None = None) -> tuple[StarterFile, ...]:
    """Every file of the starter repository, rendered; nothing is written.

    ``source`` is where its pre-commit hooks and CI workflow install the tool from (default:
    ``installed_source()``).
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
    name = check_name(name if name is not None else default_name(target, language))
    values = _values(language, name, today or dt.date.today(), source or installed_source())
    templates = resources.files("linter") / "templates"
    files: dict[str, str] = {}
    for layer in ("common", language):
        for relative, entry in _walk(templates / layer):
            path = _target_path(relative)
            files[path] = _render(entry.read_text(encoding="utf-8"), values, f"{layer}/{relative}")
    from linter.playbook.schema import load_schema, schema_names

    for schema in schema_names():
        files[f"schemas/{schema}.schema.json"] = json.dumps(load_schema(schema), ensure_ascii=False, indent=2) + "\n"
    return tuple(StarterFile(path, text) for path, text in sorted(files.items()))


def existing(target: str, files: tuple[StarterFile, ...]) -> list[str]:
    """The starter's files that already exist in ``target``."""
    return [file.path for file in files if os.path.lexists(os.path.join(target, *file.path.split("/")))]


def write_starter(target: str, files: tuple[StarterFile, ...], force: bool = False) -> list[str]:
    """Write the files under ``target``; refuse to overwrite anything unless ``force``.

    Every conflict is found before the first write, and every file is encoded before the first
    write too (a name that is not text once stopped the run half-way), so a refused run leaves
    no half starter.
    """
    clashes = existing(target, files)
    if clashes and not force:
        raise StarterExists(clashes)
    encoded = [(file.path, file.text.encode("utf-8")) for file in files]
    written = []
    for relative, data in encoded:
        path = os.path.join(target, *relative.split("/"))
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        written.append(relative)
    return written
