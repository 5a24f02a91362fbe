"""Buyers (购房人): identity documents (§8.5), phones (§8.6), duplicate warnings.

A partner is a *buyer* when it has an ID type, or when it is created or edited with
the context key ``realty_buyer`` (the buyers' screens set it). Only buyers are
validated: Odoo's other partners keep their free-form phones.
"""

import re
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyValidationError
from odoo.addons.realty_base.inputs import (
    ValsList,
    arguments,
    check_ids,
    check_vals,
)
from odoo.addons.realty_base.tools import (
    RealtyError,
    age_on,
    identity,
    validate_personal_id,
    validate_uscc,
)
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools import phone as phone_tools

ID_TYPES = [
    ("resident", "Resident ID Card"),
    ("hk_macau_permit", "Mainland Travel Permit (Hong Kong, Macau)"),
    ("taiwan_permit", "Mainland Travel Permit (Taiwan)"),
    ("hmt_residence", "Residence Permit (Hong Kong, Macau, Taiwan)"),
    ("foreign_permanent", "Foreign Permanent Resident ID"),
    ("passport", "Passport"),
    ("uscc", "Unified Social Credit Code"),
]
PERSONAL_ID_TYPES = {
    "resident": identity.RESIDENT_ID,
    "hmt_residence": identity.HMT_RESIDENCE_PERMIT,
    "foreign_permanent": identity.FOREIGN_PERMANENT_RESIDENT,
}
"""The 18-character IDs validated by ``tools.validate_personal_id`` (birth date and
gender encoded). Travel permits and passports have no national format: they are
stored upper-case without spaces."""
NATIONALITY_REQUIRED = ("passport",)
GENDERS = [(identity.MALE, "Male"), (identity.FEMALE, "Female")]
DUPLICATE_LEVELS = [
    ("id_number", "Same ID Number"),
    ("mobile", "Same Mobile"),
    ("name", "Same Name"),
]
"""Strongest signal first: an ID number names one person, a name many."""

BUYER_CONTEXT = "realty_buyer"
"""Context key: treat the partners created or written as buyers (validated phones,
a mobile required) even before they have an ID type."""
NORMALISED_FIELDS = frozenset({"realty_id_type", "realty_id_number", "mobile", "phone"})
"""A write of one of these re-validates the ID number and the buyer's phones."""
MIN_BIRTH_YEAR_PARAM = "realty_sales.id_min_birth_year"
"""``id.min_birth_year`` (§11), an ``ir.config_parameter``; default 1900."""
BUYER_INPUT_FIELDS = frozenset({"name", "mobile", "phone"})
"""Odoo's fields whose types are checked for buyers (with the realty fields of
every partner): a number where a mobile is expected, or a 100,000-character name
(beyond what PostgreSQL's index on it holds)."""


