"""The PB0xx loading rules: linter.playbook.source and the loader note what is wrong with a file, and
each rule reports the notes of its role (``linter.core.rule.Role``)."""

from linter.core.findings import Severity
from linter.core.rule import Role, rule

E = Severity.ERROR

MISSING_FILE = rule("PB001", "missing-file", "A required playbook file is missing or cannot be read.", E,
    what="Each required part of the playbook has its own file in the playbook folder: organisation.yml, "
             "objectives.yml, audiences.yml, channels.yml, roles.yml, tone.yml, usage-charter.yml and crisis.yml. "
             "calendar.yml and lint.yml are optional. The rule fires when a required file is absent or unreadable.",
    why="A playbook with a missing part is not a playbook: nobody can check a draft against a tone that is "
            "not written down, or find the crisis procedure in the middle of a crisis.",
    example_note="The playbook folder has no crisis.yml.",
    example="playbook/\n  organisation.yml\n  objectives.yml",
    fixed="playbook/\n  organisation.yml\n  objectives.yml\n  crisis.yml\n  ...",
    options="None: the list of required files is fixed. `playbook init` creates them all.",
    example_file="crisis.yml",
    role=Role.MISSING_FILE)

FILE_TOO_LARGE = rule("PB002", "file-too-large", "A file is larger than the size limit (1 MiB).", E,
    what="Refuses files over 1 MiB.",
    why="A playbook file of that size is almost always a wrong file (an export, a binary) and would slow "
            "every CI run.",
    example_note="A channels.yml that weighs 30 MB.",
    example="channels.yml",
    fixed_note="A channels.yml of a few kilobytes.",
    fixed="channels.yml",
    options="None.",
    example_file="channels.yml",
    role=Role.FILE_TOO_LARGE)

NOT_UTF8 = rule("PB003", "not-utf8", "A file is not encoded as UTF-8.", E,
    what="Every file must be UTF-8 (a byte order mark and Windows line ends are accepted). The finding points "
             "at the first byte that is not UTF-8.",
    why="French text is full of accents: a file saved as Latin-1 or UTF-16 shows garbled words on the site "
            "and in published posts.",
    example_note="The file is saved in Windows-1252: the `é` of `Société` is the byte 0xE9, which is not "
                 "UTF-8.",
    example="name: Société Cidrerie du Val",
    fixed_note="The same file, saved as UTF-8.",
    fixed="name: Société Cidrerie du Val",
    options="None.",
    example_file="organisation.yml",
    role=Role.NOT_UTF8)

YAML_SYNTAX = rule("PB004", "yaml-syntax", "The file is not valid YAML.", E,
    what="Reports YAML syntax errors (bad indentation, unclosed quotes, tabs, several documents in one file) "
             "at the place the parser stopped.",
    why="Nothing else can be checked until the file can be read.",
    example="name: Cidrerie du Val\nsector: boissons: cidre",
    fixed='name: Cidrerie du Val\nsector: "boissons: cidre"',
    options="None.",
    example_file="organisation.yml",
    role=Role.YAML_SYNTAX)

DUPLICATE_KEY = rule("PB005", "duplicate-key", "The same key appears twice in one mapping.", E,
    what="Reports a key written twice in the same mapping, at the second one.",
    why="YAML keeps only the last value without a word: half of what someone wrote would silently vanish.",
    example="name: Cidrerie du Val\nname: Cidrerie du Val SAS",
    fixed="name: Cidrerie du Val SAS",
    options="None.",
    example_file="organisation.yml",
    role=Role.DUPLICATE_KEY)

UNSAFE_TAG = rule("PB006", "unsafe-tag", "A YAML tag such as !!python/object is used.", E,
    what="Refuses explicit tags other than the standard text, number, boolean, list and mapping ones.",
    why="Tags can make a YAML loader run code; a playbook only ever needs plain values.",
    example="name: !!python/object/apply:os.system ['echo hi']",
    fixed="name: Cidrerie du Val",
    options="None.",
    example_file="organisation.yml",
    role=Role.UNSAFE_TAG)

TOO_COMPLEX = rule("PB007", "too-complex", "Aliases expand too much, refer to themselves, or nesting is too deep.", E,
    what="Bounds the size of the data after aliases (*name) are expanded to 200,000 values, refuses an alias "
                  "inside its own anchor, and refuses nesting deeper than 64 levels.",
    why="These are the shapes of hostile files (\"billion laughs\") that would exhaust memory in CI.",
    example_note="Each line doubles the one before, twenty lines down: once the aliases are expanded, about a "
                 "million values.",
    example="a: &a [1, 1]\nb: &b [*a, *a]\nc: &c [*b, *b]\n# ...",
    fixed="a: [1, 1]",
    options="None.",
    example_file="organisation.yml",
    role=Role.TOO_COMPLEX)

EMPTY_FILE = rule("PB008", "empty-file", "A file is empty.", E,
    what="Reports a playbook file that holds nothing (or only comments).",
    why="An empty required file usually means a forgotten copy or a failed merge.",
    example_note="A file that holds nothing but a comment.",
    example="# organisation.yml\n",
    fixed="name: Cidrerie du Val\nlanguage: fr\ntimezone: Europe/Paris",
    options="None.",
    example_file="organisation.yml",
    role=Role.EMPTY_FILE)

AMBIGUOUS_FILE = rule("PB009", "ambiguous-file", "Both NAME.yml and NAME.yaml exist.", E,
    what="Reports a part of the playbook written in two files, one ending in .yml and one in .yaml.",
    why="Only one can be the truth; which one is read should never be a guess.",
    example="playbook/tone.yml\nplaybook/tone.yaml",
    fixed="playbook/tone.yml",
    options="None.",
    example_file="tone.yaml",
    role=Role.AMBIGUOUS_FILE)

UNKNOWN_FILE = rule(
    "PB010", "unknown-file", "A YAML file in the playbook folder is not a playbook part.",
    Severity.WARNING,
    what="Warns about .yml/.yaml files in the playbook folder whose name is not one of the playbook parts, "
                  "with the closest known name.",
    why="A misspelt file name (channel.yml for channels.yml) means the file is silently ignored.",
    example="playbook/channel.yml",
    fixed="playbook/channels.yml",
    options="None.",
    example_file="channel.yml",
    role=Role.UNKNOWN_FILE)

RULES = (
    MISSING_FILE, FILE_TOO_LARGE, NOT_UTF8, YAML_SYNTAX, DUPLICATE_KEY, UNSAFE_TAG, TOO_COMPLEX, EMPTY_FILE,
    AMBIGUOUS_FILE, UNKNOWN_FILE,
)

