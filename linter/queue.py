"""Rules over the whole dated queue of drafts (PB4xx): promotion share, cadence, gaps,
coverage, crisis freeze and the same text on several channels.

Why a module of its own: a single-draft rule sees one file, but most of what a playbook says
about publishing is about the *schedule* — how often, how much promotion, who is there to
answer. These rules read every dated draft at once, sorted once by time, and work with
sliding windows and indexes so that a queue of 10,000 drafts stays far under a second.

Which drafts count (one decision for every rule, so users can predict the results):

* Only drafts with a ``publish_at`` take part; an undated draft is an idea, not a schedule.
* A draft is *upcoming* when ``publish_at >= ctx.now``. Findings are only ever placed on
  upcoming drafts: a post in the past is published (or missed) and no edit changes that.
* Past drafts are ignored by cadence (PB402, PB403), coverage (PB404) and the crisis freeze
  (PB405): those rules judge what is still ahead of us, from now on.
* Past drafts still count as *context* where readers really saw them: inside a PB401 window
  that reaches back before now (so the numbers in the message are true for the dates it
  names), and as the earlier copy in PB406 (re-using a text already published on another
  channel is still the same text everywhere).
* Promotional means ``kind: promo`` **or** ``sponsored: true``: a paid partnership is
  advertising to the reader whatever the team calls it.
* A draft on several channels counts once on each channel for the per-channel rules. Only
  channels declared in channels.yml are judged (an unknown channel is a draft rule's finding),
  and cadence is only judged on active channels.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain, compress, count, islice
from operator import itemgetter
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from linter.context import CheckContext
from linter.drafts import Draft
from linter.findings import Finding, Loc, Severity
from linter.model import MINUTES_PER_DAY, Playbook
from linter.registry import Rule, RuleDoc
from linter.text import Tokens

__all__ = ["RULES", "check_queue", "check_same_text", "SameTextEncoder", "example_files", "PROMO_SHARE", "CADENCE", "GAP", "COVERAGE",
           "CRISIS_FREEZE", "SAME_TEXT"]

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_COVERAGE_HORIZON_DAYS = 31  # how far ahead we look for the next person on duty
SIMILARITY = Fraction(4, 5)  # PB406: word-shingle Jaccard at or above this is "the same text"
SHINGLE_WORDS = 2  # word pairs: one changed word in a 25-word post still leaves it 85 % alike
MIN_WORDS = 5  # shorter texts ("Bonne année !") are allowed to be the same everywhere
_MAX_CHECKS_PER_DRAFT = 64  # bound on candidates examined per draft (pathological queues of near-copies)
SPLIT_AT = 2000  # texts from which PB406, when told it may, shares its search out with a forked copy


def example_files(example: str) -> list[tuple[str, str]]:
    """Split a queue rule's example into ``(path, content)`` pairs.

    Queue examples show several draft files one after another, each introduced by a
    ``==> drafts/name.md <==`` line (the convention of ``head`` on several files), so the docs
    read naturally and a test can still write the files and run the rule on them.
    """
    files: list[tuple[str, list[str]]] = []
    for line in example.splitlines():
        match = re.fullmatch(r"==> (.+) <==", line.strip())
        if match:
            files.append((match.group(1), []))
        elif files:
            files[-1][1].append(line)
    return [(path, "\n".join(lines).strip("\n") + "\n") for path, lines in files]


# -- the rules and their documentation ----------------------------------------------------------
_W, _E, _I = Severity.WARNING, Severity.ERROR, Severity.INFO


def _file(path: str, channel: str, kind: str, when: str, body: str) -> str:
    """One draft of a rule's example, in the ``==> path <==`` layout of ``example_files``."""
    return (f"==> drafts/{path} <==\n---\nchannel: {channel}\nkind: {kind}\npublish_at: {when}\n"
            f"author: claire-le-gall\n---\n{body}")


def _files(*drafts: str) -> str:
    return "\n\n".join(drafts)


_ORCHARD = "Les pommiers du verger sont taillés, rendez-vous au printemps pour la floraison."
_SALE = "Les soldes commencent, le cidre brut est à moins vingt pour cent jusqu’à dimanche."
_BOX = "Notre coffret dégustation est encore disponible en boutique cette semaine."
_RECIPE = "Une recette de saison, le poulet au cidre de notre cheffe pas à pas."
_PORTRAIT = "Portrait de Jeanne, qui surveille la fermentation dans nos caves depuis vingt ans."
_CELLAR = "Visite de la cave en images, avec les fûts de chêne où repose la cuvée de l’an dernier."
_WORKSHOP = "Dernières places pour l’atelier de pressage de samedi prochain, inscrivez-vous en commentaire."
_VINTAGE = "Notre nouvelle cuvée de cidre fermier arrive en boutique ce samedi, venez la goûter."

PROMO_SHARE = Rule(
    "PB401", "promo-share", "Promotional posts exceed the charter's share in some window of days.", _W, "queue",
    RuleDoc(
        what="For each channel, looks at every promotional post (kind: promo, or sponsored: true) and at the "
             "window of `promotion.window_days` calendar days that ends on its day. When more than "
             "`promotion.max_share` of the posts in that window are promotional, it reports once per stretch of "
             "overlapping windows, on the promotional post that tips the share over the limit, naming the window's "
             "dates and listing the promotional posts involved. Posts already published (before now) count as "
             "context but are never reported.",
        why="Readers follow a brand for what it teaches, tells and answers, not for its advertising. The editorial "
            "charter keeps promotion a minority of what each channel publishes, and a schedule drifts past that "
            "limit without anyone noticing when several people fill the queue.",
        example="(tone.yml: promotion: {max_share: 0.3, window_days: 7})\n" + _files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-05-soldes.md", "facebook", "promo", "2027-01-05T10:00", _SALE),
            _file("2027-01-07-coffret.md", "facebook", "promo", "2027-01-07T10:00", _BOX)),
        fixed=_files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-05-recette.md", "facebook", "information", "2027-01-05T10:00", _RECIPE),
            _file("2027-01-06-portrait.md", "facebook", "information", "2027-01-06T10:00", _PORTRAIT),
            _file("2027-01-07-soldes.md", "facebook", "promo", "2027-01-07T10:00", _SALE)),
        options="tone.yml `promotion.max_share` (0 to 1; the rule is off when it is not set) and "
                "`promotion.window_days` (7 by default). Drafts: `kind` and `sponsored` in the front matter. "
                "Severity in lint.yml.",
        example_file="drafts/"))

