"""Fixtures of the area adjustment tests: a building of signed contracts on the
vectors' figures, after-sales users, a survey file."""

import base64
import io

from openpyxl import Workbook

from odoo.tests import new_test_user

from odoo.addons.realty_sales.tests.common import SalesCase

HEADER = ("房号", "建筑面积", "套内面积", "分摊面积")


def csv_file(rows, header=HEADER):
    lines = [",".join(header)] + [",".join(str(c) for c in row) for row in rows]
    return base64.b64encode("\n".join(lines).encode("utf-8"))


def xlsx_file(rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(["实测面积成果表"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return base64.b64encode(out.getvalue())


class AreaCase(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aftersales = new_test_user(
            cls.env, "realty_aftersales", groups="realty_base.group_realty_aftersales"
        )
        cls.aftersales_manager = new_test_user(
            cls.env,
            "realty_aftersales_mgr",
            groups="realty_aftersales.group_realty_aftersales_manager",
        )
        cls.project.user_ids |= cls.aftersales | cls.aftersales_manager
        cls.survey = cls.create_building("2")
        cls.survey.phase_id = cls.building.phase_id
        cls.survey_rooms = cls.generate(cls.survey, floors=(1, 6), positions=(1, 2))
        cls.set_list_price(cls.survey_rooms, 14379.75, 1287994)  # V-10
        cls.create_permit(cls.survey)
        cls.survey_rooms.with_user(cls.manager).action_release()

    def survey_room(self, code):
        return self.survey_rooms.filtered(lambda r: r.code == code)

    def contract(self, code, areas=None, unit_price=None, total=None, **values):
        """A signed contract on the room `code` (V-26's figures unless told)."""
        room = self.survey_room(code)
        if areas:
            room.write(
                dict(
                    zip(
                        ("area_building_pred", "area_inner_pred", "area_shared_pred"),
                        areas,
                        strict=True,
                    )
                )
            )
        if total:
            self.set_list_price(room, unit_price, total)
        deal = self.deal(
            room, subscription_signed=True, delivery_date="2027-06-30", **values
        )
        deal.action_sign_contract()
        return deal

    def batch(self, rows, user=None, file=None, **values):
        return (
            self.env["realty.area.adjust.batch"]
            .with_user(user or self.aftersales)
            .create(
                {
                    "project_id": self.project.id,
                    "building_id": self.survey.id,
                    "survey_date": "2027-03-01",
                    "survey_reference": "实测-2027-001",
                    "file": file or csv_file(rows),
                    "filename": "实测面积.csv",
                    **values,
                }
            )
        )

    def imported(self, rows, **values):
        batch = self.batch(rows, **values)
        batch.action_import()
        return batch

    def line(self, batch, code):
        return batch.line_ids.filtered(lambda line: line.room_id.code == code)
