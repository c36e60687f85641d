"""The command line: parses options, calls the library, turns errors into messages."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from variorum import __version__
from variorum.options import Options

if TYPE_CHECKING:
    from variorum.errors import InputError
    from variorum.types import Document, Result

_FORMATS = ("text", "jsonl", "json", "csv", "html")
_INPUT_FORMATS = ("auto", "text", "html", "markdown", "jsonl")
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Progress:
    """Progress lines on stderr: rewritten in place on a terminal, sparse otherwise."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.tty = stream.isatty()
        self.last = 0.0
        self.t0 = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        final = done == total
        if not final and now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        count = f"{done}/{total}" if total else f"{done}"
        line = f"variorum: {stage} {count} ({now - self.t0:.1f} s)"
        if self.tty:
            self.stream.write(f"\r\033[K{line}" + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _add_output(p: argparse.ArgumentParser) -> None:
    out = p.add_argument_group("output")
    out.add_argument(
        "--format", choices=_FORMATS, default="text", help="output format (default: text summary)"
    )
    out.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )


def _add_engine(p: argparse.ArgumentParser) -> None:
    d = Options()
    eng = p.add_argument_group("matching")

    def number(flag: str, kind: type, metavar: str, text: str) -> None:
        default = getattr(d, flag[2:].replace("-", "_"))
        shown = "10 for compare, 20 for scan" if default is None else default
        eng.add_argument(
            flag, type=kind, default=None, metavar=metavar, help=f"{text} (default: {shown})"
        )

    number("--min-words", int, "N", "words a passage spans on each side")
    number(
        "--min-evidence",
        float,
        "X",
        "share of a passage's information (rare words weigh more) in matching words",
    )
    number("--ngram", int, "N", "n-gram length of the candidate index")
    number("--seed", int, "K", "k-gram length of seed matches in a pair")
    number("--max-df", int, "N", "ignore n-grams found in more than N documents")
    number(
        "--min-shared",
        float,
        "X",
        "shared n-grams a pair needs to be aligned, each counted 1/(documents holding it - 1)",
    )
    number("--max-gap", int, "N", "unmatched words bridged inside a chain")
    number("--merge-gap", int, "N", "unmatched words bridged between chains")
    number(
        "--similarity",
        float,
        "X",
        "sentence similarity above which two sentences say the same thing",
    )
    eng.add_argument(
        "--semantic", action=argparse.BooleanOptionalAction, default=None,
        help="also align sentences by meaning: paraphrase, re-translation, translation "
        "(default: on for compare, off for scan)",
    )  # fmt: skip
    eng.add_argument(
        "--repetitions", action=argparse.BooleanOptionalAction, default=True,
        help="also report text repeated inside one document (default: on)",
    )  # fmt: skip
    eng.add_argument(
        "--quotes", action=argparse.BooleanOptionalAction, default=None,
        help="also list the documents' quotations, linked through the passages found, "
        "citations carried over (default: on for compare, off for scan)",
    )  # fmt: skip
    p.add_argument(
        "--input-format",
        choices=_INPUT_FORMATS,
        default="auto",
        help="how to read inputs (default: by file suffix)",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress on stderr (default: on a terminal)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="variorum",
        description="Find where texts repeat each other and align the shared passages "
        "down to the word.",
        epilog="Run 'variorum COMMAND --help' for the options of a command. Documentation: docs/.",
    )
    parser.add_argument("--version", action="version", version=f"variorum {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    cmp = sub.add_parser(
        "compare", help="align two documents: every passage they share",
        description="Align two documents (text, Markdown or HTML): every passage they share, "
        "verbatim or edited, with sentence pairs and word-level changes.",
    )  # fmt: skip
    cmp.add_argument("a", metavar="A", help="first document")
    cmp.add_argument("b", metavar="B", help="second document")
    _add_engine(cmp)
    _add_output(cmp)
    scn = sub.add_parser(
        "scan", help="find all reuse in a collection",
        description="Find every passage shared between documents of a collection: files, "
        "folders (recursively), globs, JSON Lines corpora (id, text, other fields kept).",
    )  # fmt: skip
    scn.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders, globs or .jsonl corpora"
    )
    scn.add_argument(
        "--jobs", type=int, default=None, metavar="N",
        help="worker processes (default: 0, one per core); the output does not depend on it",
    )  # fmt: skip
    scn.add_argument(
        "--all-links", action="store_true",
        help="keep every link, also those explained by a stronger passage on the same text "
        "(by default each stretch keeps its best-matching partner)",
    )  # fmt: skip
    scn.add_argument(
        "--clusters", action="store_true", default=False,
        help="also group the passages into reuse clusters (documents sharing a passage), "
        "with their earliest dated witness (JSON Lines field date) or a direction estimate",
    )  # fmt: skip
    scn.add_argument(
        "--engine", choices=("local", "spark"), default="local",
        help="where the stages run: local processes (default) or Apache Spark (needs "
        "pip install 'variorum[spark]' and Java 17); the passages are the same",
    )  # fmt: skip
    scn.add_argument(
        "--master", default=None, metavar="URL",
        help="the Spark master for --engine spark (default local[*]: every core here). "
        "With Spark, -o X.parquet writes Parquet and -o URL (hdfs://, s3a://, file://) with "
        "--format jsonl a folder of JSON Lines, both from the executors",
    )  # fmt: skip
    scn.add_argument(
        "--stream", action="store_true",
        help="for collections larger than memory: keep the documents, their words and the "
        "n-gram index in a temporary folder on disk, not in memory (same passages, a little "
        "slower; local engine)",
    )  # fmt: skip
    scn.add_argument(
        "--stream-dir", default=None, metavar="DIR",
        help="where --stream keeps its temporary folder (implies --stream; default: the "
        "system's temporary folder, TMPDIR)",
    )  # fmt: skip
    scn.add_argument(
        "--on-error", choices=("fail", "skip"), default="fail",
        help="a document that cannot be read stops the scan (fail, default) "
        "or is skipped with a warning",
    )  # fmt: skip
    _add_engine(scn)
    _add_output(scn)
    quo = sub.add_parser(
        "quotes", help="quotations, their speakers and citations, traced across versions",
        description="List the quotations of documents with their kind (quotation or scare "
        "quotes), speaker and citation (Ibid. resolved). With several documents, the same "
        "quotation is linked across them through their alignment, citations are carried "
        "over to versions that lack them, and drift in wording is shown.",
    )  # fmt: skip
    quo.add_argument("docs", nargs="+", metavar="DOC", help="documents (files)")
    quo.add_argument(
        "--kinds", type=_kinds, default=None, metavar="KIND[,KIND]",
        help="list only these kinds: quotation (speech and quoted words), letter (a quoted "
        "document: a letter or note), scare (scare quotes); default all",
    )  # fmt: skip
    _add_engine(quo)
    _add_output(quo)
    srv = sub.add_parser(
        "serve", help="a local web viewer over a collection: pairs, clusters, search",
        description="Scan a collection once and serve it to a browser: the documents with "
        "their reuse, any pair side by side, the reuse clusters, and a search box that finds "
        "a pasted passage anywhere in the collection (verbatim, edited, paraphrased or "
        "translated). A JSON API is described at /openapi.json. Needs the serve extra: "
        "pip install 'variorum[serve]'.",
    )  # fmt: skip
    srv.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, JSONL")
    srv.add_argument(
        "--host", default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )  # fmt: skip
    srv.add_argument(
        "--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)"
    )
    _add_engine(srv)
    idx = sub.add_parser(
        "index", help="a persistent index of a collection: build it, add to it",
        description="Keep a collection in one index file (SQLite) that `variorum query` "
        "searches in a second. `build` writes a new index atomically; `add` appends "
        "documents in one transaction. A build or add killed at any moment leaves the "
        "last committed index readable and complete.",
    )  # fmt: skip
    isub = idx.add_subparsers(dest="index_command", required=True, metavar="ACTION")
    ibuild = isub.add_parser("build", help="index a collection into a new file")
    ibuild.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, JSONL")
    ibuild.add_argument("-o", "--output", required=True, metavar="INDEX", help="the index file")
    ibuild.add_argument(
        "--semantic", action="store_true", default=False,
        help="also store each document's mean sentence vector, so that queries find "
        "paraphrases and translations (slower to build: every sentence is embedded)",
    )  # fmt: skip
    ibuild.add_argument(
        "--ngram", type=int, default=None, metavar="N",
        help="words per indexed n-gram (default: that of scan, 5)",
    )  # fmt: skip
    iadd = isub.add_parser("add", help="add documents to an index, all or nothing")
    iadd.add_argument("index", metavar="INDEX", help="the index file")
    iadd.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, JSONL")
    for p in (ibuild, iadd):
        p.add_argument(
            "--input-format", choices=_INPUT_FORMATS, default="auto",
            help="how to read inputs (default auto, by suffix)",
        )  # fmt: skip
        p.add_argument(
            "--jobs", type=int, default=0, metavar="N",
            help="worker processes that analyse and embed the documents (default: 0, one "
            "per core); the index does not depend on it",
        )  # fmt: skip
    qry = sub.add_parser(
        "query", help="where else a new document's text appears in an indexed collection",
        description="Align a new document with the documents of an index that share rare "
        "word n-grams with it, or (for an index built with --semantic) say the same thing "
        "in any language; writes the passages as compare does.",
    )  # fmt: skip
    qry.add_argument("index", metavar="INDEX", help="the index file")
    qry.add_argument("doc", metavar="DOC", help="the new document")
    _add_engine(qry)
    _add_output(qry)
    rep = sub.add_parser(
        "report", help="an HTML report of results written earlier with --format jsonl",
        description="Draw the side-by-side HTML report (as `compare --format html` does) from "
        "JSON Lines results. The documents are read again from the paths the results name "
        "(or from --docs) and must be the ones the results were computed on.",
    )  # fmt: skip
    rep.add_argument("results", metavar="RESULTS.jsonl", help="results of compare or scan")
    rep.add_argument(
        "--docs", nargs="+", metavar="PATH", default=None,
        help="read the documents from these files, folders or JSON Lines collections "
        "instead of the paths named in the results",
    )  # fmt: skip
    rep.add_argument(
        "--pair", nargs=2, metavar=("A", "B"), default=None,
        help="the two documents to show (default: the only two, or the two sharing most)",
    )  # fmt: skip
    rep.add_argument(
        "--input-format", choices=_INPUT_FORMATS, default="auto",
        help="how to read the documents (default auto, by suffix)",
    )  # fmt: skip
    rep.add_argument(
        "-o", "--output", metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )  # fmt: skip
    return parser