CADENCE = Rule(
    "PB402", "cadence", "A channel gets fewer or more posts in a calendar week than its cadence.", _W, "queue",
    RuleDoc(
        what="Counts the posts of each active channel per calendar week (Monday to Sunday, in the organisation's "
             "time zone) over the queue, from now to the last scheduled post. A week with more than "
             "`cadence.max_per_week` posts is reported on the first post too many. A week with fewer than "
             "`cadence.min_per_week` is reported on its first post; a week with no post at all on the first post "
             "after it (or the last post before it, at the end of the queue), and consecutive empty weeks are "
             "reported together. Only whole weeks are judged for the minimum: the week already under way and a "
             "week the queue does not reach to its Sunday are not. A channel with no dated draft at all is not "
             "judged: the linter cannot tell a channel drafted elsewhere from a forgotten one.",
        why="Content must be constant: a page that floods its followers one week and falls silent the next loses "
            "them both ways. The cadence written in channels.yml is the promise the team made for each channel.",
        example="(channels.yml: facebook cadence: {min_per_week: 2, max_per_week: 5})\n" + _files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-11-recette.md", "facebook", "information", "2027-01-11T10:00", _RECIPE),
            _file("2027-01-14-portrait.md", "facebook", "information", "2027-01-14T10:00", _PORTRAIT)),
        fixed=_files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-07-cave.md", "facebook", "information", "2027-01-07T10:00", _CELLAR),
            _file("2027-01-11-recette.md", "facebook", "information", "2027-01-11T10:00", _RECIPE),
            _file("2027-01-14-portrait.md", "facebook", "information", "2027-01-14T10:00", _PORTRAIT)),
        options="channels.yml `cadence.min_per_week` and `cadence.max_per_week` of each channel (a bound that is "
                "not set is not checked); organisation.yml `timezone` decides where weeks start. Severity in "
                "lint.yml.",
        example_file="drafts/"))

GAP = Rule(
    "PB403", "posting-gap", "A channel stays silent longer than its cadence's max_gap_days.", _I, "queue",
    RuleDoc(
        what="For each active channel with `cadence.max_gap_days`, measures the time between now and its first "
             "scheduled post, between consecutive posts, and between its last post and the end of the queue (the "
             "last post scheduled on any channel). A longer silence is reported on the post after the gap, or on "
             "the channel's last post for a silence at the end of the queue. It is information by default: a gap "
             "often only means that the next drafts are not written yet.",
        why="A community left without news for too long drifts away, and a silent page looks abandoned to anyone "
            "who comes to ask a question. Regular posting is part of the editorial charter.",
        example="(channels.yml: facebook cadence: {max_gap_days: 7})\n" + _files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-15-recette.md", "facebook", "information", "2027-01-15T10:00", _RECIPE)),
        fixed=_files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-09-cave.md", "facebook", "information", "2027-01-09T10:00", _CELLAR),
            _file("2027-01-15-recette.md", "facebook", "information", "2027-01-15T10:00", _RECIPE)),
        options="channels.yml `cadence.max_gap_days` of each channel (not set: not checked). Severity in lint.yml "
                "(raise it to warning once the queue is planned weeks ahead).",
        example_file="drafts/"))

COVERAGE = Rule(
    "PB404", "unattended-post", "A post goes out when no community manager is on duty to answer.", _W, "queue",
    RuleDoc(
        what="For each upcoming post, takes its publication time and the reaction window that follows it "
             "(`reaction_window` in tone.yml) and checks, in the organisation's time zone, that someone holding a "
             "community-manager profile is on duty for all of it: their weekly schedule in roles.yml, minus the "
             "days of their absences. When part of it is unattended, the message says from when and until when "
             "nobody can answer, and the hint names who is usually there but absent that day.",
        why="Readers react most in the hours after a post, and they expect an answer even in the evening and at "
            "the weekend. A post published when nobody is watching is how a complaint piles up unanswered for "
            "hours and a small problem becomes a crisis: silence makes it worse.",
        example="(roles.yml: the community managers work Monday to Friday, 09:00-18:00; "
                "tone.yml: reaction_window: 2h)\n" + _files(
                    _file("2027-01-09-atelier.md", "facebook", "event", "2027-01-09T18:00", _WORKSHOP)),
        fixed=_files(_file("2027-01-08-atelier.md", "facebook", "event", "2027-01-08T10:00", _WORKSHOP)),
        options="tone.yml `reaction_window` (without it only the moment of publication must be covered); roles.yml "
                "`profiles[].kind` (community-manager), `people[].roles`, `people[].schedule` and "
                "`people[].absences`; organisation.yml `timezone`. Severity in lint.yml.",
        example_file="drafts/"))

CRISIS_FREEZE = Rule(
    "PB405", "crisis-freeze", "A promotional post, or a post on a frozen channel, is scheduled during a crisis.", _E,
    "queue",
    RuleDoc(
        what="While `status.active` is true in crisis.yml, reports every upcoming promotional post (kind: promo or "
             "sponsored: true) scheduled at or after `status.started_at`, and every upcoming post on a channel "
             "listed in `status.frozen_channels`.",
        why="In the middle of a bad buzz, a cheerful advertisement published by a scheduler shows a brand that is "
            "not listening, and it relaunches the controversy. The team answers, reassures and stays quiet "
            "elsewhere until the crisis is resolved.",
        example="(crisis.yml: status: {active: true, started_at: 2027-01-05T08:00, frozen_channels: [instagram]})\n"
                + _files(_file("2027-01-06-soldes.md", "facebook", "promo", "2027-01-06T10:00", _SALE)),
        fixed=_files(_file("2027-01-06-point.md", "facebook", "information", "2027-01-06T10:00",
                           "Nous avons bien reçu vos messages au sujet du lot rappelé. "
                           "Voici où en sont nos vérifications.")),
        options="crisis.yml `status.active`, `status.started_at` and `status.frozen_channels`. Severity in lint.yml.",
        example_file="drafts/"))

