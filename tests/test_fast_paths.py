"""The linter's fast paths give exactly what the general ones give.

Large queues are read with shortcuts: a tokeniser on the standard ``re`` engine for texts made of
common characters, front matter of plain ``key: value`` lines read without the YAML parser, and
worker processes that send back only what the queue rules and the disables read. Each must be
invisible to users: the same tokens, the same data and positions, the same findings.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from draft_helpers import draft_text, sample
from linter import text
from linter.lint import find_drafts, lint_files
from linter.source import parse_flat_yaml, parse_yaml_text

_TRICKY = "*_~ '’ʼ‘-‐‑\\\u202f\u00a0\n\t.,!?#@+()éÉa1²ªZ«»…–—"


def test_every_character_of_the_domain_is_tokenised_as_by_the_general_pattern():
    for char in text._DOMAIN:
        for shape in ("{0}", "a{0}b", "*{0}*", " {0} ", "{0}{0}", "a{0}", "{0}a", "**{0}", "{0}**", "_{0}_a",
                      "1{0}~", "a*{0}", "{0}*a"):
            sample_text = shape.format(char)
            for base in (0, 3):
                assert text._scan_in_domain(sample_text, base, {}) == text._scan(sample_text, base, {}), sample_text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY + text._DOMAIN[::7]), max_size=40), st.integers(0, 5))
def test_texts_of_the_domain_are_tokenised_as_by_the_general_pattern(sample_text, base):
    if not text._OUTSIDE_DOMAIN.search(sample_text):
        assert text._scan_in_domain(sample_text, base, {}) == text._scan(sample_text, base, {})
    assert text.tokenize(sample_text, base) == text._scan(sample_text, base, {})


def test_texts_outside_the_domain_keep_the_general_pattern():
    for sample_text in ("Cidre 🍏 *bio*", "ʼtu", "cafe\u0301 C++", "Ω prix"):
        assert text.tokenize(sample_text) == text._scan(sample_text, 0, {})


_VALUES = ["facebook", "1", "07", "0x1F", "1_000", "1:30", "true", "yes", "Off", "null", "1.5", "1e3", "2027-01-04",
           "2027-03-02T10:00:00+01:00", "2027-03-02T10:00", "a.b", "a-b", "b:c", "foo:", "-a", "0o17", "inf", ".inf",
           "é", "a b", "a #b", "'q'", "~", "[x]", "a,b"]
_KEYS = ["channel", "channels", "kind", "publish_at", "author", "sponsored", "title", "disable", "true", "<<", "Kind"]


def _front_matter(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 5)):
        value = rng.choice(_VALUES)
        if rng.random() < 0.35:
            value = "[" + ", ".join(rng.choice(_VALUES) for _ in range(rng.randint(0, 3))) + "]"
        lines.append(rng.choice(_KEYS) + rng.choice([": "] * 8 + [":", ":  ", " : "]) + value)
    return "\n" + "\n".join(lines) + "\n"


def test_flat_front_matter_reads_as_the_yaml_parser_reads_it():
    rng = random.Random(2027)
    read = 0
    for _ in range(3000):
        source = _front_matter(rng)
        flat = parse_flat_yaml(source, "drafts/x.md")
        if flat is None:
            continue
        read += 1
        parsed, problems = parse_yaml_text(source, "drafts/x.md")
        assert problems == [] and parsed is not None, source
        assert flat.data == parsed.data and list(flat.data) == list(parsed.data), source
        assert [type(value) for value in flat.data.values()] == [type(value) for value in parsed.data.values()]
        for key, value in flat.data.items():
            if isinstance(value, list):
                assert [type(item) for item in value] == [type(item) for item in parsed.data[key]], source
        assert dict(flat.positions) == dict(parsed.positions), source
        assert dict(flat.key_positions) == dict(parsed.key_positions), source
        assert flat.text == parsed.text
    assert read > 300  # the shortcut is really taken


def test_front_matter_that_is_not_flat_goes_to_the_parser():
    for source in ("\nkind: promo # soldes\n", "\nkind: promo\n\nauthor: a\n", "\nkind: promo\nkind: info\n",
                   "\ntitle: 'Soldes'\n", "\nchannels:\n  - facebook\n", "\nkind: promo\r\n", "\nkind:\n"):
        assert parse_flat_yaml(source, "drafts/x.md") is None, source


def test_parallel_queue_with_near_copies_and_disables_matches_serial(tmp_path):
    """Workers send back light drafts and PB406's view of them: same queue findings, same disables."""
    playbook, ctx = sample()
    rng = random.Random(7)
    words = ("cidre pomme verger récolte pressoir boutique atelier samedi cuvée fermier dégustation "
             "coffret printemps floraison cave fûts chêne recette poulet cheffe").split()
    folder = tmp_path / "drafts"
    folder.mkdir()
    channels = ["facebook", "instagram", "linkedin", "x", "blog"]
    for index in range(260):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
        if index % 3 and index > 5:  # a near copy of an earlier draft, on another channel
            earlier = (folder / f"d{rng.randrange(index - 5, index):03d}.md").read_text(encoding="utf-8")
            body = earlier.split("---\n", 2)[2].replace("cidre", "jus", 1) + " #cidre https://exemple.fr"
        if index % 40 == 7:
            body = "<!-- playbook-disable PB406 -->\n" + body
        if index % 40 == 9:
            body = "<!-- playbook-disable-next-line PB406 -->\n" + body
        when = f"2027-03-{2 + index // 10:02d}T{8 + index % 10}:00:00+01:00"
        (folder / f"d{index:03d}.md").write_text(draft_text(body, channel=rng.choice(channels), publish_at=when),
                                                 encoding="utf-8")
    files, _ = find_drafts([str(folder)])
    parallel = sorted(lint_files(files, playbook, ctx, jobs=2), key=lambda f: f.sort_key())
    serial = sorted(lint_files(files, playbook, ctx, jobs=1), key=lambda f: f.sort_key())
    assert parallel == serial
    assert any(finding.code == "PB406" for finding in serial)
