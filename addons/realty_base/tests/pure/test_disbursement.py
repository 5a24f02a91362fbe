"""§9.6 mortgage disbursement lists: reading CSV/xlsx bytes and checking rows."""

import codecs
import io
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook
from realty_base.tools import (
    DisbursementFile,
    DisbursementRow,
    RealtyError,
    parse_cell_amount,
    parse_cell_date,
    parse_disbursement_rows,
    read_csv_bytes,
    read_table_bytes,
    read_xlsx_bytes,
)

D = Decimal
HEADER = [
    "合同编号",
    "借款人",
    "身份证号",
    "审批金额",
    "放款金额",
    "放款日期",
    "银行流水号",
]
GOOD = [
    "HT2025-0001",
    "张三",
    "11010519491231002X",
    "1990000.00",
    "1990000.00",
    "2025-03-10",
    "BK202503100001",
]
GOOD_LINE = DisbursementRow(
    row_number=2,
    contract_no="HT2025-0001",
    buyer_name="张三",
    id_number="11010519491231002X",
    approved=D("1990000.00"),
    disbursed=D("1990000.00"),
    date=date(2025, 3, 10),
    reference="BK202503100001",
)
COLUMN = {name: i for i, name in enumerate(HEADER)}


def row(n: int = 1, **cells) -> list:
    """GOOD with its contract number and reference made unique by *n*, and
    *cells* (by Chinese title) replaced."""
    values = list(GOOD)
    values[0] = f"HT2025-{n:04d}"
    values[6] = f"BK2025031000{n:02d}"
    for title, value in cells.items():
        values[COLUMN[title]] = value
    return values


def only_error(file: DisbursementFile):
    assert file.lines == ()
    (error,) = file.errors
    assert error.code == "ERR_IMPORT_ROW"
    return error


def cell_error(**cells):
    """The single error of a one-row file with *cells* replaced."""
    error = only_error(parse_disbursement_rows([HEADER, row(**cells)]))
    assert error.row_number == 2
    return error


# A good file ---------------------------------------------------------------------


def test_a_good_file():
    file = parse_disbursement_rows([HEADER, GOOD])
    assert file.ok and file.errors == ()
    assert file.lines == (GOOD_LINE,)
    assert file.total_disbursed == D("1990000.00")


def test_english_headers_any_case_and_spacing():
    header = [
        " Contract_No ",
        "BUYER",
        "id number",
        "Approved Amount",
        "disbursed",
        "Date",
        "Bank Reference",
    ]
    assert parse_disbursement_rows([header, GOOD]).lines == (GOOD_LINE,)


@pytest.mark.parametrize(
    "titles",
    [
        [
            "合同号",
            "姓名",
            "证件号码",
            "批贷金额",
            "放款金额（元）",
            "放款日期",
            "业务编号",
        ],
        [
            "*合同编号",
            "借款人姓名",
            "身份证号码",
            "审批金额(元)",
            "放款金额",
            "放款 日期",
            "流水号",
        ],
    ],
)
def test_chinese_header_variants(titles):
    assert parse_disbursement_rows([titles, GOOD]).lines == (GOOD_LINE,)


def test_columns_in_any_order_and_extra_columns_ignored():
    order = [6, 5, 4, 3, 2, 1, 0]
    header = ["序号", *[HEADER[i] for i in order], "备注"]
    data = ["1", *[GOOD[i] for i in order], "首次放款"]
    assert parse_disbursement_rows([header, data]).lines == (GOOD_LINE,)


def test_name_and_id_columns_are_optional():
    header = [HEADER[i] for i in (0, 3, 4, 5, 6)]
    data = [GOOD[i] for i in (0, 3, 4, 5, 6)]
    (line,) = parse_disbursement_rows([header, data]).lines
    assert (line.buyer_name, line.id_number) == ("", "")
    assert line.disbursed == D("1990000.00")


def test_title_rows_above_the_header_are_skipped():
    rows = [["XX银行按揭放款清单"], [], HEADER, GOOD, row(2)]
    file = parse_disbursement_rows(rows)
    assert [line.row_number for line in file.lines] == [4, 5]


def test_empty_rows_are_skipped_and_numbers_kept():
    rows = [HEADER, GOOD, [], ["", None, "  ", "\u3000"], [None] * 7, row(2)]
    file = parse_disbursement_rows(iter(rows))
    assert [line.row_number for line in file.lines] == [2, 6]
    assert file.total_disbursed == D("3980000.00")


# The header ----------------------------------------------------------------------


def test_missing_required_columns_one_error_on_row_1():
    header = [title for title in HEADER if title not in ("放款日期", "银行流水号")]
    file = parse_disbursement_rows([header, GOOD[:5], GOOD[:5]])
    error = only_error(file)
    assert (error.row_number, error.column, error.problem) == (1, "", "missing_columns")
    assert error.params["columns"] == "date, reference"
    assert not file.ok