class BuyerValues(ValsList):
    """The values of a partner's create or write, checked for buyers
    (``ResPartner._realty_check_input``)."""

    def convert(self, model, value):
        model._realty_check_input(value)
        return value


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------- personal data
    # A buyer's partner (with its ID number, mobile and address) is readable only by
    # the realty users of a project the buyer is in, the user who entered it and
    # the realty administrators (record rule realty_sales.res_partner_rule_buyer);
    # the identity fields are for realty users only (field groups).
    realty_is_buyer = fields.Boolean(
        string="Buyer",
        index=True,
        copy=False,
        readonly=True,
        help="Set once the partner is entered as a buyer: its personal data is then "
        "visible only in the buyer's projects.",
    )
    realty_deal_buyer_ids = fields.One2many(
        "realty.deal.buyer",
        "partner_id",
        string="Deals as Buyer",
        groups="realty_base.group_realty_user",
    )
    realty_queue_number_ids = fields.One2many(
        "realty.queue.number",
        "partner_id",
        string="Queue Numbers",
        groups="realty_base.group_realty_user",
    )
    realty_visit_ids = fields.One2many(
        "realty.visit",
        "partner_id",
        string="Visits",
        groups="realty_base.group_realty_user",
    )
    realty_change_buyer_ids = fields.One2many(
        "realty.change.order.buyer",
        "partner_id",
        string="Change Orders as New Buyer",
        groups="realty_base.group_realty_user",
    )

    # ------------------------------------------------------------- identity (§8.5)
    realty_id_type = fields.Selection(
        ID_TYPES,
        string="ID Type",
        tracking=True,
        groups="realty_base.group_realty_user",
    )
    realty_mobile_required = fields.Boolean(
        compute="_compute_realty_mobile_required",
        string="Mobile Required",
        help="A buyer with an ID gives a mobile: the form's condition on the mobile, "
        "readable by every user who sees the mobile (the ID type is not).",
    )
    realty_id_number = fields.Char(
        groups="realty_base.group_realty_user",
        string="ID Number",
        index="btree_not_null",
        copy=False,
        tracking=True,
        help="Validated and stored normalised (a trailing x is upper-cased).",
    )
    realty_birth_date = fields.Date(
        groups="realty_base.group_realty_user",
        string="Birth Date (from ID)",
        compute="_compute_realty_identity",
        store=True,
    )
    realty_gender = fields.Selection(
        GENDERS,
        groups="realty_base.group_realty_user",
        string="Gender (from ID)",
        compute="_compute_realty_identity",
        store=True,
    )
    realty_is_minor = fields.Boolean(
        string="Minor",
        compute="_compute_realty_is_minor",
        search="_search_realty_is_minor",
        help="Under 18 by the birth date of the ID: the buyer needs a guardian "
        "(a flag, not a block).",
    )

    # ---------------------------------------------------------------- phones (§8.6)
    realty_mobile_display = fields.Char(
        string="Mobile (Display)", compute="_compute_realty_mobile_display"
    )

    # -------------------------------------------------------------- duplicates
    realty_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Possible Duplicates",
        compute="_compute_realty_duplicates",
    )
    realty_duplicate_level = fields.Selection(
        DUPLICATE_LEVELS,
        string="Duplicate Signal",
        compute="_compute_realty_duplicates",
    )
    realty_duplicate_warning = fields.Char(compute="_compute_realty_duplicates")

    # ------------------------------------------------------------------ computes
    @api.depends("realty_id_type", "realty_id_number")
    def _compute_realty_identity(self):
        for partner in self:
            personal = partner._realty_personal_id()
            partner.realty_birth_date = personal.birth_date if personal else False
            partner.realty_gender = personal.gender if personal else False

    @api.depends("realty_birth_date")
    @api.depends_context("tz")
    def _compute_realty_is_minor(self):
        today = fields.Date.context_today(self)
        for partner in self:
            birth = partner.realty_birth_date
            partner.realty_is_minor = bool(
                birth and age_on(birth, today) < identity.ADULT_AGE
            )

    def _search_realty_is_minor(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError
        adult_born_by = fields.Date.context_today(self) - relativedelta(
            years=identity.ADULT_AGE
        )
        if (operator == "=") == value:
            return [("realty_birth_date", ">", adult_born_by)]
        return [
            "|",
            ("realty_birth_date", "=", False),
            ("realty_birth_date", "<=", adult_born_by),
        ]

    @api.depends("mobile")
    def _compute_realty_mobile_display(self):
        for partner in self:
            partner.realty_mobile_display = phone_tools.mobile_display(partner.mobile)

    @api.depends("name", "mobile", "phone", "realty_id_type", "realty_id_number")
    @api.depends_context(BUYER_CONTEXT)
    def _compute_realty_duplicates(self):
        """Other partners with the same ID number, mobile or name, for buyers only;
        one search for the whole recordset."""
        keys = {partner: partner._realty_duplicate_keys() for partner in self}
        id_numbers = {n for k in keys.values() for n in k["id_number"]}
        mobiles = {m for k in keys.values() for m in k["mobile"]}
        names = {n for k in keys.values() for n in k["name"]}
        candidates = self.browse()
        if id_numbers or mobiles or names:
            candidates = self.search(
                [
                    "|",
                    "|",
                    "|",
                    "|",
                    ("realty_id_number", "in", list(id_numbers)),
                    ("mobile", "in", list(mobiles)),
                    ("phone", "in", list(mobiles)),
                    ("phone_sanitized", "in", list(mobiles)),
                    ("name", "in", list(names)),
                ]
            )
        for partner in self:
            own = keys[partner]
            found = defaultdict(lambda: self.browse())
            for other in candidates:
                if other.id == partner._origin.id:
                    continue
                if (
                    other.realty_id_number
                    and other.realty_id_number in own["id_number"]
                ):
                    found["id_number"] |= other
                if {
                    other.mobile,
                    other.phone,
                    other.phone_sanitized,
                } & own["mobile"]:
                    found["mobile"] |= other
                if other.name and other.name.strip() in own["name"]:
                    found["name"] |= other
            level = next((lvl for lvl, _label in DUPLICATE_LEVELS if found[lvl]), False)
            partner.realty_duplicate_ids = (
                found["id_number"] | found["mobile"] | found["name"]
            )
            partner.realty_duplicate_level = level
            partner.realty_duplicate_warning = (
                partner._realty_duplicate_message(level, found[level])
                if level
                else False
            )

    def _realty_duplicate_keys(self):
        """What identifies this buyer: ``{"id_number", "mobile", "name"}`` sets."""
        self.ensure_one()
        if not self._realty_is_buyer():
            return {"id_number": set(), "mobile": set(), "name": set()}
        number = (self.realty_id_number or "").strip().upper()
        return {
            "id_number": {number} if number else set(),
            "mobile": {
                key
                for key in map(phone_tools.mobile_key, (self.mobile, self.phone))
                if key
            },
            "name": {self.name.strip()} if self.name and self.name.strip() else set(),
        }

    def _realty_duplicate_message(self, level, others):
        names = ", ".join(others.mapped("display_name"))
        if level == "id_number":
            return self.env._(
                "The ID number is already recorded on %(partners)s: this is most "
                "likely the same person.",
                partners=names,
            )
        if level == "mobile":
            return self.env._(
                "The mobile number is already recorded on %(partners)s.",
                partners=names,
            )
        return self.env._(
            "A partner with the same name already exists: %(partners)s.",
            partners=names,
        )

    # ------------------------------------------------------------------ onchange
    @api.onchange("name", "mobile", "phone", "realty_id_number")
    def _onchange_realty_duplicates(self):
        """A warning only (UI): the duplicate never blocks the save."""
        if not self.realty_duplicate_level:
            return None
        return {
            "warning": {
                "title": self.env._("Possible duplicate buyer"),
                "message": self.realty_duplicate_warning,
                "type": "notification",
            }
        }

    # ------------------------------------------------------------- constraints
    @api.constrains("realty_id_type", "country_id")
    def _check_realty_nationality(self):
        for partner in self:
            if (
                partner.realty_id_type in NATIONALITY_REQUIRED
                and not partner.country_id
            ):
                raise RealtyValidationError(
                    codes.ERR_ID_FORMAT,
                    self.env._(
                        "%(partner)s identifies with a passport: set the nationality "
                        "(country).",
                        partner=partner.display_name,
                    ),
                )

    @api.depends("realty_id_type")
    def _compute_realty_mobile_required(self):
        for partner, sudo_partner in zip(self, self.sudo(), strict=True):
            partner.realty_mobile_required = bool(sudo_partner.realty_id_type)

    @api.constrains("mobile", "phone")
    def _check_realty_buyer_mobile(self):
        """§8.6: every buyer has at least one mobile, checked whenever a buyer's
        numbers are entered or changed (and on every save in the buyers' screens,
        see ``BUYER_CONTEXT``)."""
        self._realty_raise_mobile_errors()

    def _realty_mobile_errors(self):
        return [
            (
                codes.ERR_PHONE_FORMAT,
                self.env._(
                    "Buyer %(partner)s needs at least one mobile number.",
                    partner=partner.display_name,
                ),
            )
            for partner in self
            if partner._realty_is_buyer()
            and not (
                phone_tools.mobile_key(partner.mobile)
                or phone_tools.mobile_key(partner.phone)
            )
        ]

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    @arguments(vals_list=BuyerValues())
    def create(self, vals_list):
        self._realty_check_buyer_flag(vals_list)
        vals_list = [{**vals, **self._realty_prepare_vals(vals)} for vals in vals_list]
        partners = super().create(vals_list)
        if self.env.context.get(BUYER_CONTEXT):
            partners._realty_raise_mobile_errors()
        return partners

    @arguments(vals=BuyerValues())
    def write(self, vals):
        self._realty_check_buyer_flag([vals])
        if not NORMALISED_FIELDS.intersection(vals) or not self:
            result = super().write(vals)
        else:
            # The normalised values depend on each partner's own ID type; most
            # writes touch one partner or partners of one type: one write per group.
            groups = defaultdict(list)
            for partner in self:
                updates = partner._realty_prepare_vals(vals)
                groups[tuple(sorted(updates.items()))].append(partner.id)
            for updates, ids in groups.items():
                result = super(ResPartner, self.browse(ids)).write(
                    {**vals, **dict(updates)}
                )
        if self.env.context.get(BUYER_CONTEXT):
            self._realty_raise_mobile_errors()
        return result

    @api.model
    def _realty_check_buyer_flag(self, vals_list):
        """Who is a buyer is the server's to say: unflagging would expose a buyer's
        personal data to every employee, flagging would hide a colleague."""
        if any("realty_is_buyer" in vals for vals in vals_list):
            raise RealtyValidationError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Whether a partner is a buyer follows from its ID type and the "
                    "buyers' screens; it is not written directly."
                ),
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_realty_records(self):
        """A partner a deal, queue number, visit or change order names is kept:
        deleting it would erase who bought, queued or visited."""
        Buyer = self.env["realty.deal.buyer"].sudo()
        used = (
            Buyer.search([("partner_id", "in", self.ids)]).partner_id
            | self.env["realty.deal"]
            .sudo()
            .search([("partner_id", "in", self.ids)])
            .partner_id
            | self.env["realty.queue.number"]
            .sudo()
            .search([("partner_id", "in", self.ids)])
            .partner_id
            | self.env["realty.visit"]
            .sudo()
            .search([("partner_id", "in", self.ids)])
            .partner_id
            | self.env["realty.change.order.buyer"]
            .sudo()
            .search([("partner_id", "in", self.ids)])
            .partner_id
        )
        if used:
            raise RealtyValidationError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "%(partner)s is a buyer, queue holder or visitor of the sales "
                    "office and cannot be deleted; archive it instead.",
                    partner=used[0].display_name,
                ),
            )

    def _realty_check_input(self, vals_list):
        """Refuse (``ERR_INVALID_INPUT``, realty_base/inputs.py) values of the
        wrong type for the realty fields of any partner, and for the name and
        phones of a buyer, and unknown fields; Odoo's other fields of other
        partners keep Odoo's behaviour."""
        if self._ids:  # what RPC browsed: a string id never reaches SQL
            check_ids(self, list(self._ids))
        if not isinstance(vals_list, (list, tuple)):
            vals_list = [vals_list]
        realty = {
            name
            for name, field in self._fields.items()
            if (field._module or "").startswith("realty_")
        }
        # sudo: whether they are buyers only (the realty fields are realty users')
        buyers = any(p.realty_is_buyer or p.realty_id_type for p in self.sudo())
        checked = []
        for vals in vals_list:
            if isinstance(vals, dict):
                buyer = buyers or self._realty_buyer_values(
                    vals.get("realty_id_type"),
                    vals.get("type") or "contact",
                    vals.get("parent_id"),
                    vals.get("is_company"),
                )
                names = realty | BUYER_INPUT_FIELDS if buyer else realty
                vals = {
                    name: value
                    for name, value in vals.items()
                    if name in names or name not in self._fields  # refused
                }
            checked.append(vals)
        check_vals(self, checked, client=False)

    def _realty_raise_mobile_errors(self):
        errors = self._realty_mobile_errors()
        if errors:
            raise RealtyValidationError.from_errors(errors)

    def _realty_prepare_vals(self, vals):
        """The normalised ID number and phones of `vals` for this partner (or for a
        new one when `self` is empty): ``{field: value}`` to write instead.

        :raises RealtyValidationError: ``ERR_ID_*`` or ``ERR_PHONE_FORMAT``.
        """

        def current(name, default=False):
            if name in vals:
                return vals[name]
            return self[name] if self else default

        updates = {}
        id_type = current("realty_id_type")
        if {"realty_id_type", "realty_id_number"} & vals.keys():
            number = current("realty_id_number")
            if number:
                updates["realty_id_number"] = self._realty_normalise_id(id_type, number)
        is_buyer = self._realty_buyer_values(
            id_type,
            current("type", "contact"),
            current("parent_id"),
            current("is_company"),
        )
        becomes_buyer = "realty_id_type" in vals or BUYER_CONTEXT in self.env.context
        for fname, normaliser in (
            ("mobile", phone_tools.normalise_mobile),
            ("phone", phone_tools.normalise_phone),
        ):
            raw = current(fname)
            if is_buyer and raw and (fname in vals or becomes_buyer):
                try:
                    updates[fname] = normaliser(raw)
                except RealtyError as exc:
                    raise RealtyValidationError(
                        exc.code,
                        self.env._(
                            "%(number)s is not a valid mobile number (a mainland "
                            "mobile has 11 digits and starts with 13 to 19).",
                            number=raw,
                        )
                        if fname == "mobile"
                        else self.env._(
                            "%(number)s is not a valid phone number.", number=raw
                        ),
                    ) from exc
        if is_buyer:
            updates["realty_is_buyer"] = True
        return updates

    # ------------------------------------------------------------------ helpers
    def _realty_id_number(self):
        """The buyer's identity document number (validated), or False."""
        self.ensure_one()
        return self.realty_id_number

    def _realty_is_buyer(self):
        self.ensure_one()
        return self._realty_buyer_values(
            self.realty_id_type, self.type, self.parent_id, self.is_company
        )

    def _realty_buyer_values(self, id_type, partner_type, parent, is_company):
        """A buyer has an ID type; in the buyers' screens (context key
        ``realty_buyer``) every individual top-level contact is one (not the
        company or the address quick-created from its form)."""
        if id_type:
            return True
        return bool(
            self.env.context.get(BUYER_CONTEXT)
            and (partner_type or "contact") == "contact"
            and not parent
            and not is_company
        )

    @api.model
    def _realty_min_birth_year(self):
        param = self.env["ir.config_parameter"].sudo().get_param(MIN_BIRTH_YEAR_PARAM)
        try:
            return int(param) if param else 1900
        except ValueError:
            return 1900

    def _realty_normalise_id(self, id_type, number):
        """The stored form of an ID number of a type (§8.5, V-36, V-37).

        :raises RealtyValidationError: ``ERR_ID_FORMAT``, ``ERR_ID_PROVINCE``,
            ``ERR_ID_BIRTHDATE`` or ``ERR_ID_CHECKSUM`` (in that precedence).
        """
        number = number.strip()
        try:
            if id_type in PERSONAL_ID_TYPES:
                return validate_personal_id(
                    number,
                    PERSONAL_ID_TYPES[id_type],
                    today=fields.Date.context_today(self),
                    min_birth_year=self._realty_min_birth_year(),
                ).number
            if id_type == "uscc":
                return validate_uscc(number)
        except RealtyError as exc:
            raise RealtyValidationError(
                exc.code, self._realty_id_error_message(exc.code, number, id_type)
            ) from exc
        return re.sub(r"\s+", "", number).upper()

    def _realty_id_error_message(self, code, number, id_type):
        label = dict(self._fields["realty_id_type"]._description_selection(self.env))
        kind = label.get(id_type, id_type)
        if code == codes.ERR_ID_PROVINCE:
            return self.env._(
                "%(number)s does not start with a region code valid for a %(kind)s.",
                number=number,
                kind=kind,
            )
        if code == codes.ERR_ID_BIRTHDATE:
            return self.env._(
                "%(number)s holds a birth date that does not exist, is in the future "
                "or is too old.",
                number=number,
            )
        if code == codes.ERR_ID_CHECKSUM:
            return self.env._(
                "%(number)s has a wrong check character: check the number.",
                number=number,
            )
        return self.env._(
            "%(number)s does not have the format of a %(kind)s.",
            number=number,
            kind=kind,
        )

    def _realty_personal_id(self):
        """tools.PersonalId of an 18-character ID (birth date, gender), else None.

        Lenient on the dates: the number was validated when it was written."""
        self.ensure_one()
        if self.realty_id_type not in PERSONAL_ID_TYPES or not self.realty_id_number:
            return None
        try:
            return validate_personal_id(
                self.realty_id_number,
                PERSONAL_ID_TYPES[self.realty_id_type],
                today=fields.Date.to_date("9999-12-31"),
                min_birth_year=1,
            )
        except RealtyError:
            return None

    # ------------------------------------------------- customer ledger (客户台帐)
    realty_touchpoint_count = fields.Integer(
        string="Touchpoints",
        compute="_compute_realty_touchpoint_count",
        groups="realty_base.group_realty_user",
    )

    def _compute_realty_touchpoint_count(self):
        """One grouped query for the recordset, within the user's projects."""
        counts = {}
        if self.ids:
            counts = {
                partner.id: count
                for partner, count in self.env[
                    "realty.customer.touchpoint"
                ]._read_group(
                    [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
                )
            }
        for partner in self:
            partner.realty_touchpoint_count = counts.get(partner._origin.id, 0)

    @arguments()
    def action_realty_customer_ledger(self):
        """客户台帐: the customer's touchpoints, newest first."""
        check_ids(self, list(self._ids))
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_sales.realty_customer_touchpoint_action"
        )
        action["display_name"] = self.env._(
            "Customer Ledger: %(customer)s", customer=self.display_name
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
