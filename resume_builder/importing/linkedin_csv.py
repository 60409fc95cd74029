"""LinkedIn's CSV files as tables of named columns.

LinkedIn writes UTF-8 (sometimes with a byte order mark), CRLF line ends, RFC 4180 quoting
(line breaks inside quoted fields) and, in some files, a few lines of notes before the
header row (``Notes:`` then a quoted paragraph, then a blank line). This module:

- decodes the bytes: UTF-8 with or without a BOM, UTF-16 when it starts with a UTF-16 BOM,
  else Windows-1252 (what a spreadsheet program saves on Windows), saying so;
- finds the header row: the first row, among the first :data:`HEADER_SEARCH_ROWS`, holding
  the file's key column, so notes before it are passed over;
- matches columns by name whatever their case and spacing, keeping those it does not know
  (reported by the caller) and treating missing ones as empty;
- drops control characters other than line breaks and tabs from every value (a terminal's
  escape sequence whole: ``ESC [31m`` left "[31m" behind: trial), and the bidi controls
  the résumé leaves out (:data:`resume_builder.bidi.EMBEDDING_CONTROLS`), each value's
  noted in :attr:`Table.dropped` for the import to report: nothing is lost silently.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

#: Rows looked at for the header (LinkedIn puts at most a few lines of notes first).
HEADER_SEARCH_ROWS = 20

_CONTROL = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def column_key(name: str) -> str:
    """A column name compared loosely: ``' Started  On'`` and ``'started on'`` are one column."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


@dataclass
class Row:
    line: int  # 1-based line of the file where the row starts
    values: dict[str, str]  # column key (column_key) -> value, stripped

    def get(self, column: str) -> str:
        return self.values.get(column_key(column), "")


@dataclass
class Table:
    file: str
    columns: list[str]  # the header as written
    rows: list[Row]
    encoding_note: str | None = None
    notes_skipped: int = 0  # rows before the header
    unknown_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    unnamed_values: int = 0  # values in columns without a name, or beyond the header's last column
    #: (line, column as written, what was dropped: "U+001B ESCAPE" and how many more) for each
    #: value that held control characters or bidi controls, dropped from it
    dropped: list[tuple[int, str, str]] = field(default_factory=list)


class CsvProblem(Exception):
    """The file cannot be read as the table expected (the message says why)."""


def decode(data: bytes) -> tuple[str, str | None]:
    """The text, and a note when it was not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "read as UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text = data.decode("cp1252")
        return text, f"not UTF-8 (byte {where + 1}); read as Windows-1252: check its accented letters"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"not UTF-8 (byte {where + 1}); read as Latin-1: check its accented letters"


def read_table(data: bytes, file: str, key_column: str, known: tuple[str, ...]) -> Table:
    """Parse ``data`` (a whole CSV file) into a :class:`Table` (see the module docstring).

    Raises :class:`CsvProblem` when no header row holds ``key_column`` or the CSV is malformed.
    """
    text, encoding_note = decode(data)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    wanted = column_key(key_column)
    header: list[str] | None = None
    skipped = 0
    rows: list[Row] = []
    unnamed = 0
    dropped: list[tuple[int, str, str]] = []
    try:
        while header is None:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if wanted in (column_key(c) for c in cells):
                header = [" ".join(c.replace("\ufeff", "").split()) for c in cells]
            elif line > HEADER_SEARCH_ROWS:
                break
            else:
                skipped += 1
        if header is None:
            raise CsvProblem(f"no header row with a '{key_column}' column")
        keys = [column_key(c) for c in header]
        for cells in _rows(reader):
            line, cells = cells
            if not any(c.strip() for c in cells):
                continue
            values = {}
            for key, column, cell in zip(keys, header, cells):
                if key and key not in values:
                    found = _CONTROL.findall(cell)
                    if found:
                        from resume_builder.invisible import describe

                        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
                        first = "a terminal escape sequence" if len(found[0]) > 1 else describe(found[0])
                        dropped.append((line, column, first + more))
                    values[key] = _CONTROL.sub("", cell).strip()
                elif cell.strip():
                    unnamed += 1
            unnamed += sum(1 for cell in cells[len(keys):] if cell.strip())
            rows.append(Row(line, values))
    except csv.Error as exc:
        raise CsvProblem(f"not a readable CSV file near line {reader.line_num} ({exc})") from None
    known_keys = {column_key(c) for c in known}
    present = set(keys)
    return Table(file, header, rows, encoding_note, skipped,
                 unknown_columns=[c for c, k in zip(header, keys) if k and k not in known_keys],
                 missing_columns=[c for c in known if column_key(c) not in present], unnamed_values=unnamed,
                 dropped=dropped)


def _rows(reader):
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        yield line, cells
