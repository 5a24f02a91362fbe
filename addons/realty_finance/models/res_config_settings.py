from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    realty_journal_id = fields.Many2one(
        related="company_id.realty_journal_id", readonly=False
    )
    realty_receivable_account_id = fields.Many2one(
        related="company_id.realty_receivable_account_id", readonly=False
    )
    realty_advance_account_id = fields.Many2one(
        related="company_id.realty_advance_account_id", readonly=False
    )
    realty_sincerity_account_id = fields.Many2one(
        related="company_id.realty_sincerity_account_id", readonly=False
    )
    realty_intention_account_id = fields.Many2one(
        related="company_id.realty_intention_account_id", readonly=False
    )
    realty_deposit_account_id = fields.Many2one(
        related="company_id.realty_deposit_account_id", readonly=False
    )
    realty_area_refund_account_id = fields.Many2one(
        related="company_id.realty_area_refund_account_id", readonly=False
    )
    realty_collection_account_id = fields.Many2one(
        related="company_id.realty_collection_account_id", readonly=False
    )
    realty_pos_fee_account_id = fields.Many2one(
        related="company_id.realty_pos_fee_account_id", readonly=False
    )
    realty_late_fee_account_id = fields.Many2one(
        related="company_id.realty_late_fee_account_id", readonly=False
    )
    realty_forfeit_account_id = fields.Many2one(
        related="company_id.realty_forfeit_account_id", readonly=False
    )
    realty_penalty_account_id = fields.Many2one(
        related="company_id.realty_penalty_account_id", readonly=False
    )
