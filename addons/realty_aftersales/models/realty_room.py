from odoo import fields, models
from odoo.tools.misc import format_amount, format_date

from odoo.addons.realty_base.tools import errors as codes

# ------------------------------------------------------------------ handover
HANDOVER_GUARDS = (
    "completion_filed",
    "area_settled",
    "maintenance_fund",
    "handover_payments",
    "handover_notice",
)
"""The guards of F12 and F12b (§2.3), in the order the handover shows them."""
AREA_DONE = ("settled", "waived")


class RealtyRoom(models.Model):
    _inherit = "realty.room"

    # ------------------------------------- handover: the F12 guards (§2.3, §9.10)
    # Called by realty.room._move_state on the batch of rooms handed over, with the
    # handover(s) as ``document``; each returns ``(code, message)`` refusals. The
    # handover form runs them too, to show its checks live (_handover_checks).
    def _handover_checks(self, document=None):
        """``[(guard, refusals)]`` of the F12 guards on these rooms, nothing moved."""
        return [
            (name, getattr(self, f"_guard_{name}")(document=document))
            for name in HANDOVER_GUARDS
        ]

    def _handover_deals(self):
        """``{room id: active deal}`` of these rooms, in one search."""
        deals = self.env["realty.deal"].search(
            [("room_id", "in", self.ids), ("status", "=", "active")]
        )
        return {deal.room_id.id: deal for deal in deals}

    def _handover_documents(self, document=None):
        """``{room id: handover}``: the handovers being done, or else those of the
        rooms' active deals."""
        if document is not None and document._name == "realty.handover":
            handovers = document
        else:
            handovers = self.env["realty.handover"].search(
                [("room_id", "in", self.ids), ("deal_id.status", "=", "active")]
            )
        return {handover.room_id.id: handover for handover in handovers}

    def _handover_money(self, amount):
        self.ensure_one()
        return format_amount(self.env, amount, self.currency_id)

    def _guard_completion_filed(self, **_context):
        """The building's completion filed (竣工验收备案) and the room measured."""
        errors = []
        for room in self:
            missing = []
            if not room.building_id.completion_filing_date:
                missing.append(
                    self.env._(
                        "the completion filing of building %(building)s",
                        building=room.building_id.name,
                    )
                )
            if room.area_building_meas <= 0:
                missing.append(self.env._("its measured building area"))
            if missing:
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Room %(room)s cannot be handed over without %(missing)s.",
                            room=room.code,
                            missing="; ".join(missing),
                        ),
                    )
                )
        return errors

    def _guard_area_settled(self, **_context):
        """The area adjustment (§7) settled, or waived by approval."""
        deals = self._handover_deals()
        labels = dict(
            self.env["realty.deal"]
            ._fields["area_adjust_state"]
            ._description_selection(self.env)
        )
        errors = []
        for room in self:
            deal = deals.get(room.id)
            state = deal.area_adjust_state if deal else "none"
            if state not in AREA_DONE:
                errors.append(
                    (
                        codes.ERR_AREA_NOT_SETTLED,
                        self.env._(
                            "The area adjustment of %(room)s is %(state)s: settle it, "
                            "or have it waived, before the handover.",
                            room=room.code,
                            state=labels[state],
                        ),
                    )
                )
        return errors

    def _guard_maintenance_fund(self, **_context):
        """The maintenance fund (§6.4) deposited: no handover without it."""
        deals = self._handover_deals()
        unpaid = (
            self.env["realty.deal"]
            .browse([deal.id for deal in deals.values()])
            ._maintenance_fund_unpaid()
        )
        return [
            (
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The maintenance fund of %(room)s is not paid (%(amount)s owed).",
                    room=room.code,
                    amount=room._handover_money(unpaid[deals[room.id].id]),
                ),
            )
            for room in self
            if room.id in deals and deals[room.id].id in unpaid
        ]

    def _guard_handover_payments(self, document=None, **_context):
        """§9.10: every line due by the handover date received (in transit only
        with handover_accept_in_transit), the fees collected for others when they
        are due by the handover, and the loans at least approved."""
        deals = self._handover_deals()
        handovers = self._handover_documents(document)
        Deal = self.env["realty.deal"]
        all_deals = Deal.browse([deal.id for deal in deals.values()])
        fees = all_deals._fees_outstanding()
        # the loan cases (or deals) not approved yet: realty.deal._loans_not_approved
        loans = {}
        for loan in all_deals._loans_not_approved():
            deal_id = loan.id if loan._name == "realty.deal" else loan.deal_id.id
            loans.setdefault(deal_id, []).append(loan.display_name)
        today = fields.Date.context_today(self)
        items = dict(
            self.env["realty.deal.schedule.line"]
            ._fields["item"]
            ._description_selection(self.env)
        )
        errors = []
        for room in self:
            deal = deals.get(room.id)
            if not deal:
                errors.append(
                    (
                        codes.ERR_STATE_TRANSITION,
                        self.env._(
                            "Room %(room)s has no active contract to hand over.",
                            room=room.code,
                        ),
                    )
                )
                continue
            project = room.project_id
            handover = handovers.get(room.id)
            as_of = max(handover.date_scheduled, today) if handover else today
            owed = deal._handover_outstanding(as_of)
            transit = (
                {}
                if project.handover_accept_in_transit
                else deal._handover_in_transit(as_of)
            )
            if owed or transit:
                lines = sorted(set(owed) | set(transit), key=lambda line: line.due_date)
                details = [
                    self.env._(
                        "%(item)s due %(date)s: %(amount)s",
                        item=items[line.item],
                        date=format_date(self.env, line.due_date),
                        amount=room._handover_money(owed.get(line, 0.0)),
                    )
                    if line in owed
                    else self.env._(
                        "%(item)s due %(date)s: %(amount)s in transit",
                        item=items[line.item],
                        date=format_date(self.env, line.due_date),
                        amount=room._handover_money(transit[line]),
                    )
                    for line in lines
                ]
                message = self.env._(
                    "Room %(room)s: money due by %(date)s is not received (%(lines)s).",
                    room=room.code,
                    date=format_date(self.env, as_of),
                    lines="; ".join(details),
                )
                if transit:
                    message += " " + self.env._(
                        "Money in transit counts once the bank confirms it (the "
                        "project does not accept it for handovers)."
                    )
                errors.append((codes.ERR_INVALID_INPUT, message))
            if project.fee_collect_stage != "certificate" and fees.get(deal.id):
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Room %(room)s: the fees collected for others are not "
                            "collected (%(fees)s).",
                            room=room.code,
                            fees="; ".join(
                                f"{label} {room._handover_money(amount)}"
                                for label, amount in fees[deal.id].items()
                            ),
                        ),
                    )
                )
            if deal.id in loans:
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Room %(room)s: the loans are not approved yet "
                            "(%(loans)s).",
                            room=room.code,
                            loans=", ".join(loans[deal.id]),
                        ),
                    )
                )
        return errors

    def _guard_handover_notice(self, document=None, **_context):
        """The handover notice sent at least handover_notice_days before the
        handover date (§8.1: 不少于10日)."""
        handovers = self._handover_documents(document)
        errors = []
        for room in self:
            handover = handovers.get(room.id)
            days = room.project_id.handover_notice_days
            if not handover or not handover.notice_date:
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Room %(room)s: no handover notice has been sent.",
                            room=room.code,
                        ),
                    )
                )
                continue
            given = (handover.date_scheduled - handover.notice_date).days
            if given < days:
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Room %(room)s: the notice of %(sent)s gives %(given)s "
                            "days before the handover on %(date)s; at least %(days)s "
                            "are required.",
                            room=room.code,
                            sent=format_date(self.env, handover.notice_date),
                            given=given,
                            date=format_date(self.env, handover.date_scheduled),
                            days=days,
                        ),
                    )
                )
        return errors
