from decimal import Decimal, InvalidOperation

from odoo import fields, models

from ..exceptions import RealtyUserError
from ..tools import errors as codes
from ..tools import rnd, to_decimal, total_price, unit_price_from_total

HEADERS = {
    "code": {"room code", "code", "房号", "房间编码", "房间号"},
    "unit": {"unit price", "list unit price", "单价", "表价单价"},
    "total": {"total", "total price", "list total", "总价", "表价总价"},
}


class RealtyPriceImport(models.TransientModel):
    """One price per room from a sheet (一房一价, §3.2 method 2) into a draft plan.

    A row gives a unit price or a total (the other is derived). Every row is checked
    first; one bad row refuses the file."""

    _name = "realty.price.import"
    _inherit = "realty.sheet.import"
    _description = "Import Room Prices"

    plan_id = fields.Many2one("realty.price.plan", required=True)

    def _columns(self, header):
        found = self._find_columns(header, HEADERS)
        if "code" not in found or not {"unit", "total"} & found.keys():
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The first row must name the columns: room code and unit price or "
                    "total (or 房号, 单价, 总价)."
                ),
            )
        return found

    def _check_price_rows(self, table):
        cols = self._columns(table[0])
        project = self.plan_id.project_id
        rows = table[1:]
        rooms = {
            r.code: r
            for r in self.env["realty.room"].search(
                [
                    ("project_id", "=", project.id),
                    ("code", "in", [row[cols["code"]] for row in rows if row]),
                ]
            )
        }
        totals = project._total_kwargs()
        values, errors, seen = {}, [], set()
        for number, row in enumerate(rows, start=2):
            if not any(row):
                continue
            cell = {k: (row[i] if i < len(row) else "") for k, i in cols.items()}
            room = rooms.get(cell["code"])
            problem = None
            if not room:
                problem = self.env._("no such room in this project")
            elif room in seen:
                problem = self.env._("the room appears twice")
            else:
                try:
                    unit = (
                        Decimal(cell["unit"].replace(",", ""))
                        if cell.get("unit")
                        else None
                    )
                    total = (
                        Decimal(cell["total"].replace(",", ""))
                        if cell.get("total")
                        else None
                    )
                    if (unit is None and total is None) or any(
                        v is not None and v <= 0 for v in (unit, total)
                    ):
                        raise InvalidOperation
                except InvalidOperation:
                    problem = self.env._("give a positive unit price or total")
            if problem:
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Row %(row)s (%(room)s): %(problem)s",
                            row=number,
                            room=cell["code"] or "-",
                            problem=problem,
                        ),
                    )
                )
                continue
            seen.add(room)
            area = project._pricing_area(room) or to_decimal(room.area_building_pred)
            if total is None:
                total = total_price(unit, area, **totals)
            elif unit is None:
                unit = unit_price_from_total(total, area) if area else to_decimal(0)
            values[room] = (rnd(unit), total)
        return values, errors

    def action_import(self):
        self.ensure_one()
        plan = self.plan_id
        plan._check_draft()
        table = self._read_table()
        values, errors = self._check_price_rows(table)
        if errors:
            raise RealtyUserError.from_errors(errors[:100])
        plan.kind = "import"
        plan.line_ids._unlocked().unlink()
        self.env["realty.price.plan.line"]._unlocked().create(
            [
                {
                    "plan_id": plan.id,
                    "room_id": room.id,
                    "new_unit": float(unit),
                    "new_total": float(total),
                }
                for room, (unit, total) in values.items()
            ]
        )
        plan.room_ids = [fields.Command.set([room.id for room in values])]
        plan.action_preview()
        return {"type": "ir.actions.act_window_close"}
