from odoo import fields, models

from odoo.addons.realty_base.inputs import DAYS, RATIO

FEE_COLLECT_STAGES = [
    ("contract", "At the Contract"),
    ("delivery", "At the Handover"),
    ("certificate", "At the Certificate"),
]

AREA_ADJUST_MODES = [
    ("model_contract", "Model Contract (GF-2014-0171)"),
    ("custom", "Agreed Terms"),
]


class RealtyProject(models.Model):
    _inherit = "realty.project"

    # ------------------------------------------- area adjustment (domain.md §7.2)
    area_adjust_mode = fields.Selection(
        AREA_ADJUST_MODES,
        string="Area Adjustment Mode",
        required=True,
        default="model_contract",
        help="area_adjust.mode: the model contract's bands, or the contract's own.",
    )
    area_adjust_band = fields.Float(
        bounds=RATIO,
        string="Area Band",
        digits=(5, 4),
        default=0.03,
        help="Custom mode: the error ratio settled at the contract price (0.03 = 3 %).",
    )
    area_adjust_buyer_share = fields.Float(
        bounds=RATIO,
        string="Buyer's Share beyond the Band",
        digits=(5, 4),
        help="Custom mode: the share of a larger area beyond the band the buyer pays "
        "(0: the seller bears all of it).",
    )
    area_adjust_refund_multiplier = fields.Float(
        bounds=(0, 10),
        string="Refund Multiplier beyond the Band",
        digits=(5, 2),
        default=2.0,
        help="Custom mode: a smaller area beyond the band is refunded this many times.",
    )
    area_adjust_refund_offset_first = fields.Boolean(
        string="Refunds Offset the Balance First",
        default=True,
        help="area_adjust.refund_offset_first: a refund first reduces what the buyer "
        "still owes; only the rest is paid out (§7.5).",
    )
    area_adjust_sanity_bound = fields.Float(
        bounds=RATIO,
        string="Largest Plausible Area Change",
        digits=(5, 4),
        default=0.20,
        help="A measured area further than this from the contract area is refused "
        "as a typing or survey error (0.20 = ±20 %).",
    )
    rescission_interest_rate = fields.Float(
        bounds=RATIO,
        digits=(6, 5),
        help="The contract's rate for the interest on a rescission refund; "
        "0: the 1-year LPR on the rescission date (§7.3).",
    )
    rescission_refund_days = fields.Integer(
        bounds=DAYS,
        default=15,
        help="Days from the buyer's notice to refund a rescission: 15 "
        "(GF-2014-0171) or 30 (Art. 20 default).",
    )

    # -------------------------------------------------- handover (§2.3 F12, §9.10)
    handover_accept_in_transit = fields.Boolean(
        help="handover.accept_in_transit: money paid but not yet arrived at the "
        "bank counts as received for the handover checks."
    )
    handover_notice_days = fields.Integer(
        bounds=DAYS,
        default=10,
        help="The handover notice goes out at least this many days before (§8.1).",
    )

    # ------------------------------------ handover: fees and defects (handover)
    fee_collect_stage = fields.Selection(
        FEE_COLLECT_STAGES,
        string="Fees Collected",
        required=True,
        default="delivery",
        help="fees.collect_stage (§6): when the fees collected for others (代收) "
        "are due. At the contract or the handover, the handover waits until they "
        "are collected; at the certificate, it does not.",
    )
    handover_engineer_ids = fields.Many2many(
        "res.users",
        "realty_project_handover_engineer_rel",
        "project_id",
        "user_id",
        string="Engineering Team",
        domain="[('share', '=', False)]",
        help="Who fixes the defects of a handover inspection: each defect is an "
        "activity of the first of them (the others follow it); with nobody here, "
        "of the handover's responsible. They need the After-Sales group and "
        "membership of the project to close defects.",
    )
