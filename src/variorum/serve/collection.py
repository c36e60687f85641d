"""A collection held in memory for the viewer: its scan, clusters, and a search over it.

Search takes any pasted passage and finds every place in the collection where it
appears, verbatim, edited, paraphrased or translated. Candidates come from two cheap
filters: documents sharing a run of four words with the query, and documents holding a
sentence close in meaning (one matrix product against every sentence of the collection,
embedded once at load). Each candidate is then aligned with the query by the same
engine as `compare`, so a hit carries its exact span and kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from variorum.align.clusters import clusters
from variorum.engine.local import scan
from variorum.engine.plan import compare
from variorum.index import ngram_hashes
from variorum.index.candidates import document_votes
from variorum.options import Options
from variorum.report.records import coverage, passage_record
from variorum.text.tokenize import analyse
from variorum.types import Cluster, Document, Hit, Result

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_SHINGLE = 4
_COMMON = 50  # a run of words found in more documents than this says nothing
_ONE_RUN = 1 / _COMMON  # the least vote one shared run gives
_SEMANTIC_CANDIDATES = 20
MAX_QUERY = 20_000  # characters


def _shingles(doc: Document) -> set[int]:
    """The document's runs of four words, hashed as the engine's n-gram index hashes them."""
    return set(ngram_hashes(analyse(doc).tokens.hashes, _SHINGLE).tolist())


class Collection:
    """Documents read once, scanned once, and searched many times."""

    def __init__(self, documents: Iterable[Document], options: Options | None = None) -> None:
        self.options = options or Options()
        self.result: Result = scan(list(documents), self.options)
        self.documents: tuple[Document, ...] = tuple(self.result.documents)
        self.by_id = {d.id: d for d in self.documents}
        self.coverage = coverage(self.result)
        self.clusters: list[Cluster] = clusters(self.result.passages, self.by_id)
        self.records: list[dict[str, Any]] = [
            passage_record(p) for p in self.result.passages if not p.is_repetition
        ]
        self._shingles: dict[int, list[int]] = {}
        for n, doc in enumerate(self.documents):
            for s in _shingles(doc):
                self._shingles.setdefault(s, []).append(n)
        self._semantic = self.options.semantic is not False
        self._sentences: npt.NDArray[np.float32] | None = None
        self._owner: npt.NDArray[np.int64] | None = None
        if self._semantic:
            self._embed_collection()

    def _embed_collection(self) -> None:
        import numpy as np  # noqa: PLC0415

        from variorum.embed.encoder import encoder  # noqa: PLC0415
        from variorum.text.tokenize import analyse, sentences  # noqa: PLC0415

        texts: list[str] = []
        owners: list[int] = []
        for n, doc in enumerate(self.documents):
            for span in sentences(analyse(doc)):
                texts.append(doc.text[span.start : span.end])
                owners.append(n)
        self._sentences = encoder().encode(texts) if texts else np.zeros((0, 512), np.float32)
        self._owner = np.asarray(owners, dtype=np.int64)

    def partners(self, doc: str) -> list[tuple[str, int]]:
        """The documents sharing passages with `doc`, with how many characters of it."""
        shared: dict[str, int] = {}
        for p in self.result.passages:
            if p.is_repetition:
                continue
            for mine, other in ((p.a, p.b), (p.b, p.a)):
                if mine.doc == doc:
                    shared[other.doc] = shared.get(other.doc, 0) + len(mine)
        return sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))

    def pair_records(self, a: str, b: str) -> list[dict[str, Any]]:
        """The passage records between two documents."""
        return [r for r in self.records if {r["a"]["doc"], r["b"]["doc"]} == {a, b}]

    def _candidates(self, query: Document) -> list[int]:
        holders = (self._shingles.get(s, []) for s in _shingles(query))
        # One shared run of four words makes a candidate: a pasted passage may be short.
        found = set(document_votes(holders, max_df=_COMMON + 1, min_shared=_ONE_RUN))
        if self._semantic and self._sentences is not None and self._owner is not None:
            found |= self._close_in_meaning(query)
        return sorted(found)

    def _close_in_meaning(self, query: Document) -> set[int]:
        import numpy as np  # noqa: PLC0415

        from variorum.embed.encoder import encoder  # noqa: PLC0415
        from variorum.text.tokenize import analyse, sentences  # noqa: PLC0415

        if self._sentences is None or self._owner is None:
            return set()
        spans = sentences(analyse(query))
        if not spans or not len(self._sentences):
            return set()
        vectors = encoder().encode([query.text[s.start : s.end] for s in spans])
        best = (vectors @ self._sentences.T).max(axis=0)
        per_doc = np.full(len(self.documents), -1.0, dtype=np.float32)
        np.maximum.at(per_doc, self._owner, best)
        keep = np.argsort(-per_doc)[:_SEMANTIC_CANDIDATES]
        threshold = self.options.similarity if self.options.similarity is not None else 0.5
        return {int(n) for n in keep if per_doc[n] >= threshold}

    def search(self, text: str) -> list[Hit]:
        """Every place in the collection where `text` appears, best first."""
        query = Document("\x00query", text[:MAX_QUERY])
        opts = replace(
            self.options, semantic=self._semantic, quotes=False, repetitions=False, min_words=None
        )
        hits: list[Hit] = []
        for n in self._candidates(query):
            doc = self.documents[n]
            for p in compare(query, doc, opts).passages:
                mine, theirs = (p.a, p.b) if p.a.doc == query.id else (p.b, p.a)
                hits.append(
                    Hit(theirs.doc, theirs.start, theirs.end, mine.start, mine.end, p.kind, p.score)
                )
        hits.sort(key=lambda h: (-(h.query_end - h.query_start), -h.score, h.doc, h.start))
        return hits


def hit_record(hit: Hit) -> dict[str, Any]:
    return {
        "doc": hit.doc,
        "start": hit.start,
        "end": hit.end,
        "query": [hit.query_start, hit.query_end],
        "kind": hit.kind,
        "score": hit.score,
    }
