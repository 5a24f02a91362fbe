from decimal import Decimal, InvalidOperation

from odoo import fields, models

from ..const import SOLD_STATES
from ..exceptions import RealtyUserError
from ..tools import RealtyError, areas
from ..tools import errors as codes

# Column headers accepted in the first row, English or Chinese, case-insensitive.
HEADERS = {
    "code": {"room code", "code", "room", "房号", "房间编码", "房间号", "房间代码"},
    "building": {"building area", "area_building", "建筑面积"},
    "inner": {"inner area", "area_inner", "套内面积", "套内建筑面积"},
    "shared": {
        "shared area",
        "area_shared",
        "分摊面积",
        "公摊面积",
        "分摊共有建筑面积",
    },
}
MAX_LISTED_ERRORS = 100
CENT_AREA = Decimal("0.01")


class RealtyAreaImport(models.TransientModel):
    """Predicted or measured areas from a sheet, by room code (§1.3, §7.4 step 1).

    Every row is checked before anything is written; one bad row refuses the whole
    file, with the list of rows to fix.
    """

    _name = "realty.area.import"
    _inherit = "realty.sheet.import"
    _description = "Import Room Areas"

    project_id = fields.Many2one("realty.project", required=True)
    area_kind = fields.Selection(
        [
            ("predicted", "Predicted (presale survey)"),
            ("measured", "Measured (completion)"),
        ],
        required=True,
        default="predicted",
    )

    def _columns(self, header):
        found = self._find_columns(header, HEADERS)
        if set(found) != set(HEADERS):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The first row must name the columns: room code, building area, "
                    "inner area, shared area (or 房号, 建筑面积, 套内面积, 分摊面积)."
                ),
            )
        return found

    # --------------------------------------------------------------- checking
    def _parse_area(self, text):
        value = Decimal(text.replace(",", ""))
        if value < 0 or value != value.quantize(CENT_AREA):
            raise InvalidOperation
        return value

    def _check_rows(self, table):
        """``(values by room, errors)``: every row checked, nothing written."""
        header, rows = table[0], table[1:]
        cols = self._columns(header)
        codes_in_file = [
            row[cols["code"]]
            for row in rows
            if len(row) > cols["code"] and row[cols["code"]]
        ]
        rooms = {
            room.code: room
            for room in self.env["realty.room"].search(
                [("project_id", "=", self.project_id.id), ("code", "in", codes_in_file)]
            )
        }
        tolerance = str(self.project_id.area_sum_tolerance)
        values, errors, seen = {}, [], {}
        for number, row in enumerate(rows, start=2):
            if not any(row):
                continue
            cells = {k: (row[i] if i < len(row) else "") for k, i in cols.items()}

            def error(code, message, number=number, cells=cells):
                errors.append(
                    (
                        code,
                        self.env._(
                            "Row %(row)s (%(room)s): %(message)s",
                            row=number,
                            room=cells["code"] or "-",
                            message=message,
                        ),
                    )
                )

            room = rooms.get(cells["code"])
            if not room:
                error(
                    codes.ERR_INVALID_INPUT, self.env._("no such room in this project")
                )
                continue
            if cells["code"] in seen:
                error(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "the room is also on row %(row)s", row=seen[cells["code"]]
                    ),
                )
                continue
            seen[cells["code"]] = number
            try:
                building, inner, shared = (
                    self._parse_area(cells[k]) for k in ("building", "inner", "shared")
                )
            except (InvalidOperation, ValueError):
                error(
                    codes.ERR_INVALID_INPUT,
                    self.env._("areas must be numbers ≥ 0 with at most 2 decimals"),
                )
                continue
            try:
                areas.check_area_sum(building, inner, shared, tolerance=tolerance)
            except RealtyError as exc:
                error(
                    exc.code,
                    self.env._(
                        "building area %(building)s is not inner %(inner)s + shared "
                        "%(shared)s",
                        building=building,
                        inner=inner,
                        shared=shared,
                    ),
                )
                continue
            if self.area_kind == "predicted" and room.state in SOLD_STATES:
                error(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "the room is sold: its contract areas change only through an "
                        "area adjustment"
                    ),
                )
                continue
            values[room] = (building, inner, shared)
        return values, errors

    # ------------------------------------------------------------------ action
    def action_import(self):
        self.ensure_one()
        table = self._read_table()
        if len(table) < 2:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT, self.env._("The file has no rows to import.")
            )
        values, errors = self._check_rows(table)
        if errors:
            shown = errors[:MAX_LISTED_ERRORS]
            if len(errors) > MAX_LISTED_ERRORS:
                shown.append(
                    (
                        errors[0][0],
                        self.env._(
                            "… and %(count)s more rows.",
                            count=len(errors) - MAX_LISTED_ERRORS,
                        ),
                    )
                )
            raise RealtyUserError.from_errors(shown)
        suffix = "pred" if self.area_kind == "predicted" else "meas"
        for room, (building, inner, shared) in values.items():
            room.write(
                {
                    f"area_building_{suffix}": float(building),
                    f"area_inner_{suffix}": float(inner),
                    f"area_shared_{suffix}": float(shared),
                }
            )
        self.project_id.message_post(
            body=self.env._(
                "%(kind)s areas of %(count)s rooms imported from %(file)s.",
                kind=dict(self._fields["area_kind"]._description_selection(self.env))[
                    self.area_kind
                ],
                count=len(values),
                file=self.filename or "-",
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s rooms updated.", count=len(values)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
