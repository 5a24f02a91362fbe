from odoo import api, fields, models

from odoo.addons.realty_base.inputs import (
    AMOUNT,
    COUNT,
    DAYS,
    LATE_DAILY_RATE,
    RATIO,
    Id,
    arguments,
)
from odoo.addons.realty_base.tools import StateOptions

RETURN_STATES = [("available", "Available"), ("held", "Held")]


class RealtyProject(models.Model):
    _inherit = "realty.project"

    # ------------------------------------------ sale rules (domain.md §2.5, §5.6-§5.8)
    reservation_hours = fields.Integer(
        bounds=(0, 24 * DAYS[1]),
        default=24,
        help="A reservation expires after this (reservation.hours).",
    )
    reservation_max_per_consultant = fields.Integer(
        bounds=COUNT,
        default=5,
        help="Active reservations a consultant may hold at once "
        "(reservation.max_active_per_consultant).",
    )
    small_deposit_min_amount = fields.Monetary(
        bounds=AMOUNT,
        help="The least intention money that makes a small deposit (小订); 0: any.",
    )
    small_deposit_valid_days = fields.Integer(
        bounds=DAYS,
        default=3,
        help="A small deposit not upgraded within this is flagged.",
    )
    small_deposit_refundable = fields.Boolean(default=True)
    deposit_min_amount = fields.Monetary(
        bounds=AMOUNT,
        string="Smallest Deposit",
        help="The least 定金 that makes a deposit (大订).",
    )
    deposit_min_ratio = fields.Float(
        bounds=RATIO,
        string="Smallest Deposit Ratio",
        digits=(5, 4),
        help="Or this share of the deal total, e.g. 0.02; the 定金 is at most 20 %.",
    )
    merge_deposit_stage = fields.Boolean(
        help="A 定金 with a signed subscription goes straight to subscribed "
        "(subscription.merge_deposit_stage)."
    )
    allow_unpaid_deposit = fields.Boolean(
        help="Subscribe before the 定金 is fully received."
    )
    sign_within_days = fields.Integer(
        bounds=DAYS, default=7, help="A subscription not signed within this is flagged."
    )
    require_subscription = fields.Boolean(
        help="Refuse signing a contract without a subscription first."
    )
    filing_required = fields.Boolean(default=True)
    filing_within_days = fields.Integer(bounds=DAYS, default=30)
    rename_after_filing = fields.Selection(
        [("forbid", "Forbidden"), ("family_only", "Family Only"), ("any", "Allowed")],
        required=True,
        default="forbid",
    )
    pre_contract_return_state = fields.Selection(
        RETURN_STATES,
        required=True,
        default="available",
        help="Where a room goes when a deposit or subscription is cancelled.",
    )
    post_contract_return_state = fields.Selection(
        RETURN_STATES,
        required=True,
        default="held",
        help="Where a room goes when its contract is terminated (to be re-priced).",
    )
    sincerity_allow_before_permit = fields.Boolean(
        string="Sincerity Deposits before the Permit",
        help="Only where local rules allow it (§5.6).",
    )
    sincerity_refund_days = fields.Integer(bounds=DAYS, default=7)
    max_numbers_per_family = fields.Integer(bounds=COUNT, default=1)
    late_daily_rate = fields.Float(
        bounds=LATE_DAILY_RATE, digits=(6, 5), default=0.0005
    )
    late_terminate_after_days = fields.Integer(bounds=DAYS, default=90)
    deal_ids = fields.One2many("realty.deal", "project_id", string="Deals")

    # ------------------------------------ the site plan and buyers' self-service
    site_plan = fields.Image(
        max_width=2048,
        max_height=2048,
        help="An aerial view of the project (鸟瞰图); place each building on it with "
        "its Site Plan X and Y.",
    )
    self_service = fields.Selection(
        [
            ("off", "Off"),
            ("portal", "Portal Users"),
            ("public", "Everyone (Public Page)"),
        ],
        string="Buyers' Self-Service",
        required=True,
        default="off",
        help="Who may look up the availability of rooms on /realty/availability "
        "(客户自助查询). It never shows buyers.",
    )
    self_service_show_price = fields.Boolean(
        string="Publish List Prices",
        help="Show list unit prices and totals on the self-service page.",
    )

    def action_open_sales_grid(self):
        """The sales-control grid of the project's first building."""
        self.ensure_one()
        return self.building_ids[:1].action_open_sales_grid()

    def action_open_site_plan(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "realty_sales.site_plan",
            "name": self.env._("Site Plan: %(project)s", project=self.name),
            "params": {"project_id": self.id},
        }

    @api.model
    @arguments(project_id=Id("realty.project", exists=False))  # check_access
    def get_site_plan(self, project_id):
        """The site plan: the image's URL and each building's hotspot, with the share
        of its released rooms that are sold (the buildings' own room counts)."""
        project = self.browse(project_id)
        project.check_access("read")
        buildings = []
        for building in project.building_ids:
            released = building.room_count - building.room_count_unreleased
            sold = building.room_count_sold
            placed = bool(building.plan_x or building.plan_y)  # 0, 0: not placed
            buildings.append(
                {
                    "id": building.id,
                    "name": building.name,
                    "plan_x": building.plan_x if placed else None,
                    "plan_y": building.plan_y if placed else None,
                    "released": released,
                    "sold": sold,
                    "sold_ratio": sold / released if released else 0,
                }
            )
        return {
            "project": {"id": project.id, "name": project.name},
            "image": bool(project.site_plan)
            and f"/web/image/realty.project/{project.id}/site_plan",
            "buildings": buildings,
        }

    def _state_options(self):
        """This project's options of the transition table (tools.StateOptions)."""
        self.ensure_one()
        return StateOptions(
            require_subscription=self.require_subscription,
            filing_required=self.filing_required,
            merge_deposit_stage=self.merge_deposit_stage,
            rename_after_filing=self.rename_after_filing,
            pre_contract_return_state=self.pre_contract_return_state,
            post_contract_return_state=self.post_contract_return_state,
        )
