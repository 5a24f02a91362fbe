"""What a filing sends (domain.md §8.3): the keys of the filing document, their
labels, which kinds of filing carry them, and how each is read off a deal.

The city adapters map these keys to their systems' own names
(realty.filing.adapter.field); the keys marked required are refused when empty,
one message per field, before anything is queued."""

from collections import namedtuple

from odoo import fields

from odoo.addons.realty_base.tools import amount_to_capital

SUBSCRIPTION = "subscription"
CONTRACT = "contract"
CANCELLATION = "cancellation"
BOTH = (SUBSCRIPTION, CONTRACT)

Key = namedtuple("Key", "key label kinds required read")


def _money(value):
    return f"{value:.2f}"


def _area(value):
    return f"{value:.2f}" if value else None


def _date(value):
    return fields.Date.to_string(value) if value else None


def _seller_code(deal):
    company = deal.company_id
    return company.company_registry or company.vat or None


def _delivery(deal):
    return _date(deal.delivery_date or deal.room_id.phase_id.planned_delivery_date)


def _template(deal):
    permit = deal.room_id.permit_id
    if not permit:
        return None
    return "presale" if permit.kind == "presale" else "existing"


def _loan(deal):
    loan = deal.loan_commercial + deal.loan_provident
    return _money(loan) if loan else None


def _buyers(deal):
    return [
        {
            "name": buyer.partner_id.name,
            "id_type": buyer.partner_id.realty_id_type or None,
            "id_number": buyer.partner_id.realty_id_number or None,
            "phone": buyer.partner_id.mobile or buyer.partner_id.phone or None,
            "share": f"{buyer.share:.2f}" if deal.co_ownership == "shares" else None,
        }
        for buyer in deal.buyer_ids
    ]


KEYS = (
    Key("contract_no", "Contract Number", (CONTRACT,), False, lambda d: d.contract_no),
    Key(
        "signing_date",
        "Signing Date",
        (CONTRACT,),
        True,
        lambda d: _date(d.date_contract and d.date_contract.date()),
    ),
    Key(
        "subscription_date",
        "Subscription Date",
        (SUBSCRIPTION,),
        True,
        lambda d: _date(d.date_subscription and d.date_subscription.date()),
    ),
    Key("template_type", "Contract Template", (CONTRACT,), True, _template),
    Key("co_ownership", "Co-ownership", BOTH, True, lambda d: d.co_ownership),
    Key("buyers", "Buyers", BOTH, True, _buyers),
    Key("seller_name", "Seller", BOTH, True, lambda d: d.company_id.name),
    Key("seller_credit_code", "Seller's Credit Code", (CONTRACT,), True, _seller_code),
    Key(
        "seller_address",
        "Seller's Address",
        (CONTRACT,),
        False,
        lambda d: d.company_id.partner_id.contact_address.strip() or None,
    ),
    Key("project", "Project", BOTH, True, lambda d: d.project_id.code),
    Key("project_name", "Project Name", BOTH, True, lambda d: d.project_id.name),
    Key(
        "building",
        "Building",
        BOTH,
        True,
        lambda d: d.building_id.registered_name or d.building_id.name,
    ),
    Key("room_code", "Room Number", BOTH, True, lambda d: d.room_id.code),
    Key(
        "floor_nominal",
        "Nominal Floor",
        (CONTRACT,),
        True,
        lambda d: d.room_id.floor_label,
    ),
    Key(
        "floor_physical",
        "Physical Floor",
        (CONTRACT,),
        False,
        lambda d: d.room_id.floor_physical,
    ),
    Key("usage", "Planned Use", (CONTRACT,), True, lambda d: d.room_id.usage),
    Key(
        "structure",
        "Structure",
        (CONTRACT,),
        False,
        lambda d: d.building_id.structure or None,
    ),
    Key(
        "area_building",
        "Predicted Building Area",
        BOTH,
        True,
        lambda d: _area(d.room_id.area_building_pred),
    ),
    Key(
        "area_inner",
        "Predicted Inner Area",
        (CONTRACT,),
        True,
        lambda d: _area(d.room_id.area_inner_pred),
    ),
    Key(
        "area_shared",
        "Predicted Shared Area",
        (CONTRACT,),
        True,
        lambda d: _area(d.room_id.area_shared_pred),
    ),
    Key(
        "real_estate_unit_no",
        "Real Estate Unit No.",
        (CONTRACT,),
        False,
        lambda d: d.room_id.real_estate_unit_no or None,
    ),
    Key(
        "permit_number",
        "Presale Permit Number",
        BOTH,
        True,
        lambda d: d.room_id.permit_id.name or None,
    ),
    Key(
        "pricing_basis",
        "Pricing Basis",
        (CONTRACT,),
        True,
        lambda d: d.project_id.pricing_basis,
    ),
    Key(
        "unit_price",
        "Unit Price",
        BOTH,
        True,
        lambda d: _money(d.deal_unit_price) if d.deal_unit_price else None,
    ),
    Key(
        "total",
        "Total Price",
        BOTH,
        True,
        lambda d: _money(d.deal_total) if d.deal_total else None,
    ),
    Key(
        "total_capital",
        "Total Price in Capital Numerals",
        (CONTRACT,),
        True,
        lambda d: amount_to_capital(d.deal_total) if d.deal_total else None,
    ),
    Key(
        "deposit",
        "Deposit",
        (SUBSCRIPTION,),
        False,
        lambda d: _money(d.deposit_amount) if d.deposit_amount else None,
    ),
    Key(
        "payment_method",
        "Payment Method",
        (CONTRACT,),
        True,
        lambda d: d.payment_method_id.name or None,
    ),
    Key(
        "down_payment",
        "Down Payment",
        (CONTRACT,),
        False,
        lambda d: _money(d.down_payment) if d.down_payment else None,
    ),
    Key("loan_amount", "Loan Amount", (CONTRACT,), False, _loan),
    Key(
        "late_daily_rate",
        "Daily Late Penalty Rate",
        (CONTRACT,),
        True,
        lambda d: f"{d.late_daily_rate:.5f}",
    ),
    Key(
        "late_terminate_after_days",
        "Termination after Days Late",
        (CONTRACT,),
        False,
        lambda d: d.late_terminate_after_days or None,
    ),
    Key("delivery_date", "Delivery Date", (CONTRACT,), True, _delivery),
    Key(
        "area_option",
        "Area Difference Option",
        (CONTRACT,),
        True,
        lambda d: d.area_option or None,
    ),
    Key(
        "supplementary_clauses",
        "Supplementary Clauses",
        (CONTRACT,),
        False,
        lambda d: d.supplementary_clauses or None,
    ),
)
KEY_SELECTION = [(key.key, key.label) for key in KEYS]
BY_KEY = {key.key: key for key in KEYS}


def is_empty(value):
    return value is None or value is False or value == "" or value == []
