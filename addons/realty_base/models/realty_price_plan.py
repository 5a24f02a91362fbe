from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from ..const import SOLD_STATES, USAGES
from ..exceptions import RealtyUserError
from ..inputs import AMOUNT, FLOORS, Vals, arguments
from ..tools import (
    Coefficient,
    RealtyError,
    coefficient_unit_price,
    reprice,
    to_decimal,
    total_price,
)
from ..tools import errors as codes

PLAN_STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("applied", "Applied"),
    ("cancelled", "Cancelled"),
]
PLAN_KINDS = [
    ("coefficient", "Price List by Coefficients"),
    ("adjustment", "Price Adjustment"),
    ("import", "Room by Room"),
]
PLAN_CHATTER_FIELDS = frozenset(
    {"message_main_attachment_id", "activity_ids", "message_follower_ids"}
)
ADJUST_TYPES = [
    ("percent", "By Percentage"),
    ("amount_per_m2", "By Amount per m²"),
    ("set_unit", "Set the Unit Price"),
    ("set_total", "Set the Total"),
]


def _array_literal(values):
    """A PostgreSQL array literal (``{1,2.5,NULL,"text"}``) of numbers, strings and
    None: one parameter that the server parses at once, where psycopg2 would send
    an ``ARRAY[...]`` of as many expressions as values (a fifth slower to execute
    for 10,000 values)."""

    def element(value):
        if value is None:
            return "NULL"
        if isinstance(value, str):
            return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')
        return str(value)

    return "{%s}" % ",".join(map(element, values))


