import json

from markupsafe import Markup

from odoo import fields, models

from ..exceptions import RealtyUserError
from ..tools import errors as codes


class RealtyApprovalMixin(models.AbstractModel):
    """The one approval mechanism of the realty documents (deal discounts, change
    orders, price plans; later refunds and area adjustments), after hr_holidays'
    ``_check_approval_update``:

    * an approval is recorded only by the document's approve action, by a member of
      one of the groups ``_approval_groups()`` names (the ladder's rung, the
      approver role of a change, the price-plan approver);
    * it stores what was approved (``approval_snapshot``: amounts, lines), as
      ``_approval_content()`` describes the document;
    * a change to what was approved voids the approval (``_approval_check_void``,
      called by the document and its lines after they change) and asks again;
    * execution checks that the approval still covers the document
      (``_check_approval_current``).

    The approval fields are protected: no caller writes them, administrators
    included; only ``_record_approval`` and ``_void_approval`` do.
    """

    _name = "realty.approval.mixin"
    _inherit = ["realty.protected.mixin"]
    _description = "Realty: Approval of What Was Approved"

    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_approve"
    )
    approved_date = fields.Datetime(
        readonly=True, copy=False, protected="action_approve"
    )
    approval_snapshot = fields.Json(
        readonly=True,
        copy=False,
        protected="action_approve",
        help="What the approver approved (amounts, lines); a change voids it.",
    )

    # ------------------------------------------------------------ the hooks
    def _approval_content(self):
        """What an approval of this document approves, as JSON-able values."""
        raise NotImplementedError

    def _approval_groups(self):
        """The groups whose members may approve this document now."""
        raise NotImplementedError

    def _approval_covers(self, approved, current):
        """Whether an approval of `approved` still covers the `current` content.
        Any change voids it, unless a document's rules say otherwise."""
        return approved == current

    def _approval_activity_xmlid(self):
        """The 'please approve' activity type of this document ("": none)."""
        return ""

    def _on_approval_voided(self):
        """What else the document does when its approval is voided (its state)."""

    # ------------------------------------------------------------ the mechanism
    def _approval_is_current(self):
        self.ensure_one()
        return bool(self.approved_by_id) and self._approval_covers(
            self.approval_snapshot, self._normalised_content()
        )

    def _normalised_content(self):
        """The content as it reads back from a Json field (lists, not tuples)."""
        return json.loads(json.dumps(self._approval_content(), default=str))

    def _can_approve(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        return bool(self._approval_groups() & user.groups_id)

    def _check_can_approve(self):
        for record in self:
            if not record._can_approve():
                raise RealtyUserError(
                    codes.ERR_APPROVAL_REQUIRED,
                    self.env._(
                        "%(document)s needs the approval of %(roles)s.",
                        document=record.display_name,
                        roles=", ".join(record._approval_groups().mapped("name"))
                        or self.env._("a role the ladder does not name"),
                    ),
                )

    def _record_approval(self, **values):
        """Record the current user's approval of what each document is now."""
        self._check_can_approve()
        now = fields.Datetime.now()
        for record in self:
            record._unlocked().write(
                {
                    "approved_by_id": self.env.uid,
                    "approved_date": now,
                    "approval_snapshot": record._normalised_content(),
                    **values,
                }
            )
        xmlid = self._approval_activity_xmlid()
        if xmlid:
            self.activity_feedback([xmlid])
        return True

    def _void_approval(self):
        """Forget the approvals, say so on the chatter, and ask again."""
        if not self:
            return
        self._unlocked().write(
            {
                "approved_by_id": False,
                "approved_date": False,
                "approval_snapshot": False,
            }
        )
        for record in self:
            record.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "What was approved has changed: the approval is void and the "
                    "document waits for a new one."
                ),
            )
        self._on_approval_voided()

    def _approval_check_void(self):
        """Void the approvals that no longer cover their document."""
        stale = self.filtered(
            lambda r: r.approved_by_id and not r._approval_is_current()
        )
        stale._void_approval()
        return stale

    def _check_approval_current(self):
        """Before executing: every document is approved for what it is now."""
        for record in self:
            if not record._approval_is_current():
                raise RealtyUserError(
                    codes.ERR_APPROVAL_REQUIRED,
                    self.env._(
                        "%(document)s is not approved as it stands: what was approved "
                        "has changed, or nobody approved it.",
                        document=record.display_name,
                    ),
                )