_ENGINE_FLAGS = (
    "min_words", "min_evidence", "ngram", "seed", "max_df", "min_shared", "max_gap",
    "merge_gap", "jobs", "similarity", "semantic", "quotes",
)  # fmt: skip


_QUOTE_KINDS = ("quotation", "letter", "scare")


def _kinds(value: str) -> frozenset[str]:
    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    unknown = kinds - set(_QUOTE_KINDS)
    if unknown or not kinds:
        named = ", ".join(sorted(unknown)) or repr(value)
        msg = f"unknown kind {named}: choose from {', '.join(_QUOTE_KINDS)}"
        raise argparse.ArgumentTypeError(msg)
    return kinds


def _options(args: argparse.Namespace) -> Options:
    """Options from the flags the user gave; the rest keep the library's defaults."""
    given = {
        name: getattr(args, name) for name in _ENGINE_FLAGS if getattr(args, name, None) is not None
    }
    return Options(
        repetitions=args.repetitions,
        all_links=getattr(args, "all_links", False),
        clusters=getattr(args, "clusters", False),
        **given,
    )


def _run(args: argparse.Namespace, stderr: TextIO) -> int:
    from variorum.engine.local import scan  # noqa: PLC0415
    from variorum.engine.plan import compare  # noqa: PLC0415
    from variorum.report import write  # noqa: PLC0415

    if args.command == "report":
        return _report(args)
    if args.command == "index":
        return _index(args, stderr)
    opts = _options(args)
    if args.command == "serve":
        return _serve(args, opts, stderr)
    if args.command == "query":
        from variorum.ingest import read_document  # noqa: PLC0415
        from variorum.store import query  # noqa: PLC0415

        found = query(args.index, read_document(args.doc, args.input_format), opts)
        write(found, args.format, args.output if args.output else sys.stdout)
        return EXIT_OK
    progress = _Progress(stderr, stderr.isatty() if args.progress is None else args.progress)
    result: Result
    if args.command == "quotes":
        return _quotes(args, opts)
    if args.command == "compare":
        from variorum.ingest import read_document  # noqa: PLC0415

        a = read_document(args.a, args.input_format)
        b = read_document(args.b, args.input_format)
        result = compare(a, b, opts)
    else:
        skipped: list[InputError] = []

        def skip(error: InputError) -> None:
            if args.on_error == "fail":
                raise error
            skipped.append(error)
            stderr.write(f"variorum: skipped {error}\n")

        from variorum.ingest import read_documents  # noqa: PLC0415

        if args.engine == "spark":
            if args.stream or args.stream_dir is not None:
                from variorum.errors import OptionError  # noqa: PLC0415

                msg = "--stream is for the local engine (Spark keeps the collection itself)"
                raise OptionError(msg)
            return _spark_scan(args, opts, skip)
        result = scan(
            read_documents(args.paths, args.input_format, skip),
            opts,
            progress,
            stream=args.stream,
            stream_dir=args.stream_dir,
        )
    write(result, args.format, args.output if args.output else sys.stdout)
    return EXIT_OK