class RealtyPricePlan(models.Model):
    """A price plan version (定价方案, §3.2-§3.4): it prices the rooms of its scope by
    the coefficient method, adjusts their current prices (调价), or sets them room by
    room (一房一价). Preview, approve, apply: applying writes the list prices of every
    room whose price is not locked and appends their price history."""

    _name = "realty.price.plan"
    _description = "Price Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.approval.mixin"]
    _order = "project_id, version desc, id desc"
    _check_company_auto = True
    _sql_constraints = [
        (
            "version_uniq",
            "unique(project_id, version)",
            "A project numbers its price plans once each.",
        ),
    ]

    name = fields.Char(required=True, tracking=True)
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="project_id.currency_id")
    version = fields.Integer(
        readonly=True, copy=False, protected="the numbering of the project's plans"
    )
    kind = fields.Selection(
        PLAN_KINDS, required=True, default="coefficient", tracking=True
    )
    state = fields.Selection(
        PLAN_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        protected="action_approve, action_apply, action_cancel, action_reset_to_draft",
    )
    reason = fields.Char(
        tracking=True, help="Why the prices change; kept in the history."
    )

    # -------------------------------------------------------------------- scope
    building_ids = fields.Many2many(
        "realty.building",
        string="Buildings",
        domain="[('project_id', '=', project_id)]",
        help="Empty: every building of the project.",
    )
    floor_from = fields.Integer(bounds=FLOORS, string="From Physical Floor")
    floor_to = fields.Integer(bounds=FLOORS, string="To Physical Floor")
    layout_ids = fields.Many2many("realty.layout", string="Layouts")
    usage = fields.Selection(USAGES, help="Empty: every usage.")
    room_ids = fields.Many2many(
        "realty.room",
        string="Rooms",
        domain="[('project_id', '=', project_id)]",
        help="When rooms are listed, the plan covers only them.",
    )

    # ----------------------------------------------------- coefficient method
    base_price = fields.Monetary(bounds=AMOUNT, string="Base Unit Price", tracking=True)
    base_floor = fields.Integer(
        bounds=FLOORS, default=1, help="The physical floor where the floor step is 0."
    )
    floor_step = fields.Monetary(
        help="Yuan per m² per floor above the base floor (negative below it)."
    )
    floor_override_ids = fields.One2many(
        "realty.price.plan.floor", "plan_id", string="Floor Overrides", copy=True
    )
    coefficient_ids = fields.One2many(
        "realty.price.plan.coefficient", "plan_id", string="Coefficients", copy=True
    )

    # -------------------------------------------------------------- adjustment
    adjust_type = fields.Selection(ADJUST_TYPES, default="percent")
    adjust_value = fields.Float(
        digits=(16, 4),
        help="By percentage: 2 means +2 % (-2 for a reduction); by amount: yuan per "
        "m²; set: the new unit price or total.",
    )

    set_filed_price = fields.Boolean(
        string="Also the Filed Price",
        help="Applying the plan also sets the rooms' filed prices (备案价, 一房一价).",
    )

    # ------------------------------------------------------------------ results
    line_ids = fields.One2many(
        "realty.price.plan.line",
        "plan_id",
        string="Preview",
        readonly=True,
        protected="action_preview (or the room-by-room import)",
    )
    line_count = fields.Integer(compute="_compute_totals")
    skipped_count = fields.Integer(compute="_compute_totals")
    total_old = fields.Monetary(compute="_compute_totals", string="Total Before")
    total_new = fields.Monetary(compute="_compute_totals", string="Total After")
    # approved_by_id, approved_date, approval_snapshot: realty.approval.mixin
    applied_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_apply"
    )
    applied_date = fields.Datetime(readonly=True, copy=False, protected="action_apply")

    @api.depends("line_ids.new_total", "line_ids.skipped")
    def _compute_totals(self):
        stats = {
            (plan.id, skipped): (count, old, new)
            for plan, skipped, count, old, new in self.env[
                "realty.price.plan.line"
            ]._read_group(
                [("plan_id", "in", self.ids)],
                ["plan_id", "skipped"],
                ["__count", "old_total:sum", "new_total:sum"],
            )
        }
        for plan in self:
            priced = stats.get((plan.id, False), (0, 0.0, 0.0))
            skipped = stats.get((plan.id, True), (0, 0.0, 0.0))
            plan.line_count = priced[0] + skipped[0]
            plan.skipped_count = skipped[0]
            plan.total_old = priced[1]
            plan.total_new = priced[2]

    @api.model
    def _add_server_values(self, vals_list):
        """Versions count up per project (v1, v2, …); the unique constraint makes
        two managers creating at once retry rather than share a number."""
        project_ids = {vals.get("project_id") for vals in vals_list}
        # sudo: the numbering counts every plan of the project, also those a
        # record rule hides from this user (the unique constraint would refuse)
        last = dict(
            self.sudo()._read_group(
                [("project_id", "in", list(project_ids))],
                ["project_id"],
                ["version:max"],
            )
        )
        last = {project.id: version for project, version in last.items()}
        result = []
        for vals in vals_list:
            last[vals.get("project_id")] = last.get(vals.get("project_id"), 0) + 1
            result.append({**vals, "version": last[vals.get("project_id")]})
        return super()._add_server_values(result)

    @arguments(vals=Vals())
    def write(self, vals):
        """A plan is set up while it is a draft; once approved only its name and
        reason change, and an applied or cancelled plan is history."""
        if not self._is_unlocked():
            editable = {"name", "reason", *PLAN_CHATTER_FIELDS}
            if set(vals) - editable and any(p.state != "draft" for p in self):
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Plan %(plan)s is no longer a draft: set it back to draft "
                        "to change it (its approval is then void).",
                        plan=self.filtered(lambda p: p.state != "draft")[0].name,
                    ),
                )
            if set(vals) - PLAN_CHATTER_FIELDS and any(
                p.state in ("applied", "cancelled") for p in self
            ):
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("An applied or cancelled plan is history."),
                )
        return super().write(vals)

    # ------------------------------------ the approval (realty.approval.mixin)
    def _approval_content(self):
        """What the director approves is what applying writes: each room's new
        prices (a digest of the preview lines) and whether they are filed too."""
        self.ensure_one()
        self.env["realty.price.plan.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*), coalesce(sum(new_total), 0),
                       md5(coalesce(string_agg(
                           concat_ws(':', room_id, new_unit, new_total, skipped),
                           ',' ORDER BY room_id), ''))
                  FROM realty_price_plan_line
                 WHERE plan_id = %s
                """,
                self.id,
            )
        )
        count, total, digest = self.env.cr.fetchone()
        return {
            "lines": count,
            "total_new": float(total),
            "digest": digest,
            "set_filed_price": self.set_filed_price,
        }

    def _approval_groups(self):
        """approval.price_adjustment: the marketing director (and above)."""
        return self.env.ref("realty_base.group_realty_director")

    def _on_approval_voided(self):
        self._unlocked().write({"state": "draft"})

    # --------------------------------------------------------------- the rooms
    def _scope_domain(self):
        self.ensure_one()
        if self.room_ids:
            return [("id", "in", self.room_ids.ids)]
        domain = [("project_id", "=", self.project_id.id)]
        if self.building_ids:
            domain.append(("building_id", "in", self.building_ids.ids))
        if self.floor_from:
            domain.append(("floor_physical", ">=", self.floor_from))
        if self.floor_to:
            domain.append(("floor_physical", "<=", self.floor_to))
        if self.layout_ids:
            domain.append(("layout_id", "in", self.layout_ids.ids))
        if self.usage:
            domain.append(("usage", "=", self.usage))
        return domain

    def _price_locked_reason(self, room):
        """Why `room` keeps its price (§3.8), or False; see _price_locked_reasons."""
        return self._price_locked_reasons(room).get(room.id, False)

    def _price_locked_reasons(self, rooms):
        """``{room id: why it keeps its price}`` for the rooms of `rooms` whose
        price is locked (§3.8): money was taken and the price locked. Set-based:
        a query for any number of rooms, and a reason translated once per state.
        Extend it (not _price_locked_reason) to lock prices for other reasons."""
        labels = dict(rooms._fields["state"]._description_selection(self.env))
        reasons = {}
        for state, room_ids in self.env["realty.room"]._read_group(
            [("id", "in", rooms.ids), ("state", "in", list(SOLD_STATES))],
            ["state"],
            ["id:array_agg"],
        ):
            reason = self.env._(
                "Price locked: the room is %(state)s.", state=labels[state]
            )
            reasons.update(dict.fromkeys(room_ids, reason))
        return reasons

    def _pricer(self):
        """A function ``room -> (new unit, new total)`` for this plan, with the
        plan's parameters read once (exact decimals); ``room`` is a mapping of the
        room's attributes as _preview_facts reads them."""
        self.ensure_one()
        project = self.project_id
        totals = project._total_kwargs()
        # project._pricing_area(room), with the basis read once
        area_field = {
            "per_unit": None,
            "inner_area": "area_inner_pred",
        }.get(project.pricing_basis, "area_building_pred")
        if self.kind == "coefficient":
            if project.pricing_basis == "per_unit":
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Project %(project)s prices per unit: give its rooms their "
                        "totals room by room instead of coefficients.",
                        project=project.name,
                    ),
                )
            base, step = to_decimal(self.base_price), to_decimal(self.floor_step)
            base_floor = self.base_floor
            overrides = {o.floor: to_decimal(o.amount) for o in self.floor_override_ids}
            coefficients = self._preview_coefficients()

            def price(room):
                unit = coefficient_unit_price(
                    base,
                    room,
                    base_floor=base_floor,
                    floor_step=step,
                    floor_overrides=overrides,
                    coefficients=coefficients,
                )
                return unit, total_price(unit, to_decimal(room[area_field]), **totals)

            return price
        value = to_decimal(self.adjust_value)
        if self.adjust_type == "percent":
            value = value / 100
        adjust_type = self.adjust_type

        def adjust(room):
            change = reprice(
                "available",  # eligibility is decided by _price_locked_reasons
                to_decimal(room["list_unit_price"]),
                to_decimal(room["list_total"]),
                to_decimal(room[area_field or "area_building_pred"]),
                adjust_type,
                value,
                total_precision=totals["precision"],
                total_rounding=totals["rounding"],
            )
            return change.new_unit, change.new_total

        return adjust

    def _preview_coefficients(self):
        """The plan's coefficients as tools.Coefficient, in their order, matching
        the attributes _preview_facts reads as realty.price.plan.coefficient's
        _predicate matches the room's fields."""
        self.ensure_one()
        coefficients = []
        for c in self.coefficient_ids:
            attribute, value = {
                "orientation": ("orientation", c.orientation or None),
                "view": ("view_tag_ids", c.view_tag_id.id or None),
                "layout": ("layout_id", c.layout_id.id or None),
                "usage": ("usage", c.usage or None),
                "position": ("position", c.position),
                "stair": ("stair_code", (c.stair_code or "").strip()),
                "decoration": ("decoration", c.decoration or None),
                "building": ("building_id", c.building_id.id or None),
            }[c.criterion]
            amount = (
                to_decimal(c.amount) / 100
                if c.method == "percent"
                else to_decimal(c.amount)
            )
            coefficients.append(Coefficient(attribute, value, c.method, amount))
        return coefficients

    def _preview_facts(self):
        """``{room id: {attribute: value}}`` of the rooms of the plan's scope that
        the user may read: what pricing and the preview lines read of them, in one
        query whatever their number (no room is loaded in the ORM), in no
        particular order. Empty values are None, as the empty values of
        _preview_coefficients; amounts are floats, as the ORM reads them."""
        self.ensure_one()
        Room = self.env["realty.room"]
        Room.flush_model()
        self.env["realty.stair"].flush_model(["code"])
        query = Room._search(self._scope_domain())
        room = query.table
        criteria = set(self.coefficient_ids.mapped("criterion"))
        columns = {
            name: SQL.identifier(room, name)
            for name in (
                "id",
                "code",
                "state",
                "building_id",
                "layout_id",
                "orientation",
                "usage",
                "decoration",
            )
        }
        columns.update(
            (name, SQL("COALESCE(%s, 0)", SQL.identifier(room, name)))
            for name in (
                "position",
                "floor_physical",
                "area_building_pred",
                "area_inner_pred",
                "list_unit_price",
                "list_total",
            )
        )
        if "stair" in criteria:
            stair = query.left_join(room, "stair_id", "realty_stair", "id", "stair_id")
            columns["stair_code"] = SQL.identifier(stair, "code")
        if "view" in criteria:
            views = Room._fields["view_tag_ids"]
            columns["view_tag_ids"] = SQL(
                "ARRAY(SELECT %s FROM %s WHERE %s = %s)",
                SQL.identifier(views.column2),
                SQL.identifier(views.relation),
                SQL.identifier(views.column1),
                SQL.identifier(room, "id"),
            )
        names = list(columns)
        rows = self.env.execute_query(query.select(*columns.values()))
        return {row[0]: dict(zip(names, row, strict=True)) for row in rows}

    def _preview_imported(self):
        """``{room id: (unit, total)}`` of a room-by-room plan's imported lines."""
        self.ensure_one()
        lines = self.env["realty.price.plan.line"].search_fetch(
            [("plan_id", "=", self.id)],
            ["room_id", "new_unit", "new_total"],
            order="id",
        )
        return {
            line.room_id.id: (to_decimal(line.new_unit), to_decimal(line.new_total))
            for line in lines
        }

    def _check_lines_access(self, lines, operation):
        """``lines.check_access(operation)`` with the record rules evaluated in one
        query rather than line by line in Python."""
        if self.env.su:
            return
        lines.browse().check_access(operation)  # the access rights
        domain = self.env["ir.rule"]._compute_domain(lines._name, operation)
        if domain and lines:
            allowed = lines.sudo().search_count(
                expression.AND([[("id", "in", lines.ids)], domain])
            )
            if allowed != len(lines):
                lines.check_access(operation)  # raises Odoo's error

    def _unlink_preview_lines(self):
        """Delete the plan's lines in one statement, after the access checks of
        unlink: they are the output of a preview that nothing refers to (the
        line's only unlink hook refuses callers other than the preview itself)."""
        self.ensure_one()
        Line = self.env["realty.price.plan.line"]
        lines = Line.search([("plan_id", "=", self.id)], order="id")
        if not lines:
            return
        self._check_lines_access(lines, "unlink")
        Line.flush_model()
        self.env.cr.execute(
            SQL("DELETE FROM realty_price_plan_line WHERE id = ANY(%s)", lines.ids)
        )
        lines.invalidate_recordset()

    def _replace_preview_lines(self, rows):
        """Replace the plan's lines by ``rows`` = ``[(room id, new unit, new total,
        change, skip reason or None)]`` in set-based SQL: the room's own columns
        (building, layout, state, area, old prices) are copied from the room, the
        amounts rounded like Monetary fields; the access rights and rules of
        unlink and create are checked as the ORM does."""
        self.ensure_one()
        self._unlink_preview_lines()
        if rows:
            lines = self._insert_preview_lines(rows)
            self._check_lines_access(lines, "create")
        # what depends on the lines (the totals), then the lines themselves
        self.modified(["line_ids"])
        self.invalidate_recordset(["line_ids"])

    def _insert_preview_lines(self, rows):
        """INSERT the lines of ``rows`` in one statement; see _replace_preview_lines."""
        Line = self.env["realty.price.plan.line"]
        Line.check_access("create")
        currency = self.currency_id
        room_ids, units, totals, diffs, reasons = zip(*rows, strict=True)
        self.env.flush_all()
        ids = [
            line_id
            for (line_id,) in self.env.execute_query(
                SQL(
                    """
                    INSERT INTO realty_price_plan_line
                           (plan_id, room_id,
                            room_state, area, old_unit, old_total, new_unit,
                            new_total, diff_total, skipped, skip_reason)
                    SELECT %(plan)s, room.id, room.state,
                           COALESCE(room.area_building_pred, 0),
                           COALESCE(room.list_unit_price, 0),
                           COALESCE(room.list_total, 0),
                           ROUND(v.new_unit / %(rounding)s) * %(rounding)s,
                           ROUND(v.new_total / %(rounding)s) * %(rounding)s,
                           ROUND(v.diff_total / %(rounding)s) * %(rounding)s,
                           v.skip_reason IS NOT NULL, v.skip_reason
                      FROM unnest(%(rooms)s::int[], %(units)s::numeric[],
                                  %(totals)s::numeric[], %(diffs)s::numeric[],
                                  %(reasons)s::varchar[])
                           AS v(room_id, new_unit, new_total, diff_total,
                                skip_reason)
                      JOIN realty_room room ON room.id = v.room_id
                 RETURNING id
                    """,
                    plan=self.id,
                    rounding=to_decimal(currency.rounding),
                    rooms=_array_literal(room_ids),
                    units=_array_literal(units),
                    totals=_array_literal(totals),
                    diffs=_array_literal(diffs),
                    reasons=_array_literal(reasons),
                )
            )
        ]
        return Line.browse(ids)

    def _check_draft(self):
        for plan in self:
            if plan.state != "draft":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("Plan %(plan)s is no longer a draft.", plan=plan.name),
                )

    def _check_manager(self, group, message):
        if not self.env.user.has_group(group):
            raise RealtyUserError(codes.ERR_APPROVAL_REQUIRED, message)

    # ----------------------------------------------------------------- actions
    def action_preview(self):
        """Price every room of the scope and list the result; writes no room.
        Set-based: a fixed number of queries whatever the number of rooms, the
        prices computed by the pure functions of tools."""
        self._check_draft()
        if not self.env.user.has_group("realty_base.group_realty_manager"):
            # translated only when shown: in a worker's first preview, translating
            # it loads the language's code translations (0.2 s for zh_CN)
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("Only a sales manager prepares price plans."),
            )
        Room = self.env["realty.room"]
        for plan in self:
            facts = plan._preview_facts()
            imported = {}
            if plan.kind == "import":
                imported = plan._preview_imported()
                facts = {key: room for key, room in facts.items() if key in imported}
            price = plan._pricer() if plan.kind != "import" else None
            locked = plan._price_locked_reasons(Room.browse(facts))
            rows, errors = [], {}
            for room_id, room in facts.items():
                try:
                    new_unit, new_total = imported.get(room_id) or price(room)
                except RealtyError as exc:
                    errors[room_id] = (exc.code, f"{room['code']}: {exc}")
                    continue
                reason = locked.get(room_id)
                if reason:
                    new_unit = to_decimal(room["list_unit_price"])
                    new_total = to_decimal(room["list_total"])
                    diff = 0
                else:
                    diff = new_total - to_decimal(room["list_total"])
                rows.append((room_id, new_unit, new_total, diff, reason or None))
            if errors:
                # listed in the rooms' order
                ordered = Room.search([("id", "in", list(errors))])
                raise RealtyUserError.from_errors([errors[key] for key in ordered.ids])
            plan._replace_preview_lines(rows)
        return True

    def action_approve(self):
        self._check_draft()
        self._check_can_approve()
        for plan in self:
            if not plan.line_ids:
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Preview plan %(plan)s before approving it.", plan=plan.name
                    ),
                )
        self._record_approval()
        self._unlocked().write({"state": "approved"})
        return True

    def action_apply(self):
        """Write the new prices in a fixed number of SQL statements, whatever the
        number of rooms: rooms sold since the preview are skipped, with the reason."""
        self._check_manager(
            "realty_base.group_realty_manager",
            self.env._("Only a sales manager applies price plans."),
        )
        for plan in self:
            if plan.state != "approved":
                raise RealtyUserError(
                    codes.ERR_APPROVAL_REQUIRED,
                    self.env._(
                        "Plan %(plan)s must be approved before it is applied.",
                        plan=plan.name,
                    ),
                )
            plan._check_approval_current()
            plan._apply_prices()
        return True

    def _apply_prices(self):
        self.ensure_one()
        self.env.flush_all()
        cr = self.env.cr
        now = fields.Datetime.now()
        locked = tuple(SOLD_STATES)
        # 1. rooms sold since the preview keep their price (§3.8)
        cr.execute(
            SQL(
                """
                UPDATE realty_price_plan_line line
                   SET skipped = TRUE, skip_reason = %(reason)s, diff_total = 0
                  FROM realty_room room
                 WHERE line.plan_id = %(plan)s AND line.room_id = room.id
                   AND NOT line.skipped AND room.state IN %(locked)s
                """,
                plan=self.id,
                locked=locked,
                reason=self.env._("Price locked: the room was sold after the preview."),
            )
        )
        # 2. the price history, from the lines and the rooms' current prices
        cr.execute(
            SQL(
                """
                INSERT INTO realty_room_price_history
                       (room_id, project_id, company_id, plan_id, old_unit, old_total,
                        new_unit, new_total, date, user_id, approver_id, reason)
                SELECT room.id, room.project_id, room.company_id, line.plan_id,
                       room.list_unit_price, room.list_total, line.new_unit,
                       line.new_total, %(now)s, %(user)s, %(approver)s, %(reason)s
                  FROM realty_price_plan_line line
                  JOIN realty_room room ON room.id = line.room_id
                 WHERE line.plan_id = %(plan)s AND NOT line.skipped
                """,
                plan=self.id,
                now=now,
                user=self.env.uid,
                approver=self.approved_by_id.id or None,
                reason=self.reason or self.name,
            )
        )
        # 3. the rooms' list (and filed) prices
        filed = SQL(
            ", filed_unit_price = line.new_unit, filed_total = line.new_total"
            if self.set_filed_price
            else ""
        )
        cr.execute(
            SQL(
                """
                UPDATE realty_room room
                   SET list_unit_price = line.new_unit, list_total = line.new_total %s,
                       write_uid = %s, write_date = %s
                  FROM realty_price_plan_line line
                 WHERE line.plan_id = %s AND line.room_id = room.id AND NOT line.skipped
                """,
                filed,
                self.env.uid,
                now,
                self.id,
            )
        )
        updated = cr.rowcount
        self.env["realty.room"].invalidate_model(
            ["list_unit_price", "list_total", "filed_unit_price", "filed_total"]
        )
        self.env["realty.price.plan.line"].invalidate_model()
        self._unlocked().write(
            {"state": "applied", "applied_by_id": self.env.uid, "applied_date": now}
        )
        self.message_post(
            body=self.env._("Prices of %(count)s rooms applied.", count=updated)
        )
        return updated

    def action_cancel(self):
        if any(p.state == "applied" for p in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "An applied plan is history: adjust the prices with a new plan."
                ),
            )
        self._unlocked().write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        if any(p.state not in ("approved", "cancelled") for p in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only an approved or cancelled plan goes back to draft."),
            )
        self._unlocked().write(
            {
                "state": "draft",
                "approved_by_id": False,
                "approved_date": False,
                "approval_snapshot": False,
            }
        )
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_price_plan_line_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_group_building": 1}
        return action

    def action_open_import(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_price_import_action"
        )
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_open_compare(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_price_plan_compare_action"
        )
        action["context"] = {"default_plan_b_id": self.id}
        return action
