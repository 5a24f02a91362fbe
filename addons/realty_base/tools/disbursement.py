"""A bank's mortgage disbursement list (按揭放款清单), read and checked (§9.6).

The bank sends, for each loan disbursed, the contract number, the buyer's name and
ID, the approved and the disbursed amounts, the date and its own reference. The
caller reads the file into rows (:func:`read_table_bytes`, or
:func:`read_csv_bytes` / :func:`read_xlsx_bytes`), then
:func:`parse_disbursement_rows` checks every row and returns the good lines and
one :class:`RowError` per problem, each with a stable ``problem`` key. Matching
the lines to loan lines is the models' work.

A file with any error should be refused as a whole (the user fixes it and imports
it again): the lines of a partly wrong bank file are not trusted.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .capital import MAX_CAPITAL_AMOUNT
from .errors import ERR_IMPORT_ROW, RealtyError
from .identity import (
    FOREIGN_PERMANENT_RESIDENT,
    HMT_PREFIXES,
    HMT_RESIDENCE_PERMIT,
    RESIDENT_ID,
    validate_personal_id,
)
from .rounding import ZERO, exact, rnd

CONTRACT_NO = "contract_no"
BUYER_NAME = "buyer_name"
ID_NUMBER = "id_number"
APPROVED = "approved"
DISBURSED = "disbursed"
DATE = "date"
REFERENCE = "reference"

HEADER_ALIASES: Mapping[str, tuple[str, ...]] = {
    CONTRACT_NO: ("合同编号", "合同号", "contract_no", "contract number"),
    BUYER_NAME: ("姓名", "借款人", "借款人姓名", "buyer", "buyer_name", "borrower"),
    ID_NUMBER: ("身份证号", "身份证号码", "证件号码", "id_number", "id no"),
    APPROVED: ("审批金额", "批贷金额", "approved", "approved amount"),
    DISBURSED: ("放款金额", "disbursed", "disbursed amount"),
    DATE: ("放款日期", "date", "disbursement date"),
    REFERENCE: ("银行流水号", "业务编号", "流水号", "reference", "bank reference"),
}
"""Column titles by field, compared without case, spaces, ``_``/``-`` and a
trailing unit in brackets (``放款金额（元）``)."""
REQUIRED_COLUMNS = (CONTRACT_NO, APPROVED, DISBURSED, DATE, REFERENCE)
"""Name and ID columns are optional: matching goes by contract number first."""
HEADER_SEARCH_ROWS = 10
"""The header is the first of these rows with a known column title; rows above it
(a bank's title line) are ignored."""

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
"""Disbursement dates outside these are refused: in practice a misread cell."""

_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_SERIAL = 61
"""Excel serial of 1900-03-01: earlier serials carry Excel's 1900 leap-year bug."""
_MAX_SERIAL = (date.max - _EXCEL_EPOCH).days
_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_HEADER_NOISE = re.compile(r"[\s_\-.:：*]|[(（][^)）]*[)）]")
_AMOUNT_NOISE = re.compile(r"[\s,，¥￥元]")
_HMT_PREFIXES = tuple(str(prefix) for prefix in sorted(HMT_PREFIXES))
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


def _header_key(title: object) -> str:
    return _HEADER_NOISE.sub("", str(title or "")).casefold()


_FIELD_BY_TITLE = {
    _header_key(alias): name
    for name, aliases in HEADER_ALIASES.items()
    for alias in aliases
}


@dataclass(frozen=True)
class DisbursementRow:
    """A good line of the file; *row_number* counts the file's rows from 1."""

    row_number: int
    contract_no: str
    buyer_name: str
    id_number: str
    approved: Decimal
    disbursed: Decimal
    date: date
    reference: str


@dataclass(frozen=True)
class RowError:
    """A problem of the file: *row_number* in the file (the header's for a column
    problem), *column* the field (``approved``, …; empty for the header), a stable
    *problem* key, an English *message* and its *params*."""

    row_number: int
    column: str
    code: str
    message: str
    problem: str
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class DisbursementFile:
    """The checked file: the good lines, and the errors in row order."""

    lines: tuple[DisbursementRow, ...]
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        """True when the file has no error and can be imported."""
        return not self.errors

    @property
    def total_disbursed(self) -> Decimal:
        """The sum of the good lines' disbursed amounts, to the fen."""
        return rnd(sum((line.disbursed for line in self.lines), ZERO))


def _refuse(problem: str, message: str, **params: Any) -> RealtyError:
    return RealtyError(ERR_IMPORT_ROW, message, problem=problem, **params)


def _row_error(
    row_number: int, column: str, error: RealtyError, title: str = ""
) -> RowError:
    """The error of a cell, a row or the header; *title* prefixes the message."""
    return RowError(
        row_number=row_number,
        column=column,
        code=ERR_IMPORT_ROW,
        message=f"{title}: {error.message}" if title else error.message,
        problem=error.params.get("problem", "invalid"),
        params=dict(error.params),
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as stripped text; a whole number read as a float (``2025001.0``)
    loses its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@exact
def parse_cell_amount(value: object) -> Decimal:
    """A money cell (§9.6): a number, or text such as ``1,990,000.00`` or
    ``¥1990000元``, above zero, with at most two decimals and at most
    999,999,999,999.99 (what a letter can print in capital numerals, §9.9).

    :returns: the amount with two decimals.
    :raises RealtyError: ``ERR_IMPORT_ROW`` with ``problem`` ``empty``,
        ``not_a_number``, ``not_positive``, ``too_many_decimals`` or ``too_large``.
    """
    if _blank(value):
        raise _refuse("empty", "no amount")
    text = cell_text(value)
    amount = None
    if not isinstance(value, bool):
        with suppress(InvalidOperation):
            amount = Decimal(_AMOUNT_NOISE.sub("", text))
    if amount is None or not amount.is_finite():
        raise _refuse("not_a_number", "{value!r} is not a number", value=text)
    if amount <= ZERO:
        raise _refuse("not_positive", "{value} is not above zero", value=text)
    if amount > MAX_CAPITAL_AMOUNT:
        raise _refuse(
            "too_large",
            "{value} is above {limit}",
            value=text,
            limit=MAX_CAPITAL_AMOUNT,
        )
    if rnd(amount) != amount:
        raise _refuse("too_many_decimals", "{value} has over two decimals", value=text)
    return rnd(amount)


def _date_from_number(value: float | Decimal) -> date | None:
    """``YYYYMMDD`` as a number, or an Excel serial day (its time part dropped)."""
    if not Decimal(str(value)).is_finite():
        return None
    if value == int(value) and 19000101 <= value <= 99991231:
        return _date_from_parts(*_COMPACT_DATE.match(str(int(value))).groups())
    if _FIRST_SERIAL <= value <= _MAX_SERIAL:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    return None


def _date_from_parts(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_from_text(text: str) -> date | None:
    match = _DATE_TEXT.match(text) or _COMPACT_DATE.match(text)
    return _date_from_parts(*match.groups()[:3]) if match else None


def parse_cell_date(
    value: object, earliest: date = EARLIEST_DATE, latest: date = LATEST_DATE
) -> date:
    """A date cell (§9.6): a ``date``/``datetime``, text ``2025-03-10``,
    ``2025/3/10``, ``2025.3.10``, ``2025年3月10日`` or ``20250310`` (a time after
    it is dropped), the number ``20250310``, or an Excel serial day (45726).

    :raises RealtyError: ``ERR_IMPORT_ROW`` with ``problem`` ``empty``,
        ``bad_date`` or ``date_out_of_range`` (before *earliest*, after *latest*).
    """
    if _blank(value):
        raise _refuse("empty", "no date")
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, bool):
        day = None
    elif isinstance(value, int | float | Decimal):
        day = _date_from_number(value)
    else:
        day = _date_from_text(cell_text(value))
    if day is None:
        raise _refuse("bad_date", "{value!r} is not a date", value=cell_text(value))
    if not earliest <= day <= latest:
        raise _refuse(
            "date_out_of_range",
            "{value} is not between {earliest} and {latest}",
            value=day,
            earliest=earliest,
            latest=latest,
        )
    return day


def _required_text(value: object) -> str:
    text = cell_text(value)
    if not text:
        raise _refuse("empty", "empty")
    return text


def _id_number(value: object) -> str:
    """An 18-character ID is validated (§8.5); anything else (a passport) is kept."""
    text = cell_text(value)
    if len(text) != 18:
        return text
    if text.startswith(_HMT_PREFIXES):
        id_type = HMT_RESIDENCE_PERMIT
    elif text.startswith("9"):
        id_type = FOREIGN_PERMANENT_RESIDENT
    else:
        id_type = RESIDENT_ID
    try:
        return validate_personal_id(text, id_type).number
    except RealtyError as error:
        raise _refuse(
            "invalid_id",
            "{value}: {reason}",
            value=text,
            reason=error.message,
            id_code=error.code,
        ) from error


_CELL_PARSERS = {
    CONTRACT_NO: _required_text,
    BUYER_NAME: cell_text,
    ID_NUMBER: _id_number,
    APPROVED: parse_cell_amount,
    DISBURSED: parse_cell_amount,
    DATE: parse_cell_date,
    REFERENCE: _required_text,
}


def _find_header(
    rows: Sequence[Sequence[object]],
) -> tuple[int, dict[str, list[int]]] | None:
    """``(index, {field: [column indexes]})`` of the header row, or None."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, list[int]] = {}
        for position, title in enumerate(row):
            name = _FIELD_BY_TITLE.get(_header_key(title))
            if name:
                columns.setdefault(name, []).append(position)
        if columns:
            return index, columns
    return None


def _header_errors(
    header: Sequence[object], row_number: int, columns: dict[str, list[int]]
) -> list[RowError]:
    """Missing required columns (one error) and fields in several columns."""
    errors = []
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        error = _refuse(
            "missing_columns",
            "missing columns: {columns} (expected e.g. {titles})",
            columns=", ".join(missing),
            titles=", ".join(HEADER_ALIASES[name][0] for name in missing),
        )
        errors.append(_row_error(row_number, "", error))
    for name, positions in columns.items():
        if len(positions) > 1:
            error = _refuse(
                "ambiguous_column",
                "{column} is in several columns: {titles}",
                column=name,
                titles=", ".join(cell_text(header[i]) for i in positions),
            )
            errors.append(_row_error(row_number, name, error))
    return errors


def _parse_row(
    row_number: int,
    row: Sequence[object],
    columns: Mapping[str, int],
    titles: Mapping[str, str],
) -> tuple[dict[str, Any], list[RowError]]:
    """The parsed cells of a data row by field, and the errors of its cells."""
    values: dict[str, Any] = {}
    errors = []
    for name, parser in _CELL_PARSERS.items():
        position = columns.get(name)
        cell = row[position] if position is not None and position < len(row) else None
        try:
            values[name] = parser(cell) if position is not None else ""
        except RealtyError as error:
            errors.append(_row_error(row_number, name, error, titles[name]))
    if not errors and values[DISBURSED] > values[APPROVED]:
        error = _refuse(
            "exceeds_approved",
            "disbursed {disbursed} is above approved {approved}",
            disbursed=values[DISBURSED],
            approved=values[APPROVED],
        )
        errors.append(_row_error(row_number, DISBURSED, error))
    return values, errors


def _duplicate_errors(
    row_number: int, row: Sequence[object], columns: Mapping[str, int], seen: dict
) -> list[RowError]:
    """A bank reference or contract number already on an earlier row."""
    errors = []
    for name, problem in (
        (REFERENCE, "duplicate_reference"),
        (CONTRACT_NO, "duplicate_contract"),
    ):
        position = columns[name]
        text = cell_text(row[position]) if position < len(row) else ""
        if not text:
            continue
        first = seen.setdefault((name, text), row_number)
        if first != row_number:
            error = _refuse(
                problem,
                "{value} is already on row {first_row}",
                value=text,
                first_row=first,
            )
            errors.append(_row_error(row_number, name, error))
    return errors


def parse_disbursement_rows(rows: Iterable[Sequence[object]]) -> DisbursementFile:
    """Check a bank's disbursement list read into rows (§9.6).

    The header is the first row (of the first :data:`HEADER_SEARCH_ROWS`) with a
    known title (:data:`HEADER_ALIASES`); other columns are ignored. Without all
    :data:`REQUIRED_COLUMNS`, or with a field in two columns, the file gets header
    errors and no line. Empty rows are skipped. A data row is a line when all its
    cells are good (:func:`parse_cell_amount`, :func:`parse_cell_date`, a contract
    number and a reference, an 18-character ID that passes §8.5), the disbursed
    amount is not above the approved one, and neither its bank reference nor its
    contract number is on an earlier row (the earlier row stays good).

    :returns: the lines and the errors; every error has code ``ERR_IMPORT_ROW``.
    """
    rows = [tuple(row) for row in rows]
    found = _find_header(rows)
    if found is None:
        error = _refuse(
            "no_header",
            "no header row with columns such as {titles}",
            titles=", ".join(HEADER_ALIASES[name][0] for name in REQUIRED_COLUMNS),
        )
        return DisbursementFile((), (_row_error(1, "", error),))
    header_index, positions = found
    header = rows[header_index]
    errors = _header_errors(header, header_index + 1, positions)
    if errors:
        return DisbursementFile((), tuple(errors))
    columns = {name: indexes[0] for name, indexes in positions.items()}
    titles = {name: HEADER_ALIASES[name][0] for name in HEADER_ALIASES}
    titles.update({name: cell_text(header[i]) for name, i in columns.items()})
    lines, seen = [], {}
    for index in range(header_index + 1, len(rows)):
        row, row_number = rows[index], index + 1
        if all(_blank(cell) for cell in row):
            continue
        values, row_errors = _parse_row(row_number, row, columns, titles)
        row_errors += _duplicate_errors(row_number, row, columns, seen)
        if row_errors:
            errors += row_errors
        else:
            lines.append(DisbursementRow(row_number=row_number, **values))
    return DisbursementFile(tuple(lines), tuple(errors))


def _refuse_file(kind: str, reason: str) -> RealtyError:
    return _refuse(
        "unreadable", "not a readable {kind} file: {reason}", kind=kind, reason=reason
    )


def _decode(data: bytes) -> str:
    """UTF-16 with a BOM (Excel's "Unicode text"), UTF-8 with or without a BOM,
    else GB18030 (which covers GBK and GB2312)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif b"\x00" in data:
        raise _refuse_file("CSV", "binary content")
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse_file("CSV", "neither UTF-8 nor GB18030 text")


def read_csv_bytes(data: bytes) -> list[tuple[str, ...]]:
    """The rows of a CSV file as text cells (§9.6). Cells are separated by commas,
    or by tabs when the first line has tabs and no comma.

    :raises RealtyError: ``ERR_IMPORT_ROW`` (``problem`` ``unreadable``) for bytes
        that are not text in UTF-8, GB18030 or UTF-16 with a BOM.
    """
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        return [
            tuple(row)
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise _refuse_file("CSV", str(error)) from error


def read_xlsx_bytes(data: bytes) -> list[tuple[object, ...]]:
    """The rows of the first sheet of an .xlsx file, as cell values (numbers,
    text, ``datetime``, None), formulas read as their last computed value (§9.6).

    :raises RealtyError: ``ERR_IMPORT_ROW`` (``problem`` ``unreadable``) for bytes
        that are not an .xlsx workbook.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()
            return [tuple(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        IndexError,
        OSError,
        ValueError,
        SyntaxError,
    ) as error:
        raise _refuse_file("xlsx", str(error) or type(error).__name__) from error


def read_table_bytes(data: bytes) -> list[tuple[object, ...]]:
    """The rows of an uploaded .xlsx or .csv file, told apart by content (§9.6).

    :raises RealtyError: ``ERR_IMPORT_ROW`` (``problem`` ``unreadable``) for an
        old binary .xls (save it as .xlsx or .csv) or any other unreadable file.
    """
    if data.startswith(_XLSX_MAGIC):
        return read_xlsx_bytes(data)
    if data.startswith(_XLS_MAGIC):
        raise _refuse_file("CSV or xlsx", "an old .xls workbook: save it as .xlsx")
    return read_csv_bytes(data)