def _spark_scan(args: argparse.Namespace, opts: Options, skip: Callable[..., None]) -> int:
    from variorum.engine import spark  # noqa: PLC0415
    from variorum.ingest import read_documents  # noqa: PLC0415
    from variorum.report import write  # noqa: PLC0415

    session = spark.session(args.master)
    sources: list[str] | list[Document]
    if args.input_format in ("auto", "jsonl") and all(map(spark.is_spark_input, args.paths)):
        sources = list(args.paths)  # Spark reads them itself, from any path it can
    else:
        sources = list(read_documents(args.paths, args.input_format, skip))
    out = args.output
    on_cluster = out and (
        out.lower().endswith(".parquet") or ("://" in out and args.format == "jsonl")
    )
    if on_cluster:
        spark.check_output(session, out)
    found = spark.run(sources, opts, session, on_error=skip)
    if on_cluster:
        found.save(out)  # by the executors
    elif args.format == "jsonl":
        from variorum.report.writers import atomic  # noqa: PLC0415

        if out:
            with atomic(out) as handle:
                found.write_jsonl(handle)
        else:
            found.write_jsonl(sys.stdout)
    else:  # the other formats are for a person to read: gathered on the driver
        write(found.result(), args.format, out if out else sys.stdout)
    return EXIT_OK


