"""Span labels the entity component writes to ``doc.spans[SPANS_KEY]``.

Normalized keys ride on the spans themselves so they survive serialization:
``span.id_`` holds the key (ISO code, source kind, event kind, item) and
``span.kb_id_`` a sub-type where one is useful (``country``/``region``/``place``/``water``).
"""

SPANS_KEY = "claimx"

REGION = "REGION"  # id_: ISO 3166 code ("" for places with no region, e.g. seas); kb_id_: mention type
QUANTITY = "QUANTITY"  # a count with its qualifier words ("more than 130", "three each")
TIME = "TIME"  # a date, clock time, range or relative time expression
SOURCE = "SOURCE"  # id_: source kind ("ministry_of_defense", "governor", ...)
CUE = "CUE"  # a reporting verb or phrase ("said", "according to"); id_: cue type
EVENT = "EVENT"  # an event trigger ("shot down", "killed"); id_: event kind
ITEM = "ITEM"  # a counted noun ("drones", "HIMARS rocket system rounds"); id_: normalized item
HEDGE = "HEDGE"  # a certainty marker ("reportedly", "may")
NEGATION = "NEGATION"  # a zero-count phrase ("no injuries", "nobody was hurt"); id_: event kind
SINGLE = "SINGLE"  # one harmed person named with an article ("a woman was injured"); id_: event kind

ALL = (REGION, QUANTITY, TIME, SOURCE, CUE, EVENT, ITEM, HEDGE, NEGATION, SINGLE)