@pytest.mark.parametrize("missing", [0, 3, 4, 5, 6])
def test_each_required_column(missing):
    header = [t for i, t in enumerate(HEADER) if i != missing]
    data = [v for i, v in enumerate(GOOD) if i != missing]
    assert only_error(parse_disbursement_rows([header, data])).problem == (
        "missing_columns"
    )


def test_no_header_row():
    for rows in ([], [[]], [["a", "b"], ["c", "d"]]):
        error = only_error(parse_disbursement_rows(rows))
        assert (error.row_number, error.problem) == (1, "no_header")


def test_header_beyond_the_first_ten_rows_is_not_searched():
    rows = [["title"]] * 10 + [HEADER, GOOD]
    assert only_error(parse_disbursement_rows(rows)).problem == "no_header"
    assert parse_disbursement_rows([["title"]] * 9 + [HEADER, GOOD]).ok


def test_a_field_in_two_columns_is_ambiguous():
    header = [*HEADER, "disbursed amount"]
    error = only_error(parse_disbursement_rows([header, [*GOOD, "1"]]))
    assert (error.row_number, error.column, error.problem) == (
        1,
        "disbursed",
        "ambiguous_column",
    )
    assert error.params["titles"] == "放款金额, disbursed amount"


# Cells ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "  ", None])
def test_empty_contract_number(value):
    error = cell_error(合同编号=value)
    assert (error.column, error.problem) == ("contract_no", "empty")
    assert error.message.startswith("合同编号: ")


def test_empty_reference():
    error = cell_error(银行流水号="")
    assert (error.column, error.problem) == ("reference", "empty")


def test_a_short_row_lacks_its_last_cells():
    file = parse_disbursement_rows([HEADER, GOOD[:5]])
    assert [(e.column, e.problem) for e in file.errors] == [
        ("date", "empty"),
        ("reference", "empty"),
    ]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1990000.00", "1990000.00"),
        ("1,990,000.00", "1990000.00"),
        ("¥1 990 000元", "1990000.00"),
        ("￥1990000", "1990000.00"),
        ("0.01", "0.01"),
        ("1.10", "1.10"),
        ("1.000", "1.00"),  # trailing zeros are not decimals
        ("1e3", "1000.00"),
        ("999999999999.99", "999999999999.99"),
        (1990000, "1990000.00"),
        (1990000.0, "1990000.00"),
        (305678.5, "305678.50"),
        (D("305678.55"), "305678.55"),
    ],
)
def test_amounts_read(value, expected):
    amount = parse_cell_amount(value)
    assert amount == D(expected) and str(amount) == expected


@pytest.mark.parametrize(
    "value, problem",
    [
        (None, "empty"),
        ("", "empty"),
        ("abc", "not_a_number"),
        ("1.2.3", "not_a_number"),
        ("NaN", "not_a_number"),
        ("Infinity", "not_a_number"),
        (True, "not_a_number"),
        (float("nan"), "not_a_number"),
        ("0", "not_positive"),
        ("0.00", "not_positive"),
        ("-0.01", "not_positive"),
        (-5, "not_positive"),
        ("0.001", "too_many_decimals"),
        ("1990000.005", "too_many_decimals"),
        (0.30000000000000004, "too_many_decimals"),
        ("1000000000000.00", "too_large"),
        ("999999999999.991", "too_large"),
    ],
)
def test_amounts_refused(value, problem):
    with pytest.raises(RealtyError) as info:
        parse_cell_amount(value)
    assert info.value.code == "ERR_IMPORT_ROW"
    assert info.value.params["problem"] == problem


@pytest.mark.parametrize(
    "title, column", [("审批金额", "approved"), ("放款金额", "disbursed")]
)
def test_amount_errors_in_rows(title, column):
    error = cell_error(**{title: "0.001"})
    assert (error.column, error.problem) == (column, "too_many_decimals")
    assert error.message.startswith(f"{title}: ")


def test_disbursed_above_approved():
    error = cell_error(放款金额="1990000.01")
    assert (error.column, error.problem) == ("disbursed", "exceeds_approved")
    assert error.params["approved"] == D("1990000.00")
    assert parse_disbursement_rows([HEADER, row(放款金额="1990000.00")]).ok
    (line,) = parse_disbursement_rows([HEADER, row(放款金额="1000000.00")]).lines
    assert line.disbursed == D("1000000.00")  # less than approved: the models flag it