def _quotes(args: argparse.Namespace, opts: Options) -> int:
    from variorum.engine.plan import trace  # noqa: PLC0415
    from variorum.ingest import read_document  # noqa: PLC0415
    from variorum.report.quotes import write_quotes  # noqa: PLC0415
    from variorum.report.writers import atomic  # noqa: PLC0415

    docs = [read_document(path, args.input_format) for path in args.docs]
    quotes = trace(docs, opts)
    if args.kinds is not None:
        quotes = [q for q in quotes if q.kind in args.kinds]
    if args.output:
        with atomic(args.output) as handle:
            write_quotes(quotes, docs, args.format, handle)
    else:
        write_quotes(quotes, docs, args.format, sys.stdout)
    return EXIT_OK


def _serve(args: argparse.Namespace, opts: Options, stderr: TextIO) -> int:
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
    collection = Collection(read_documents(args.paths, args.input_format), opts)
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
    return EXIT_OK


def _index(args: argparse.Namespace, stderr: TextIO) -> int:
    from variorum import store  # noqa: PLC0415
    from variorum.ingest import read_documents  # noqa: PLC0415

    docs = read_documents(args.paths, args.input_format)
    if args.index_command == "build":
        opts = Options(ngram=args.ngram or Options().ngram, jobs=args.jobs)
        built = store.build(args.output, docs, opts, semantic=args.semantic)
        stderr.write(
            f"variorum: indexed {built.documents} documents ({built.grams} n-grams"
            f"{', with vectors' if built.semantic else ''}) in {args.output}\n"
        )
    else:
        added = store.add(args.index, docs, args.jobs)
        total = store.stats(args.index).documents
        stderr.write(f"variorum: added {added} documents to {args.index} ({total} in all)\n")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from variorum.errors import InputError  # noqa: PLC0415
    from variorum.report.html import report  # noqa: PLC0415
    from variorum.report.load import load_results  # noqa: PLC0415
    from variorum.report.writers import atomic  # noqa: PLC0415

    records, texts = load_results(args.results, args.docs, args.input_format)
    pair = (args.pair[0], args.pair[1]) if args.pair else None
    if pair is not None:
        missing = [doc for doc in pair if doc not in texts]
        if missing:
            raise InputError(args.results, f"no document {missing[0]!r} in these results")
    page = report(records, texts, pair)
    if args.output:
        with atomic(args.output) as handle:
            handle.write(page)
    else:
        sys.stdout.write(page)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from variorum.errors import VariorumError  # noqa: PLC0415

    # SIGTERM unwinds as Ctrl-C does, so that temporary files and folders go.
    previous = (
        signal.signal(signal.SIGTERM, _terminated)
        if threading.current_thread() is threading.main_thread()
        else None
    )
    try:
        return _run(args, sys.stderr)
    except VariorumError as exc:
        sys.stderr.write(f"variorum: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("variorum: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
