"""A collation as a self-contained HTML page: a witness's text with its variant locations
marked, the apparatus beneath, a witness picker, moves drawn.

As the scan report does (report/html.py), the page needs nothing from the network: its
style and one small script are inline, allowed by a Content-Security-Policy naming their
hashes and nothing else; every piece of witness text is escaped, hidden characters shown
as codes. Without the script the page shows the base witness and the whole apparatus;
with it, the picker shows any witness's text, and clicking a variant location (in the
text or the apparatus) lights up its entry, every reading there, and for a move the
other place of the moved passage.
"""

from __future__ import annotations

from collections.abc import Iterator

from variorum.report.html import escape, policy
from variorum.types import Collation

STYLE = """
body { margin: 0; font: 15px/1.55 Georgia, "DejaVu Serif", serif; color: #1d1d1f; }
header, footer { padding: 0.6rem 1.2rem; font: 14px system-ui, sans-serif; }
header h1 { font-size: 1.15rem; margin: 0 0 0.4rem; }
label { margin-right: 0.8rem; white-space: nowrap; }
#text { padding: 0.6rem 1.2rem; white-space: pre-wrap; max-width: 60rem; }
.var { background: #ffe3a8; border-radius: 3px; cursor: pointer; }
.var .rd { display: none; }
.var .rd.on { display: inline; }
.var.empty::after { content: "\\2038"; color: #b06000; }
.moved { outline: 1px dashed #7b3fb3; }
.focus { background: #ffb3a8; outline: 2px solid #d93025; }
.ctl { font: 12px monospace; color: #b00020; }
ol#apparatus { font: 14px system-ui, sans-serif; max-width: 60rem; }
ol#apparatus li { margin: 0.3rem 0; cursor: pointer; }
ol#apparatus .sig { color: #5f6368; font-size: 12px; }
ol#apparatus li.focus { background: #fff0ee; }
"""

SCRIPT = """
(function () {
  var lit = [];
  function pick(w) {
    document.querySelectorAll('.var').forEach(function (v) {
      var any = false;
      v.querySelectorAll('.rd').forEach(function (r) {
        var on = (' ' + r.dataset.w + ' ').indexOf(' ' + w + ' ') >= 0;
        r.classList.toggle('on', on);
        any = any || (on && r.textContent.length > 0);
      });
      v.classList.toggle('empty', !any);
    });
  }
  function focus(k) {
    lit.forEach(function (x) { x.classList.remove('focus'); });
    var entry = document.getElementById('app-' + k);
    var sel = '[data-l="' + k + '"]';
    if (entry && entry.dataset.m) {
      entry.dataset.m.split(' ').forEach(function (m) {
        sel += ', [data-m~="' + m + '"]';
      });
    }
    lit = Array.prototype.slice.call(document.querySelectorAll(sel));
    lit.forEach(function (x) { x.classList.add('focus'); });
    if (entry) { entry.scrollIntoView({block: 'nearest'}); }
  }
  document.addEventListener('change', function (e) {
    if (e.target.name === 'witness') { pick(e.target.value); }
  });
  document.addEventListener('click', function (e) {
    var hit = e.target.closest('[data-l]');
    if (hit) { focus(hit.dataset.l); }
  });
})();
"""


def page(collation: Collation) -> Iterator[str]:
    """The HTML page, in pieces to write one after the other."""
    sigla = [w.id for w in collation.witnesses]
    base = collation.base
    variants = [k for k, loc in enumerate(collation.locations) if loc.varies]
    yield '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{policy(STYLE, SCRIPT)}">'
    yield f"<title>Collation of {len(sigla)} witnesses</title><style>{STYLE}</style></head>"
    yield f"<body><header><h1>Collation of {len(sigla)} witnesses</h1><p>"
    yield (
        f"{len(variants)} variant locations, {len(collation.moves)} moves; base "
        f"{escape(base)}, normalisation {escape(collation.normalisation)}. Show the text of: "
    )
    for w in collation.witnesses:
        checked = " checked" if w.id == base else ""
        source = escape(str(w.meta.get("source", w.id)))
        yield (
            f'<label title="{source}"><input type="radio" name="witness" '
            f'value="{escape(w.id)}"{checked}> {escape(w.id)}</label>'
        )
    yield '</p></header>\n<div id="text">'
    number = {k: n for n, k in enumerate(variants, 1)}
    for k, loc in enumerate(collation.locations):
        if not loc.varies:
            yield escape(loc.readings[0].text)
            continue
        moves = " ".join(f"m{m + 1}" for m in loc.moves)
        cls = "var moved" if loc.moves else "var"
        if not any(r.text for r in loc.readings if base in r.witnesses):
            cls += " empty"
        mark = f' data-m="{moves}"' if moves else ""
        yield f'<span class="{cls}" data-l="{k}"{mark} title="variant {number[k]}">'
        for r in loc.readings:
            on = " on" if base in r.witnesses else ""
            yield f'<span class="rd{on}" data-w="{escape(" ".join(r.witnesses))}">'
            yield f"{escape(r.text)}</span>"
        yield "</span>"
    yield '</div>\n<footer><h2>Apparatus</h2><ol id="apparatus">'
    for k in variants:
        loc = collation.locations[k]
        moves = " ".join(f"m{m + 1}" for m in loc.moves)
        mark = f' data-m="{moves}"' if moves else ""
        yield f'<li id="app-{k}" data-l="{k}"{mark}>'
        parts = []
        for r in loc.readings:
            shown = escape(" ".join(r.text.split())) or "<i>om.</i>"
            parts.append(f'{shown} <span class="sig">{escape(" ".join(r.witnesses))}</span>')
        yield " | ".join(parts)
        if loc.moves:
            yield f" <i>(move {escape(', '.join(str(m + 1) for m in loc.moves))})</i>"
        yield "</li>"
    yield "</ol></footer>"
    yield f"<script>{SCRIPT}</script></body></html>\n"
