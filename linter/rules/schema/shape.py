"""The PB1xx schema rules: linter.playbook.schema validates and notes what is wrong, and each rule
reports the notes of its role (``linter.core.rule.Role``)."""

from linter.core.findings import Severity
from linter.core.rule import Role, rule

E = Severity.ERROR
_OPTIONS = "None: the JSON Schemas in schemas/ define what is allowed; `playbook schema NAME` prints one."
_WHY = ("The playbook drives checks and the published site: a value of the wrong shape would either break them "
        "or be silently ignored.")

WRONG_TYPE = rule("PB101", "wrong-type", "A value has the wrong type (text, number, list...).", E,
    what="Reports a value whose type is not the one the field expects, e.g. text where a number is needed.",
    why=_WHY,
    example="objectives:\n  - id: notoriete\n    title: Faire connaître la marque\n    tier: premier",
    fixed="objectives:\n  - id: notoriete\n    title: Faire connaître la marque\n    tier: 1",
    options=_OPTIONS,
    example_file="objectives.yml",
    role=Role.WRONG_TYPE)

MISSING_FIELD = rule("PB102", "missing-field", "A required field is missing.", E,
    what="Reports a mapping that lacks a field the schema requires, with the field's description.",
    why=_WHY,
    example="objectives:\n  - title: Faire connaître la marque",
    fixed="objectives:\n  - id: notoriete\n    title: Faire connaître la marque",
    options=_OPTIONS,
    example_file="objectives.yml",
    role=Role.MISSING_FIELD)

UNKNOWN_FIELD = rule("PB103", "unknown-field", "A field is not known (often a typo).", E,
    what="Reports keys the schema does not define, with the closest known key.",
    why="A misspelt key is ignored by every consumer: the value the author believes is set is not.",
    example="objectives:\n  - id: notoriete\n    titel: Faire connaître la marque",
    fixed="objectives:\n  - id: notoriete\n    title: Faire connaître la marque",
    options=_OPTIONS,
    example_file="objectives.yml",
    role=Role.UNKNOWN_FIELD)

NOT_ALLOWED = rule("PB104", "not-allowed-value", "A value is not one of the allowed choices.", E,
    what="Reports a value outside a closed list (a network, a register, a crisis phase...), with the closest "
             "allowed value.",
    why=_WHY,
    example="voice: Chaleureuse et précise\nregister: vouvoiement",
    fixed="voice: Chaleureuse et précise\nregister: vous",
    options=_OPTIONS,
    example_file="tone.yml",
    role=Role.NOT_ALLOWED)

BAD_FORMAT = rule("PB105", "bad-format", "A date, e-mail or web address is malformed.", E,
    what="Checks the format of dates (YYYY-MM-DD), date-times, e-mail addresses and URLs.",
    why="Dates drive staleness and deadlines, addresses are published: a typo there is visible to everyone.",
    example="version: '3'\nlast_reviewed: 15/09/2026\nreview_interval_months: 12\nrules: []",
    fixed="version: '3'\nlast_reviewed: 2026-09-15\nreview_interval_months: 12\nrules: []",
    options=_OPTIONS,
    example_file="usage-charter.yml",
    role=Role.BAD_FORMAT)

OUT_OF_RANGE = rule("PB106", "out-of-range", "A number or a list size is out of range.", E,
    what="Checks minimums and maximums: a tier of at least 1, a share between 0 and 1, non-empty lists.",
    why=_WHY,
    example="objectives:\n  - id: notoriete\n    title: Faire connaître la marque\n    tier: 0",
    fixed="objectives:\n  - id: notoriete\n    title: Faire connaître la marque\n    tier: 1",
    options=_OPTIONS,
    example_file="objectives.yml",
    role=Role.OUT_OF_RANGE)

BAD_PATTERN = rule("PB107", "bad-pattern", "A value does not have the expected form (id, duration, hours).", E,
    what="Checks values with a fixed form: ids (lowercase, digits, dashes), durations (30min, 2h, 1d), "
                  "time ranges (09:00-18:00).",
    why="Ids are referenced from other files and drafts; durations and hours drive coverage checks.",
    example="objectives:\n  - id: Notoriété Locale\n    title: Faire connaître la marque",
    fixed="objectives:\n  - id: notoriete-locale\n    title: Faire connaître la marque",
    options=_OPTIONS,
    example_file="objectives.yml",
    role=Role.BAD_PATTERN)

TOO_MANY = rule("PB108", "repeated-item", "A list names the same item twice.", E,
    what="Reports lists of ids or terms that contain the same entry more than once.",
    why="A repeated entry is usually a copy-paste slip that hides a missing one.",
    example="audiences:\n  - id: grand-public\n    name: Grand public\n    channels: [facebook, facebook]",
    fixed="audiences:\n  - id: grand-public\n    name: Grand public\n    channels: [facebook, instagram]",
    options=_OPTIONS,
    example_file="audiences.yml",
    role=Role.REPEATED_ITEM)

INVALID_VALUE = rule("PB109", "invalid-value", "A value breaks another schema constraint.", E,
    what="Any other schema violation, explained with the schema's own words.",
    why=_WHY,
    example_note="The example depends on the constraint; here, a calendar event gives both a single date and a "
                 "repetition rule, where the schema allows only one of them.",
    example="events:\n  - id: portes-ouvertes\n    title: Portes ouvertes du pressoir\n    date: 2027-10-16\n"
            "    recurrence: FREQ=YEARLY;BYMONTH=10;BYDAY=3SA\n    start: 2026-10-17\n    channels: [facebook]\n"
            "    kind: event",
    fixed="events:\n  - id: portes-ouvertes\n    title: Portes ouvertes du pressoir\n"
          "    recurrence: FREQ=YEARLY;BYMONTH=10;BYDAY=3SA\n    start: 2026-10-17\n    channels: [facebook]\n"
          "    kind: event",
    options=_OPTIONS,
    example_file="calendar.yml",
    role=Role.INVALID_VALUE)

RULES = (
    WRONG_TYPE, MISSING_FIELD, UNKNOWN_FIELD, NOT_ALLOWED, BAD_FORMAT, OUT_OF_RANGE, BAD_PATTERN, TOO_MANY,
    INVALID_VALUE,
)

