"""Duplicate check (重名检查) and the first consultant's claim on a customer.

A customer belongs, within a project, to the consultant of the first visit, call or
lead that names them: the same partner, the same ID number (§8.5) or the same phone
once normalised (§8.6: ``+86 138-0013-8000`` and ``13800138000`` are one mobile,
``010 1234 5678`` and ``010-12345678`` one landline). A later visit or lead for that
customer, whoever types it, is assigned to that consultant at the server, and the
attempt is logged here for the managers. A same name alone is only a warning: two
people share a name far too often (重名) for the server to move a customer on it.
"""

from collections import namedtuple

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.realty_base.inputs import arguments
from odoo.addons.realty_base.tools import RealtyError
from odoo.addons.realty_base.tools import phone as phone_tools

MATCH_LEVELS = [
    ("partner", "Same Customer"),
    ("id_number", "Same ID Number"),
    ("mobile", "Same Phone"),
    ("name", "Same Name"),
]
"""Strongest first; every level but ``name`` keeps the customer with its consultant."""
CLAIMING_LEVELS = ("partner", "id_number", "mobile")
MANAGER_GROUP = "realty_base.group_realty_manager"

Owner = namedtuple("Owner", "user level record")
"""Who follows a customer in a project: the consultant, the signal that matched and
the first visit or lead that names the customer."""


def phone_key(raw):
    """The form in which two phones are compared (§8.6): E.164 for a mobile
    (``+8613800138000``), the display form for a landline or a service number
    (``010-12345678``); None when there is no valid number."""
    if not raw or not isinstance(raw, str):
        return None
    try:
        return phone_tools.normalise_phone(raw)
    except RealtyError:
        return None