SAME_TEXT = Rule(
    "PB406", "same-text-everywhere", "The same (or nearly the same) text is scheduled on different channels.", _W,
    "queue",
    RuleDoc(
        what="Compares the bodies of dated drafts on different channels after setting aside case, spacing, "
             "punctuation, links, hashtags and mentions. Two texts that share at least 80 % of their pairs of "
             "consecutive words are reported on the later draft, naming the earlier file. Texts of fewer than five words "
             "are not compared, and a single draft listing several channels is not reported (its front matter "
             "already says so).",
        why="Each channel must bring something the others do not: its own audience, format and tone. The same "
            "text pasted everywhere tells followers of several channels that following more than one is "
            "pointless.",
        example=_files(
            _file("2027-01-04-cuvee-facebook.md", "facebook", "information", "2027-01-04T10:00", _VINTAGE),
            _file("2027-01-04-cuvee-linkedin.md", "linkedin", "information", "2027-01-04T12:00",
                  _VINTAGE + " #cidre")),
        fixed=_files(
            _file("2027-01-04-cuvee-facebook.md", "facebook", "information", "2027-01-04T10:00", _VINTAGE),
            _file("2027-01-04-cuvee-linkedin.md", "linkedin", "information", "2027-01-04T12:00",
                  "Après deux ans d’essais avec nos producteurs partenaires, nous lançons une cuvée fermière. "
                  "Retour sur le projet et sur les métiers qui l’ont rendue possible.")),
        options="None in the playbook: the threshold (80 % alike) and the minimum length (five words) are fixed. "
                "Severity in lint.yml.",
        example_file="drafts/"))

RULES: tuple[Rule, ...] = (PROMO_SHARE, CADENCE, GAP, COVERAGE, CRISIS_FREEZE, SAME_TEXT)


# -- the queue, sorted once ------------------------------------------------------------------------
@dataclass(frozen=True)
class _Post:
    """A dated draft as the queue rules see it: its instant, its wall-clock time, its nature."""

    draft: Draft
    at: dt.datetime  # aware
    zone: dt.tzinfo  # the organisation's
    promo: bool
    upcoming: bool
    order: int  # position in the sorted queue: a total order even when times are equal
    compared: tuple | None | bool = False  # PB406's view of the draft when given (see SameTextEncoder)

    @functools.cached_property
    def local(self) -> dt.datetime:
        """The naive wall-clock time in the organisation's zone, worked out on first use (PB406 needs
        it only for the posts it reports, and a conversion to a named zone costs microseconds)."""
        return _local(self.at, self.zone)

    @property
    def day(self) -> dt.date:
        return self.local.date()

    @property
    def path(self) -> str:
        return self.draft.path

    def where(self) -> Loc:
        return self.draft.meta_loc("publish_at")


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _zone(name: str | None) -> dt.tzinfo:
    try:
        return ZoneInfo(name) if name else dt.timezone.utc
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return dt.timezone.utc  # an unknown zone is reported by the playbook checks


