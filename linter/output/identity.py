"""A finding's identity across runs, for dashboards that track issues from commit to commit.

GitHub code scanning (SARIF ``partialFingerprints``) and GitLab Code Quality (``fingerprint``)
decide that an issue is the same as last time by comparing one string. If that string held
the line number, a line inserted above a finding would make the merge request show the issue
as fixed and a new one as introduced. So the identity is: the rule code, the file from the
repository root, the message with its numbers blanked (a message may quote a line, a length
or a date that moves with the text), and the rank of that triple among identical ones in the
file, so two identical findings in one file stay two issues.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

from linter.core.findings import Finding

_NUMBERS = re.compile(r"\d+")


def fingerprints(findings: Iterable[Finding], path_of: Callable[[str], str]) -> list[str]:
    """One fingerprint (32 hex digits) per finding, in the order given (give them sorted)."""
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for finding in findings:
        key = (finding.code, path_of(finding.path), _NUMBERS.sub("#", finding.message))
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        text = "\0".join((*key, str(rank)))
        result.append(hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32])
    return result
