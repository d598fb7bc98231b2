"""Every reason a person can be pending or left out, declared once with its labels.

A reason is a code (``window_open``) stored in results and counted; a report shows its
label in Swedish or English. The engine's own reasons, the built-in kinds' and the
generated families (``awaiting_<anchor>``, ``missing_<column>``) are all declared here:
the code is written nowhere else (kinds and engine use the constants), and
:func:`reason_label` gives the label of any code, a family's with its anchor or column
named by the caller. A plugin kind's own codes have no label here and are shown as they
are, underscores read as spaces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "AWAITING",
    "AWAITING_BASELINE",
    "AWAITING_FOLLOW_UP",
    "AWAITING_RESPONSE",
    "COHORT_REASONS",
    "ENROLLED_AFTER_COHORT_CLOSE",
    "EXCLUDED",
    "FAMILIES",
    "MISSING",
    "MISSING_COLUMN",
    "NOT_EXITED",
    "NO_ANCHOR_BY_DUE",
    "NO_BASELINE",
    "NO_FOLLOW_UP",
    "NO_RESPONSE",
    "OUTSIDE_FILTER",
    "OUTSIDE_TARGET_GROUP",
    "PENDING",
    "REASONS",
    "WAITING",
    "WINDOW_OPEN",
    "WINDOW_PAST_DUE",
    "Family",
    "Reason",
    "missing_reason",
    "reason_label",
    "waiting_reason",
]


@frozen
class Reason:
    """A reason's code and its label in each language."""

    code: str
    en: str
    sv: str

    def label(self, lang: str) -> str:
        """The label in ``lang`` (``"sv"`` or ``"en"``)."""
        return self.sv if lang == "sv" else self.en


@frozen
class Family:
    """Reasons made from a name: ``prefix`` followed by an anchor or a column; the labels
    hold ``{}`` where that name, in words, goes."""

    prefix: str
    en: str
    sv: str

    def code(self, name: str) -> str:
        """The code for ``name``."""
        return f"{self.prefix}{name}"

    def label(self, lang: str, name: str) -> str:
        """The label in ``lang`` with ``name`` (already in words) put in."""
        return (self.sv if lang == "sv" else self.en).format(name)


NOT_EXITED = "not_exited"
WINDOW_OPEN = "window_open"
WINDOW_PAST_DUE = "window_past_due"
AWAITING_RESPONSE = "awaiting_response"
NO_RESPONSE = "no_response"
AWAITING_BASELINE = "awaiting_baseline"
NO_BASELINE = "no_baseline"
AWAITING_FOLLOW_UP = "awaiting_follow_up"
NO_FOLLOW_UP = "no_follow_up"
NO_ANCHOR_BY_DUE = "no_anchor_by_due"
ENROLLED_AFTER_COHORT_CLOSE = "enrolled_after_cohort_close"
OUTSIDE_FILTER = "outside_filter"
OUTSIDE_TARGET_GROUP = "outside_target_group"
WAITING = "waiting"
PENDING = "pending"
EXCLUDED = "excluded"
MISSING = "missing"

REASONS: tuple[Reason, ...] = (
    Reason(NOT_EXITED, "not yet exited", "ännu inte avslutad"),
    Reason(WINDOW_OPEN, "follow-up window still open", "uppföljningsfönstret är öppet"),
    Reason(WINDOW_PAST_DUE, "window runs past the due date", "fönstret går förbi slutdatum"),
    Reason(AWAITING_RESPONSE, "answer still to come", "svar väntas"),
    Reason(NO_RESPONSE, "did not answer", "svarade inte"),
    Reason(AWAITING_BASELINE, "first answer still to come", "första svaret väntas"),
    Reason(NO_BASELINE, "no first answer", "inget första svar"),
    Reason(AWAITING_FOLLOW_UP, "follow-up answer still to come", "uppföljningssvaret väntas"),
    Reason(NO_FOLLOW_UP, "no follow-up answer", "inget uppföljningssvar"),
    Reason(NO_ANCHOR_BY_DUE, "starting event not reached by the due date",
           "startpunkten nåddes inte före slutdatum"),
    Reason(ENROLLED_AFTER_COHORT_CLOSE, "enrolled after the cohort closed",
           "inskriven efter att gruppen stängts"),
    Reason(OUTSIDE_FILTER, "outside the goal's target group", "utanför målets målgrupp"),
    Reason(OUTSIDE_TARGET_GROUP, "outside the project's target group",
           "utanför projektets målgrupp"),
    Reason(WAITING, "waiting for the event", "väntar på händelsen"),
    Reason(PENDING, "undecided", "ej avgjorda"),
    Reason(EXCLUDED, "left out", "ej medräknade"),
    Reason(MISSING, "value missing", "värde saknas"),
)
"""Every fixed reason: the engine's own (the cohort rule), the built-in kinds', and the
catch-alls ``pending`` and ``excluded`` for a plugin kind that gives no reason."""

COHORT_REASONS = (ENROLLED_AFTER_COHORT_CLOSE, OUTSIDE_TARGET_GROUP, OUTSIDE_FILTER)
"""Reasons the engine itself excludes a person for before the kind sees them."""

AWAITING = Family("awaiting_", "awaiting {}", "väntar på {}")
"""Pending while the person's own date (an anchor) has not come: ``awaiting_<anchor>``."""
MISSING_COLUMN = Family("missing_", "{} missing", "{} saknas")
"""Left out for having no value in a column: ``missing_<column>``."""
FAMILIES: tuple[Family, ...] = (AWAITING, MISSING_COLUMN)

_BY_CODE = {r.code: r for r in REASONS}


def waiting_reason(anchor: str) -> str:
    """The reason a person is pending while their anchor date has not come."""
    return NOT_EXITED if anchor == "exited" else AWAITING.code(anchor)


def missing_reason(column: str) -> str:
    """The reason a person with no value in ``column`` is left out."""
    return MISSING_COLUMN.code(column)


def reason_label(
    code: str, lang: str, name_words: Callable[[Family, str], str] | None = None
) -> str:
    """The label of ``code`` in ``lang``; a generated code's with its anchor or column as
    ``name_words(family, name)`` says it (as it is, by default); an unknown code as it is,
    underscores read as spaces."""
    found = _BY_CODE.get(code)
    if found is not None:
        return found.label(lang)
    for family in FAMILIES:
        if code.startswith(family.prefix):
            name = code.removeprefix(family.prefix)
            return family.label(lang, name_words(family, name) if name_words else name)
    return code.replace("_", " ")
