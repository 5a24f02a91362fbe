from odoo import fields, models

from odoo.addons.realty_base.tools import RealtyError, states, to_decimal
from odoo.addons.realty_base.tools import errors as codes

INITIALS_FROM = frozenset(states.MONEY_STATES)
"""Buyers' initials show (room form, sales-control grid) from the small deposit on
(§2.6)."""


class RealtyRoom(models.Model):
    """The sales side of a room's one state path: its active deal, the project's
    options, and the guards of the sale actions (domain.md §2.3 F6-F10, §2.4)."""

    _inherit = "realty.room"

    deal_ids = fields.One2many("realty.deal", "room_id")
    realty_lead_ids = fields.Many2many(
        "crm.lead",
        "crm_lead_realty_room_rel",
        "realty_room_id",
        "crm_lead_id",
        string="Interested Leads",
        readonly=True,
        help="The leads that name the room among their intended rooms (the inverse "
        "of their expected value's dependency: a new room has none, at no query).",
    )
    opening_pick_id = fields.Many2one(
        "realty.opening.pick",
        string="Picked at the Opening",
        readonly=True,
        copy=False,
        protected="action_release",
        index="btree_not_null",
        help="The opening-day pick that holds the room for its buyer until the "
        "buyer's deal moves it (§10.2): no other sale moves the room meanwhile.",
    )
    active_deal_id = fields.Many2one("realty.deal", compute="_compute_active_deal_id")
    buyer_initials = fields.Char(
        compute="_compute_active_deal_id",
        help="Shown on the sales-control grid from the small deposit on (§2.6).",
    )

    def _compute_active_deal_id(self):
        deals = self.env["realty.deal"].search(
            [("room_id", "in", self.ids), ("status", "=", "active")]
        )
        by_room = {deal.room_id.id: deal for deal in deals}
        for room in self:
            deal = by_room.get(room.id, self.env["realty.deal"])
            room.active_deal_id = deal
            room.buyer_initials = (
                deal.partner_id.name[:1]
                if room.state in INITIALS_FROM and deal.partner_id.name
                else False
            )

    def _other_active_deal(self, deal):
        """The room's active deal, when it is not `deal` (re-read under the lock)."""
        self.ensure_one()
        return self.env["realty.deal"].search(
            [
                ("room_id", "=", self.id),
                ("status", "=", "active"),
                ("id", "!=", deal.id if deal else 0),
            ],
            limit=1,
        )

    # --------------------------------------------------------- state path hooks
    def _on_state_moved(self, moves):
        """Tell every open grid of the rooms' projects (their bus channel, which
        only members subscribe to: ir.websocket) that these rooms moved."""
        result = super()._on_state_moved(moves)
        rooms = self.browse([room.id for room in moves])
        picked = rooms.filtered("opening_pick_id")
        if picked:  # the picker's deal has taken the room: the pick's hold ends
            picked.sudo()._unlocked().write({"opening_pick_id": False})
        for project in rooms.project_id:
            moved = rooms.filtered(lambda room, p=project: room.project_id == p)
            self.env["bus.bus"]._sendone(
                project,
                "realty_sales/rooms_moved",
                {"building_ids": moved.building_id.ids, "room_ids": moved.ids},
            )
        return result

    def _state_options(self):
        return self.project_id._state_options()

    def _reserved_from_state(self, deal=None, **context):
        holder = self.env["realty.deal"].search(
            [
                ("room_id", "=", self.id),
                ("status", "=", "active"),
                ("stage", "=", "reservation"),
            ],
            limit=1,
        )
        return (holder or deal or self.env["realty.deal"]).reserved_from_state or (
            states.AVAILABLE
        )

    def _refusal(self, exc, action, deal=None, **context):
        """A sale action on a room another deal holds: taken (§10.4, V-46)."""
        if deal and action in (states.RESERVE, *states.SALE_ACTIONS):
            other = self._other_active_deal(deal)
            if other and other.partner_id != deal.partner_id:
                if exc.code == codes.ERR_ROOM_HELD:
                    return super()._refusal(exc, action, deal=deal, **context)
                return (
                    codes.ERR_ROOM_TAKEN,
                    self.env._(
                        "Room %(room)s has just been taken (deal %(deal)s); refresh.",
                        room=self.code,
                        deal=other.name,
                    ),
                )
        return super()._refusal(exc, action, deal=deal, **context)

    def _guard_every_move(self, action, deal=None, **context):
        """Only the room's own deal moves it on; another buyer's deal, or any deal
        but a reservation of the same buyer, means the room is taken (§10.4)."""
        errors = super()._guard_every_move(action, deal=deal, **context)
        errors += self._guard_opening_pick(deal)
        if not deal or action not in (states.RESERVE, *states.SALE_ACTIONS):
            return errors
        for room in self:
            other = room._other_active_deal(deal)
            same_buyer_reservation = (
                other.stage == "reservation" and other.partner_id == deal.partner_id
            )
            if (
                other
                and not same_buyer_reservation
                and not (other.stage == "reservation" and room.state == states.RESERVED)
            ):
                errors.append(
                    (
                        codes.ERR_ROOM_TAKEN,
                        self.env._(
                            "Room %(room)s has just been taken (deal %(deal)s); "
                            "refresh.",
                            room=room.code,
                            deal=other.name,
                        ),
                    )
                )
        return errors

    def _guard_opening_pick(self, deal):
        """A room picked on opening day moves only by its picker's deal. Read with
        the state, in the snapshot the room's lock has validated: a pick committed
        since makes that lock fail (REPEATABLE READ), so no re-read is needed."""
        errors = []
        for room in self.filtered("opening_pick_id"):
            pick = room.opening_pick_id.sudo()
            if deal and deal.partner_id == pick.partner_id:
                continue
            errors.append(
                (
                    codes.ERR_ROOM_TAKEN,
                    self.env._(
                        "Room %(room)s was picked at the opening by %(buyer)s; only "
                        "their deal moves it.",
                        room=room.code,
                        buyer=pick.partner_id.name,
                    ),
                )
            )
        return errors

    # ------------------------------------------------------- guards: reservation
    def _guard_named_customer(self, deal=None, **_context):
        if deal and deal.partner_id:
            return []
        return [(codes.ERR_INVALID_INPUT, self.env._("A reservation names its buyer."))]

    def _guard_reservation_quota(self, deal=None, **_context):
        project = self.project_id
        held = self.env["realty.deal"].search_count(
            [
                ("user_id", "=", deal.user_id.id),
                ("project_id", "=", project.id),
                ("status", "=", "active"),
                ("stage", "=", "reservation"),
            ]
        )
        if held < project.reservation_max_per_consultant:
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "%(user)s already holds %(count)s reservations in this "
                    "project, the most allowed.",
                    user=deal.user_id.name,
                    count=held,
                ),
            )
        ]

    # -------------------------------------------------------------- guards: sale
    def _guard_same_customer(self, deal=None, **_context):
        """A reserved room is sold to its customer only (T07)."""
        errors = []
        for room in self.filtered(lambda r: r.state == states.RESERVED):
            holder = room._other_active_deal(deal)
            if holder and holder.partner_id != deal.partner_id:
                errors.append(
                    (
                        codes.ERR_RESERVED_FOR_OTHER,
                        self.env._(
                            "Room %(room)s is reserved for %(buyer)s.",
                            room=room.code,
                            buyer=holder.partner_id.name,
                        ),
                    )
                )
        return errors

    def _guard_small_deposit_min(self, deal=None, **_context):
        received = deal.intention_received
        minimum = self.project_id.small_deposit_min_amount
        if received > 0 and deal.currency_id.compare_amounts(received, minimum) >= 0:
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "A small deposit needs intention money received (at least "
                    "%(minimum)s).",
                    minimum=minimum,
                ),
            )
        ]

    def _guard_deposit_min(self, deal=None, **_context):
        project = self.project_id
        minimum = max(
            to_decimal(project.deposit_min_amount),
            to_decimal(project.deposit_min_ratio) * to_decimal(deal.deal_total),
        )
        if deal.deposit_amount > 0 and to_decimal(deal.deposit_amount) >= minimum:
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The deposit (定金) must be at least %(minimum)s.", minimum=minimum
                ),
            )
        ]

    def _guard_deposit_cap(self, deal=None, **_context):
        """定金 ≤ 20 % of the deal total, or the excess booked as prepayment (§5.8)."""
        if not deal.deposit_amount:
            return []
        try:
            deal._deposit_split()
        except RealtyError as exc:
            return [
                (
                    exc.code,
                    self.env._(
                        "A deposit (定金) of %(deposit)s is more than 20 %% of the "
                        "deal total %(total)s; book the excess as prepayment.",
                        deposit=deal.deposit_amount,
                        total=deal.deal_total,
                    ),
                )
            ]
        return []

    def _guard_subscription_signed(self, deal=None, **_context):
        if deal.subscription_signed:
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Record that the subscription agreement (认购书) is signed."
                ),
            )
        ]

    def _guard_discount_approved(self, deal=None, **_context):
        if deal.approval_state in ("not_required", "approved"):
            return []
        return [
            (
                codes.ERR_APPROVAL_REQUIRED,
                self.env._(
                    "The discounts of %(deal)s need the approval of %(role)s.",
                    deal=deal.name,
                    role=deal.approval_rung_id.group_id.name or self.env._("the group"),
                ),
            )
        ]

    def _guard_deposit_received(self, deal=None, **_context):
        project = self.project_id
        if project.allow_unpaid_deposit or not deal.deposit_amount:
            return []
        if (
            deal.currency_id.compare_amounts(deal.deposit_received, deal.deposit_amount)
            >= 0
        ):
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The deposit (定金) of %(amount)s is not fully received "
                    "(%(received)s).",
                    amount=deal.deposit_amount,
                    received=deal.deposit_received,
                ),
            )
        ]

    def _guard_contract_complete(self, deal=None, **_context):
        """The fields the contract and its filing need (§8.3)."""
        missing = []
        if not deal.payment_method_id:
            missing.append(self.env._("the payment method"))
        if not deal.delivery_date and not self.phase_id.planned_delivery_date:
            missing.append(self.env._("the delivery date"))
        if (
            deal.co_ownership == "shares"
            and round(sum(deal.buyer_ids.mapped("share")), 2) != 100
        ):
            missing.append(self.env._("buyers' shares that make 100 %"))
        without_id = deal.buyer_ids.partner_id.filtered(
            lambda p: not p._realty_id_number()
        )
        if without_id:
            missing.append(
                self.env._(
                    "the ID numbers of %(buyers)s",
                    buyers=", ".join(without_id.mapped("name")),
                )
            )
        if deal.price_error:
            missing.append(deal.price_error)
        else:
            try:
                deal._check_filed_price()
            except RealtyError as exc:
                return [
                    (
                        exc.code,
                        self.env._(
                            "The deal total %(total)s is above the filed price "
                            "%(filed)s.",
                            total=deal.deal_total,
                            filed=self.filed_total,
                        ),
                    )
                ]
        if not missing:
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The contract of %(deal)s is missing %(missing)s.",
                    deal=deal.name,
                    missing="; ".join(missing),
                ),
            )
        ]

    # --------------------------------------------------- guards: reverse flows
    def _guard_refund_voucher(self, refund_recorded=False, **_context):
        if refund_recorded:
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._("A cancellation records what is refunded (退款单)."),
            )
        ]

    def _guard_deposit_outcome(self, change_order=None, **_context):
        if change_order and change_order.cancel_reason:
            return []
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Say why the deal is cancelled: it decides the 定金 outcome."
                ),
            )
        ]

    def _guard_approval(self, change_order=None, **_context):
        if change_order and change_order.state == "approved":
            return []
        return [
            (
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("This change needs an approved change order."),
            )
        ]

    def _guard_termination_agreement(self, change_order=None, **_context):
        if change_order and change_order.termination_agreement:
            return []
        return [
            (
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("A termination needs the signed termination agreement."),
            )
        ]

    def _guard_resigned_contract(self, change_order=None, **_context):
        if change_order and change_order.contract_resigned:
            return []
        return [
            (
                codes.ERR_APPROVAL_REQUIRED,
                self.env._(
                    "Renaming a contracted deal needs the contract signed again."
                ),
            )
        ]

    def _guard_supplementary_agreement(self, change_order=None, deal=None, **_context):
        if (deal and deal.stage != "contract") or (
            change_order and change_order.supplementary_agreement
        ):
            return []
        return [
            (
                codes.ERR_APPROVAL_REQUIRED,
                self.env._(
                    "A change to a contract needs a supplementary agreement (补充协议)."
                ),
            )
        ]

    def _guard_target_room_free(self, change_order=None, deal=None, **_context):
        target = change_order.new_room_id if change_order else None
        if not target:
            return [(codes.ERR_INVALID_INPUT, self.env._("Choose the new room."))]
        other = target._other_active_deal(deal)
        if target.state == states.AVAILABLE or (
            target.state == states.RESERVED and other.partner_id == deal.partner_id
        ):
            return []
        return [
            (
                codes.ERR_ROOM_OCCUPIED,
                self.env._("Room %(room)s is not free.", room=target.code),
            )
        ]

    def _guard_filing_cancelled(self, **_context):
        filed = self.filtered(lambda r: r.state == states.FILED)
        return [
            (
                codes.ERR_FILING_ACTIVE,
                self.env._("Cancel the filing of %(room)s first.", room=room.code),
            )
            for room in filed
        ]

    def _guard_no_batch_history(self, **_context):
        """F5: a room with a deal behind it is not withdrawn."""
        sold = self.filtered(
            lambda r: r.deal_ids.filtered(lambda d: d.status != "draft")
        )
        return [
            (
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Room %(room)s has had deals: hold it instead of withdrawing it.",
                    room=room.code,
                ),
            )
            for room in sold
        ]
