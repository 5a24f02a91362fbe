from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyValidationError
from odoo.addons.realty_base.models.realty_discount_policy import (
    DISCOUNT_KINDS,
    discount_line,
)
from odoo.addons.realty_base.tools import errors as codes


class RealtyDiscountLineMixin(models.AbstractModel):
    """A discount line (§4.3) of a deal or of a change order: chosen from a policy
    (as published) or typed by the sales staff (discretionary).

    A line is standard only as a published campaign chosen from its policy, as it
    was published when chosen: a typed discount is discretionary and goes through
    the approval ladder (§4.5), and a policy's line keeps the policy's terms."""

    _name = "realty.discount.line.mixin"
    _inherit = ["realty.protected.mixin"]
    _description = "Realty: Discount Line"

    sequence = fields.Integer(default=10)
    policy_id = fields.Many2one("realty.discount.policy", string="Discount Policy")
    name = fields.Char(
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    kind = fields.Selection(
        DISCOUNT_KINDS,
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    value = fields.Float(
        digits=(16, 4),
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        precompute=True,
    )
    is_standard = fields.Boolean(
        string="Published Campaign",
        compute="_compute_is_standard",
        store=True,
        precompute=True,
    )
    reason = fields.Char()

    @api.depends("policy_id")
    def _compute_from_policy(self):
        for line in self:
            policy = line.policy_id
            if policy:
                line.name = policy.name
                line.kind = policy.kind
                line.value = policy.value
            elif not line.kind:
                line.kind = "total_amount"

    @api.depends("policy_id")
    def _compute_is_standard(self):
        for line in self:
            line.is_standard = line.policy_id.is_standard

    def _discount_room(self):
        """The room the discount is given on (the policy must be offered for it)."""
        raise NotImplementedError

    def _check_policy_terms(self):
        """A discount from a policy is that policy, offered for that room, as
        published."""
        today = fields.Date.context_today(self)
        for line in self.filtered("policy_id"):
            policy, room = line.policy_id, line._discount_room()
            if not policy._applies_to(room, today):
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Discount %(policy)s is not offered for room %(room)s.",
                        policy=policy.name,
                        room=room.code,
                    ),
                )
            if line.kind != policy.kind or round(line.value - policy.value, 4):
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Discount %(policy)s is offered as published; type a discount "
                        "of your own (without a policy) to give another one.",
                        policy=policy.name,
                    ),
                )

    def _discount_line(self):
        """This line as a tools.DiscountLine."""
        self.ensure_one()
        return discount_line(self)
