"""Area import: every row checked first, one bad row refuses the whole file (§1.3)."""

import base64
import io

from openpyxl import Workbook

from odoo.tests import tagged

from odoo.addons.realty_base.exceptions import RealtyUserError

from .common import RealtyCase


def csv_file(rows):
    return base64.b64encode("\n".join(",".join(r) for r in rows).encode("utf-8"))


@tagged("post_install", "-at_install")
class TestAreaImport(RealtyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.building = cls.create_building()
        cls.rooms = cls.generate(cls.building, floors=(1, 3))  # 1-1-101 … 1-1-301

    def run_import(self, file, filename="areas.csv", kind="predicted"):
        wizard = (
            self.env["realty.area.import"]
            .with_user(self.realty_admin)
            .create(
                {
                    "project_id": self.project.id,
                    "area_kind": kind,
                    "file": file,
                    "filename": filename,
                }
            )
        )
        return wizard.action_import()

    def areas_of(self, code, kind="pred"):
        room = self.rooms.filtered(lambda r: r.code == code)
        return tuple(
            room[f"area_{part}_{kind}"] for part in ("building", "inner", "shared")
        )

    def test_csv_with_english_headers(self):
        self.run_import(
            csv_file(
                [
                    ["room code", "building area", "inner area", "shared area"],
                    ["1-1-101", "100.00", "80.00", "20.00"],
                    ["1-1-201", "95.50", "76.40", "19.10"],
                ]
            )
        )
        self.assertEqual(self.areas_of("1-1-101"), (100.0, 80.0, 20.0))
        self.assertEqual(self.areas_of("1-1-201"), (95.5, 76.4, 19.1))
        self.assertEqual(self.areas_of("1-1-301"), (89.57, 72.33, 17.24))

    def test_measured_xlsx_with_chinese_headers(self):
        book = Workbook()
        sheet = book.active
        sheet.append(["房号", "建筑面积", "套内面积", "分摊面积"])
        sheet.append(["1-1-301", 91.2, 73.6, 17.6])
        buffer = io.BytesIO()
        book.save(buffer)
        self.run_import(base64.b64encode(buffer.getvalue()), "实测.xlsx", "measured")
        self.assertEqual(self.areas_of("1-1-301", "meas"), (91.2, 73.6, 17.6))
        self.assertEqual(self.areas_of("1-1-301"), (89.57, 72.33, 17.24))

    def test_one_bad_row_refuses_the_whole_file(self):
        with self.assertRaises(RealtyUserError) as caught:
            self.run_import(
                csv_file(
                    [
                        ["room code", "building area", "inner area", "shared area"],
                        ["1-1-101", "100.00", "80.00", "20.00"],  # good
                        ["9-9-999", "100.00", "80.00", "20.00"],  # unknown room
                        ["1-1-201", "89.57", "72.33", "17.20"],  # V-02: 89.53 ≠ 89.57
                        ["1-1-301", "-1", "0", "0"],  # negative
                        ["1-1-101", "100.00", "80.00", "20.00"],  # the same room twice
                        ["1-1-301", "90.123", "72", "18.123"],  # 3 decimals
                    ]
                )
            )
        message = str(caught.exception)
        for row in ("Row 3", "Row 4", "Row 5", "Row 6", "Row 7"):
            self.assertIn(row, message)
        self.assertNotIn("Row 2 ", message)
        self.assertIn("[ERR_AREA_SUM]", message)
        self.assertEqual(caught.exception.code, "ERR_INVALID_INPUT")
        # nothing applied, not even the good row
        self.assertEqual(self.areas_of("1-1-101"), (89.57, 72.33, 17.24))

    def test_missing_columns(self):
        with self.assertRaises(RealtyUserError):
            self.run_import(csv_file([["code", "area"], ["1-1-101", "100"]]))

    def test_gbk_encoded_csv(self):
        text = "房号,建筑面积,套内面积,分摊面积\n1-1-101,100,80,20\n"
        self.run_import(base64.b64encode(text.encode("gb18030")))
        self.assertEqual(self.areas_of("1-1-101"), (100.0, 80.0, 20.0))
