"""Align one pair of documents (or one document with itself) into passages."""

from __future__ import annotations

from variorum.align.build import Side, build_passage
from variorum.align.chain import chains
from variorum.align.ops import Op, bounds, chain_ops, extend, gap_ops, join_paths, matched, snap
from variorum.align.seeds import matches, runs
from variorum.index.weights import FloatArray, Weights
from variorum.options import Options
from variorum.text.tokenize import Analysed, HashArray
from variorum.types import Passage

# A path this many times stronger than another that it overlaps makes the other an echo.
_DOMINANCE = 3


def _paths(a: Analysed, b: Analysed | None, opts: Options) -> list[list[Op]]:
    """Alignment paths of the passages shared by a and b (b None: repeated inside a)."""
    ta = a.tokens
    tb = ta if b is None else b.tokens
    ha, hb = ta.hashes, tb.hashes
    i, j = matches(ha, None if b is None else hb, opts.seed, opts.occurrence_cap)
    found = chains(runs(i, j, opts.seed), max_gap=opts.max_gap, min_score=opts.seed)
    if not found:
        return []
    limits = (0, len(ha), 0, len(hb))
    paths = []
    for pieces in found:
        ops = extend(chain_ops(pieces, ha, hb), ha, hb, limits)
        paths.append(snap(ops, ha, hb, ta.breaks, tb.breaks, limits))
    paths.sort(key=bounds)
    merged = [_fill(ops, ha, hb) for ops in join_paths(paths, opts.merge_gap)]
    least = opts.passage_words
    kept = _undominated([ops for ops in merged if _long_enough(ops, least)])
    if b is None:
        # A repetition's two copies must not overlap (tandem repeats are not reported).
        kept = [ops for ops in kept if bounds(ops)[1] <= bounds(ops)[2]]
    return kept


def _fill(ops: list[Op], a: HashArray, b: HashArray) -> list[Op]:
    """Align the words between the joined paths of one passage."""
    out: list[Op] = []
    for op in ops:
        if out and (op[1] > out[-1][2] or op[3] > out[-1][4]):
            out.extend(gap_ops(a, b, out[-1][2], op[1], out[-1][4], op[3]))
        out.append(op)
    return out


def _long_enough(ops: list[Op], least: int) -> bool:
    i1, i2, j1, j2 = bounds(ops)
    return min(i2 - i1, j2 - j1) >= least and matched(ops) >= least // 2


def _inside(x1: int, x2: int, y1: int, y2: int) -> bool:
    """Whether most of [x1, x2) lies inside [y1, y2)."""
    return 2 * (min(x2, y2) - max(x1, y1)) > x2 - x1


def _undominated(paths: list[list[Op]]) -> list[list[Op]]:
    """Drop duplicates and echoes of stronger paths.

    A duplicate lies mostly inside a stronger path on both sides (another chain through
    the same region); an echo lies mostly inside a far stronger path on either side.

    Inside a long aligned passage, a formula that recurs ("and the name of ...") also
    matches its other occurrences off the diagonal; those short cross-matches say nothing
    the strong passage does not.
    """
    ranked = sorted(paths, key=lambda ops: (-matched(ops), bounds(ops)))
    kept: list[list[Op]] = []
    for ops in ranked:
        i1, i2, j1, j2 = bounds(ops)
        weight = matched(ops)
        if not any(
            (_inside(i1, i2, *bounds(p)[:2]) and _inside(j1, j2, *bounds(p)[2:]))
            or (
                matched(p) >= _DOMINANCE * weight
                and (_inside(i1, i2, *bounds(p)[:2]) or _inside(j1, j2, *bounds(p)[2:]))
            )
            for p in kept
        ):
            kept.append(ops)
    kept.sort(key=bounds)
    return kept


def informative(ops: list[Op], wa: FloatArray, wb: FloatArray) -> float:
    """Share of the passage's information (bits, both sides) carried by matching words.

    `wa` and `wb` are cumulative bits (see Weights.prefix).
    """
    i1, i2, j1, j2 = bounds(ops)
    total = float(wa[i2] - wa[i1] + wb[j2] - wb[j1])
    same = sum(float(wa[o[2]] - wa[o[1]] + wb[o[4]] - wb[o[3]]) for o in ops if o[0] == "equal")
    return same / total if total > 0 else 0.0


def align_pair(
    a: Analysed, b: Analysed, opts: Options, weights: Weights | None = None
) -> list[Passage]:
    """Every passage `a` and `b` share, aligned to the word, in order of position in `a`.

    `weights` (word information) come from the whole collection in a scan; by default
    they are counted on the pair itself.
    """
    paths = _paths(a, b, opts)
    if not paths:
        return []
    w = weights or Weights.count([a.tokens.hashes, b.tokens.hashes])
    wa, wb = w.prefix(a.tokens.hashes), w.prefix(b.tokens.hashes)
    sa, sb = Side(a), Side(b)
    return [
        build_passage(ops, sa, sb, share)
        for ops in paths
        if (share := informative(ops, wa, wb)) >= opts.min_evidence
    ]


def align_self(a: Analysed, opts: Options, weights: Weights | None = None) -> list[Passage]:
    """Passages repeated inside one document: `a` side the earlier copy, `b` the later."""
    paths = _paths(a, None, opts)
    if not paths:
        return []
    wa = (weights or Weights.count([a.tokens.hashes])).prefix(a.tokens.hashes)
    side = Side(a)
    return [
        build_passage(ops, side, side, share)
        for ops in paths
        if (share := informative(ops, wa, wa)) >= opts.min_evidence
    ]
