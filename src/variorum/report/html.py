"""A self-contained HTML report: two documents side by side, passages lit up.

The page needs nothing from the network: its style and its one small script are inline,
allowed by a Content-Security-Policy that names their hashes and nothing else, so no
other script can run even if one slipped in. Every piece of document text is escaped,
control and bidirectional characters shown as codes. Without the script the page still
reads and prints; with it, clicking a stretch of a passage scrolls the other side to its
counterpart and highlights both.

The renderer works on records (docs/format.md), so `variorum compare --format html` and
`variorum report RESULTS.jsonl` draw the same page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from variorum.types import covered

KINDS = ("verbatim", "edited", "paraphrase", "translation")
# Characters that would hide or reorder text: controls, bidi and zero-width marks.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_EXCERPT = 160

STYLE = """
:root { --verbatim: #c9e4ff; --edited: #ffe3a8; --paraphrase: #d8f0cf; --translation: #ead7f7;
  --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; --focus: #d93025; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 Georgia, "DejaVu Serif", serif; color: var(--ink); }
header, .panel { padding: 0.6rem 1.2rem; font-family: system-ui, sans-serif; font-size: 14px; }
header h1 { font-size: 1.15rem; margin: 0 0 0.4rem; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 0.15rem 0.6rem 0.15rem 0; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.legend span { padding: 0 0.4rem; margin-right: 0.3rem; border-radius: 3px; }
.sides { display: grid; grid-template-columns: 1fr 1fr; border-top: 1px solid var(--line); }
.side { height: 72vh; overflow-y: auto; padding: 0.4rem 1.2rem 40vh;
  border-right: 1px solid var(--line); }
.side h2 { position: sticky; top: -0.4rem; background: #fff; margin: 0 0 0.4rem;
  font: 600 0.95rem system-ui, sans-serif; padding: 0.3rem 0;
  border-bottom: 1px solid var(--line); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { color: inherit; cursor: pointer; border-radius: 2px; }
mark.k-verbatim, .legend .k-verbatim { background: var(--verbatim); }
mark.k-edited, .legend .k-edited { background: var(--edited); }
mark.k-paraphrase, .legend .k-paraphrase { background: var(--paraphrase); }
mark.k-translation, .legend .k-translation { background: var(--translation); }
mark.odd { filter: brightness(0.94); }
mark.seg-focus { background: #ffc9a3; box-shadow: 0 2px 0 var(--focus); }
.chg { text-decoration: underline 2px #b3261e; text-underline-offset: 3px; }
.del { text-decoration: line-through 2px #b3261e; }
.ins { text-decoration: underline double 2px #1a7f37; text-underline-offset: 3px; }
.qt { border-bottom: 1px dotted var(--ink); }
.ctl { font-family: monospace; font-size: 0.8em; color: var(--focus); }
.muted { color: var(--muted); }
.badge { font-size: 0.75rem; padding: 0 0.35rem; border-radius: 3px; background: #eceff1; }
.badge.carried { background: #fde2b5; }
.badge.drift { background: #f9d0cc; }
.quotes td { border-top: 1px solid var(--line); }
.quotes td.q { max-width: 40rem; }
nav.passages { max-height: 9rem; overflow-y: auto; }
@media print {
  .sides { display: block; }
  .side { height: auto; overflow: visible; padding-bottom: 1rem; border: 0; }
  .side h2 { position: static; }
  nav.passages { max-height: none; }
}
"""

SCRIPT = """
(function () {
  var lit = [];
  function show(p, s, from) {
    lit.forEach(function (x) { x.classList.remove('focus', 'seg-focus'); });
    var sel = 'mark[data-p="' + p + '"]' + (s !== undefined ? '[data-s="' + s + '"]' : '');
    lit = Array.prototype.slice.call(document.querySelectorAll(sel), 0, 2000);
    lit.forEach(function (x) { x.classList.add('focus', 'seg-focus'); });
    ['a', 'b'].forEach(function (side) {
      if (side === from) { return; }
      var target = (s !== undefined && document.getElementById(side + '-p' + p + '-s' + s))
        || document.getElementById(side + '-p' + p);
      if (target) { target.scrollIntoView({block: 'center'}); }
    });
  }
  document.addEventListener('click', function (event) {
    var hit = event.target.closest('[data-p]');
    if (!hit) { return; }
    var side = hit.closest('.side');
    event.preventDefault();
    show(hit.dataset.p, hit.dataset.s, side ? side.dataset.side : null);
  });
})();
"""


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(style: str, script: str) -> str:
    """A Content-Security-Policy that lets this inline style and script run, nothing else."""
    return (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


CSP = policy(STYLE, SCRIPT)


def escape(text: str) -> str:
    """Text for HTML: markup escaped, hidden characters shown as their codes."""
    escaped = html.escape(text, quote=True)
    return _HIDDEN.sub(lambda m: f'<span class="ctl">\\u{ord(m.group()):04x}</span>', escaped)


@dataclass(frozen=True, slots=True)
class _Layer:
    start: int
    end: int
    passage: int = -1  # index of the passage, or -1
    segment: int = -1
    mark: str = ""  # "chg", "del", "ins" for word edits
    quote: int = -1


def _layers(side: str, doc: str, passages: Sequence[Mapping[str, Any]]) -> list[_Layer]:
    out: list[_Layer] = []
    for n, p in enumerate(passages):
        span = p[side]
        if span["doc"] != doc:
            continue
        out.append(_Layer(span["start"], span["end"], passage=n))
        for k, seg in enumerate(p.get("segments", ())):
            s, e = seg[side]
            out.append(_Layer(s, e, passage=n, segment=k))
        for edit in p.get("edits", ()):
            s, e = edit[side]
            if e > s:
                mark = {"replace": "chg", "delete": "del", "insert": "ins"}.get(edit["op"], "chg")
                out.append(_Layer(s, e, mark=mark))
    return out


def _fragments(text: str, layers: list[_Layer]) -> Iterator[tuple[int, int, list[_Layer]]]:
    """Cut the text at every layer boundary: (start, end, layers covering it)."""
    cuts = sorted({0, len(text), *(x.start for x in layers), *(x.end for x in layers)})
    starts: dict[int, list[_Layer]] = {}
    for layer in layers:
        if layer.end > layer.start:
            starts.setdefault(layer.start, []).append(layer)
    active: list[_Layer] = []
    for lo, hi in pairwise(cuts):
        if lo >= len(text):
            break
        active = [x for x in active if x.end > lo] + starts.get(lo, [])
        yield lo, hi, active


def _side_html(
    side: str, doc: str, text: str, passages: Sequence[Mapping[str, Any]], quotes: list[_Layer]
) -> str:
    layers = _layers(side, doc, passages) + quotes
    parts: list[str] = []
    seen_p: set[int] = set()
    seen_s: set[tuple[int, int]] = set()
    seen_q: set[int] = set()
    for lo, hi, active in _fragments(text, layers):
        chunk = escape(text[lo:hi])
        passage = min((x.passage for x in active if x.passage >= 0 and x.segment < 0), default=-1)
        segment = min(
            (x.segment for x in active if x.passage == passage and x.segment >= 0), default=-1
        )
        mark = next((x.mark for x in active if x.mark), "")
        quote = min((x.quote for x in active if x.quote >= 0), default=-1)
        if mark:
            chunk = f'<span class="{mark}">{chunk}</span>'
        if quote >= 0:
            qid = ""
            if quote not in seen_q:
                seen_q.add(quote)
                qid = f' id="q{quote}"'
            chunk = f'<span class="qt"{qid}>{chunk}</span>'
        if passage >= 0:
            kind = passages[passage].get("kind", "edited")
            ids = []
            if passage not in seen_p:
                seen_p.add(passage)
                ids.append(f"{side}-p{passage}")
            if segment >= 0 and (passage, segment) not in seen_s:
                seen_s.add((passage, segment))
                ids.append(f"{side}-p{passage}-s{segment}")
            # Where a fragment opens a passage and a segment, the segment gets a span.
            anchor = f' id="{ids[0]}"' if ids else ""
            extra = f'<span id="{ids[1]}"></span>' if len(ids) > 1 else ""
            odd = " odd" if segment >= 0 and segment % 2 else ""
            seg = f' data-s="{segment}"' if segment >= 0 else ""
            chunk = (
                f'<mark class="k-{html.escape(kind)}{odd}" data-p="{passage}"{seg}{anchor}>'
                f"{extra}{chunk}</mark>"
            )
        parts.append(chunk)
    return "".join(parts)


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _coverage(text_len: int, spans: Iterable[tuple[int, int]]) -> float:
    return covered(spans) / text_len if text_len else 0.0


def excerpt(text: str, limit: int = _EXCERPT) -> str:
    """The text on one line, its middle cut out past `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 40] + " … " + flat[-35:]


def _quotes_panel(
    quotes: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    label: Mapping[str, str],
    linked: bool = True,
) -> str:
    rows = []
    for n, q in enumerate(quotes):
        text = texts[q["doc"]]
        speaker = q.get("speaker")
        by = f"by {escape(q['speaker_by'])}, " if q.get("speaker_by") else ""
        who = (
            f"{escape(speaker)} <span class=muted>({by}{q.get('confidence', 0):.2f})</span>"
            if speaker
            else '<span class="muted">unknown</span>'
        )
        if q.get("addressee"):
            who += f" <span class=muted>to</span> {escape(q['addressee'])}"
        cite = q.get("citation")
        if cite:
            fields = ", ".join(
                escape(str(cite[k])) for k in ("author", "title", "year", "pages") if cite.get(k)
            )
            source = q.get("citation_from")
            if source:
                fields += (
                    ' <span class="badge carried">carried from '
                    f"{escape(label.get(source['doc'], source['doc']))}</span>"
                )
        else:
            fields = '<span class="muted">none</span>'
        flags = " ".join(f'<span class="badge {escape(f)}">{escape(f)}</span>' for f in q["flags"])
        drift = _drift(q, texts)
        shown = escape(excerpt(text[q["start"] : q["end"]]))
        if linked:
            shown = f'<a href="#q{n}">{shown}</a>'
        rows.append(
            f"<tr><td>{escape(label.get(q['doc'], q['doc']))}</td>"
            f'<td class="q">{shown}{drift}</td><td>{who}</td><td>{fields}</td><td>{flags}</td></tr>'
        )
    if not rows:
        return ""
    return (
        '<section class="panel quotes" id="quotations"><h2>Quotations</h2>'
        "<table><thead><tr><th>in</th><th>quotation</th><th>speaker</th><th>citation</th>"
        "<th>flags</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>"
    )


def _drift(q: Mapping[str, Any], texts: Mapping[str, str]) -> str:
    sources = q.get("sources") or []
    edits = q.get("drift") or []
    if not sources or not edits:
        return ""
    source_text = texts.get(sources[0]["doc"])
    if source_text is None:
        return ""
    here = texts[q["doc"]]
    shown = []
    for e in edits[:6]:
        old = " ".join(source_text[e["a"][0] : e["a"][1]].split())
        new = " ".join(here[e["b"][0] : e["b"][1]].split())
        shown.append(
            f'<span class="del">{escape(old)}</span> → <span class="ins">{escape(new)}</span>'
        )
    more = f" … ({len(edits) - 6} more)" if len(edits) > 6 else ""
    return '<br><span class="muted">drift: ' + "; ".join(shown) + more + "</span>"


def side_by_side(
    a: str,
    b: str,
    texts: Mapping[str, str],
    records: Sequence[Mapping[str, Any]],
    title: str | None = None,
) -> str:
    """The body of the side-by-side view of documents `a` and `b` (no <html> around it)."""
    passages = [
        r
        for r in records
        if r.get("type") == "passage" and {r["a"]["doc"], r["b"]["doc"]} == {a, b}
    ]
    # Orient every passage as (a, b) of this view.
    passages = [p if p["a"]["doc"] == a else _swap(p) for p in passages]
    passages.sort(key=lambda p: p["a"]["start"])
    label = {a: "A", b: "B"} if a != b else {a: "A"}
    quotes = [
        r for r in records if r.get("type") == "quotation" and r["doc"] in (a, b)
        and r.get("kind") != "scare"
    ]  # fmt: skip
    quote_layers = {
        doc: [
            _Layer(q["start"], q["end"], quote=n) for n, q in enumerate(quotes) if q["doc"] == doc
        ]
        for doc in (a, b)
    }
    counts = {k: sum(1 for p in passages if p.get("kind") == k) for k in KINDS}
    languages = sorted({lang for p in passages for lang in (p.get("languages") or ()) if lang})
    summary_rows = []
    for side, doc in (("a", a), ("b", b)):
        cover = _coverage(len(texts[doc]), ((p[side]["start"], p[side]["end"]) for p in passages))
        summary_rows.append(
            f"<tr><th>{side.upper()}</th><td>{escape(doc)}</td>"
            f'<td class="n">{len(texts[doc]):,} characters</td>'
            f'<td class="n">{_pct(cover)} shared</td></tr>'
        )
    legend = " ".join(f'<span class="k-{k}">{k}: {counts[k]}</span>' for k in KINDS)
    nav = "".join(
        f'<li><a href="#a-p{n}" data-p="{n}">#{n + 1} {escape(p.get("kind", ""))}</a> '
        f'<span class="muted">A {p["a"]["start"]}-{p["a"]["end"]} ↔ '
        f"B {p['b']['start']}-{p['b']['end']}, score {p.get('score', 0):.2f}"
        + (f", confidence {p['confidence']:.2f}" if isinstance(p.get("confidence"), float) else "")
        + "</span></li>"
        for n, p in enumerate(passages)
    )
    heading = escape(title) if title else f"{escape(a)} ↔ {escape(b)}"
    return (
        f"<header><h1>variorum: {heading}</h1><table>{''.join(summary_rows)}</table>"
        f'<p class="legend">{len(passages)} passages — {legend}'
        + (f" — languages: {escape(', '.join(languages))}" if languages else "")
        + (f' — <a href="#quotations">{len(quotes)} quotations</a>' if quotes else "")
        + "</p>"
        + '<p class="muted">Click a highlighted passage to bring its counterpart into view. '
        "Word changes are underlined (replaced), struck through (deleted) or double "
        "underlined (inserted); quotations are dotted.</p></header>"
        + (f'<nav class="panel passages"><ol>{nav}</ol></nav>' if nav else "")
        + '<main class="sides">'
        + f'<section class="side" id="side-a" data-side="a"><h2>A: {escape(a)}</h2>'
        + f'<div class="text">{_side_html("a", a, texts[a], passages, quote_layers[a])}</div>'
        + "</section>"
        + f'<section class="side" id="side-b" data-side="b"><h2>B: {escape(b)}</h2>'
        + f'<div class="text">{_side_html("b", b, texts[b], passages, quote_layers[b])}</div>'
        + "</section></main>"
        + _quotes_panel(quotes, texts, label)
    )


def _swap(p: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(p)
    out["a"], out["b"] = p["b"], p["a"]
    out["segments"] = [{"a": s["b"], "b": s["a"]} for s in p.get("segments", ())]
    flip = {"delete": "insert", "insert": "delete"}
    out["edits"] = [
        {"op": flip.get(e["op"], e["op"]), "a": e["b"], "b": e["a"]} for e in p.get("edits", ())
    ]
    if p.get("languages"):
        out["languages"] = list(reversed(p["languages"]))
    return out


def page(body: str, title: str) -> str:
    """A whole self-contained HTML document around `body`."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"{body}<script>{SCRIPT}</script></body></html>\n"
    )


def quotes_page(records: Sequence[Mapping[str, Any]], texts: Mapping[str, str]) -> str:
    """A page listing quotations with their speakers, citations and drift."""
    quotes = [r for r in records if r.get("type") == "quotation" and r.get("kind") != "scare"]
    label = {doc: doc for doc in texts}
    body = (
        f"<header><h1>variorum: quotations in {len(texts)} documents</h1></header>"
        + _quotes_panel(quotes, texts, label, linked=False)
    )
    return page(body, "variorum: quotations")


def best_pair(records: Sequence[Mapping[str, Any]]) -> tuple[str, str] | None:
    """The two documents that share the most text, by the passages between them."""
    shared: dict[tuple[str, str], int] = {}
    for r in records:
        if r.get("type") == "passage" and r["a"]["doc"] != r["b"]["doc"]:
            key = (r["a"]["doc"], r["b"]["doc"])
            size = r["a"]["end"] - r["a"]["start"] + r["b"]["end"] - r["b"]["start"]
            shared[key] = shared.get(key, 0) + size
    if not shared:
        return None
    return max(shared, key=lambda k: (shared[k], k))


def report(
    records: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    pair: tuple[str, str] | None = None,
) -> str:
    """The HTML report of results: the pair asked for, the only pair, or the closest one."""
    docs = [r["doc"] for r in records if r.get("type") == "document"] or list(texts)
    if pair is None:
        pair = (docs[0], docs[1]) if len(docs) == 2 else best_pair(records)
        if pair is None:
            pair = (docs[0], docs[1] if len(docs) > 1 else docs[0])
    a, b = pair
    title = f"{a} ↔ {b}"
    return page(side_by_side(a, b, texts, records), "variorum: " + title)
