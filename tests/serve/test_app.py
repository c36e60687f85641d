"""The web viewer: pages, API, escaping, security headers, traversal and size limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from variorum.options import Options
from variorum.serve.app import MAX_BODY, create_app
from variorum.serve.collection import MAX_QUERY, Collection
from variorum.types import Document

STORY = (
    "The harbour master wrote that the storm broke the northern wall at dawn, and that "
    "no ship left port for three days while the town waited for the wind to turn."
)
HOSTILE = (
    '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    '<a href="javascript:window.pwned = 3">link</a> '
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    docs = [
        Document("gazette.txt", HOSTILE + STORY),
        Document("<b>courier</b>.txt", "Reprinted from the Gazette. " + STORY),
        Document("almanac.txt", "Tides and moons for the year, with the fairs of the county."),
    ]
    app = create_app(Collection(docs, Options(semantic=False)))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.mark.parametrize("url", ["/", "/doc/0", "/doc/1", "/pair/0/1", "/clusters"])
def test_pages_escape_document_text(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    page = response.text
    assert "<script>window" not in page
    assert "<img" not in page
    assert 'href="javascript' not in page
    assert "<b>courier</b>" not in page
    assert page.count("<script") == 1  # the viewer's own, from /assets
    assert '<script src="/assets/app.js"></script>' in page


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_pair_view_and_clusters(client: TestClient) -> None:
    pair = client.get("/pair/0/1").text
    assert 'id="a-p0"' in pair
    assert 'id="b-p0"' in pair
    clusters = client.get("/api/clusters").json()
    assert clusters[0]["documents"] == 2
    assert {m["doc"] for m in clusters[0]["members"]} == {"gazette.txt", "<b>courier</b>.txt"}
    documents = client.get("/api/documents").json()
    assert [d["n"] for d in documents] == [0, 1, 2]
    assert documents[2]["partners"] == []
    assert client.get("/api/pairs/0/1").json()[0]["kind"] in ("verbatim", "edited")


def test_search_finds_every_place(client: TestClient) -> None:
    query = "the storm broke the northern wall at dawn and no ship left port for three days"
    hits = client.post("/api/search", json={"text": query}).json()
    assert {h["doc"] for h in hits} == {"gazette.txt", "<b>courier</b>.txt"}
    page = client.get("/search", params={"q": query}).text
    assert "2 places" in page
    assert "Not found" in client.get("/search", params={"q": "cabbages and kings " * 3}).text


@pytest.mark.parametrize(
    "url",
    [
        "/doc/3",
        "/doc/-1",
        "/doc/..%2F..%2Fetc%2Fpasswd",
        "/doc/%2e%2e/%2e%2e/etc/passwd",
        "/pair/0/..%2F..%2Fetc%2Fpasswd",
        "/assets/../../etc/passwd",
        "/assets/..%2F..%2Fpyproject.toml",
        "/assets/%2e%2e/serve/app.py",
        "/etc/passwd",
        "/docs",
    ],
)
def test_no_file_outside_the_collection(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (404, 422)
    assert "root:" not in response.text
    assert "import" not in response.text


def test_request_sizes_are_bounded(client: TestClient) -> None:
    big = b'{"text": "' + b"x" * MAX_BODY + b'"}'
    declared = client.post("/api/search", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413

    def chunks() -> Iterator[bytes]:
        for _ in range(8):
            yield b"x" * (MAX_BODY // 4)

    streamed = client.post(
        "/api/search", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    too_long = client.get("/search", params={"q": "x" * (MAX_QUERY + 1)})
    assert too_long.status_code == 422
    assert client.post("/api/search", json={"text": ""}).status_code == 422


def test_only_the_served_host_is_answered(client: TestClient) -> None:
    rebound = client.get("/", headers={"host": "attacker.example"})
    assert rebound.status_code == 400


def test_the_api_is_described_by_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/documents", "/api/pairs/{i}/{j}", "/api/clusters", "/api/search"} <= set(
        spec["paths"]
    )
    assert "/" not in spec["paths"]
