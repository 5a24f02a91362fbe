from collections import defaultdict
from decimal import Decimal

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.tools import SQL

from ..const import (
    DECORATIONS,
    ORIENTATIONS,
    PROPERTY_RIGHTS,
    ROOM_STATES,
    SOLD_STATES,
    USAGES,
)
from ..exceptions import RealtyUserError, RealtyValidationError
from ..inputs import AMOUNT, AREA, COUNT, Record, Text, Vals, arguments
from ..tools import RealtyError, StateOptions, areas, check_transition, states
from ..tools import errors as codes

PRICED = "a price plan (action_preview, action_approve, action_apply)"
STATE_ACTIONS = (
    "the room actions (action_release, action_hold, action_unhold, "
    "action_withdraw) and the sale documents"
)


class RealtyRoom(models.Model):
    _name = "realty.room"
    _description = "Room"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.protected.mixin"]
    _order = "project_id, building_id, stair_id, floor_physical desc, position"
    _check_company_auto = True
    _rec_names_search = ["code", "building_id.name"]

    # ------------------------------------------------------------------- location
    code = fields.Char(required=True, index=True, copy=False)
    building_id = fields.Many2one(
        "realty.building", required=True, index=True, ondelete="cascade"
    )
    project_id = fields.Many2one(
        related="building_id.project_id", store=True, index=True, precompute=True
    )
    phase_id = fields.Many2one(
        related="building_id.phase_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="building_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    stair_id = fields.Many2one(
        "realty.stair",
        string="Entrance",
        required=True,
        index=True,
        domain="[('building_id', '=', building_id)]",
    )
    floor_id = fields.Many2one(
        "realty.floor",
        required=True,
        index=True,
        domain="[('building_id', '=', building_id)]",
    )
    floor_physical = fields.Integer(
        related="floor_id.physical",
        store=True,
        precompute=True,
        string="Physical Floor",
    )
    floor_label = fields.Char(
        related="floor_id.label", store=True, precompute=True, string="Nominal Floor"
    )
    position = fields.Integer(
        bounds=(1, COUNT[1]), required=True, help="The room's number on its floor."
    )
    real_estate_unit_no = fields.Char(
        string="Real Estate Unit No.",
        size=28,
        copy=False,
        help="The 28-character unit code the registry assigns (不动产单元号).",
    )

    # ---------------------------------------------------------------- attributes
    layout_id = fields.Many2one("realty.layout", index=True)
    orientation = fields.Selection(ORIENTATIONS)
    view_tag_ids = fields.Many2many("realty.view.tag", string="Views")
    usage = fields.Selection(USAGES, required=True, default="residential", index=True)
    decoration = fields.Selection(DECORATIONS, default="bare")
    property_right = fields.Selection(PROPERTY_RIGHTS, default="full")
    balcony_count = fields.Integer(bounds=COUNT, string="Balconies")
    balcony_enclosed_count = fields.Integer(bounds=COUNT, string="Enclosed Balconies")

    # --------------------------------------------------------- areas (§1.2, §1.3)
    area_building_pred = fields.Float(
        bounds=AREA, string="Building Area (Predicted)", digits="Realty Area"
    )
    area_inner_pred = fields.Float(
        bounds=AREA, string="Inner Area (Predicted)", digits="Realty Area"
    )
    area_shared_pred = fields.Float(
        bounds=AREA, string="Shared Area (Predicted)", digits="Realty Area"
    )
    area_usable = fields.Float(
        bounds=AREA, string="Inner Usable Area", digits="Realty Area"
    )
    area_building_meas = fields.Float(
        bounds=AREA, string="Building Area (Measured)", digits="Realty Area"
    )
    area_inner_meas = fields.Float(
        bounds=AREA, string="Inner Area (Measured)", digits="Realty Area"
    )
    area_shared_meas = fields.Float(
        bounds=AREA, string="Shared Area (Measured)", digits="Realty Area"
    )
    efficiency = fields.Float(
        string="Efficiency (%)",
        compute="_compute_area_ratios",
        digits=(5, 2),
        help="Inner area / building area (得房率), predicted areas.",
    )
    shared_ratio = fields.Float(
        compute="_compute_area_ratios",
        digits=(6, 4),
        help="Shared area / inner area, predicted areas.",
    )

    # --------------------------------------------------------------------- prices
    # A room's prices come from price plans, which the marketing director approves
    # (approval.price_adjustment): never typed, not even by an administrator.
    list_unit_price = fields.Monetary(bounds=AMOUNT, readonly=True, protected=PRICED)
    list_total = fields.Monetary(bounds=AMOUNT, readonly=True, protected=PRICED)
    filed_unit_price = fields.Monetary(bounds=AMOUNT, readonly=True, protected=PRICED)
    filed_total = fields.Monetary(bounds=AMOUNT, readonly=True, protected=PRICED)
    price_history_ids = fields.One2many(
        "realty.room.price.history", "room_id", readonly=True
    )

    # ---------------------------------------------------------------- sale state
    state = fields.Selection(
        ROOM_STATES,
        required=True,
        readonly=True,
        default=states.UNRELEASED,
        index=True,
        copy=False,
        group_expand="_group_expand_states",
        protected=STATE_ACTIONS,
        help="Moved only by the room actions and the sale documents; every change is "
        "in the state log.",
    )
    state_date = fields.Datetime(
        string="In State Since",
        readonly=True,
        copy=False,
        default=fields.Datetime.now,
        protected=STATE_ACTIONS,
    )
    hold_reason_id = fields.Many2one(
        "realty.hold.reason", readonly=True, copy=False, protected="action_hold"
    )
    hold_note = fields.Char(readonly=True, copy=False, protected="action_hold")
    batch_id = fields.Many2one(
        "realty.launch.batch",
        string="Launch Batch",
        readonly=True,
        copy=False,
        index="btree_not_null",
        protected="action_release",
    )
    permit_id = fields.Many2one(
        "realty.permit",
        compute="_compute_permit_id",
        help="The active presale permit or sale filing that covers the room.",
    )
    state_log_ids = fields.One2many(
        "realty.room.state.log", "room_id", string="State History", readonly=True
    )

    _sql_constraints = [
        (
            "code_project_uniq",
            "unique(code, project_id)",
            "A room code must be unique in its project.",
        ),
        (
            "place_uniq",
            "unique(building_id, stair_id, floor_id, position)",
            "Two rooms cannot have the same entrance, floor and position.",
        ),
        ("position_positive", "CHECK(position > 0)", "A room position starts at 1."),
        (
            "areas_not_negative",
            (
                "CHECK(coalesce(area_building_pred, 0) >= 0"
                " AND coalesce(area_inner_pred, 0) >= 0"
                " AND coalesce(area_shared_pred, 0) >= 0"
                " AND coalesce(area_building_meas, 0) >= 0"
                " AND coalesce(area_inner_meas, 0) >= 0"
                " AND coalesce(area_shared_meas, 0) >= 0)"
            ),
            "Areas cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("area_building_pred", "area_inner_pred", "area_shared_pred")
    def _compute_area_ratios(self):
        for room in self:
            building = Decimal(str(room.area_building_pred))
            inner = Decimal(str(room.area_inner_pred))
            room.efficiency = (
                float(areas.efficiency_percent(inner, building)) if building else 0.0
            )
            room.shared_ratio = (
                float(areas.shared_ratio(Decimal(str(room.area_shared_pred)), inner))
                if inner
                else 0.0
            )

    def _compute_permit_id(self):
        permits = self._active_permits()
        for room in self:
            room.permit_id = permits.get(room.id, False)

    @api.model
    def _group_expand_states(self, states_, domain):
        return [value for value, _label in ROOM_STATES]

    @api.depends("code")
    def _compute_display_name(self):
        for room in self:
            room.display_name = room.code

    # ---------------------------------------------------------------- constraints
    @api.constrains("building_id", "stair_id", "floor_id")
    def _check_place(self):
        for room in self:
            if room.stair_id.building_id != room.building_id or (
                room.floor_id.building_id != room.building_id
            ):
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Room %(room)s: its entrance and floor must be in its "
                        "building.",
                        room=room.code,
                    ),
                )

    # ----------------------------------------------------------------------- CRUD
    @arguments(vals=Vals())
    def write(self, vals):
        """Checked before mail.activity.mixin reads the values."""
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sold(self):
        sold = self.filtered(lambda r: r.state in SOLD_STATES)
        if sold:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Room %(room)s has been sold and cannot be deleted.",
                    room=sold[0].code,
                ),
            )

    # ------------------------------------------------------------------ permits
    def _active_permits(self, date=None):
        """``{room id: permit}`` for the rooms covered by an active permit or sale
        filing (§1.5), in one search over the rooms' buildings."""
        date = date or fields.Date.context_today(self)
        permits = self.env["realty.permit"].search(
            [
                ("building_ids", "in", self.building_id.ids),
                *self.env["realty.permit"]._active_domain(date),
            ]
        )
        result = {}
        for permit in permits:
            for room in permit._covered(self):
                result.setdefault(room.id, permit)
        return result

    # ------------------------------------------------------------ the state path
    def _state_options(self):
        """The §11 options of the transition table for these rooms (sales extends)."""
        return StateOptions()

    def _move_state(self, action, **context):
        """The one code path that changes the sale state of rooms (§2, §10.4).

        It locks the rooms' rows (FOR NO KEY UPDATE NOWAIT), re-reads their state,
        resolves each room's transition in the table of ``tools.states``, runs every
        guard the transition names (``_guard_<name>`` methods, in batch), and only
        then writes the new states and the state log. Any refusal refuses the whole
        batch.

        :param context: what the guards and the log need: ``reason`` (text),
            ``hold_reason`` (record), ``batch`` (launch batch), ``document`` (the
            record causing the move), ``values`` (extra room values to write).
        :returns: ``{room: tools.Move}``
        """
        if not self:
            return {}
        self.check_access("read")  # the user's projects only, before any lock
        self._lock_for_state()
        self.invalidate_recordset(["state"])
        moves, errors = {}, []
        for room in self:
            try:
                moves[room] = check_transition(
                    room.state,
                    action,
                    room._state_options(),
                    # only a reserved room goes back where it came from (R1)
                    reserved_from=(
                        room._reserved_from_state(**context)
                        if room.state == states.RESERVED
                        else states.AVAILABLE
                    ),
                )
            except RealtyError as exc:
                errors.append(room._refusal(exc, action, **context))
        by_guards = defaultdict(lambda: self.browse())
        for room, move in moves.items():
            by_guards[move.guards] |= room
        for guards, rooms in by_guards.items():
            for guard in guards:
                method = getattr(rooms, f"_guard_{guard}", None)
                if method is None:  # never skip a guard silently
                    errors.append(
                        (
                            codes.ERR_STATE_TRANSITION,
                            self.env._(
                                "The action %(action)s needs the check "
                                "%(guard)s, which "
                                "no installed module provides.",
                                action=action,
                                guard=guard,
                            ),
                        )
                    )
                    continue
                errors += method(action=action, **context)
        moved = self.browse([room.id for room in moves])
        errors += moved._guard_every_move(action, **context)
        if errors:
            raise RealtyUserError.from_errors(errors)
        self._write_moves(moves, action, **context)
        return moves

    def _lock_for_state(self):
        """Row locks on the rooms, without waiting: a busy room is refused at once.

        FOR NO KEY UPDATE rather than §10.4's FOR UPDATE: a transaction that has just
        inserted a deal holds FOR KEY SHARE on its room (the foreign key check), which
        FOR UPDATE conflicts with. Two contenders that each created their deal would
        then refuse each other and nobody would get the room. NO KEY UPDATE still
        excludes every other mover, as they take the same lock."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM realty_room WHERE id IN %s ORDER BY id "
                        "FOR NO KEY UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except pg_errors.LockNotAvailable:
            raise RealtyUserError(
                codes.ERR_ROOM_LOCKED,
                self.env._(
                    "Someone else is working on this room right now; refresh and try "
                    "again."
                ),
            ) from None
        except pg_errors.SerializationFailure:
            raise RealtyUserError(
                codes.ERR_ROOM_TAKEN,
                self.env._("This room has just been changed by someone else; refresh."),
            ) from None

    def _guard_every_move(self, action, **_context):
        """Checks that apply to every move, whatever its row of the table (sales:
        only the deal that holds a room moves it)."""
        return []

    def _reserved_from_state(self, **_context):
        """Where a cancelled reservation returns (R1); sales knows."""
        return states.AVAILABLE

    def _refusal(self, exc, action, **_context):
        """``(code, message)`` for a transition the table refuses on this room;
        sales refines the code when another deal holds the room."""
        return exc.code, self._refusal_message(exc, action)

    def _refusal_message(self, exc, action):
        self.ensure_one()
        state_label = dict(self._fields["state"]._description_selection(self.env))
        messages = {
            codes.ERR_ROOM_HELD: self.env._(
                "Room %(room)s is held (销控) by management.", room=self.code
            ),
        }
        return messages.get(
            exc.code,
            self.env._(
                "Room %(room)s is %(state)s: %(action)s is not possible.",
                room=self.code,
                state=state_label.get(self.state, self.state),
                action=action,
            ),
        )

    def _write_moves(
        self,
        moves,
        action,
        reason=None,
        hold_reason=None,
        batch=None,
        document=None,
        values=None,
        **_context,
    ):
        """Write the new states (grouped, so few UPDATEs) and one log row per room."""
        now = fields.Datetime.now()
        groups = defaultdict(lambda: self.browse())
        for room, move in moves.items():
            groups[move.target] |= room
        log_vals = []
        for target, rooms in groups.items():
            vals = {"state": target, **(values or {})}
            moved = rooms.filtered(lambda r, target=target: r.state != target)
            if moved:
                vals["state_date"] = now
            if target == states.HELD:
                vals.update(
                    hold_reason_id=hold_reason.id if hold_reason else False,
                    hold_note=reason or False,
                )
            elif rooms.filtered("hold_reason_id"):
                vals.update(hold_reason_id=False, hold_note=False)
            if batch:
                vals["batch_id"] = batch.id
            log_vals += [
                {
                    "room_id": room.id,
                    "action": action,
                    "rule": moves[room].rule,
                    "from_state": moves[room].source,
                    "to_state": target,
                    "reason": reason or False,
                    "hold_reason_id": hold_reason.id if hold_reason else False,
                    "document": f"{document._name},{document.id}"
                    if document
                    else False,
                    "user_id": self.env.uid,
                    "date": now,
                }
                for room in rooms
            ]
            # sudo: the caller's right to take this action was checked above (guards,
            # _check_inventory_manager); consultants move rooms only through deals.
            rooms.sudo()._unlocked().write(vals)
        self.env["realty.room.state.log"].sudo().create(log_vals)
        self._on_state_moved(moves)

    def _on_state_moved(self, moves):
        """Hook after a move: the sales-control grid listens here."""

    # ---------------------------------------------------------- guards (§2.3 F1-F5)
    def _guard_permit(self, **_context):
        if not self:
            return []
        covered = self._active_permits()
        return [
            (
                codes.ERR_NO_PERMIT,
                self.env._(
                    "Room %(room)s is not covered by an active presale permit or sale "
                    "filing.",
                    room=room.code,
                ),
            )
            for room in self
            if room.project_id.permit_required and room.id not in covered
        ]

    def _guard_list_price(self, **_context):
        return [
            (
                codes.ERR_NO_PRICE,
                self.env._("Room %(room)s has no list price.", room=room.code),
            )
            for room in self
            if room.currency_id.compare_amounts(room.list_total, 0) <= 0
        ]

    def _guard_area_sum(self, **_context):
        errors = []
        for room in self:
            try:
                areas.check_area_sum(
                    str(room.area_building_pred),
                    str(room.area_inner_pred),
                    str(room.area_shared_pred),
                    tolerance=str(room.project_id.area_sum_tolerance),
                )
            except RealtyError as exc:
                errors.append(
                    (
                        exc.code,
                        self.env._(
                            "Room %(room)s: building area %(building)s m² is not inner "
                            "%(inner)s m² + shared %(shared)s m².",
                            room=room.code,
                            building=room.area_building_pred,
                            inner=room.area_inner_pred,
                            shared=room.area_shared_pred,
                        ),
                    )
                )
        return errors

    def _guard_reason(self, hold_reason=None, **_context):
        if hold_reason:
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._("Holding rooms needs a hold reason (compliance, §1.5)."),
            )
        ]

    def _guard_manager(self, **_context):
        if self.env.user.has_group("realty_base.group_realty_manager"):
            return []
        return [
            (
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("Only a sales manager may do this."),
            )
        ]

    def _guard_no_batch_history(self, **_context):
        """Withdrawing is refused once a room has sale history; sales implements."""
        return []

    # -------------------------------------------------------------------- actions
    def _check_inventory_manager(self):
        """Release and sales control (销控) are management decisions, on the user's
        own projects."""
        self.check_access("read")
        if not self.env.user.has_group("realty_base.group_realty_manager"):
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("Only a sales manager may release, hold or withdraw rooms."),
            )

    @arguments(batch=Record("realty.launch.batch", optional=True))
    def action_release(self, batch=None):
        """F1: offer the rooms for sale at their list price."""
        self._check_inventory_manager()
        self._move_state(states.RELEASE, batch=batch)
        return True

    @arguments(
        hold_reason=Record("realty.hold.reason", optional=True),
        note=Text(),
        batch=Record("realty.launch.batch", optional=True),
    )
    def action_release_held(self, hold_reason, note=None, batch=None):
        """F2: release the rooms straight into sales control."""
        self._check_inventory_manager()
        self._move_state(
            states.RELEASE_HELD, hold_reason=hold_reason, reason=note, batch=batch
        )
        return True

    @arguments(hold_reason=Record("realty.hold.reason", optional=True), note=Text())
    def action_hold(self, hold_reason, note=None):
        """F3: hold available rooms back (销控), with a reason."""
        self._check_inventory_manager()
        self._move_state(states.HOLD, hold_reason=hold_reason, reason=note)
        return True

    @arguments(note=Text())
    def action_unhold(self, note=None):
        """F4: offer held rooms again."""
        self._check_inventory_manager()
        self._move_state(states.UNHOLD, reason=note)
        return True

    @arguments(note=Text())
    def action_withdraw(self, note=None):
        """F5: take rooms off the market (撤盘)."""
        self._check_inventory_manager()
        self._move_state(states.WITHDRAW, reason=note)
        return True

    def action_open_calculator(self):
        """The price and payment calculator of this room (付款详情 / 按揭详情)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_price_calculator_action"
        )
        action["context"] = {"default_room_id": self.id}
        return action

    def action_open_state_wizard(self):
        """Hold, release as held and withdraw ask for a reason in a dialog."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_room_state_wizard_action"
        )
        action["context"] = {
            "default_action": self.env.context.get("realty_action", states.HOLD),
            "default_room_ids": self.ids,
            "active_ids": self.ids,
        }
        return action
