"""Figure-free sentences for the synthetic corpus (:mod:`numcheck.synthetic`): quotes, background
and reactions, made from open word lists and the story's names.

SYNTHETIC DATA: written by the numcheck team in its own words; see :mod:`numcheck.synthetic`.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the story record lives with the generator, which imports this module
    from .synthetic import _Story

# Sentences with no figure: who + how they said it + what + when, filled with the story's names,
# so that two unrelated articles share few five-word runs (as two real ones do).
_WHO = (lambda s: s.official, lambda s: f"A spokesperson for {s.agency}", lambda s: f"Advocates in {s.place[0]}",
        lambda s: f"Lawyers for the {s.subject[0]}", lambda s: f"Council members in {s.place[0]}",
        lambda s: f"Critics of the {s.program}", lambda s: f"Supporters of the {s.program}",
        lambda s: f"A former deputy to {_last(s)}", lambda s: f"Two caseworkers in {s.place[0]}",
        lambda s: f"The {s.title}", lambda s: f"Residents of {s.place[0]}", lambda s: "Union leaders",
        lambda s: f"Clergy in {s.pilot_place}", lambda s: "Lawmakers from both parties",
        lambda s: "An outside auditor", lambda s: f"Staff at {s.agency}", lambda s: "A retired judge",
        lambda s: f"Business owners in {s.place[0]}", lambda s: "Researchers who studied the rollout")
_SAID = ("said", "argued", "told reporters", "wrote in a letter", "said in a statement", "complained",
         "warned", "insisted", "noted", "acknowledged", "told the council", "said in an interview")
_ADJ = ("new", "costly", "quiet", "hasty", "local", "federal", "earlier", "final", "internal", "public",
        "private", "careful", "rushed", "informal", "detailed", "brief", "lengthy", "sharp", "formal",
        "recent", "draft", "independent", "outside", "regional", "temporary", "permanent", "broader",
        "narrow", "chaotic", "routine", "confusing", "overdue", "familiar", "unusual")
_NOUN = ("review", "audit", "memo", "hearing", "lawsuit", "complaint", "rollout", "budget", "directive",
         "inquiry", "report", "survey", "deadline", "contract", "office", "backlog", "schedule", "request",
         "warning", "process", "system", "meeting", "vote", "decision", "statement", "letter", "proposal",
         "protest", "investigation", "study", "briefing", "appeal", "settlement", "waiver", "guideline",
         "timetable", "database", "hotline", "form", "procedure")
_VERB = ("delayed", "questioned", "changed", "ignored", "blocked", "approved", "criticized", "revealed",
         "undercut", "complicated", "exposed", "slowed", "reshaped", "prompted", "outlined", "challenged",
         "followed", "replaced", "overshadowed", "strained", "described", "defended", "confirmed",
         "disputed", "reversed", "muddled", "sped up", "held up")
_PREP = ("about", "over", "for", "after", "within", "despite", "before", "under", "behind", "alongside")
_DET = ("the", "a", "another", "every", "their", "its")


def _phrase(rng: random.Random, s: _Story) -> str:
    """A figure-free clause from open word lists: "the hasty audit delayed a formal hearing over ..."."""
    where = rng.choice(("", "", f" in {s.place[0]}", f" at {s.agency}", f" on the {s.program}"))
    return (f"{rng.choice(_DET)} {rng.choice(_ADJ)} {rng.choice(_NOUN)} {rng.choice(_VERB)} "
            f"{rng.choice(_DET)} {rng.choice(_ADJ)} {rng.choice(_NOUN)} {rng.choice(_PREP)} "
            f"{rng.choice(_DET)} {rng.choice(_ADJ)} {rng.choice(_NOUN)}{where}")


_WHEN = (lambda s: "", lambda s: "", lambda s: " last week", lambda s: " this spring",
         lambda s: f" at a meeting in {s.place[0]}", lambda s: " after the report came out",
         lambda s: ", though few details were given", lambda s: " on condition of anonymity",
         lambda s: f" during a visit to {s.pilot_place}", lambda s: " in a court filing")
_PLAIN = (
    lambda s: f"{_last(s)} did not respond to a request for comment.",
    lambda s: f"\"We did what the law asked of us,\" {_last(s)} told reporters.",
    lambda s: f"The {s.program} drew protests outside the offices of {s.agency}.",
    lambda s: "The inspector general said planning had been poor from the start.",
    lambda s: "No one has been disciplined over the failures described in the report.",
    lambda s: "A judge later ordered the agency to share its records with the families' lawyers.",
    lambda s: "Reporters could not independently confirm every detail of the account.",
    lambda s: f"\"Nobody asked us how this would work,\" a caseworker in {s.place[0]} said.",
    lambda s: "The report recommends better tracking, clearer rules and regular public updates.",
    lambda s: f"Opponents of the {s.program} have filed suit, arguing that it broke state law.",
    lambda s: "The governor's office said it was studying the report.",
    lambda s: "A hearing on the findings is expected later this year.",
)


def _last(s: _Story) -> str:
    return s.official.split()[1]


def filler(rng: random.Random, s: _Story) -> str:
    if rng.random() < 0.15:
        return rng.choice(_PLAIN)(s)
    if rng.random() < 0.3:
        clause = _phrase(rng, s)
        return f"{clause[0].upper()}{clause[1:]}{rng.choice(_WHEN)(s)}."
    return f"{rng.choice(_WHO)(s)} {rng.choice(_SAID)} that {_phrase(rng, s)}{rng.choice(_WHEN)(s)}."