def _aware(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _local(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _is_promo(draft: Draft) -> bool:
    return draft.kind == "promo" or bool(draft.sponsored)


def _queue(drafts: Sequence[Draft], zone: dt.tzinfo, now: dt.datetime,
           compared: Sequence[tuple | None] | None = None) -> list[_Post]:
    dated = [(_aware(d.publish_at, zone), d.path, i, d) for i, d in enumerate(drafts)
             if isinstance(d.publish_at, dt.datetime)]
    # Sorted on the instants as durations since 1970 (UTC): the same order as the aware times,
    # whose every comparison would work out both offsets again.
    dated.sort(key=lambda item: (item[0] - _EPOCH, item[1], item[2]))
    return [_Post(d, at, zone, _is_promo(d), at >= now, order, compared[i] if compared is not None else False)
            for order, (at, _, i, d) in enumerate(dated)]


def check_queue(drafts: Sequence[Draft], playbook: Playbook, ctx: CheckContext,
                compared: Sequence[tuple | None] | None = None, *, same_text: bool = True) -> Iterator[Finding]:
    """Every PB4xx finding for this queue of drafts, judged at ``ctx.now``.

    ``compared`` (optional, one item per draft) is what a ``SameTextEncoder`` made of each draft:
    the linter encodes the drafts in its worker processes, where they are parsed, so that the
    drafts it keeps for the queue need neither their text nor their spans, and so that this
    process has little left to do. ``same_text=False`` leaves PB406 out, for a caller that runs
    ``check_same_text`` on the side (its findings come last, as here).
    """
    zone = _zone(playbook.organisation.timezone)
    now = _aware(ctx.now, zone)
    posts = _queue(drafts, zone, now, compared)
    if not posts:
        return
    by_channel: dict[str, list[_Post]] = defaultdict(list)
    for post in posts:
        for channel in dict.fromkeys(post.draft.channels):
            by_channel[channel].append(post)
    upcoming = [post for post in posts if post.upcoming]
    yield from _promo_share(by_channel, playbook)
    if upcoming:
        upcoming_by_channel = {cid: [p for p in items if p.upcoming] for cid, items in by_channel.items()}
        yield from _cadence(upcoming_by_channel, playbook, _local(now, zone), upcoming[-1])
        yield from _gaps(upcoming_by_channel, playbook, now, zone, upcoming[-1])
        yield from _coverage(upcoming, playbook, zone)
        yield from _freeze(upcoming, playbook, zone)
    if same_text:
        yield from _same_text(posts, playbook)


def check_same_text(drafts: Sequence[Draft], playbook: Playbook, ctx: CheckContext,
                    compared: Sequence[tuple | None] | None = None, split: bool = False) -> list[Finding]:
    """PB406's findings alone, exactly as ``check_queue`` gives them.

    ``split``: the caller runs this on a core of its own and has another one that is about to be
    free, so the search of a large queue may fork once more and share out its texts (see
    ``_same_text``).
    """
    zone = _zone(playbook.organisation.timezone)
    return list(_same_text(_queue(drafts, zone, _aware(ctx.now, zone), compared), playbook, split))


# -- formatting helpers -----------------------------------------------------------------------------
def _percent(share: float) -> str:
    return f"{share * 100:.1f}".rstrip("0").rstrip(".")


def _day_name(day: dt.date) -> str:
    return _WEEKDAYS[day.weekday()]


def _when(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _days(delta: dt.timedelta) -> str:
    days = delta.total_seconds() / 86400
    text = f"{round(days)}" if abs(days - round(days)) < 0.05 else f"{days:.1f}"
    return f"{text} day" if text == "1" else f"{text} days"


def _paths(posts: Sequence[_Post], limit: int = 6) -> str:
    names = list(dict.fromkeys(post.path for post in posts))
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _label(playbook: Playbook, channel_id: str) -> str:
    channel = playbook.channel(channel_id)
    return channel.label if channel is not None else channel_id


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _week(monday: dt.date) -> str:
    return f"{monday:%Y-%m-%d} to {monday + dt.timedelta(days=6):%Y-%m-%d} (week {monday.isocalendar().week})"


def _duration(minutes: int) -> str:
    if minutes and minutes % MINUTES_PER_DAY == 0:
        return f"{minutes // MINUTES_PER_DAY}d"
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes > 60 else f"{minutes}min"


# -- PB401 promotional share -----------------------------------------------------------------------------
def _promo_share(by_channel: dict[str, list[_Post]], playbook: Playbook) -> Iterator[Finding]:
    limit = playbook.tone.promo_max_share
    if limit is None or limit >= 1:
        return
    width = max(1, playbook.tone.promo_window_days or 7)
    allowed = _percent(limit)

    def over(promo: int, total: int) -> bool:
        return promo > limit * total + 1e-9

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
            def share(window: tuple[int, int]) -> tuple[float, int]:
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
            yield PROMO_SHARE.at(
                tip.where(),
                f"{promo} of {total} posts on {label} ({_percent(promo / total)} %) are promotional between "
                f"{first_day:%Y-%m-%d} and {posts[right].day:%Y-%m-%d}; the charter allows {allowed} %",
                f"Promotional posts in this stretch: {_paths(involved)}. Space them out or put informative posts "
                f"between them; promotion must stay a minority (tone.yml promotion.max_share, "
                f"over {width} days).")


# -- PB402 cadence per calendar week --------------------------------------------------------------------
def _cadence(by_channel: dict[str, list[_Post]], playbook: Playbook, now_local: dt.datetime,
             last: _Post) -> Iterator[Finding]:
    last_day = last.day
    for channel_id, posts in by_channel.items():
        channel = playbook.channel(channel_id)
        if not posts or channel is None or not channel.active or channel.cadence is None:
            continue
        cadence, label = channel.cadence, channel.label
        weeks: dict[dt.date, list[_Post]] = defaultdict(list)
        for post in posts:
            weeks[_monday(post.day)].append(post)
        if cadence.max_per_week is not None:
            for monday in sorted(weeks):
                items = weeks[monday]
                if len(items) > cadence.max_per_week:
                    extra = len(items) - cadence.max_per_week
                    yield CADENCE.at(
                        items[cadence.max_per_week].where(),
                        f"{len(items)} posts on {label} in the week from {_week(monday)}; the cadence allows at "
                        f"most {cadence.max_per_week} a week",
                        f"Move {extra} of them to a quieter week ({_paths(items[cadence.max_per_week:])}), or "
                        f"raise cadence.max_per_week in channels.yml.")
        if not cadence.min_per_week:
            continue
        # Whole weeks only: from the first Monday not before now to the last week whose Sunday
        # the queue reaches. Empty stretches are computed between the weeks that have posts,
        # so a far-future typo (2207 for 2027) costs nothing.
        first = _monday(now_local.date())
        if dt.datetime.combine(first, dt.time()) < now_local:
            first += dt.timedelta(days=7)
        final = _monday(last_day) - dt.timedelta(days=0 if last_day.weekday() == 6 else 7)
        days = [post.day for post in posts]
        cursor = first
        for monday in sorted(m for m in weeks if first <= m <= final):
            if monday > cursor:
                yield _empty_weeks(CADENCE, posts, days, cursor, monday - dt.timedelta(days=7), label,
                                   cadence.min_per_week)
            count = len(weeks[monday])
            if count < cadence.min_per_week:
                missing = cadence.min_per_week - count
                yield CADENCE.at(
                    weeks[monday][0].where(),
                    f"only {count} post{'s' if count > 1 else ''} on {label} in the week from {_week(monday)}; "
                    f"the cadence asks for at least {cadence.min_per_week} a week",
                    f"Add {missing} post{'s' if missing > 1 else ''} to that week, or lower "
                    f"cadence.min_per_week in channels.yml.")
            cursor = monday + dt.timedelta(days=7)
        if cursor <= final:
            yield _empty_weeks(CADENCE, posts, days, cursor, final, label, cadence.min_per_week)


def _empty_weeks(rule: Rule, posts: list[_Post], days: list[dt.date], start: dt.date, end: dt.date, label: str,
                 wanted: int) -> Finding:
    """Weeks ``start``..``end`` (Mondays) have no post: report on the first post after them, or
    on the last one before them when the channel has nothing later."""
    after = bisect.bisect_right(days, end + dt.timedelta(days=6))
    anchor = posts[after] if after < len(posts) else posts[after - 1]
    weeks = (end - start).days // 7 + 1
    if weeks == 1:
        span = f"the week from {_week(start)}"
    else:
        span = (f"the {weeks} weeks from {start:%Y-%m-%d} to {end + dt.timedelta(days=6):%Y-%m-%d} "
                f"(weeks {start.isocalendar().week} to {end.isocalendar().week})")
    return rule.at(anchor.where(), f"no post on {label} in {span}; the cadence asks for at least {wanted} a week",
                   f"Schedule at least {wanted} post{'s' if wanted > 1 else ''} a week on {label}, or lower "
                   f"cadence.min_per_week in channels.yml if the channel may rest.")


# -- PB403 gaps ------------------------------------------------------------------------------------------
def _gaps(by_channel: dict[str, list[_Post]], playbook: Playbook, now: dt.datetime, zone: dt.tzinfo,
          last: _Post) -> Iterator[Finding]:
    for channel_id, posts in by_channel.items():
        channel = playbook.channel(channel_id)
        if (not posts or channel is None or not channel.active or channel.cadence is None
                or channel.cadence.max_gap_days is None):
            continue
        most = channel.cadence.max_gap_days
        limit, label = dt.timedelta(days=most), channel.label
        rule = f"the cadence allows at most {most} day{'s' if most != 1 else ''} without a post"
        hint = (f"Schedule a post on {label} during that time, or raise cadence.max_gap_days in channels.yml if the "
                f"channel may rest that long.")
        previous: _Post | None = None
        for post in posts:
            start = previous.at if previous is not None else now
            gap = post.at - start
            if gap > limit:
                if previous is None:
                    message = (f"nothing is scheduled on {label} for {_days(gap)}, from now "
                               f"({_when(_local(now, zone))}) until this post; {rule}")
                else:
                    message = (f"{_days(gap)} without a post on {label} before this one (the previous is "
                               f"{previous.path}, {_when(previous.local)}); {rule}")
                yield GAP.at(post.where(), message, hint)
            previous = post
        tail = last.at - posts[-1].at
        if tail > limit:
            yield GAP.at(posts[-1].where(),
                         f"nothing is scheduled on {label} for {_days(tail)} after this post, while the queue runs "
                         f"until {_when(last.local)}; {rule}", hint)


# -- PB404 coverage -------------------------------------------------------------------------------------
class _Duty:
    """Who holding a community-manager profile is on duty when, day by day (absences removed).

    Each day's coverage is the union of the staff's intervals for that weekday, in minutes since
    local midnight; it is computed once per date of the queue and cached for this run only.
    """

    def __init__(self, playbook: Playbook):
        profiles = {p.id for p in playbook.roles.profiles if p.kind == "community-manager"}
        self.staff = [person for person in playbook.roles.people if profiles.intersection(person.roles)]
        self.by_weekday = [[self._clip(person.schedule.intervals, weekday) for weekday in range(7)]
                           for person in self.staff]
        self.days: dict[dt.date, tuple[tuple[int, int], ...]] = {}

    @staticmethod
    def _clip(intervals, weekday: int) -> tuple[tuple[int, int], ...]:
        low, high = weekday * MINUTES_PER_DAY, (weekday + 1) * MINUTES_PER_DAY
        return tuple((max(s, low) - low, min(e, high) - low) for s, e in intervals if s < high and e > low)

    def day(self, day: dt.date) -> tuple[tuple[int, int], ...]:
        found = self.days.get(day)
        if found is None:
            pieces = sorted(interval for person, week in zip(self.staff, self.by_weekday)
                            if not person.absent_on(day) for interval in week[day.weekday()])
            merged: list[list[int]] = []
            for start, end in pieces:
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            found = self.days[day] = tuple((start, end) for start, end in merged)
        return found

    def covered_until(self, moment: dt.datetime) -> dt.datetime | None:
        """End of the on-duty interval containing ``moment`` (naive local), or None."""
        midnight = dt.datetime.combine(moment.date(), dt.time())
        minute = (moment - midnight).total_seconds() / 60
        for start, end in self.day(moment.date()):
            if start <= minute < end:
                return midnight + dt.timedelta(minutes=end)
        return None

    def first_gap(self, start: dt.datetime, end: dt.datetime) -> dt.datetime | None:
        """First unattended moment in ``[start, end]`` (just ``start`` when they are equal)."""
        cursor = start
        while True:
            until = self.covered_until(cursor)
            if until is None:
                return cursor
            if until >= end:
                return None
            cursor = until

    def back_at(self, moment: dt.datetime) -> dt.datetime | None:
        """When somebody is on duty again after the unattended ``moment``."""
        for offset in range(_COVERAGE_HORIZON_DAYS + 1):
            day = moment.date() + dt.timedelta(days=offset)
            midnight = dt.datetime.combine(day, dt.time())
            for start, end in self.day(day):
                if midnight + dt.timedelta(minutes=end) > moment:
                    return max(midnight + dt.timedelta(minutes=start), moment)
        return None

    def usually_there(self, moment: dt.datetime) -> list[str]:
        """Staff whose schedule covers ``moment`` but who are absent that day."""
        minute = moment.weekday() * MINUTES_PER_DAY + moment.hour * 60 + moment.minute
        names = []
        for person in self.staff:
            if person.absent_on(moment.date()) and person.schedule.contains(minute):
                reason = next((a.reason for a in person.absences if a.covers(moment.date()) and a.reason), None)
                names.append(f"{person.name or person.id}" + (f" ({reason})" if reason else ""))
        return names


def _back(gap: dt.datetime, back: dt.datetime) -> str:
    if back.date() == gap.date():
        return f"{back:%H:%M}"
    if (back.date() - gap.date()).days < 7:
        return f"{_day_name(back.date())} {back:%H:%M}"
    return f"{_day_name(back.date())} {back:%Y-%m-%d} at {back:%H:%M}"


def _coverage(upcoming: list[_Post], playbook: Playbook, zone: dt.tzinfo) -> Iterator[Finding]:
    duty = _Duty(playbook)
    if not duty.staff:
        return  # a team without any community manager is a playbook finding, not one per post
    window = playbook.tone.reaction_window_minutes or 0
    for post in upcoming:
        end = _local(post.at + dt.timedelta(minutes=window), zone)
        gap = duty.first_gap(post.local, end)
        if gap is None:
            continue
        back = duty.back_at(gap)
        published = f"published {_day_name(post.day)} {post.local:%Y-%m-%d} at {post.local:%H:%M}"
        if back is None:
            until = f"in the {_COVERAGE_HORIZON_DAYS} days that follow"
        else:
            until = f"until {_back(gap, back)}"
        if gap == post.local:
            message = f"{published}; nobody is on duty to answer {until}"
        else:
            message = (f"{published}; within the {_duration(window)} reaction window, nobody is on duty from "
                       f"{gap:%H:%M} {until}")
        hint = (f"Publish when a community manager is on duty for the {_duration(window)} that follow, or plan "
                f"someone on call (roles.yml schedules).") if window else \
            "Publish when a community manager is on duty, or plan someone on call (roles.yml schedules)."
        absent = duty.usually_there(gap)
        if absent:
            hint += f" Usually on duty then but absent that day: {', '.join(absent)}."
        yield COVERAGE.at(post.where(), message, hint)


# -- PB405 crisis freeze -------------------------------------------------------------------------------
def _freeze(upcoming: list[_Post], playbook: Playbook, zone: dt.tzinfo) -> Iterator[Finding]:
    status = playbook.crisis.status
    if status is None or not status.active:
        return
    started = _aware(status.started_at, zone) if status.started_at is not None else None
    frozen = set(status.frozen_channels)
    since = f" since {_when(_local(started, zone))}" if started is not None else ""
    lead = playbook.person(status.lead) if status.lead else None
    who = f" ({lead.name or lead.id} leads the crisis)" if lead is not None else ""
    for post in upcoming:
        hits = [cid for cid in dict.fromkeys(post.draft.channels) if cid in frozen]
        promo = post.promo and (started is None or post.at >= started)
        if not hits and not promo:
            continue
        reasons = []
        if hits:
            names = ", ".join(_label(playbook, cid) for cid in hits)
            reasons.append(f"{names} {'is' if len(hits) == 1 else 'are'} frozen")
        if promo:
            reasons.append("promotional posts are suspended")
        yield CRISIS_FREEZE.at(
            post.where(),
            f"scheduled during the crisis under way{since}: {' and '.join(reasons)}",
            f"Postpone this post until the crisis is over, or cancel it{who}. Once the crisis is resolved, set "
            f"status.active to false in crisis.yml.")


# -- PB406 the same text on several channels --------------------------------------------------------------
_STRIP = re.compile(
    r"(?:https?://|www\.)\S+"          # links (tracking parameters differ per channel)
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"   # e-mail addresses
    r"|(?<![\w&])[#@][\w-]+"           # hashtags and mentions
    r"|<[^>]*>",                       # HTML tags
    re.IGNORECASE)
_WORD = re.compile(r"\w+")


def _normal(text: str) -> str:
    """PB406's reading of text: compatibility forms and case set aside."""
    return unicodedata.normalize("NFKC", text).casefold()


def _words(draft: Draft) -> list[str]:
    """The words of the post's prose in lower case: from the parser's prose spans when it made them."""
    if draft.spans:  # the parser already set links, hashtags, mentions and code apart
        text = " ".join(draft.text[span.start:span.end] for span in draft.spans if span.kind == "prose")
        return _WORD.findall(_normal(text))
    text = _normal(draft.body)
    return _WORD.findall(_STRIP.sub(" ", text))


class _Numbering(dict):
    """PB406 word -> its number in one encoder (from 1, in order of first sight); ``names`` by number."""

    __slots__ = ("names",)

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = [""]

    def __missing__(self, word: str) -> int:
        number = self[word] = len(self.names)
        self.names.append(word)
        return number


class _ChunkNumbers(dict):
    """Text between two spaces -> the numbers of its PB406 words, in order (a tuple): a pure memo.

    Why chunks: a space is a starter that composes with nothing under NFKC, folds to itself and
    is no word character, so PB406's words of a prose (``_words``) are the words of its
    space-separated chunks, in order. Posts repeat the same chunks, so each distinct one is
    normalised and searched once per encoder and a draft's words are chunks looked up at C level.
    """

    __slots__ = ("numbering",)

    def __init__(self, numbering: _Numbering):
        super().__init__()
        self.numbering = numbering

    def __missing__(self, chunk: str) -> tuple[int, ...]:
        value = self[chunk] = tuple(map(self.numbering.__getitem__, _WORD.findall(_normal(chunk))))
        return value


@dataclass(eq=False)
class _Vocabulary:
    """What an encoder numbered: its words (``names``, by number), its shingles and how often each occurs.

    ``shingles`` maps a shingle (the tuple of the numbers of its words) to the shingle's number,
    given in insertion order. One object per encoder, shared by every item it made, so a batch
    of drafts sent between processes carries each shingle once (as its name: see ``__reduce__``).
    ``frequency`` counts, per shingle number, the items that hold the shingle, and ``items`` the
    items made: the global order of shingles (rarest first) is then summed from a few thousand
    counts per batch, in the process that runs PB406, instead of counted again from every item.
    """

    names: list[str]
    shingles: dict[tuple[int, ...], int]
    sent: list[str] | None = None
    """The shingles' names, in their numbers' order, once the vocabulary crossed to another process."""
    frequency: Counter | list[int] = field(default_factory=Counter)
    items: int = 0

    def frequencies(self) -> list[int]:
        """How many items hold each shingle, by shingle number."""
        if isinstance(self.frequency, list):
            return self.frequency
        return list(map(self.frequency.__getitem__, range(len(self.shingles))))

    def shingle_name(self, key: tuple[int, ...]) -> str:
        """The shingle's words joined by spaces (what orders shingles alike in every process)."""
        return " ".join(map(self.names.__getitem__, key))

    def shingle_names(self) -> list[str]:
        """The names of the shingles, by shingle number."""
        if self.sent is not None:
            return self.sent
        return list(map(self.shingle_name, self.shingles))

    def __reduce__(self):
        """Sent as the shingles' names alone: the receiver only orders shingles by their names,
        and joining the words here, in a worker, keeps that work off the process that runs the
        queue rules."""
        return _Vocabulary, ([], {}, self.shingle_names(), self.frequencies(), self.items)


class SameTextEncoder:
    """PB406's view of drafts: their normalised words and shingles, numbered per encoder.

    Calling it on a draft gives None when the draft takes no part (no channel, or fewer than
    MIN_WORDS words), else ``(digest, vocabulary, ids)``: a digest of its normalised words in
    order (equal digests are the very same text), the encoder's _Vocabulary and the numbers of
    the draft's distinct shingles. ``_same_text`` renumbers them in one global order.

    Why numbers: word pairs are then pairs of integers, not joined strings, and the words
    themselves are read chunk by chunk from a memo (``_ChunkNumbers``). Why a digest: the words
    are only compared for equality, when a match is found, and 16 bytes cross between processes
    faster than the words of a long post.
    """

    def __init__(self) -> None:
        self._numbering = _Numbering()
        self._chunks = _ChunkNumbers(self._numbering)
        self.vocabulary = _Vocabulary(self._numbering.names, _ShingleNumbers())

    def _word_numbers(self, draft: Draft) -> list[int]:
        """The numbers of the draft's PB406 words (``_words``), read from its prose spans chunk by chunk."""
        if not draft.spans:
            return list(map(self._numbering.__getitem__, _words(draft)))
        chunks = draft.words.chunks if isinstance(draft.words, Tokens) else chain.from_iterable(
            draft.text[span.start:span.end].split(" ") for span in draft.spans if span.kind == "prose")
        return list(chain.from_iterable(map(self._chunks.__getitem__, chunks)))

    def __call__(self, draft: Draft) -> tuple[bytes, _Vocabulary, array] | None:
        if not draft.channels or not isinstance(draft.publish_at, dt.datetime):  # undated: not in the queue
            return None
        words = self._word_numbers(draft)
        if len(words) < MIN_WORDS:
            return None
        # Each run of words looked up once (a new one numbered on the way), then deduplicated
        # as numbers: ints hash faster than the tuples, and the order of `ids` does not matter.
        vocabulary = self.vocabulary
        shingles = vocabulary.shingles
        ids = set(map(shingles.__getitem__, _runs(words)))
        vocabulary.frequency.update(ids)
        vocabulary.items += 1
        digest = hashlib.blake2b(" ".join(map(self._numbering.names.__getitem__, words)).encode(),
                                 digest_size=16).digest()
        return digest, vocabulary, array("H" if len(shingles) <= 1 << 16 else "I", ids)


def _runs(words: list[int]) -> Iterator[tuple[int, ...]]:
    """The runs of SHINGLE_WORDS consecutive words (shingles, repeats included), as tuples of word numbers."""
    return zip(*(islice(words, offset, None) for offset in range(SHINGLE_WORDS)))


class _ShingleNumbers(dict):
    """Shingle (tuple of word numbers) -> its number in one encoder, from 0 in order of first sight."""

    __slots__ = ()

    def __missing__(self, shingle: tuple[int, ...]) -> int:
        number = self[shingle] = len(self)
        return number


_COUNT_THEN_NAME = itemgetter(1, 0)  # a (shingle name, count) pair's place in the global order


def _same_text(posts: list[_Post], playbook: Playbook, split: bool = False) -> Iterator[Finding]:
    """Near-duplicate search with prefix filtering (an exact set-similarity join).

    Two sets whose Jaccard similarity is at least t share a shingle among the first
    ``n - ceil(t*n) + 1`` shingles of each, once every set is sorted by one global order (rarest
    first, then alphabetical). So each text is indexed under a few rare shingles only and is
    compared with the few earlier texts found under them: no all-pairs comparison. Each distinct
    shingle is replaced by its rank in that global order, and each text by the sorted tuple of its
    ranks (its prefix is then just the tuple's first items): 10,000 drafts make few objects to
    track, and small ones.

    With ``split`` and at least SPLIT_AT texts, once the sets are made the later half of the texts
    is searched in a forked copy (which first indexes the earlier half): the two halves' findings,
    one after the other, are those of a single search.
    """
    kept: list[_Post] = []
    texts: list[bytes] = []  # the digests of the normalised words: equal means the very same text
    local: list[tuple[list, array]] = []  # each text's vocabulary entry and distinct shingles, by their numbers
    channel_keys: list[int] = []  # the draft's channels, numbered: equal means a repost
    channel_numbers: defaultdict[str, int] = defaultdict(count().__next__)
    channel_of_tuple: dict[tuple[str, ...], int] = {}  # a memo of the channel keys, by the tuple as written
    vocabularies: dict[int, list] = {}  # id of a _Vocabulary -> [it, texts kept from it]
    encoder = None
    for post in posts:
        item = post.compared
        if item is False:
            encoder = encoder or SameTextEncoder()
            item = encoder(post.draft)
        if item is None:
            continue
        digest, theirs, ids = item
        entry = vocabularies.get(id(theirs))
        if entry is None:
            entry = vocabularies[id(theirs)] = [theirs, 0]
        entry[1] += 1
        kept.append(post)
        texts.append(digest)
        local.append((entry, ids))
        channels = post.draft.channels
        key = channel_of_tuple.get(channels)
        if key is None:  # the channels as a set: the same ones in another order are the same key
            key = channel_of_tuple[channels] = channel_numbers["\x1f".join(sorted(channels))]
        channel_keys.append(key)
    sets = _ranked_sets(local, vocabularies)
    del local, vocabularies
    channel_of = {number: key for key, number in channel_numbers.items()}
    search = (kept, sets, texts, channel_keys, channel_of, playbook)
    if split and len(kept) >= SPLIT_AT:
        from linter.aside import Aside

        half = len(kept) // 2
        later = Aside(_search, *search, half, len(kept))
        yield from _search(*search, 0, half)
        yield from later.result()
    else:
        yield from _search(*search, 0, len(kept))


def _search(kept: list[_Post], sets: list[tuple[int, ...]], texts: list[bytes], channel_keys: list[int],
            channel_of: dict[int, str], playbook: Playbook, first: int, last: int) -> list[Finding]:
    """PB406's findings on the texts numbered ``first`` to ``last - 1``, the earlier texts indexed first."""
    num, den = SIMILARITY.numerator, SIMILARITY.denominator
    findings: list[Finding] = []
    index: dict[int, list[int]] = {}
    sizes = list(map(len, sets))
    for number in range(last):
        shingles = sets[number]
        size = len(shingles)
        prefix = shingles[:size - (-(-num * size // den)) + 1]
        post = kept[number]
        if number >= first and post.upcoming:
            match = _earliest_match(number, sets, channel_keys, prefix, index, num, den, sizes)
            if match is not None:
                findings.append(_same_text_finding(
                    post, kept[match], texts[number] == texts[match], frozenset(shingles), frozenset(sets[match]),
                    channel_of[channel_keys[match]].split("\x1f"), playbook))
        for shingle in prefix:
            found = index.get(shingle)
            if found is None:
                index[shingle] = [number]
            else:
                found.append(number)
    return findings


def _ranked_sets(local: list[tuple[list, array]], vocabularies: dict[int, list]) -> list[tuple[int, ...]]:
    """Each text's distinct shingles as their ranks in one global order, sorted (its prefix first).

    The order: rarest first (in how many texts), then alphabetical. Each vocabulary counted its
    shingles over the items it made; when some of these items are not among the texts kept, its
    shingles are counted again over the texts kept. Only shingles of some text are ranked.
    ``local`` holds (vocabulary entry, shingle numbers) per text, ``vocabularies`` the entries
    ([vocabulary, texts kept from it]).
    """
    totals: dict[str, int] = {}
    names = {id(entry): entry[0].shingle_names() for entry in vocabularies.values()}  # joined once per vocabulary
    for entry in vocabularies.values():
        vocabulary = entry[0]
        frequencies = vocabulary.frequencies()
        if entry[1] != vocabulary.items:
            counted = Counter(chain.from_iterable(ids for owner, ids in local if owner is entry))
            frequencies = list(map(counted.__getitem__, range(len(frequencies))))
        for name, frequency in zip(names[id(entry)], frequencies):
            if frequency:
                totals[name] = totals.get(name, 0) + frequency
    rank = {name: position for position, (name, _) in enumerate(sorted(totals.items(), key=_COUNT_THEN_NAME))}
    del totals
    ranks = {key: list(map(rank.get, shingles)) for key, shingles in names.items()}
    return [tuple(sorted(map(ranks[id(entry)].__getitem__, ids))) for entry, ids in local]


def _earliest_match(number, sets, channel_keys, prefix, index, num, den, sizes=None) -> int | None:
    """The earliest earlier text on other channels at least as similar as the threshold.

    The candidates are visited in a fixed order: each prefix shingle's texts, in queue order,
    only those earlier than the best match so far, and at most _MAX_CHECKS_PER_DRAFT of them in
    all (the bound that keeps a queue of near-copies linear). Each shingle's run of candidates is
    first narrowed at C level to those whose size allows the threshold (most are not), and only
    these are compared; the count of visited candidates is kept exactly as a one-by-one visit
    keeps it, so the bound cuts the search at the very same place.
    """
    shingles, channels = sets[number], channel_keys[number]
    if sizes is None:
        sizes = list(map(len, sets))
    size, best, examined, seen = len(shingles), None, 0, set()
    sizes_of = sizes.__getitem__
    allowed = range(-(-num * size // den), den * size // num + 1).__contains__  # len(other) within the ratio
    mine: frozenset[int] | None = None
    for shingle in prefix:
        found = index.get(shingle)
        if not found:
            continue
        limit = bisect.bisect_left(found, best) if best is not None else len(found)
        if not limit:
            continue
        budget = _MAX_CHECKS_PER_DRAFT - examined
        if budget <= 0:
            return best
        window = found[:min(limit, budget)]
        hit = None
        for candidate in compress(window, map(allowed, map(sizes_of, window))):
            if candidate in seen or channel_keys[candidate] == channels:
                continue  # already judged, or the same channels: a repost, not the same text elsewhere
            seen.add(candidate)
            if mine is None:
                mine = frozenset(shingles)
            other = sets[candidate]
            common = len(mine.intersection(other))
            if common * den >= num * (size + len(other) - common):
                hit = candidate
                break
        if hit is not None:  # visited up to it; the rest of this shingle's texts are later than it
            best = hit
            examined += window.index(hit) + 1
        else:
            examined += len(window)
            if limit > budget:  # the next candidate would be one too many
                return best
    return best


def _same_text_finding(post: _Post, other: _Post, identical: bool, shingles: frozenset[int],
                       other_shingles: frozenset[int], other_channels: list[str], playbook: Playbook) -> Finding:
    labels = ", ".join(_label(playbook, cid) for cid in other_channels)
    when = _when(other.local)
    if identical:
        message = f"the same text as {other.path} (on {labels}, {when})"
    else:
        common = len(shingles & other_shingles)
        alike = common / (len(shingles) + len(other_shingles) - common)
        message = f"almost the same text ({round(alike * 100)} % alike) as {other.path} (on {labels}, {when})"
    return SAME_TEXT.at(
        post.draft.loc_at(post.draft.body_start), message,
        "Give each channel its own text: what its audience expects, in its format and tone. Links, hashtags "
        "and mentions do not count as a difference.")
