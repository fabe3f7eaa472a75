"""The rules on files the tool refuses to open or to rewrite: linter.playbook.source and linter.drafts.find
note those files, and ``linter.drafts.fix.not_written`` the files --fix left untouched (PB013); each rule
reports the notes of its role.

Why they exist: teams run `playbook` on every push and in pre-commit, on files anyone can edit.
A named pipe blocks a reader forever; a symbolic link committed as ``drafts/env.md`` pointing at
``/proc/self/environ`` would print the runner's secrets in the annotations. Both are reported,
never opened: the run goes on with the other files. And `--fix` never writes over bytes it did
not compute its fixes from: a file it leaves untouched is a finding (PB013) in every format,
not a line on standard error that a CI log buries.
"""

from linter.core.findings import Severity
from linter.core.rule import Role, rule

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
    example_file="drafts/pipe.md",
    role=Role.SPECIAL_FILE)

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
    example_file="drafts/env.md",
    role=Role.OUTSIDE_LINK)

FIX_NOT_WRITTEN = rule(
    "PB013", "fix-not-written", "`--fix` left a file untouched: its fixes were not written.", Severity.ERROR,
    what="Reports a draft whose fixes `--fix` computed but did not write, with the reason: the file changed "
         "between the moment it was read and the moment it would have been replaced (someone saved it, another "
         "`--fix` ran), it is a symbolic link, it has other hard links, or it could not be read or written. The "
         "file is left exactly as it was.",
    why="An error, not a warning: the run was asked to change the file and did not. The problems it would have "
        "fixed are often infos (spacing, punctuation) that do not fail a run, so without this finding a "
        "pre-commit hook or a CI job running `--fix` would pass and everyone would believe the draft fixed. "
        "Writing anyway is never the answer: fixes computed on other bytes corrupt the text, and writing "
        "through a link or over a shared file changes a file nobody asked to change.",
    example_note="Run while drafts/post.md is open in an editor and saved during the run.",
    example="playbook lint --fix",
    fixed_note="Run again once the file is saved (or fix the file a link points to).",
    fixed="playbook lint --fix",
    options="None: it is reported whenever `--fix` is given and a file it should rewrite is left as it was.",
    role=Role.FIX_NOT_WRITTEN)

RULES = (SPECIAL_FILE, OUTSIDE_LINK, FIX_NOT_WRITTEN)
