"""A collation as a variant graph: readings as nodes, each witness a path through them.

Node 0 is the start and the last node the end; between them, one node per reading with
text, in the order of the locations (a shared location is one node; a variant location
one node per distinct non-empty reading). Each witness's path goes from the start through
the nodes of its readings, in order, to the end; an edge carries the witnesses that take
it. Moves join the nodes where a moved passage stands in the base and in the witness.
Written as JSON, Graphviz DOT or GraphML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TextIO
from xml.sax.saxutils import escape

from variorum.collation.tei import NOT_XML
from variorum.types import Collation


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: list[dict[str, Any]]  # {"id", "text", "witnesses", "location"}
    edges: list[dict[str, Any]]  # {"source", "target", "witnesses"}
    moves: list[dict[str, Any]]  # {"move", "nodes"}


def graph(collation: Collation) -> Graph:
    """The variant graph of a collation (see the module's doc)."""
    sigla = [w.id for w in collation.witnesses]
    nodes: list[dict[str, Any]] = [{"id": 0, "text": "", "witnesses": sigla, "location": None}]
    last = dict.fromkeys(sigla, 0)
    edges: dict[tuple[int, int], list[str]] = {}
    at_move: dict[int, list[int]] = {}
    for k, location in enumerate(collation.locations):
        for reading in location.readings:
            if not reading.text:
                continue
            node = len(nodes)
            nodes.append(
                {"id": node, "text": reading.text, "witnesses": list(reading.witnesses),
                 "location": k}
            )  # fmt: skip
            for m in location.moves:
                at_move.setdefault(m, []).append(node)
            for w in reading.witnesses:
                edges.setdefault((last[w], node), []).append(w)
                last[w] = node
    end = len(nodes)
    nodes.append({"id": end, "text": "", "witnesses": sigla, "location": None})
    for w in sigla:
        edges.setdefault((last[w], end), []).append(w)
    return Graph(
        nodes,
        [{"source": s, "target": t, "witnesses": ws} for (s, t), ws in edges.items()],
        [{"move": m, "nodes": ns} for m, ns in sorted(at_move.items())],
    )


def write_graph(collation: Collation, fmt: str, out: TextIO) -> None:
    """The variant graph as `graph` (JSON), `dot` or `graphml`."""
    g = graph(collation)
    if fmt == "graph":
        json.dump({"type": "variant-graph", "nodes": g.nodes, "edges": g.edges,
                   "moves": g.moves}, out, ensure_ascii=False, indent=1)  # fmt: skip
        out.write("\n")
    elif fmt == "dot":
        out.write("digraph variants {\n  rankdir=LR;\n  node [shape=box];\n")
        for n in g.nodes:
            label = n["text"] if n["location"] is not None else ("start" if n["id"] == 0 else "end")
            out.write(f"  n{n['id']} [label={_dot(label)}];\n")
        for e in g.edges:
            out.write(
                f"  n{e['source']} -> n{e['target']} [label={_dot(' '.join(e['witnesses']))}];\n"
            )
        for mv in g.moves:
            for a, b in zip(mv["nodes"], mv["nodes"][1:], strict=False):
                out.write(
                    f'  n{a} -> n{b} [style=dashed, dir=none, label="move {mv["move"] + 1}"];\n'
                )
        out.write("}\n")
    else:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        out.write('<key id="text" for="node" attr.name="text" attr.type="string"/>\n')
        out.write('<key id="wit" for="edge" attr.name="witnesses" attr.type="string"/>\n')
        out.write('<graph id="variants" edgedefault="directed">\n')
        for n in g.nodes:
            out.write(f'<node id="n{n["id"]}"><data key="text">{_xml(n["text"])}</data></node>\n')
        for k, e in enumerate(g.edges):
            wit = _xml(" ".join(e["witnesses"]))
            out.write(
                f'<edge id="e{k}" source="n{e["source"]}" target="n{e["target"]}">'
                f'<data key="wit">{wit}</data></edge>\n'
            )
        out.write("</graph>\n</graphml>\n")


def _dot(text: str) -> str:
    """A DOT string: quotes and backslashes escaped, line ends and controls as escapes."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or ch in "\x7f\u2028\u2029":
            out.append(f"\\\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _xml(text: str) -> str:
    """Text for XML: escaped, and characters XML cannot carry shown as \\uXXXX."""
    shown = NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return escape(shown).replace("\r", "&#13;")
