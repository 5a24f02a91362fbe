from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyValidationError
from odoo.addons.realty_base.inputs import AMOUNT, DAYS
from odoo.addons.realty_base.tools import (
    DEFAULT_DUNNING_STEPS,
    RealtyError,
    format_dunning_steps,
    parse_dunning_steps,
)

POS_RATE = (0, 0.05)

RECEIVABLE_MODES = [
    ("signing", "On Signing"),
    ("due", "When Due"),
]


class RealtyProject(models.Model):
    _inherit = "realty.project"

    supervision_journal_id = fields.Many2one(
        "account.journal",
        string="Supervision Account",
        domain="[('type', '=', 'bank'), ('company_id', 'parent_of', company_id)]",
        help="The presale-fund supervision account (预售资金监管账户): house payments "
        "are received into it (§9.5).",
    )
    receivable_mode = fields.Selection(
        RECEIVABLE_MODES,
        default="signing",
        required=True,
        help="When a schedule line becomes a receivable: all of them when the "
        "contract is signed, or each on its due date.",
    )
    pos_debit_rate = fields.Float(
        string="POS Debit Rate",
        bounds=POS_RATE,
        digits=(6, 5),
        default=0.005,
        help="pos.debit.rate",
    )
    pos_debit_cap = fields.Float(
        string="POS Debit Cap",
        bounds=AMOUNT,
        digits=(16, 2),
        default=25.0,
        help="pos.debit.cap",
    )
    pos_credit_rate = fields.Float(
        string="POS Credit Rate",
        bounds=POS_RATE,
        digits=(6, 5),
        default=0.006,
        help="pos.credit.rate",
    )
    pos_allow_credit_card_for_price = fields.Boolean(
        string="Credit Cards for House Price",
        help="pos.allow_credit_card_for_price: regulators forbid credit-card funds "
        "in house purchases (§9.5).",
    )
    dunning_steps = fields.Char(
        default=format_dunning_steps(DEFAULT_DUNNING_STEPS),
        required=True,
        help="dunning.steps (§9.7): days from the due date of the payment reminder "
        "(通知交款, SMS), the overdue notice, the demand letter (催款函), the second "
        "demand and the draft termination notice (解约通知), e.g. "
        "D-3,D+1,D+15,D+30,D+90.",
    )
    recon_date_window_days = fields.Integer(
        string="Matching Window (Days)",
        bounds=DAYS,
        default=3,
        help="recon.date_window_days: a bank statement line is matched with money "
        "recorded at most this many days before or after it (§9.5).",
    )

    @api.constrains("dunning_steps")
    def _check_dunning_steps(self):
        for project in self:
            try:
                parse_dunning_steps(project.dunning_steps)
            except RealtyError as exc:
                raise RealtyValidationError(
                    exc.code,
                    self.env._(
                        'The dunning steps "%(steps)s" of %(project)s are not valid: '
                        "write days from the due date such as D-3,D+1,D+15,D+30,D+90, "
                        "increasing, with at most one step on or before the due date "
                        "and one to four after it.",
                        steps=project.dunning_steps or "",
                        project=project.name,
                    ),
                ) from exc

    def _dunning_ladder(self):
        """The project's dunning ladder (tools.DunningStep tuple)."""
        self.ensure_one()
        return parse_dunning_steps(self.dunning_steps)

    def action_recompute_fees(self):
        """After a fee rule changed: recompute the collected fees of every signed
        contract of the projects (the differences are posted, §6)."""
        deals = self.env["realty.deal"].search(
            [
                ("project_id", "in", self.ids),
                ("status", "=", "active"),
                ("stage", "=", "contract"),
            ]
        )
        deals.action_compute_fees()
        return True
