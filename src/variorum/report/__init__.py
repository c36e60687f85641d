"""Report: records, the output formats, and atomic writing."""

from variorum.report.records import SCHEMA_VERSION, coverage, passage_record, records
from variorum.report.writers import FORMATS, write

__all__ = ["FORMATS", "SCHEMA_VERSION", "coverage", "passage_record", "records", "write"]
