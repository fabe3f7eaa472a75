"""``python -m linter.output.annotate REPORT.sarif [--strict]``: GitHub annotations from a SARIF report.

The composite action (action.yml) asked for a SARIF file used to check everything twice: once
for the file, once for the annotations. Now it checks once, writes SARIF, and this turns that
file into the same annotations and job summary ``--format github`` gives. Not a user command:
the action's glue, kept beside the formatters it reuses. Exit 0, or 2 with a one-line reason
when the report cannot be read.
"""

from __future__ import annotations

import sys

from linter.output.place import Place


def main(argv: list[str]) -> int:
    paths = [arg for arg in argv if arg != "--strict"]
    if len(paths) != 1:
        print("usage: python -m linter.output.annotate REPORT.sarif [--strict]", file=sys.stderr)
        return 2
    from linter.output import write_job_summary
    from linter.output.github import render
    from linter.output.sarif import read
    from linter.rules import build_registry

    place = Place.here()
    try:
        with open(paths[0], encoding="utf-8") as handle:
            report = read(handle.read(), place.root)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        print(f"playbook: error: cannot read the SARIF report {paths[0]}: {error}", file=sys.stderr)
        return 2
    registry = build_registry()
    strict = "--strict" in argv
    sys.stdout.write(render(report, registry, strict=strict, place=place))
    problem = write_job_summary("github", report, registry, strict, place)
    if problem:
        print(f"playbook: warning: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
