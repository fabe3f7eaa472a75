"""The floor: the least work any draft linter must do — read every file, scan it once.

A plain loop, one process, no parsing: read each ``*.md`` file under the given folders,
decode it as UTF-8 and run one compiled pattern over it. What the real linter costs beyond
this is what its parsing and its rules cost, so the ratio to the floor says how far we are
from what the hardware allows.

``--terms FILE --which banned`` (the default) builds the pattern from the playbook's banned
terms (one word-bounded, case-sensitive alternation, like textlint's ng-word which matches
exact strings); ``--which all`` from every term (one big alternation, which slows down as terms grow:
the reason the linter uses a token index instead); ``--which none`` only reads and decodes.
``--first N`` keeps the first N terms of the list, so that workloads with more terms than others
can be given a floor that does the same work per byte (the corpus profiles do).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys


def pattern_for(terms: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="read every draft and run one compiled pattern over it")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--terms", help="terms.json written by bench/generate.py")
    parser.add_argument("--which", choices=["banned", "all", "none"], default="banned")
    parser.add_argument("--first", type=int, help="only the first N terms of the list")
    args = parser.parse_args(argv)
    pattern = None
    if args.which != "none":
        with open(args.terms, encoding="utf-8") as handle:
            pattern = pattern_for(json.load(handle)[args.which][:args.first])
    files = hits = size = 0
    for top in args.paths:
        for root, dirs, names in os.walk(top):
            dirs.sort()
            for name in sorted(names):
                if not name.endswith(".md"):
                    continue
                with open(os.path.join(root, name), "rb") as handle:
                    text = handle.read().decode("utf-8")
                files += 1
                size += len(text)
                if pattern is not None:
                    hits += len(pattern.findall(text))
    sys.stdout.write(json.dumps({"files": files, "chars": size, "hits": hits}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
