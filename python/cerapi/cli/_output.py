"""Streaming output of record lists as a table, a JSON array or CSV.

The writers print each record as it arrives, so a paged read of 200,000 calls
shows its first rows after the first page and never keeps all rows in memory.
"""

from __future__ import annotations

import argparse
import csv
import json
from typing import (
    Any,
    Callable,
    Iterable,
    List,
    NamedTuple,
    Optional,
    Sequence,
    TextIO,
    Tuple,
    Union,
)

LIST_FORMATS = ("table", "json", "csv")

TABLE_SAMPLE_ROWS = 500
"""Rows a table reads before it fixes its column widths; longer cells after them stretch a row."""


class Column(NamedTuple):
    """One output column: its table title, its CSV header and how to read it from a record.

    ``value`` returns a str, a bool or None. A table shows a bool as yes or no,
    CSV as true or false, and both show None as an empty cell.
    """

    title: str
    name: str
    value: Callable[[Any], Optional[Union[str, bool]]]


def add_list_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=LIST_FORMATS,
        default="table",
        dest="output_format",
        help="output format: an aligned table, a JSON array of objects, or CSV with a "
        "header row (default: table)",
    )


def text(value: Optional[object]) -> str:
    """Return a table cell's text: empty for None, yes or no for a bool, else ``str(value)``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def csv_text(value: Optional[object]) -> str:
    """Return a CSV cell's text: empty for None, true or false for a bool, else ``str(value)``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_records(
    records: Iterable[Any],
    columns: Sequence[Column],
    output_format: str,
    out: TextIO,
    *,
    csv_columns: Optional[Sequence[Column]] = None,
    flush_every: int = TABLE_SAMPLE_ROWS,
) -> int:
    """Write ``records`` to ``out`` as they arrive and return how many were written.

    ``columns`` are the table's; CSV uses ``csv_columns`` when given, else the
    same columns under their CSV headers. JSON writes each record's
    ``to_dict()``. Output is flushed every ``flush_every`` records.
    """
    if output_format == "json":
        return _write_json(records, out, flush_every)
    if output_format == "csv":
        return _write_csv(records, csv_columns or columns, out, flush_every)
    return _write_table(records, columns, out, flush_every)


def _write_json(records: Iterable[Any], out: TextIO, flush_every: int) -> int:
    # The same text as json.dumps(list_of_dicts, indent=2), written one element at a time.
    count = 0
    for record in records:
        element = json.dumps(record.to_dict(), indent=2, ensure_ascii=False)
        indented = "\n".join("  " + line for line in element.splitlines())
        out.write(("[\n" if count == 0 else ",\n") + indented)
        count += 1
        if count % flush_every == 0:
            out.flush()
    out.write("[]\n" if count == 0 else "\n]\n")
    out.flush()
    return count


def _write_csv(
    records: Iterable[Any], columns: Sequence[Column], out: TextIO, flush_every: int
) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.name for column in columns])
    count = 0
    for record in records:
        writer.writerow([csv_text(column.value(record)) for column in columns])
        count += 1
        if count % flush_every == 0:
            out.flush()
    out.flush()
    return count


def _write_table(
    records: Iterable[Any], columns: Sequence[Column], out: TextIO, flush_every: int
) -> int:
    header = [column.title for column in columns]
    widths = [len(title) for title in header]
    sample: List[List[str]] = []
    count = 0
    iterator = iter(records)

    for record in iterator:
        row = [text(column.value(record)) for column in columns]
        widths = [max(width, len(cell)) for width, cell in zip(widths, row)]
        sample.append(row)
        count += 1
        if len(sample) >= TABLE_SAMPLE_ROWS:
            break

    for row in [header, *sample]:
        _write_row(row, widths, out)
    out.flush()

    for record in iterator:
        _write_row([text(column.value(record)) for column in columns], widths, out)
        count += 1
        if count % flush_every == 0:
            out.flush()
    out.flush()
    return count


def _write_row(row: Sequence[str], widths: Sequence[int], out: TextIO) -> None:
    cells = [cell.ljust(width) for cell, width in zip(row, widths)]
    out.write("  ".join(cells).rstrip() + "\n")


def print_labelled(fields: Sequence[Tuple[str, str]], out: TextIO) -> None:
    """Print one line per field: the label, then the value in a column after the longest label."""
    width = max((len(label) for label, _ in fields), default=0) + 2
    for label, value in fields:
        out.write(f"{label:<{width}}{value}".rstrip() + "\n")
