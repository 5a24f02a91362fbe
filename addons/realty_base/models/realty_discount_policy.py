from odoo import api, fields, models

from ..exceptions import RealtyValidationError
from ..inputs import COUNT, Vals, arguments
from ..tools import DiscountLine, RealtyError, to_decimal
from ..tools import errors as codes

DISCOUNT_KINDS = [
    ("unit_amount", "Unit Price Reduction"),
    ("percent", "Percentage (e.g. 98折)"),
    ("points", "Points Off"),
    ("total_amount", "Total Reduction"),
    ("round_off", "Round-Off"),
    ("fixed_price", "Fixed Price"),
]
"""§4.1 kinds a policy can give; the payment-method discount comes from the payment
method itself."""


def discount_line(discount):
    """A discount policy, or a deal's discount line (same fields: ``kind``,
    ``value``, ``is_standard``, ``sequence``), as a tools.DiscountLine; a round-off
    unit is a whole number of yuan."""
    value = to_decimal(discount.value)
    if discount.kind == "round_off":
        value = value.to_integral_value()
    return DiscountLine(discount.kind, value, discount.is_standard, discount.sequence)


class RealtyDiscountPolicy(models.Model):
    """A discount on offer (折扣方案, §4): one line of the §4.1 kinds, valid for a
    period, on part of a project. Published campaigns are standard (pre-approved);
    other policies are discretionary and need approval above the §4.5 thresholds."""

    _name = "realty.discount.policy"
    _description = "Discount Policy"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.approval.mixin"]
    _order = "project_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    sequence = fields.Integer(default=10, help="Order within its kind (§4.2).")
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        DISCOUNT_KINDS, required=True, default="percent", tracking=True
    )
    value = fields.Float(
        digits=(16, 4),
        required=True,
        tracking=True,
        help="Unit price reduction: yuan per m²; percentage: the factor paid (0.98 = "
        "98折); points: percentage points (1 = 减1个点); total reduction and fixed "
        "price: yuan; round-off: the unit (10, 100 or 1,000 yuan).",
    )
    # Publishing a campaign pre-approves every deal that uses it, so it is the
    # marketing director's act (action_publish); a change to a published campaign
    # voids its publication.
    is_standard = fields.Boolean(
        string="Published Campaign",
        tracking=True,
        readonly=True,
        copy=False,
        protected="action_publish (a marketing director)",
        help="A published campaign is pre-approved. Other discounts are discretionary "
        "and need approval above the thresholds of the ladder.",
    )
    date_from = fields.Date(tracking=True)
    date_to = fields.Date(tracking=True)
    building_ids = fields.Many2many(
        "realty.building",
        string="Buildings",
        domain="[('project_id', '=', project_id)]",
    )
    usages = fields.Char(
        help="Comma-separated usages it applies to (residential, commercial, …)."
    )
    layout_ids = fields.Many2many("realty.layout", string="Layouts")
    room_ids = fields.Many2many(
        "realty.room",
        string="Special Rooms",
        domain="[('project_id', '=', project_id)]",
    )
    max_uses = fields.Integer(
        bounds=COUNT,
        string="Usage Limit",
        help="How many deals may use it; 0: no limit.",
    )
    description = fields.Text()

    _sql_constraints = [
        (
            "dates_order",
            "CHECK(date_to IS NULL OR date_from IS NULL OR date_to >= date_from)",
            "A discount cannot end before it starts.",
        ),
    ]

    @api.constrains("kind", "value")
    def _check_value(self):
        for policy in self:
            try:
                policy._discount_line()
            except RealtyError as exc:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Discount %(name)s: %(value)s is not a valid value for "
                        "its kind.",
                        name=policy.name,
                        value=policy.value,
                    ),
                ) from exc

    def _discount_line(self):
        """This policy as a tools.DiscountLine."""
        self.ensure_one()
        return discount_line(self)

    def _applies_to(self, room, on_date):
        """Whether the policy is offered for `room` on `on_date`: its project, its
        validity and its scope (buildings, usages, layouts, special rooms). A deal
        or change order line chosen from the policy must pass it."""
        self.ensure_one()
        usages = {u.strip() for u in (self.usages or "").split(",") if u.strip()}
        return (
            self.project_id == room.project_id
            and (not self.date_from or self.date_from <= on_date)
            and (not self.date_to or self.date_to >= on_date)
            and (not self.building_ids or room.building_id in self.building_ids)
            and (not usages or room.usage in usages)
            and (not self.layout_ids or room.layout_id in self.layout_ids)
            and (not self.room_ids or room in self.room_ids)
        )

    # ------------------------------------ publishing (realty.approval.mixin)
    def _approval_content(self):
        """What the director publishes: the discount and where and when it holds."""
        self.ensure_one()
        return {
            "kind": self.kind,
            "value": self.value,
            "dates": [str(self.date_from or ""), str(self.date_to or "")],
            "buildings": sorted(self.building_ids.ids),
            "layouts": sorted(self.layout_ids.ids),
            "rooms": sorted(self.room_ids.ids),
            "usages": self.usages or "",
            "max_uses": self.max_uses,
        }

    def _approval_groups(self):
        return self.env.ref("realty_base.group_realty_director")

    def _on_approval_voided(self):
        self._unlocked().write({"is_standard": False})

    @arguments(vals=Vals())
    def write(self, vals):
        result = super().write(vals)
        if not self._is_unlocked():
            self._approval_check_void()
        return result

    def action_publish(self):
        """Publish the discounts as campaigns: pre-approved for every deal."""
        self._record_approval()
        self._unlocked().write({"is_standard": True})
        return True

    def action_unpublish(self):
        """A campaign back to a discretionary discount (it then needs approval)."""
        self._unlocked().write(
            {
                "is_standard": False,
                "approved_by_id": False,
                "approved_date": False,
                "approval_snapshot": False,
            }
        )
        return True
