"""Small fixes to the HTML that Markdown extensions produce, applied to every page.

Task lists (pymdownx.tasklist) put the checkbox in a ``<label>`` that holds no text, so screen
readers announce an unlabelled checkbox (axe: "Form elements must have labels"). Each box is
tied to its item's text with ``aria-labelledby``.
"""

from __future__ import annotations

import re

_TASK = re.compile(
    r'(<li class="task-list-item">\s*(?:<label class="task-list-control">\s*)?<input type="checkbox")'
    r'([^>]*>(?:<span class="task-list-indicator"></span></label>)?)(.*?)(</li>|<ul|<ol|<p>)',
    re.S,
)


def label_task_checkboxes(html: str, prefix: str = "tache") -> str:
    """Give each task-list checkbox the text of its item as accessible name."""
    counter = 0

    def replace(match: re.Match) -> str:
        nonlocal counter
        counter += 1
        ident = f"{prefix}-{counter}"
        return (f'{match.group(1)} aria-labelledby="{ident}"{match.group(2)}'
                f'<span id="{ident}">{match.group(3)}</span>{match.group(4)}')

    return _TASK.sub(replace, html)
