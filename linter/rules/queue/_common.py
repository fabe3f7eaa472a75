"""Helpers shared by the queue rules (PB4xx): the examples' layout and the wording of messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from linter.core.i18n import Language
from linter.drafts.queue import Post
from linter.playbook.model import MINUTES_PER_DAY, Playbook

_COVERAGE_HORIZON_DAYS = 31  # how far ahead we look for the next person on duty


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

# -- formatting helpers -----------------------------------------------------------------------------
def _percent(share: float, lang: Language) -> str:
    return lang.number(round(share * 100, 1))


def _day_name(day: dt.date, lang: Language) -> str:
    return lang.weekday(day.weekday())


def _when(moment: dt.datetime, lang: Language) -> str:
    """``January 9, 2027 at 18:00``, ``9 janvier 2027 à 18 h``."""
    return lang("{date} at {time}", date=lang.date(moment.date()), time=lang.clock(moment.hour * 60 + moment.minute))


def _days(delta: dt.timedelta, lang: Language) -> str:
    days = delta.total_seconds() / 86400
    if abs(days - round(days)) < 0.05:
        return lang.plural("{count} day", "{count} days", round(days))
    return lang.plural("{count} day", "{count} days", 2, count=lang.number(round(days, 1)))  # 4.9 days


def _paths(posts: Sequence[Post], lang: Language, limit: int = 6) -> str:
    names = list(dict.fromkeys(post.path for post in posts))
    if len(names) <= limit:
        return ", ".join(names)
    return lang.plural("{paths} and {count} more", "{paths} and {count} more", len(names) - limit,
                       paths=", ".join(names[:limit]))


def _label(playbook: Playbook, channel_id: str) -> str:
    channel = playbook.channel(channel_id)
    return channel.label if channel is not None else channel_id


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _week(monday: dt.date, lang: Language) -> str:
    """``week 1 (Jan 4 – 10, 2027)``."""
    return lang("week {number} ({dates})", number=monday.isocalendar().week,
                dates=lang.date_range(monday, monday + dt.timedelta(days=6)))


def _duration(minutes: int) -> str:
    if minutes and minutes % MINUTES_PER_DAY == 0:
        return f"{minutes // MINUTES_PER_DAY}d"
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes > 60 else f"{minutes}min"


