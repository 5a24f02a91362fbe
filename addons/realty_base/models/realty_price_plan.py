from odoo import api, fields, models
from odoo.tools import SQL

from ..const import SOLD_STATES, USAGES
from ..exceptions import RealtyUserError
from ..tools import RealtyError, list_unit_price, reprice, to_decimal, total_price
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
    floor_from = fields.Integer(string="From Physical Floor")
    floor_to = fields.Integer(string="To Physical Floor")
    layout_ids = fields.Many2many("realty.layout", string="Layouts")
    usage = fields.Selection(USAGES, help="Empty: every usage.")
    room_ids = fields.Many2many(
        "realty.room",
        string="Rooms",
        domain="[('project_id', '=', project_id)]",
        help="When rooms are listed, the plan covers only them.",
    )

    # ----------------------------------------------------- coefficient method
    base_price = fields.Monetary(string="Base Unit Price", tracking=True)
    base_floor = fields.Integer(
        default=1, help="The physical floor where the floor step is 0."
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

    def _price_locked_reason(self, room, state_labels=None):
        """Why `room` keeps its price (§3.8): money was taken and the price locked.
        realty_sales extends this with the room's deal."""
        if room.state in SOLD_STATES:
            labels = state_labels or dict(
                room._fields["state"]._description_selection(self.env)
            )
            return self.env._(
                "Price locked: the room is %(state)s.", state=labels[room.state]
            )
        return False

    def _pricer(self):
        """A function ``room -> (new unit, new total)`` for this plan, with the
        plan's parameters read once (exact decimals)."""
        self.ensure_one()
        project = self.project_id
        totals = project._total_kwargs()
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
            overrides = {o.floor: to_decimal(o.amount) for o in self.floor_override_ids}
            coefficients = [
                (
                    c._predicate(),
                    c.method,
                    to_decimal(c.amount) / 100
                    if c.method == "percent"
                    else to_decimal(c.amount),
                )
                for c in self.coefficient_ids
            ]

            def price(room):
                matching = [(m, a) for applies, m, a in coefficients if applies(room)]
                unit = list_unit_price(
                    base,
                    physical_floor=room.floor_physical,
                    base_floor=self.base_floor,
                    floor_step=step,
                    floor_overrides=overrides,
                    additions=[a for m, a in matching if m == "additive"],
                    coefficients=[a for m, a in matching if m == "percent"],
                )
                return unit, total_price(unit, project._pricing_area(room), **totals)

            return price
        value = to_decimal(self.adjust_value)
        if self.adjust_type == "percent":
            value = value / 100

        def adjust(room):
            area = project._pricing_area(room)
            change = reprice(
                "available",  # eligibility is decided by _price_locked_reason
                to_decimal(room.list_unit_price),
                to_decimal(room.list_total),
                area if area is not None else to_decimal(room.area_building_pred),
                self.adjust_type,
                value,
                total_precision=totals["precision"],
                total_rounding=totals["rounding"],
            )
            return change.new_unit, change.new_total

        return adjust

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
        """Price every room of the scope and list the result; writes no room."""
        self._check_draft()
        self._check_manager(
            "realty_base.group_realty_manager",
            self.env._("Only a sales manager prepares price plans."),
        )
        Line = self.env["realty.price.plan.line"]
        labels = dict(
            self.env["realty.room"]._fields["state"]._description_selection(self.env)
        )
        for plan in self:
            rooms = self.env["realty.room"].search(plan._scope_domain())
            imported = {}
            if plan.kind == "import":
                imported = {
                    line.room_id: (
                        to_decimal(line.new_unit),
                        to_decimal(line.new_total),
                    )
                    for line in plan.line_ids
                }
                rooms = rooms.filtered(lambda r, imported=imported: r in imported)
            vals_list, errors = [], []
            price = plan._pricer() if plan.kind != "import" else None
            for room in rooms:
                reason = plan._price_locked_reason(room, labels)
                try:
                    new_unit, new_total = imported.get(room) or price(room)
                except RealtyError as exc:
                    errors.append((exc.code, f"{room.code}: {exc}"))
                    continue
                vals_list.append(
                    {
                        "plan_id": plan.id,
                        "room_id": room.id,
                        "building_id": room.building_id.id,
                        "layout_id": room.layout_id.id,
                        "currency_id": plan.currency_id.id,
                        "room_state": room.state,
                        "area": room.area_building_pred,
                        "old_unit": room.list_unit_price,
                        "old_total": room.list_total,
                        "new_unit": float(room.list_unit_price if reason else new_unit),
                        "new_total": float(room.list_total if reason else new_total),
                        "diff_total": 0.0
                        if reason
                        else float(new_total - to_decimal(room.list_total)),
                        "skipped": bool(reason),
                        "skip_reason": reason,
                    }
                )
            if errors:
                raise RealtyUserError.from_errors(errors)
            plan.line_ids._unlocked().unlink()
            Line._unlocked().create(vals_list)
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
