"""The executors of a scan, as one fixture: every equality and error test runs on each.

memory (one process), pool (two worker processes), disk (`stream`, through a folder on
disk) and Spark (local[2]). In CI a missing Spark (pyspark, Java) fails the Spark
cases instead of skipping them.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from variorum.engine.local import scan
from variorum.errors import InputError
from variorum.options import Options
from variorum.types import Document, Result

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

OnError = Callable[[InputError], None] | None
# scan(sources, options, on_error): sources are paths, or Documents.
Scanner = Callable[[Sequence[str] | Sequence[Document], Options, OnError], Result]
EXECUTORS = ("memory", "pool", "disk", "spark")


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    missing = [
        what
        for what, there in (
            ("pyspark", importlib.util.find_spec("pyspark") is not None),
            ("java", shutil.which("java") is not None),
        )
        if not there
    ]
    if missing:
        message = f"{', '.join(missing)} missing: pip install 'variorum[spark]', Java 17"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from variorum.engine.spark import session  # noqa: PLC0415

    s = session("local[2]")
    yield s
    s.stop()


def _local(jobs: int, stream: bool) -> Scanner:
    def run(sources: Sequence[str] | Sequence[Document], opts: Options, on: OnError) -> Result:
        return scan(sources, replace(opts, jobs=jobs), on_error=on, stream=stream)

    return run


@pytest.fixture(params=EXECUTORS)
def executor(request: pytest.FixtureRequest) -> Scanner:
    """A scan on one executor."""
    if request.param != "spark":
        return _local(2 if request.param != "memory" else 1, request.param == "disk")
    session: SparkSession = request.getfixturevalue("spark")
    from variorum.engine import spark as engine  # noqa: PLC0415

    def run(sources: Sequence[str] | Sequence[Document], opts: Options, on: OnError) -> Result:
        return engine.scan(sources, opts, session, on_error=on)

    return run


@pytest.fixture
def reference() -> Scanner:
    """The scan every executor must equal: in memory, in one process."""
    return _local(1, False)