@pytest.mark.parametrize(
    "value",
    [
        date(2025, 3, 10),
        datetime(2025, 3, 10, 14, 30),
        "2025-03-10",
        " 2025-3-10 ",
        "2025/3/10",
        "2025/03/10",
        "2025.3.10",
        "2025年3月10日",
        "20250310",
        "2025-03-10 14:30:00",
        "2025-03-10T14:30",
        20250310,
        45726,  # Excel serial day
        45726.75,  # and a time of day
        D("45726"),
    ],
)
def test_dates_read(value):
    assert parse_cell_date(value) == date(2025, 3, 10)


@pytest.mark.parametrize(
    "value, problem",
    [
        (None, "empty"),
        ("", "empty"),
        ("2025-02-30", "bad_date"),
        ("2025-13-01", "bad_date"),
        ("20250230", "bad_date"),
        (20250230, "bad_date"),
        ("10/03/2025", "bad_date"),
        ("2025-03", "bad_date"),
        ("45726", "bad_date"),  # a serial is a number cell, never text
        ("tomorrow", "bad_date"),
        (True, "bad_date"),
        (60, "bad_date"),  # before 1900-03-01: Excel's leap-year bug
        (-1, "bad_date"),
        (float("inf"), "bad_date"),
        ("1999-12-31", "date_out_of_range"),
        (36525, "date_out_of_range"),  # 1999-12-31
        ("2100-01-01", "date_out_of_range"),
    ],
)
def test_dates_refused(value, problem):
    with pytest.raises(RealtyError) as info:
        parse_cell_date(value)
    assert info.value.code == "ERR_IMPORT_ROW"
    assert info.value.params["problem"] == problem


def test_date_range_edges():
    assert parse_cell_date("2000-01-01") == date(2000, 1, 1)
    assert parse_cell_date(36526) == date(2000, 1, 1)
    assert parse_cell_date("2099-12-31") == date(2099, 12, 31)
    assert parse_cell_date(61, earliest=date(1900, 1, 1)) == date(1900, 3, 1)
    assert parse_cell_date("2025-03-10", latest=date(2025, 3, 10))
    with pytest.raises(RealtyError):
        parse_cell_date("2025-03-11", latest=date(2025, 3, 10))


def test_numbers_read_as_floats_in_text_columns():
    (line,) = parse_disbursement_rows(
        [HEADER, row(合同编号=2025001.0, 银行流水号=88001)]
    ).lines
    assert (line.contract_no, line.reference) == ("2025001", "88001")


# IDs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, stored",
    [
        ("11010519491231002X", "11010519491231002X"),
        ("11010519491231002x", "11010519491231002X"),
        (" 320106198503151236 ", "320106198503151236"),
        ("810000199001011230", "810000199001011230"),  # 港澳台居民居住证
        ("911000199001011235", "911000199001011235"),  # 外国人永久居留身份证
        ("E12345678", "E12345678"),  # a passport: kept as it is
        ("", ""),
        (None, ""),
    ],
)
def test_id_numbers_kept(value, stored):
    (line,) = parse_disbursement_rows([HEADER, row(身份证号=value)]).lines
    assert line.id_number == stored


@pytest.mark.parametrize(
    "value, id_code",
    [
        ("110105194912310021", "ERR_ID_CHECKSUM"),  # X expected
        ("320106198503151235", "ERR_ID_CHECKSUM"),
        ("99010519491231002X", "ERR_ID_PROVINCE"),
        ("11010519491331002X", "ERR_ID_BIRTHDATE"),
        ("11010519491231002Y", "ERR_ID_FORMAT"),
        ("810000199001011231", "ERR_ID_CHECKSUM"),
    ],
)
def test_invalid_18_character_ids(value, id_code):
    error = cell_error(身份证号=value)
    assert (error.column, error.problem) == ("id_number", "invalid_id")
    assert error.params["id_code"] == id_code


# Duplicates and several errors ----------------------------------------------------


def test_duplicate_bank_reference():
    file = parse_disbursement_rows(
        [HEADER, row(1), row(2, 银行流水号="BK1"), row(3, 银行流水号=" BK1 ")]
    )
    assert [line.row_number for line in file.lines] == [2, 3]
    (error,) = file.errors
    assert (error.row_number, error.column, error.problem) == (
        4,
        "reference",
        "duplicate_reference",
    )
    assert error.params["first_row"] == 3


def test_duplicate_contract_number():
    file = parse_disbursement_rows(
        [HEADER, row(1), row(2), row(3, 合同编号="HT2025-0001")]
    )
    (error,) = file.errors
    assert (error.row_number, error.column, error.problem) == (
        4,
        "contract_no",
        "duplicate_contract",
    )
    assert error.params["first_row"] == 2
    assert len(file.lines) == 2


