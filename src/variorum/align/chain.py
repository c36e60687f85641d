"""Co-linear chaining: exact runs joined, across edits, into candidate passages."""

from __future__ import annotations

from dataclasses import dataclass

from variorum.align.seeds import Runs

# A gap costs this much per unmatched word on the longer side, plus this much per word of
# difference between the two sides (insertions and deletions cost more than replacements).
_GAP = 0.25
_SKEW = 0.35
_LOOKBACK = 96


@dataclass(frozen=True, slots=True)
class Piece:
    """One exact run as used in a chain (its start trimmed where it overlapped the previous)."""

    i: int
    j: int
    length: int


def chains(runs: Runs, *, max_gap: int, min_score: float) -> list[list[Piece]]:
    """Best non-overlapping chains of runs, each increasing in both streams.

    A sparse local-alignment dynamic program: each run extends the best chain ending
    before it within `max_gap` words on both sides, or starts a new one; chains are then
    taken best first, each run used once.
    """
    ri, rj, rl = runs.i.tolist(), runs.j.tolist(), runs.length.tolist()
    n = len(ri)
    if n == 0:
        return []
    longest = max(rl)
    score = [0.0] * n
    pred = [-1] * n
    trim = [0] * n
    for s in range(n):
        i_s, j_s, l_s = ri[s], rj[s], rl[s]
        best, best_p, best_o = float(l_s), -1, 0
        p = s - 1
        lowest = i_s - max_gap - longest
        while p >= 0 and s - p <= _LOOKBACK and ri[p] >= lowest:
            i_p, j_p = ri[p], rj[p]
            if i_p < i_s and j_p < j_s:
                gi = i_s - (i_p + rl[p])
                gj = j_s - (j_p + rl[p])
                over = max(0, -gi, -gj)
                if over < l_s:
                    gi += over
                    gj += over
                    if gi <= max_gap and gj <= max_gap:
                        value = score[p] + (l_s - over) - _GAP * max(gi, gj) - _SKEW * abs(gi - gj)
                        if value > best:
                            best, best_p, best_o = value, p, over
            p -= 1
        score[s], pred[s], trim[s] = best, best_p, best_o
    used = [False] * n
    out: list[list[Piece]] = []
    for s in sorted(range(n), key=lambda x: (-score[x], x)):
        if used[s] or score[s] < min_score:
            continue
        members: list[int] = []
        t = s
        while t >= 0 and not used[t]:
            members.append(t)
            used[t] = True
            t = pred[t]
        members.reverse()
        pieces = []
        for pos, m in enumerate(members):
            cut = trim[m] if pos > 0 else 0
            pieces.append(Piece(ri[m] + cut, rj[m] + cut, rl[m] - cut))
        if sum(p.length for p in pieces) >= min_score:
            out.append(pieces)
    return out
