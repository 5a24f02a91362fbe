from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.inputs import Record, Vals, ValsList, arguments

from .realty_deal_payment import QueueHandOver

ACTIVE = ("issued", "transferred")


class RealtyQueueNumber(models.Model):
    """A queue number's sincerity deposit (诚意金) is a customer payment to the
    sincerity account, tagged with the number; a refund pays it back; a conversion
    hands the entries to the deal (the money does not move, §5.8)."""

    _inherit = "realty.queue.number"

    account_payment_ids = fields.One2many(
        "account.payment", "realty_queue_number_id", readonly=True
    )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        numbers = super().create(vals_list)
        numbers._finance_sync()
        return numbers

    @arguments(vals=Vals())
    def write(self, vals):
        result = super().write(vals)
        if "sincerity_amount" in vals or "state" in vals:
            self._finance_sync()
        return result

    @arguments(deal=Record("realty.deal", optional=True))
    def action_convert(self, deal=None):
        numbers = self.filtered(lambda n: n.state in ACTIVE)
        marker = {"realty_queue_handover": QueueHandOver()}
        result = super(RealtyQueueNumber, self.with_context(**marker)).action_convert(
            deal=deal.with_context(**marker) if deal else None
        )
        numbers._finance_hand_over()
        return result

    # ---------------------------------------------------------------- posting
    def _finance_held(self):
        """``{number id: amount}`` held on the sincerity account for each number."""
        self.env["account.move.line"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.realty_queue_number_id, -SUM(line.balance)
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN res_company company ON company.id = line.company_id
                 WHERE line.realty_queue_number_id = ANY(%s)
                   AND line.realty_deal_id IS NULL
                   AND line.account_id = company.realty_sincerity_account_id
                   AND move.state = 'posted'
              GROUP BY line.realty_queue_number_id
                """,
                self.ids,
            )
        )
        return dict(rows)

    def _finance_sync(self, journal=None, receipt=None, method=None, date=None):
        """Post the difference between what each number holds and what it should:
        its sincerity deposit while it is active, nothing once refunded."""
        self = self.sudo()  # noqa: PLW0642
        held = self._finance_held()
        for number in self:
            if number.state == "converted":
                continue
            target = number.sincerity_amount if number.state in ACTIVE else 0.0
            delta = target - held.get(number.id, 0.0)
            if number.currency_id.is_zero(delta):
                continue
            number._finance_pay(delta, journal, receipt, date)

    def _finance_pay(self, amount, journal=None, receipt=None, date=None):
        self.ensure_one()
        company = self.project_id.company_id
        account = company._realty_account("sincerity")
        journal = (
            journal
            or self.project_id.supervision_journal_id
            or self.env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
            )
        )
        journal._realty_ensure_outstanding()
        payment = (
            self.env["realty.deal"]
            ._unlocked()
            .env["account.payment"]
            .sudo()
            .create(
                {
                    "payment_type": "inbound" if amount > 0 else "outbound",
                    "partner_type": "customer",
                    "partner_id": self.partner_id.id,
                    "amount": abs(amount),
                    "journal_id": journal.id,
                    "date": date
                    or (self.date_refunded if amount < 0 else self.date_received)
                    or fields.Date.context_today(self),
                    "memo": self.env._(
                        "Sincerity deposit %(number)s", number=self.name
                    ),
                    "destination_account_id": account.id,
                    "outstanding_account_id": company._realty_outstanding_account(
                        "inbound" if amount > 0 else "outbound"
                    ).id,
                    "realty_queue_number_id": self.id,
                    "realty_receipt_id": receipt.id if receipt else False,
                }
            )
        )
        payment.action_post()
        return payment

    def _finance_hand_over(self):
        """A converted number's deposit becomes its deal's with a transfer voucher
        (转款, §9.4: the money does not move), which is the deal's sincerity
        payment."""
        self = self.sudo()  # noqa: PLW0642
        held = self._finance_held()
        for number in self.filtered(lambda n: n.state == "converted"):
            deal = number.deal_id
            amount = held.get(number.id, 0.0)
            transfer = deal.payment_ids.filtered(
                lambda p, n=number: (
                    p.item == "sincerity"
                    and p.method == "internal"
                    and p.reference == n.name
                    and not p.move_id
                )
            )
            if number.currency_id.is_zero(amount) and not transfer:
                continue
            account = deal.company_id._realty_account("sincerity")
            label = self.env._("Sincerity deposit %(number)s", number=number.name)
            move = deal._finance_post_voucher(
                [
                    deal._finance_line(
                        account,
                        amount,
                        label,
                        realty_deal_id=False,
                        realty_queue_number_id=number.id,
                    ),
                    deal._finance_line(account, -amount, label),
                ],
                self.env._("Transfer (转款)"),
            )
            transfer._unlocked().write({"move_id": move.id})
            deal._finance_sync()

    def _finance_receive(self, receipt, lines):
        """A receipt's sincerity deposit: each line posted, then the number's
        deposit raised by as much (its checks: the permit, §5.6)."""
        self.ensure_one()
        for line in lines:
            self._finance_pay(line.amount, line.journal_id, receipt, receipt.date)
        self.sudo()._unlocked().write(
            {"sincerity_amount": self.sincerity_amount + sum(lines.mapped("amount"))}
        )

    def _finance_after_void(self):
        """A voided receipt took its money back: the deposit falls by as much."""
        for number in self:
            held = number._finance_held().get(number.id, 0.0)
            number.sudo()._unlocked().write({"sincerity_amount": held})
