"""PB401: promotional posts must not exceed the charter's share of any window of days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.queue import Post, Queue
from linter.playbook.model import Playbook
from linter.rules.queue._common import (
    _BOX,
    _CELLAR,
    _ORCHARD,
    _PORTRAIT,
    _RECIPE,
    _SALE,
    _file,
    _files,
    _label,
    _paths,
    _percent,
)

PROMO_SHARE = rule("PB401", "promo-share", "Promotional posts exceed the charter's share in some window of days.",
                   Severity.WARNING,
    what="For each channel, looks at every promotional post (kind: promo, or sponsored: true) and at the "
             "window of `promotion.window_days` calendar days that ends on its day. When the window holds at least "
             "`promotion.min_posts` posts and more than "
             "`promotion.max_share` of them are promotional, it reports once per stretch of "
             "overlapping windows, on the promotional post that tips the share over the limit, naming the window's "
             "dates and listing the promotional posts involved. Posts already published (before now) count as "
             "context but are never reported.",
    why="Readers follow a brand for what it teaches, tells and answers, not for its advertising. The editorial "
            "charter keeps promotion a minority of what each channel publishes, and a schedule drifts past that "
            "limit without anyone noticing when several people fill the queue.",
    example="(tone.yml: promotion: {max_share: 0.3, window_days: 7, min_posts: 4})\n" + _files(
            _file("2027-01-03-cave.md", "facebook", "information", "2027-01-03T10:00", _CELLAR),
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-05-soldes.md", "facebook", "promo", "2027-01-05T10:00", _SALE),
            _file("2027-01-07-coffret.md", "facebook", "promo", "2027-01-07T10:00", _BOX)),
    fixed=_files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-05-recette.md", "facebook", "information", "2027-01-05T10:00", _RECIPE),
            _file("2027-01-06-portrait.md", "facebook", "information", "2027-01-06T10:00", _PORTRAIT),
            _file("2027-01-07-soldes.md", "facebook", "promo", "2027-01-07T10:00", _SALE)),
    options="tone.yml `promotion.max_share` (0 to 1; the rule is off when it is not set), "
                "`promotion.window_days` (7 by default) and `promotion.min_posts` (3 by default: a window with "
                "fewer posts is not judged, one promotion out of one says nothing). Drafts: `kind` and "
                "`sponsored` in the front matter. Severity in lint.yml.",
    example_file="drafts/")


RULES = (PROMO_SHARE,)


def check(queue: Queue, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    yield from _promo_share(queue.by_channel, playbook, ctx.lang)

def _promo_share(by_channel: dict[str, list[Post]], playbook: Playbook, lang: Language) -> Iterator[Finding]:
    limit = playbook.tone.promo_max_share
    if limit is None or limit >= 1:
        return
    width = max(1, playbook.tone.promo_window_days or 7)
    allowed = _percent(limit, lang)
    least = max(1, playbook.tone.promo_min_posts)

    def over(promo: int, total: int) -> bool:
        """A share is judged only over enough posts: one promotion out of one says nothing."""
        return total >= least and promo > limit * total + 1e-9

    for channel_id, posts in by_channel.items():
        if playbook.channel(channel_id) is None:
            continue
        promos_before = [0]
        for post in posts:
            promos_before.append(promos_before[-1] + post.promo)
        # Windows end on the day of an upcoming promotional post and reach back `width` days.
        windows: list[tuple[int, int]] = []
        left = 0
        for right, post in enumerate(posts):
            if not (post.promo and post.upcoming):
                continue
            first_day = post.day - dt.timedelta(days=width - 1)
            while posts[left].day < first_day:
                left += 1
            if over(promos_before[right + 1] - promos_before[left], right - left + 1):
                windows.append((left, right))
        # Overlapping offending windows (sharing a promotional post) make one stretch, one finding.
        stretches: list[list[tuple[int, int]]] = []
        for window in windows:
            if stretches and window[0] <= stretches[-1][-1][1]:
                stretches[-1].append(window)
            else:
                stretches.append([window])
        label = _label(playbook, channel_id)
        for stretch in stretches:
            def share(window: tuple[int, int], promos_before: list[int] = promos_before) -> tuple[float, int]:
                promo = promos_before[window[1] + 1] - promos_before[window[0]]
                return promo / (window[1] - window[0] + 1), promo

            left, right = max(stretch, key=share)  # max keeps the earliest of equal windows
            promo, total = promos_before[right + 1] - promos_before[left], right - left + 1
            tip = posts[right]
            running = 0
            for index in range(left, right + 1):
                running += posts[index].promo
                if posts[index].promo and posts[index].upcoming and over(running, index - left + 1):
                    tip = posts[index]
                    break
            first_day = posts[right].day - dt.timedelta(days=width - 1)
            involved = [p for p in posts[stretch[0][0]:stretch[-1][1] + 1] if p.promo]
            percent, listed = _percent(promo / total, lang), _paths(involved, lang)
            yield PROMO_SHARE.at(
                tip.where(),
                lang.plural("{promo} of {count} post on {channel} ({share} %) are promotional between {first} and "
                            "{last}; the charter allows {allowed} %",
                            "{promo} of {count} posts on {channel} ({share} %) are promotional between {first} and "
                            "{last}; the charter allows {allowed} %", total, promo=promo, channel=label,
                            share=percent, first=lang.date(first_day),
                            last=lang.date(posts[right].day), allowed=allowed),
                lang.plural("Promotional posts in this stretch: {paths}. Space them out or put informative posts "
                            "between them; promotion must stay a minority (tone.yml promotion.max_share, over {width} "
                            "days, judged from {count} post on).",
                            "Promotional posts in this stretch: {paths}. Space them out or put informative posts "
                            "between them; promotion must stay a minority (tone.yml promotion.max_share, over {width} "
                            "days, judged from {count} posts on).", least, paths=listed, width=width))


