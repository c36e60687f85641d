"""Older spellings (text/orthography.py): what reading them as today's gives the encoder.

Usage: python benchmarks/orthography.py

The example article and its Russian translation spelt as before 1918
(tests/data/article-ru.txt): `variorum compare` of the two, and for each of its sentence
pairs the similarity of the Russian sentence to the English one as the encoder reads it
(in today's spelling) and as written (the old letters and hard signs given to the model as
they are); a scan of the article, an English letter of ours that quotes one sentence of
the translation (tests/data/letter-ru.txt) and an unrelated text. Then what the check
costs on text with nothing old in it (KJV Mark).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    import variorum  # noqa: PLC0415
    from variorum.embed.encoder import encoder  # noqa: PLC0415
    from variorum.text.orthography import modern  # noqa: PLC0415

    english_path, russian_path = (
        ROOT / "examples" / "article.txt",
        ROOT / "tests" / "data" / "article-ru.txt",
    )
    english = english_path.read_text(encoding="utf-8")
    russian = russian_path.read_text(encoding="utf-8")
    (passage,) = variorum.compare(english_path, russian_path).passages
    pairs = len(passage.segments)
    print(f"compare: {passage.kind}, score {passage.score:.3f}, {pairs} sentence pairs")
    a = [" ".join(english[slice(*s.a)].split()) for s in passage.segments]
    b = [" ".join(russian[slice(*s.b)].split()) for s in passage.segments]
    enc = encoder()
    va = enc.encode(a)
    read = np.einsum("ij,ij->i", va, enc.encode(b))
    raw = np.asarray(enc._model.encode(b), dtype=np.float32)
    raw /= np.linalg.norm(raw, axis=1, keepdims=True)
    written = np.einsum("ij,ij->i", va, raw)
    for x, y, s in zip(written, read, a, strict=True):
        print(f"  {x:.3f} -> {y:.3f}  {s[:60]}")
    print(f"mean {written.mean():.3f} -> {read.mean():.3f}", end=", ")
    print(f"least {written.min():.3f} -> {read.min():.3f}")
    letter = ROOT / "tests" / "data" / "letter-ru.txt"  # quotes one sentence of it
    found = variorum.scan([english_path, letter, ROOT / "examples" / "unrelated.txt"]).passages
    for p in found:
        print(f"scan with an English letter that quotes one of its sentences: {p.kind}, ", end="")
        print(f"score {p.score:.3f}, {p.a.doc.rsplit('/', 1)[-1]} {p.a.start}-{p.a.end}", end=" ")
        print(f"{p.b.doc.rsplit('/', 1)[-1]} {p.b.start}-{p.b.end}")
    if not found:
        print("scan with an English letter that quotes one of its sentences: nothing found")
    mark = SHARED / "eval" / "tasks" / "mark-kjv-fr" / "docs" / "mark-kjv.txt"
    if mark.is_file():
        text = mark.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        modern(text)
        took = time.perf_counter() - t0
        print(f"check on KJV Mark ({len(text):,} characters): {1e3 * took:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
