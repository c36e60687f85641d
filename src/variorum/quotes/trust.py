"""How far to trust a quotation's speaker: what found it, calibrated on annotated novels.

Each speaker is found by one rule (`Quotation.speaker_by`: a cue that names them, a
pronoun cue, the turn-taking of the dialogue, …), at a level the rules use among
themselves (0.9 a verb cue, 0.6 a pronoun resolved through the dialogue, 0.4 the turn
before the last, …). Those levels are no chances: a speech given by turn-taking at 0.5
was right more often than one at 0.6. `confidence` turns the rule and its level into the
share of such speakers that were right in the novels we tune on, so that it means the
same whatever found the speaker.

The table is fitted by `python benchmarks/quotes.py --fit` on the speeches of Pride and
Prejudice and Oliver Twist (PDNC), the two novels weighed alike: each rule's share right,
drawn toward the share of all speeches by ten speeches' weight, and each level of a rule
toward its rule's share likewise, so that a level seen a few times says little. Emma,
held out, is only measured: docs/benchmarks.md gives how well the figures hold there.
Fit it again when a rule changes. A rule the novels never used (a citation's author, the
narrator's own "said I") keeps its own level, which no annotation has measured.
"""

from __future__ import annotations

# Fitted by `python benchmarks/quotes.py --fit` on Oliver Twist and Pride and Prejudice:
# the share right of each rule (its speeches drawn toward all speeches', 0.867), and of
# each rule at each level.
BY_RULE: dict[str, float] = {
    "addressed": 0.919,
    "cue": 0.988,
    "description": 0.523,
    "epithet": 0.826,
    "narration": 0.655,
    "pronoun": 0.796,
    "split": 0.857,
    "turn-taking": 0.8,
}
BY_LEVEL: dict[tuple[str, float], float] = {
    ("addressed", 0.5): 0.929,
    ("cue", 0.7): 0.92,
    ("cue", 0.8): 0.989,
    ("cue", 0.9): 0.996,
    ("description", 0.4): 0.486,
    ("description", 0.5): 0.471,
    ("description", 0.6): 0.445,
    ("epithet", 0.7): 0.657,
    ("epithet", 0.8): 0.904,
    ("narration", 0.3): 0.555,
    ("narration", 0.5): 0.654,
    ("pronoun", 0.4): 0.74,
    ("pronoun", 0.5): 0.778,
    ("pronoun", 0.6): 0.814,
    ("pronoun", 0.7): 0.772,
    ("split", 0.4): 0.832,
    ("split", 0.5): 0.6,
    ("split", 0.6): 0.725,
    ("split", 0.7): 0.661,
    ("split", 0.8): 0.935,
    ("split", 0.9): 0.991,
    ("turn-taking", 0.4): 0.781,
    ("turn-taking", 0.5): 0.833,
    ("turn-taking", 0.6): 0.634,
}


def confidence(by: str | None, level: float) -> float:
    """The chance that a speaker found `by` a rule (`Quotation.speaker_by`) at `level` is
    right; 0 where no rule found one, and `level` itself for a rule the table lacks."""
    if by is None:
        return 0.0
    return BY_LEVEL.get((by, round(level, 1)), BY_RULE.get(by, level))
