"""Report: records, the output formats, and atomic writing."""

from variorum.report.records import coverage, passage_record, records
from variorum.report.writers import FORMATS, write
from variorum.types import SCHEMA_VERSION

__all__ = ["FORMATS", "SCHEMA_VERSION", "coverage", "passage_record", "records", "write"]