class RealtyCustomerCollision(models.Model):
    """A visit, call or lead entered for a customer another consultant already
    follows in the project (撞单): the record went to the existing consultant; the
    managers see who tried and settle it (a transfer when the claim is right)."""

    _name = "realty.customer.collision"
    _description = "Customer Collision"
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, readonly=True, check_company=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    customer_name = fields.Char(readonly=True)
    phone = fields.Char(readonly=True)
    match_level = fields.Selection(MATCH_LEVELS, string="Matched On", readonly=True)
    existing_user_id = fields.Many2one(
        "res.users", string="Existing Consultant", index=True, readonly=True
    )
    claiming_user_id = fields.Many2one(
        "res.users", string="Claiming Consultant", index=True, readonly=True
    )
    entered_by_id = fields.Many2one("res.users", readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )
    resolved = fields.Boolean(index=True)
    resolved_by_id = fields.Many2one("res.users", readonly=True)
    note = fields.Text()

    @api.depends("customer_name", "existing_user_id", "claiming_user_id")
    def _compute_display_name(self):
        for collision in self:
            collision.display_name = self.env._(
                "%(customer)s: %(claiming)s after %(existing)s",
                customer=collision.customer_name or "",
                claiming=collision.claiming_user_id.name or "",
                existing=collision.existing_user_id.name or "",
            )

    # ------------------------------------------------------------------ actions
    @arguments()
    def action_resolve(self):
        """A manager has settled the collision (kept, or moved the customer)."""
        self.write({"resolved": True, "resolved_by_id": self.env.user.id})
        return True

    # ------------------------------------------------------------------ business
    @api.model
    def _realty_find_owner(
        self, project, partner=None, phone=None, id_number=None, name=None, exclude=None
    ):
        """Who follows the customer in `project` (an :data:`Owner`), or None.

        Searched as the superuser: the check is the server's, whatever the caller
        sees. The first visit or lead (by date) with a consultant wins; a name alone
        gives an owner of level ``name`` (a warning, never a claim).

        :param exclude: records (visits or leads) not to count, the one being edited.
        """
        if not project:
            return None
        env = self.sudo().env
        partners = partner.sudo() if partner else env["res.partner"]
        number = (id_number or "").strip().upper() or (
            partners[:1].realty_id_number if partners else False
        )
        if number:
            partners |= env["res.partner"].search([("realty_id_number", "=", number)])
        key = phone_key(phone)
        strong, weak = [], []
        if partners or key:
            strong = self._realty_first_records(project, partners, key, None, exclude)
        name = (name or "").strip()
        if not strong and name:
            weak = self._realty_first_records(project, None, None, name, exclude)
        found = strong or weak
        if not found:
            return None
        _date, record = min(found, key=lambda pair: (pair[0], pair[1]._name))
        if not strong:
            level = "name"
        elif record.partner_id and record.partner_id in partners:
            level = (
                "id_number"
                if number
                and record.partner_id.realty_id_number == number
                and record.partner_id != partner
                else "partner"
            )
        else:
            level = "mobile"
        return Owner(record.user_id, level, record)

    @api.model
    def _realty_first_records(self, project, partners, key, name, exclude):
        """``[(date, record)]``: the first visit and the first lead of `project`
        with a consultant that name the partners, the phone key or the name (a
        lost lead, archived, no longer holds the customer; a visit always does)."""
        env = self.sudo().env
        exclude = exclude or []
        found = []
        for model, project_field, name_field, date_field in (
            ("realty.visit", "project_id", "visitor_name", "date"),
            ("crm.lead", "realty_project_id", "contact_name", "create_date"),
        ):
            terms = []
            if partners:
                terms.append([("partner_id", "in", partners.ids)])
            if key:
                terms.append([("realty_phone_key", "=", key)])
            if name:
                terms.append(
                    ["|", (name_field, "=", name), ("partner_id.name", "=", name)]
                )
            if not terms:
                continue
            domain = [
                (project_field, "=", project.id),
                # what the system enters (OdooBot, imports as the superuser) claims
                # no customer: only a consultant does
                ("user_id", "not in", [False, SUPERUSER_ID]),
                ("id", "not in", [r.id for r in exclude if r._name == model and r.id]),
            ]
            if len(terms) == 1:
                domain += terms[0]
            else:
                domain += ["|"] * (len(terms) - 1) + [t for term in terms for t in term]
            record = env[model].search(domain, order=f"{date_field}, id", limit=1)
            if record:
                found.append((record[date_field], record))
        return found

    @api.model
    def _realty_owner_message(self, owner):
        """What the receptionist reads: whose customer it is."""
        if not owner:
            return False
        if owner.level == "name":
            return self.env._(
                "A customer with the same name is followed by %(consultant)s in this "
                "project: check the mobile or the ID number before registering.",
                consultant=owner.user.name,
            )
        return self.env._(
            "Known customer: %(customer)s is followed by %(consultant)s in this "
            "project. The visit will be assigned to %(consultant)s.",
            customer=owner.record.display_name,
            consultant=owner.user.name,
        )

    @api.model
    def _realty_owner_warning(self, message):
        """The form's notice that the customer is known (a warning only: the server
        keeps the customer with its consultant on create)."""
        if not message:
            return None
        return {
            "warning": {
                "title": self.env._("Known customer"),
                "message": message,
                "type": "notification",
            }
        }

    @api.model
    def _realty_check_reassign(self, moved):
        """Only a sales manager moves a customer's records (`moved`, those whose
        consultant would change) to another consultant: the first consultant keeps
        the customer."""
        if not moved or self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        raise AccessError(
            self.env._(
                "Only a sales manager moves a customer to another consultant "
                "(Reassign Customers)."
            )
        )

    @api.model
    def _realty_claim(self, model, project, vals, partner, phone, id_number, name):
        """The consultant `vals` must carry for the customer (the owner's, when the
        customer is known by partner, ID number or phone) and the collision to log,
        as ``(user id or None, collision values or None)``."""
        owner = self._realty_find_owner(
            project, partner=partner, phone=phone, id_number=id_number, name=name
        )
        if not owner or owner.level not in CLAIMING_LEVELS:
            return None, None
        claimed = vals.get("user_id", self.env.user.id)
        if not claimed or claimed == owner.user.id:
            return owner.user.id, None
        return owner.user.id, {
            "project_id": project.id,
            "partner_id": (partner or owner.record.partner_id).id or False,
            "customer_name": name or owner.record.display_name,
            "phone": phone or False,
            "match_level": owner.level,
            "existing_user_id": owner.user.id,
            "claiming_user_id": claimed or False,
            "entered_by_id": self.env.user.id,
            "res_model": model,
        }

    @api.model
    def _realty_claim_records(self, records):
        """The first consultant keeps the customer on documents issued later
        (queue numbers, deals): each of `records` whose customer is followed by
        another consultant in the project goes to that consultant, and the
        attempt is logged. Records without a customer or a project are left as
        they are."""
        moves, collisions = {}, []
        for record in records:
            partner = record.partner_id.sudo()
            if not partner or not record.project_id:
                continue
            user_id, collision = self._realty_claim(
                record._name,
                record.project_id,
                {"user_id": record.user_id.id},
                partner=partner,
                phone=partner.mobile or partner.phone,
                id_number=partner.realty_id_number,
                name=partner.name,
            )
            if user_id and user_id != record.user_id.id:
                moves[user_id] = moves.get(user_id, record.browse()) | record
            if collision:
                collisions.append((collision, record))
        for user_id, moved in moves.items():
            moved.sudo()._unlocked().write({"user_id": user_id})
        return self._realty_log(collisions)

    @api.model
    def _realty_log(self, collisions):
        """Log ``[(collision values, record)]`` for the managers (as the superuser:
        consultants do not read the log)."""
        if not collisions:
            return self.browse()
        return (
            self.sudo()
            .create([{**vals, "res_id": record.id} for vals, record in collisions])
            .sudo(False)
        )