def test_a_bad_first_row_still_counts_for_duplicates():
    file = parse_disbursement_rows(
        [HEADER, row(1, 放款金额="x"), row(2, 银行流水号="BK202503100001")]
    )
    assert [(e.row_number, e.problem) for e in file.errors] == [
        (2, "not_a_number"),
        (3, "duplicate_reference"),
    ]
    assert file.lines == ()


def test_every_problem_of_a_row_is_reported_in_row_order():
    rows = [
        HEADER,
        row(
            1, 合同编号="", 审批金额="abc", 放款日期="x", 身份证号="110105194912310021"
        ),
        row(2),
        row(3, 放款金额="-1"),
    ]
    file = parse_disbursement_rows(rows)
    assert [(e.row_number, e.column, e.problem) for e in file.errors] == [
        (2, "contract_no", "empty"),
        (2, "id_number", "invalid_id"),
        (2, "approved", "not_a_number"),
        (2, "date", "bad_date"),
        (4, "disbursed", "not_positive"),
    ]
    assert [line.row_number for line in file.lines] == [3]
    assert not file.ok
    assert str(file.total_disbursed) == "1990000.00"
    assert str(parse_disbursement_rows([HEADER]).total_disbursed) == "0.00"


# Reading files -------------------------------------------------------------------


CSV_TEXT = ",".join(HEADER) + "\r\n" + ",".join(GOOD) + "\r\n"


@pytest.mark.parametrize(
    "data",
    [
        CSV_TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + CSV_TEXT.encode("utf-8"),
        CSV_TEXT.encode("gbk"),
        CSV_TEXT.encode("gb18030"),
        CSV_TEXT.replace(",", "\t").encode("utf-16"),  # Excel "Unicode text"
        CSV_TEXT.replace(",", "\t").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-tabs", "utf8-tabs"],
)
def test_csv_encodings(data):
    rows = read_csv_bytes(data)
    assert rows == [tuple(HEADER), tuple(GOOD)]
    assert parse_disbursement_rows(rows).lines == (GOOD_LINE,)
    assert read_table_bytes(data) == rows


def test_csv_quoted_amounts_with_commas():
    text = ",".join(HEADER) + "\n" + ",".join(GOOD[:3]) + ',"1,990,000.00",'
    text += '"1,990,000.00",2025/3/10,BK202503100001\n'
    rows = read_csv_bytes(text.encode("utf-8"))
    assert parse_disbursement_rows(rows).lines == (GOOD_LINE,)


def test_empty_csv():
    assert read_csv_bytes(b"") == []
    assert only_error(parse_disbursement_rows(read_csv_bytes(b""))).problem == (
        "no_header"
    )


def xlsx_bytes(*sheets) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for rows in sheets:
        sheet = workbook.create_sheet()
        for values in rows:
            sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_first_sheet_values():
    data = xlsx_bytes(
        [
            ["某某银行放款清单"],
            HEADER,
            [
                "HT2025-0001",
                "张三",
                "11010519491231002X",
                1990000,
                1990000.0,
                datetime(2025, 3, 10),
                "BK202503100001",
            ],
            ["HT2025-0002", "李四", None, 500000.5, 500000.5, 45726, 88002],
        ],
        [HEADER, ["other sheet"]],
    )
    rows = read_xlsx_bytes(data)
    assert rows[0][0] == "某某银行放款清单"
    assert rows[2][3:6] == (1990000, 1990000, datetime(2025, 3, 10))
    file = parse_disbursement_rows(rows)
    assert file.errors == ()
    first, second = file.lines
    assert first == replace(GOOD_LINE, row_number=3)
    assert (second.approved, second.date, second.reference) == (
        D("500000.50"),
        date(2025, 3, 10),
        "88002",
    )
    assert read_table_bytes(data) == rows


def not_a_workbook_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "reader, data",
    [
        (read_xlsx_bytes, b"not a workbook"),
        (read_xlsx_bytes, CSV_TEXT.encode("utf-8")),
        (read_xlsx_bytes, b""),
        (read_xlsx_bytes, not_a_workbook_zip()),
        (read_xlsx_bytes, xlsx_bytes([HEADER])[:200]),  # truncated
        (read_csv_bytes, xlsx_bytes([HEADER, GOOD])),
        (read_csv_bytes, b"abc\x80def"),  # neither UTF-8 nor GB18030
        (read_csv_bytes, b"a,b\x00c"),
        (read_table_bytes, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old xls"),
        (read_table_bytes, not_a_workbook_zip()),
        (read_table_bytes, b"\xff\xd8\xff\xe0 a jpeg"),
    ],
)
def test_unreadable_files(reader, data):
    with pytest.raises(RealtyError) as info:
        reader(data)
    assert info.value.code == "ERR_IMPORT_ROW"
    assert info.value.params["problem"] == "unreadable"
