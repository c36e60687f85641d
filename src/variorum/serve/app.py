"""The web application: server-side pages and a JSON API over one collection.

Documents are addressed by their number in the collection, never by a path, so no
request can name a file. Every page is rendered with autoescaping; the only script and
style are files of this package, and the Content-Security-Policy allows nothing else.
Request bodies and queries are bounded, and only the host names the server was started
on are answered (a page elsewhere cannot rebind its own name to this server).
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from variorum.report.html import SCRIPT, STYLE, excerpt, side_by_side
from variorum.report.records import cluster_record
from variorum.serve.collection import (
    MAX_QUERY,
    Collection,
    hit_record,
)

MAX_BODY = 256 * 1024  # bytes
_SHOWN = 200  # characters of an excerpt
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
SERVER_STYLE = """
.top { display: flex; gap: 1rem; align-items: center; padding: 0.5rem 1.2rem;
  border-bottom: 1px solid var(--line); font-family: system-ui, sans-serif; font-size: 14px; }
.top .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
.top form.search { flex: 1; display: flex; gap: 0.4rem; }
.top input[type=search] { flex: 1; padding: 0.3rem 0.5rem; font: inherit; }
table.list td, table.list th { border-bottom: 1px solid var(--line);
  padding: 0.3rem 0.8rem 0.3rem 0; }
blockquote { margin: 0.2rem 0 0.6rem 1rem; color: var(--muted); font-family: Georgia, serif; }
.doc { font-family: Georgia, serif; max-width: 48rem; }
.badge.k-verbatim { background: var(--verbatim); } .badge.k-edited { background: var(--edited); }
.badge.k-paraphrase { background: var(--paraphrase); }
.badge.k-translation { background: var(--translation); }
"""


class SearchRequest(BaseModel):
    """A passage to look for in the collection."""

    text: str = Field(min_length=1, max_length=MAX_QUERY)


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413, whether declared or streamed.

    The body is read (up to the limit) before the application sees the request, then
    handed on whole.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await _too_large(send)
                return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _too_large(send)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send) -> None:
    body = b'{"detail":"request body too large"}'
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"35")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(collection: Collection, hosts: list[str] | None = None) -> FastAPI:
    """The application over `collection`, answering only for `hosts` (default: loopback)."""
    app = FastAPI(
        title="variorum",
        summary="Text reuse in a collection: documents, pairs, clusters, search.",
        version="1",
        docs_url=None,  # the interactive docs load scripts from the network
        redoc_url=None,
    )
    templates = Environment(
        loader=PackageLoader("variorum.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    docs = collection.documents
    number = {d.id: n for n, d in enumerate(docs)}
    base = {"count": len(docs), "max_query": MAX_QUERY}

    def render(name: str, **context: Any) -> HTMLResponse:
        html = templates.get_template(name).render(**base, **context)
        return HTMLResponse(html)

    def document(n: int) -> Any:
        if not 0 <= n < len(docs):
            raise HTTPException(404, "no such document")
        return docs[n]

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        rows = [
            {
                "n": n,
                "id": d.id,
                "chars": len(d.text),
                "coverage": collection.coverage.get(d.id, 0.0),
                "partners": [{"n": number[o], "id": o} for o, _ in collection.partners(d.id)],
            }
            for n, d in enumerate(docs)
        ]
        return render("index.html", rows=rows)

    @app.get("/doc/{n}", response_class=HTMLResponse, include_in_schema=False)
    def doc_page(n: int) -> HTMLResponse:
        d = document(n)
        partners = [
            {"n": number[o], "id": o, "shared": chars} for o, chars in collection.partners(d.id)
        ]
        return render(
            "doc.html", n=n, doc_id=d.id, chars=len(d.text), text=d.text, partners=partners,
            coverage=collection.coverage.get(d.id, 0.0),
        )  # fmt: skip

    @app.get("/pair/{i}/{j}", response_class=HTMLResponse, include_in_schema=False)
    def pair_page(i: int, j: int) -> HTMLResponse:
        a, b = document(i), document(j)
        records = collection.pair_records(a.id, b.id)
        view = side_by_side(a.id, b.id, {a.id: a.text, b.id: b.text}, records)
        return render("pair.html", a=a.id, b=b.id, view=Markup(view))

    @app.get("/clusters", response_class=HTMLResponse, include_in_schema=False)
    def clusters_page() -> HTMLResponse:
        shown = []
        for c in collection.clusters:
            first = c.members[0].doc
            members = [
                {
                    "n": number[m.doc], "doc": m.doc, "start": m.start, "end": m.end,
                    "excerpt": excerpt(collection.by_id[m.doc].text[m.start : m.end], _SHOWN),
                    "pair": None if m.doc == first else (number[first], number[m.doc]),
                }
                for m in c.members
            ]  # fmt: skip
            shown.append({"documents": c.documents, "passages": c.passages, "members": members})
        return render("clusters.html", clusters=shown)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = Query("", max_length=MAX_QUERY)) -> HTMLResponse:
        t0 = time.perf_counter()
        hits = collection.search(q) if q.strip() else []
        shown = [
            {
                "n": number[h.doc], "doc": h.doc, "kind": h.kind, "score": h.score,
                "start": h.start, "end": h.end,
                "excerpt": excerpt(collection.by_id[h.doc].text[h.start : h.end], _SHOWN),
            }
            for h in hits
        ]  # fmt: skip
        return render(
            "search.html", query=q, query_excerpt=excerpt(q, 400), hits=shown,
            seconds=time.perf_counter() - t0,
        )  # fmt: skip

    @app.get("/assets/style.css", include_in_schema=False)
    def style() -> Response:
        return Response(STYLE + SERVER_STYLE, media_type="text/css")

    @app.get("/assets/app.js", include_in_schema=False)
    def script() -> Response:
        return Response(SCRIPT, media_type="text/javascript")

    @app.get("/api/documents", tags=["collection"])
    def api_documents() -> list[dict[str, Any]]:
        """Every document: its number (used in the other routes), id, size and coverage."""
        return [
            {
                "n": n, "id": d.id, "chars": len(d.text),
                "coverage": collection.coverage.get(d.id, 0.0),
                "partners": [
                    {"n": number[o], "id": o, "shared": s} for o, s in collection.partners(d.id)
                ],
            }
            for n, d in enumerate(docs)
        ]  # fmt: skip

    @app.get("/api/pairs/{i}/{j}", tags=["collection"])
    def api_pair(i: int, j: int) -> list[dict[str, Any]]:
        """The passage records between documents i and j (schema of docs/format.md)."""
        a, b = document(i), document(j)
        return collection.pair_records(a.id, b.id)

    @app.get("/api/clusters", tags=["collection"])
    def api_clusters() -> list[dict[str, Any]]:
        """Reuse clusters: groups of documents sharing a passage, largest first (the records of
        `scan --clusters`, docs/format.md)."""
        return [cluster_record(n, c) for n, c in enumerate(collection.clusters)]

    @app.post("/api/search", tags=["search"])
    def api_search(request: SearchRequest) -> list[dict[str, Any]]:
        """Every place in the collection where the text appears, best first."""
        return [hit_record(h) for h in collection.search(request.text)]

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts or ["127.0.0.1", "localhost"])
    app.add_middleware(BodyLimit)
    return app
