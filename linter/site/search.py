"""Search that forgives accents: ``equipe`` finds « équipe », ``evin`` finds « loi Évin ».

People search on phones without typing accents. Material's search (lunr, in the browser)
matches words as written, so the plugin adds to each entry of ``search/search_index.json``
two hidden fields holding the accented words of its title and text with their accents
removed (``pb_title``, ``pb_text``, weighted like ``title`` and ``text``). The shown text is
unchanged, a query with accents still matches the text as written, one without matches the
folded words. When Material's offline plugin has already inlined the index into
``search_index.js``, that copy is rewritten too.

Nothing here imports MkDocs: the plugin calls ``fold_search_index`` after the search plugin
wrote the index.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from typing import Any

# Split as the site's search splits (mkdocs.yml `plugins.search.separator`): spaces, hyphens,
# apostrophes and punctuation. Tags are removed first.
SEPARATOR = r"[\s\-,:;!?=\[\]()\"/«»'’.]+"
_SPLIT = re.compile(SEPARATOR)
_TAG = re.compile(r"<[^>]*>")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
FIELDS = {"pb_title": "title", "pb_text": "text"}


def fold(text: str) -> str:
    """``Évin`` -> ``evin``: lower case, accents and ligatures removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def folded_words(text: str) -> str:
    """The words of ``text`` that change when folded, folded, once each, in order of appearance."""
    import html

    seen: dict[str, None] = {}
    for word in _SPLIT.split(html.unescape(_TAG.sub(" ", text))):
        if word and not word.isascii():
            plain = fold(word)
            if plain != word.lower() and plain.isascii():
                seen.setdefault(plain, None)
    return " ".join(seen)


def fold_index(index: dict[str, Any]) -> dict[str, Any]:
    """The search index with the folded fields added to its configuration and to each entry."""
    config = index.setdefault("config", {})
    fields = config.setdefault("fields", {})
    for name, like in FIELDS.items():
        fields[name] = dict(fields.get(like) or {"boost": 1.0})
    for doc in index.get("docs", []):
        for name, like in FIELDS.items():
            words = folded_words(str(doc.get(like) or ""))
            if words:
                doc[name] = words
            else:
                doc.pop(name, None)
    return index


def fold_search_index(site_dir: str) -> bool:
    """Rewrite ``site_dir/search/search_index.json`` (and its offline copy) in place; False when absent."""
    folder = os.path.join(site_dir, "search")
    path = os.path.join(folder, "search_index.json")
    if not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8") as handle:
        index = json.load(handle)
    data = json.dumps(fold_index(index), ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(data)
    inline = os.path.join(folder, "search_index.js")
    if os.path.isfile(inline):
        with open(inline, "w", encoding="utf-8") as handle:
            handle.write(f"var __index = {data}")
    return True
