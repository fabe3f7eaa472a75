"""Documentation of the rules on files the tool refuses to open (emitted by linter.playbook.source).

Why they exist: teams run `playbook` on every push and in pre-commit, on files anyone can edit.
A named pipe blocks a reader forever; a symbolic link committed as ``drafts/env.md`` pointing at
``/proc/self/environ`` would print the runner's secrets in the annotations. Both are reported,
never opened: the run goes on with the other files.
"""

from linter.core.findings import Severity
from linter.core.rule import rule

SPECIAL_FILE = rule(
    "PB011", "special-file", "A named pipe, a device or a socket stands where a file is expected.",
    Severity.ERROR,
    what="Reports a path that is neither a regular file nor a folder (a named pipe, a device, a socket) "
         "where the tool expects a playbook file, a draft, lint.yml or a baseline. It is never opened.",
    why="Reading a named pipe waits for a writer that may never come: a run in CI would hang until its "
        "time limit, and so would the site build.",
    example_note="A named pipe, made with mkfifo.",
    example="drafts/pipe.md",
    fixed_note="A regular file.",
    fixed="drafts/post.md",
    options="None.",
    example_file="drafts/pipe.md")

OUTSIDE_LINK = rule(
    "PB012", "link-outside-repository", "A symbolic link leads outside the repository.", Severity.ERROR,
    what="Reports a symbolic link, inside the repository, whose target lies outside it (the root of the git "
         "repository, else the current folder). The target is never read and `--fix` never writes through "
         "it. A path named on the command line that is itself outside the repository is read as asked.",
    why="A link committed by anyone (drafts/env.md -> /proc/self/environ) would make the linter print what "
        "the target holds, secrets included, in the annotations of a public pull request.",
    example_note="A symbolic link to a file outside the repository.",
    example="drafts/env.md -> /proc/self/environ",
    fixed_note="A regular file, or a link to a file of the repository.",
    fixed="drafts/post.md",
    options="None.",
    example_file="drafts/env.md")

RULES = (SPECIAL_FILE, OUTSIDE_LINK)
