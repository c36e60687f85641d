"""Co-linear chaining: exact runs joined, across edits, into candidate passages."""

from __future__ import annotations

from dataclasses import dataclass

from variorum.align.seeds import Runs

# A gap costs this much per unmatched word on the longer side, plus this much per word of
# difference between the two sides (insertions and deletions cost more than replacements).
_GAP = 0.25
_SKEW = 0.35
_LOOKBACK = 32


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
    ei = [i + length for i, length in zip(ri, rl, strict=True)]
    ej = [j + length for j, length in zip(rj, rl, strict=True)]
    longest = max(rl)
    score = [0.0] * n
    pred = [-1] * n
    trim = [0] * n
    for s in range(n):
        i_s, j_s, l_s = ri[s], rj[s], rl[s]
        best, best_p, best_o = float(l_s), -1, 0
        lowest = i_s - max_gap - longest
        for p in range(s - 1, max(-1, s - 1 - _LOOKBACK), -1):
            i_p = ri[p]
            if i_p < lowest:
                break
            j_p = rj[p]
            # In order on both sides, and within reach on both.
            if j_p >= j_s or i_p >= i_s or j_s - ej[p] > max_gap or i_s - ei[p] > max_gap:
                continue
            gi = i_s - ei[p]
            gj = j_s - ej[p]
            over = -gi if gi < gj else -gj
            if over > 0:
                if over >= l_s:
                    continue
                gi += over
                gj += over
            else:
                over = 0
            wide, skew = (gi, gi - gj) if gi > gj else (gj, gj - gi)
            value = score[p] + (l_s - over) - _GAP * wide - _SKEW * skew
            if value > best:
                best, best_p, best_o = value, p, over
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
