"""`variorum serve PATH...`: a local web viewer over a collection."""

from __future__ import annotations

import argparse
from typing import TextIO

from variorum.cli.options import add_matching, options


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve", help="a local web viewer over a collection: pairs, clusters, search",
        description="Scan a collection once and serve it to a browser: the documents with "
        "their reuse, any pair side by side, the reuse clusters, and a search box that finds "
        "a pasted passage anywhere in the collection (verbatim, edited, paraphrased or "
        "translated). A JSON API is described at /openapi.json. Needs the serve extra: "
        "pip install 'variorum[serve]'.",
    )  # fmt: skip
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, JSONL")
    p.add_argument(
        "--host", default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )  # fmt: skip
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    add_matching(p)


def run(args: argparse.Namespace, stderr: TextIO) -> None:
    import socket  # noqa: PLC0415

    from variorum.errors import OptionError  # noqa: PLC0415

    try:
        import uvicorn  # noqa: PLC0415

        from variorum.serve.app import create_app  # noqa: PLC0415
        from variorum.serve.collection import Collection  # noqa: PLC0415
    except ImportError as exc:
        msg = f"serve needs the web extra ({exc.name} is missing): pip install 'variorum[serve]'"
        raise OptionError(msg) from exc
    from variorum.ingest import read_documents  # noqa: PLC0415

    try:
        sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
        sock.listen(128)  # connections wait in the queue until the server accepts them
    except OSError as exc:
        msg = f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})"
        raise OptionError(msg) from exc
    stderr.write("variorum: reading and scanning the collection...\n")
    collection = Collection(read_documents(args.paths, args.input_format), options(args))
    port = sock.getsockname()[1]
    shown = f"[{args.host}]" if ":" in args.host else args.host
    hosts = ["127.0.0.1", "localhost", args.host, "::1"]
    app = create_app(collection, hosts=hosts if args.host not in ("0.0.0.0", "::") else ["*"])
    stderr.write(
        f"variorum: serving {len(collection.documents)} documents at http://{shown}:{port}/ "
        "(Ctrl-C to stop)\n"
    )
    stderr.flush()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])
