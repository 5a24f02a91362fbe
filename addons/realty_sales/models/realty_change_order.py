from markupsafe import Markup

from odoo import Command, api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import AMOUNT, Vals, arguments
from odoo.addons.realty_base.tools import deposit_outcome, states, to_decimal
from odoo.addons.realty_base.tools import errors as codes

from .realty_deal import CO_OWNERSHIP, ROOM_STAGE, STAGE_ORDER

CHANGE_TYPES = [
    ("change_room", "Change Room"),
    ("cancel", "Cancel the Subscription"),
    ("terminate", "Terminate the Contract"),
    ("rename", "Change the Buyers"),
    ("discount", "Change the Discounts"),
    ("payment_method", "Change the Payment Method"),
    ("price", "Change the Price"),
]
CHANGE_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("executed", "Executed"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
CANCEL_REASONS = [
    ("buyer_fault", "The Buyer's Fault"),
    ("seller_fault", "The Seller's Fault"),
    ("no_fault", "Neither Party's Fault"),
    ("negotiated", "Negotiated"),
]
ROOM_ACTION = {
    "change_room": states.CHANGE_ROOM,
    "cancel": states.CANCEL,
    "terminate": states.TERMINATE,
    "rename": states.RENAME,
    "discount": states.AMEND,
    "payment_method": states.AMEND,
    "price": states.AMEND,
}
TARGET_ACTION = {
    "small_deposit": states.TAKE_SMALL_DEPOSIT,
    "deposit": states.TAKE_DEPOSIT,
    "subscription": states.SUBSCRIBE,
    "contract": states.SUBSCRIBE,  # the new room waits for a new contract (§2.4 R7)
}
"""The action that takes the new room of a room change to the deal's stage."""
MANAGER = "realty_base.group_realty_manager"
GM = "realty_base.group_realty_gm"
CONTENT_FIELDS = frozenset(
    {
        "deal_id",
        "change_type",
        "cancel_reason",
        "negotiated_refund",
        "termination_refund",
        "new_room_id",
        "new_buyer_ids",
        "new_co_ownership",
        "new_discount_ids",
        "new_payment_method_id",
        "new_manual_total",
    }
)
"""What a change order changes: once submitted, a change to these submits it again
and voids its approval (the signed-agreement flags are not content: they are
signed after the approval, before execution)."""
SUBMITTED = "action_submit"


class RealtyChangeOrder(models.Model):
    """A change to a subscribed or contracted deal (变更, domain.md §2.4): change
    room, cancel, terminate, rename, or change its discounts, payment method or price.

    Typed, with its reason, a snapshot of the deal before and after and its money
    effect; approved, then executed as a separate step, which is the only way the
    buyers, price and plan of a subscribed deal change (I-2). Executed orders are
    the deal's and the rooms' immutable change log."""

    _name = "realty.change.order"
    _description = "Change Order"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
        protected="the change order sequence",
    )
    deal_id = fields.Many2one(
        "realty.deal",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        write_once=True,
    )
    project_id = fields.Many2one(related="deal_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="deal_id.company_id", store=True)
    currency_id = fields.Many2one(related="deal_id.currency_id")
    room_id = fields.Many2one(
        "realty.room",
        readonly=True,
        index=True,
        protected="the deal's room when the order is created",
        help="The deal's room when requested.",
    )
    change_type = fields.Selection(CHANGE_TYPES, required=True, tracking=True)
    state = fields.Selection(
        CHANGE_STATES,
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        protected="action_submit, action_approve, action_refuse, action_cancel, "
        "action_execute",
    )
    reason = fields.Text(required=True)

    # --------------------------------------------------------- what changes
    cancel_reason = fields.Selection(CANCEL_REASONS, tracking=True)
    negotiated_refund = fields.Monetary(
        bounds=AMOUNT, help="The refund agreed with the buyer."
    )
    termination_refund = fields.Monetary(
        bounds=AMOUNT, help="What the termination agreement refunds."
    )
    termination_agreement = fields.Boolean(
        help="The termination agreement (or court document) is signed and attached."
    )
    new_room_id = fields.Many2one(
        "realty.room", domain="[('project_id', '=', project_id)]", check_company=True
    )
    new_buyer_ids = fields.One2many(
        "realty.change.order.buyer", "change_order_id", string="New Buyers"
    )
    new_co_ownership = fields.Selection(CO_OWNERSHIP)
    contract_resigned = fields.Boolean(help="The contract is signed again (rename).")
    new_discount_ids = fields.One2many(
        "realty.change.order.discount", "change_order_id", string="New Discounts"
    )
    new_payment_method_id = fields.Many2one(
        "realty.payment.method",
        domain="['|', ('project_ids', '=', False), ('project_ids', 'in', project_id)]",
    )
    new_manual_total = fields.Monetary(bounds=AMOUNT, string="New Deal Total")
    supplementary_agreement = fields.Boolean(
        help="A supplementary agreement (补充协议) is signed for a contract change."
    )

    # ---------------------------------------------------------------- effects
    snapshot_before = fields.Json(
        readonly=True, copy=False, protected=SUBMITTED, help="The deal before."
    )
    snapshot_after = fields.Json(
        readonly=True, copy=False, protected=SUBMITTED, help="The deal after."
    )
    comparison_html = fields.Html(compute="_compute_comparison_html", sanitize=False)
    money_effect = fields.Monetary(
        readonly=True,
        copy=False,
        protected=SUBMITTED,
        help="Change of the deal total (after − before).",
    )
    refund_amount = fields.Monetary(readonly=True, copy=False, protected=SUBMITTED)
    forfeited_amount = fields.Monetary(readonly=True, copy=False, protected=SUBMITTED)
    penalty_amount = fields.Monetary(
        readonly=True,
        copy=False,
        protected=SUBMITTED,
        help="What the seller pays beyond a refund.",
    )
    approver_group_id = fields.Many2one(
        "res.groups", readonly=True, copy=False, protected=SUBMITTED
    )
    # approved_by_id, approved_date, approval_snapshot: realty.approval.mixin
    executed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_execute"
    )
    executed_date = fields.Datetime(
        readonly=True, copy=False, protected="action_execute"
    )

    # ------------------------------------------------------------------- CRUD
    @api.model
    def _add_server_values(self, vals_list):
        deals = self.env["realty.deal"].browse([v.get("deal_id") for v in vals_list])
        return super()._add_server_values(
            [
                {
                    **vals,
                    "name": self.env["ir.sequence"].next_by_code("realty.change.order"),
                    "room_id": deal.room_id.id,
                }
                for vals, deal in zip(vals_list, deals, strict=True)
            ]
        )

    @arguments(vals=Vals())
    def write(self, vals):
        """An executed change order is history (the change log); a change to what
        a submitted order changes submits it again and voids its approval."""
        tracked = {"message_main_attachment_id", "activity_ids", "message_follower_ids"}
        closed = ("executed", "refused", "cancelled")
        if (
            not self._is_unlocked()
            and any(o.state in closed for o in self)
            and set(vals) - tracked
        ):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "An executed, refused or cancelled change order cannot be "
                    "changed; make a new one."
                ),
            )
        result = super().write(vals)
        if not self._is_unlocked() and CONTENT_FIELDS & vals.keys():
            self._content_changed()
        return result

    def _check_lines_editable(self):
        if self._is_unlocked():
            return
        if any(o.state in ("executed", "refused", "cancelled") for o in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "An executed, refused or cancelled change order cannot be "
                    "changed; make a new one."
                ),
            )

    def _lines_changed(self):
        """Its new buyers or discounts changed: what it changes has changed."""
        self._check_lines_editable()
        if not self._is_unlocked():
            self._content_changed()

    def _content_changed(self):
        """What submitted orders change has changed: submit them again."""
        submitted = self.filtered(lambda o: o.state in ("to_approve", "approved"))
        if submitted:
            submitted._submit()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(o.state not in ("draft", "cancelled") for o in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only a draft change order can be deleted."),
            )

    # ------------------------------------------------------------- the change
    def _after_deal(self):
        """The deal as this order would leave it, not saved (to price and approve)."""
        self.ensure_one()
        deal = self.deal_id
        values = {}
        if self.change_type == "change_room" and self.new_room_id:
            values.update(
                room_id=self.new_room_id.id,
                list_unit_price=self.new_room_id.list_unit_price,
                list_total=self.new_room_id.list_total,
            )
        if self.change_type == "discount":
            values["discount_line_ids"] = [Command.clear()] + [
                Command.create(line._deal_line_values())
                for line in self.new_discount_ids
            ]
        if self.change_type == "payment_method" and self.new_payment_method_id:
            values["payment_method_id"] = self.new_payment_method_id.id
        if self.change_type == "price":
            values["manual_total"] = self.new_manual_total
        if not values:
            return deal
        # priced afresh: the frozen terms are the deal's as signed (I-2)
        return deal.new({**values, "frozen_terms": False}, origin=deal)

    def _snapshot(self, deal):
        return {
            "room": deal.room_id.code,
            "buyers": [
                [b.partner_id.name, b.share] for b in deal.buyer_ids.sorted("sequence")
            ],
            "co_ownership": deal.co_ownership,
            "payment_method": deal.payment_method_id.name or "",
            "discounts": [
                [line.name, line.kind, line.value] for line in deal.discount_line_ids
            ],
            "list_total": deal.list_total,
            "deal_total": deal.deal_total,
            "deposit": deal.deposit_amount,
            "stage": deal.stage,
            "status": deal.status,
        }

    def _required_group(self, after):
        """Who approves: the ladder for price changes (§4.5), else by the type."""
        self.ensure_one()
        if self.change_type in ("discount", "payment_method", "price", "change_room"):
            if after.approval_beyond_ladder:
                return self.env.ref(GM)
            # the ladder's rung, but at least a sales manager
            manager = self.env.ref(MANAGER)
            group = after.approval_rung_id.group_id
            above_manager = group == manager or manager in group.trans_implied_ids
            return group if above_manager else manager
        if self.change_type == "terminate" or self.cancel_reason in (
            "seller_fault",
            "negotiated",
        ):
            return self.env.ref(GM)
        return self.env.ref(MANAGER)

    def _money(self, before, after):
        """Money effect, refund, forfeit and penalty of the change (§2.4 R3, V-47)."""
        deal = self.deal_id
        effect = {
            "money_effect": after["deal_total"] - before["deal_total"],
            "refund_amount": 0.0,
            "forfeited_amount": 0.0,
            "penalty_amount": 0.0,
        }
        if self.change_type == "cancel":
            outcome = deposit_outcome(
                to_decimal(deal.deposit_received),
                self.cancel_reason,
                to_decimal(self.negotiated_refund)
                if self.cancel_reason == "negotiated"
                else None,
            )
            others = to_decimal(deal.amount_received) - to_decimal(
                deal.deposit_received
            )
            effect.update(
                refund_amount=float(outcome.refund + others),
                forfeited_amount=float(outcome.seller_income),
                penalty_amount=float(outcome.penalty_expense),
            )
        elif self.change_type == "terminate":
            effect["refund_amount"] = self.termination_refund
        return effect

    def _check_request(self):
        self.ensure_one()
        deal = self.deal_id
        if (
            deal.status != "active"
            or STAGE_ORDER.get(deal.stage, -1) < STAGE_ORDER["deposit"]
        ):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Change orders apply to active deals from the deposit on; deal "
                    "%(deal)s is %(stage)s (%(status)s).",
                    deal=deal.name,
                    stage=deal.stage,
                    status=deal.status,
                ),
            )
        needs = {
            "change_room": self.new_room_id,
            "cancel": self.cancel_reason,
            "rename": self.new_buyer_ids,
            "payment_method": self.new_payment_method_id,
            "price": self.new_manual_total,
        }
        if self.change_type in needs and not needs[self.change_type]:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Say what the change order changes."),
            )

    # ------------------------------------ the approval (realty.approval.mixin)
    def _priced_change(self):
        """``(before, after, money)`` of the change as it stands now."""
        self.ensure_one()
        after = self._after_deal()
        after._raise_price_error()
        before_snapshot = self._snapshot(self.deal_id)
        after_snapshot = self._snapshot(after)
        if self.change_type == "rename":
            after_snapshot["buyers"] = [
                [b.partner_id.name, b.share] for b in self.new_buyer_ids
            ]
        return (
            before_snapshot,
            after_snapshot,
            self._money(before_snapshot, after_snapshot),
            after,
        )

    def _approval_content(self):
        """What the approver approves: the change, the deal after it and the money."""
        _before, after, money, _deal = self._priced_change()
        return {
            "change_type": self.change_type,
            "cancel_reason": self.cancel_reason or False,
            "new_co_ownership": self.new_co_ownership or False,
            "after": after,
            "money": money,
        }

    def _approval_groups(self):
        return self.approver_group_id

    def _approval_activity_xmlid(self):
        return "realty_sales.mail_activity_change_approval"

    def _on_approval_voided(self):
        self._unlocked().write({"state": "to_approve"})

    def _track_subtype(self, init_values):
        """Submitted, approved, refused and executed as subtypes to follow."""
        self.ensure_one()
        subtype = {
            "to_approve": "realty_sales.mt_change_order_submitted",
            "approved": "realty_sales.mt_change_order_approved",
            "refused": "realty_sales.mt_change_order_refused",
            "executed": "realty_sales.mt_change_order_executed",
        }.get(self.state)
        if "state" in init_values and subtype:
            return self.env.ref(subtype)
        return super()._track_subtype(init_values)

    # ---------------------------------------------------------------- actions
    def action_submit(self):
        """Snapshot the deal, price the change, and ask its approver."""
        for order in self:
            if order.state != "draft":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("Only a draft change order is submitted."),
                )
        self._submit()
        return True

    def _submit(self):
        """Price each order as it stands and ask the approver its change needs; an
        approval of what the order was before is void."""
        for order in self:
            order._check_request()
            before, after, money, after_deal = order._priced_change()
            group = order._required_group(after_deal)
            if order.approved_by_id:
                order._void_approval()
            order._unlocked().write(
                {
                    "state": "to_approve",
                    "snapshot_before": before,
                    "snapshot_after": after,
                    "approver_group_id": group.id,
                    **money,
                }
            )
            order.activity_unlink(["realty_sales.mail_activity_change_approval"])
            approvers = group.users & order.project_id.user_ids
            if approvers:
                order.activity_schedule(
                    "realty_sales.mail_activity_change_approval",
                    user_id=approvers[0].id,
                )

    def action_approve(self):
        """Approve the change as it stands, if the user holds its approver role."""
        for order in self:
            if order.state != "to_approve":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Change order %(order)s does not wait for an approval.",
                        order=order.name,
                    ),
                )
        self._record_approval()
        self._unlocked().write({"state": "approved"})
        return True

    def action_refuse(self):
        for order in self:
            if order.state != "to_approve" or not order._can_approve():
                raise RealtyUserError(
                    codes.ERR_APPROVAL_REQUIRED,
                    self.env._(
                        "You cannot refuse change order %(order)s.", order=order.name
                    ),
                )
        self._unlocked().write({"state": "refused"})
        self.activity_unlink(["realty_sales.mail_activity_change_approval"])
        return True

    def action_cancel(self):
        if any(o.state == "executed" for o in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("An executed change order cannot be cancelled."),
            )
        self._unlocked().write({"state": "cancelled"})
        self.activity_unlink(["realty_sales.mail_activity_change_approval"])
        return True

    def action_execute(self):
        """Carry out approved change orders, each in the room's one state path."""
        for order in self:
            if order.state != "approved":
                raise RealtyUserError(
                    codes.ERR_APPROVAL_REQUIRED,
                    self.env._(
                        "Change order %(order)s is not approved.", order=order.name
                    ),
                )
            if order.deal_id.status != "active":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "The deal of %(order)s is no longer active.", order=order.name
                    ),
                )
            order._check_approval_current()
            getattr(order, f"_execute_{order.change_type}")()
            order._unlocked().write(
                {
                    "state": "executed",
                    "executed_by_id": self.env.uid,
                    "executed_date": fields.Datetime.now(),
                    "snapshot_after": order._snapshot(order.deal_id),
                }
            )
            order.deal_id.message_post(
                body=self.env._(
                    "Change order %(order)s executed: %(type)s.",
                    order=order.name,
                    type=dict(CHANGE_TYPES)[order.change_type],
                )
            )
            order.deal_id._finance_event(
                "change_order", order, order.refund_amount or order.money_effect
            )
        return True

    # ------------------------------------------------------------- executions
    def _deal(self):
        """The deal, open to this order's changes (I-2: the only way in)."""
        return self.deal_id._unlocked()

    def _move_room(self, room=None, action=None, **context):
        (room or self.deal_id.room_id)._move_state(
            action or ROOM_ACTION[self.change_type],
            deal=self.deal_id,
            change_order=self,
            **context,
        )

    def _approve_deal_price(self, deal):
        """The change order's approval is the deal's approval of its new price."""
        deal.write(
            {
                "approved_by_id": self.approved_by_id.id,
                "approved_date": self.approved_date,
                "approval_snapshot": deal._normalised_content(),
                "approval_refused": False,
            }
        )

    def _execute_cancel(self):
        """R3: the 定金 outcome by reason (V-47); the room goes back."""
        deal = self._deal()
        if self.refund_amount:
            deal.register_payment("refund", -self.refund_amount, note=self.name)
        self._move_room(refund_recorded=True)
        deal.write({"status": "cancelled", "cancel_reason": self.reason})

    def _execute_terminate(self):
        """R4: the contract ends by agreement; the room is held to be re-priced."""
        deal = self._deal()
        if self.refund_amount:
            deal.register_payment("refund", -self.refund_amount, note=self.name)
        self._move_room(refund_recorded=True)
        deal.write({"status": "cancelled", "cancel_reason": self.reason})

    def _execute_rename(self):
        """R8: new buyers; the room keeps its state."""
        self._move_room()
        deal = self._deal()
        deal.write(
            {
                "partner_id": self.new_buyer_ids[:1].partner_id.id,
                "co_ownership": self.new_co_ownership or deal.co_ownership,
                "buyer_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "partner_id": b.partner_id.id,
                            "share": b.share,
                            "relation": b.relation,
                            "sequence": index,
                        }
                    )
                    for index, b in enumerate(self.new_buyer_ids, start=1)
                ],
            }
        )

    def _execute_amend(self, values):
        """R9: new discounts, payment method or price; a new schedule."""
        self._move_room()
        deal = self._deal()
        deal.write({"frozen_terms": False, **values})
        deal._freeze_terms()
        self._approve_deal_price(deal)
        deal._generate_schedule()

    def _execute_discount(self):
        self._execute_amend(
            {
                "discount_line_ids": [Command.clear()]
                + [
                    Command.create(line._deal_line_values())
                    for line in self.new_discount_ids
                ]
            }
        )

    def _execute_payment_method(self):
        self._execute_amend({"payment_method_id": self.new_payment_method_id.id})

    def _execute_price(self):
        self._execute_amend({"manual_total": self.new_manual_total})

    def _execute_change_room(self):
        """R7: the old room goes back, the new one takes the deal's stage (a
        contracted deal waits on the new room as subscribed); the deal is re-priced
        from the new room's list price with the same discounts (V-45 T18)."""
        deal = self._deal()
        old_room, new_room = deal.room_id, self.new_room_id
        (old_room | new_room).sorted("id")._lock_for_state()
        stage = deal.stage
        self._move_room(old_room)
        holder = new_room._other_active_deal(deal)
        if holder:  # the buyer's own reservation of the new room
            holder._unlocked().write({"status": "upgraded"})
        deal.write(
            {
                "frozen_terms": False,
                "room_id": new_room.id,
                "list_unit_price": new_room.list_unit_price,
                "list_total": new_room.list_total,
            }
        )
        self._approve_deal_price(deal)
        moves = new_room._move_state(TARGET_ACTION[stage], deal=deal, change_order=self)
        deal.write({"stage": ROOM_STAGE[moves[new_room].target]})
        deal._freeze_terms()
        deal._generate_schedule()

    # ------------------------------------------------------------ display
    @api.depends("snapshot_before", "snapshot_after")
    def _compute_comparison_html(self):
        labels = {
            "room": self.env._("Room"),
            "buyers": self.env._("Buyers"),
            "co_ownership": self.env._("Co-Ownership"),
            "payment_method": self.env._("Payment Method"),
            "discounts": self.env._("Discounts"),
            "list_total": self.env._("List Total"),
            "deal_total": self.env._("Deal Total"),
            "deposit": self.env._("Deposit (定金)"),
            "stage": self.env._("Stage"),
            "status": self.env._("Status"),
        }
        for order in self:
            if not order.snapshot_before:
                order.comparison_html = False
                continue
            before = order.snapshot_before
            after = order.snapshot_after or {}
            rows = Markup("").join(
                Markup("<tr%s><th>%s</th><td>%s</td><td>%s</td></tr>")
                % (
                    Markup(' class="table-warning"')
                    if before.get(k) != after.get(k)
                    else Markup(""),
                    label,
                    self._format_value(before.get(k)),
                    self._format_value(after.get(k)),
                )
                for k, label in labels.items()
            )
            order.comparison_html = Markup(
                "<table class='table table-sm'><thead><tr><th></th><th>%s</th><th>%s"
                "</th></tr></thead><tbody>%s</tbody></table>"
            ) % (self.env._("Before"), self.env._("After"), rows)

    @api.model
    def _format_value(self, value):
        if isinstance(value, list):
            return "; ".join(
                " ".join(str(v) for v in item) if isinstance(item, list) else str(item)
                for item in value
            )
        if isinstance(value, float):
            return f"{value:,.2f}"
        return value if value not in (None, False) else "-"
