from odoo import models

from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools import states

from .realty_filing import IN_FLIGHT

HELD_BY_FILING = (states.TERMINATE, states.CHANGE_ROOM, states.RENAME)
"""What a filing on its way to the city system holds back: the contract it files
must not end or change under it (§2.4 R4, R7, R8)."""


class RealtyRoom(models.Model):
    """The filing's guards of the room's one state path: F11 (filed: the city's
    number recorded) and R5 (a filing cancelled with the bank's consent)."""

    _inherit = "realty.room"

    def _guard_filing_number(self, filing=None, **_context):
        """F11: only an accepted contract filing of the room's active deal, with
        its number, files the room."""
        if (
            filing
            and filing.kind == "contract"
            and filing.state == "accepted"
            and filing.filing_number
            and filing.room_id == self
        ):
            return []
        return [
            (
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Room %(rooms)s is filed only by an accepted contract filing "
                    "with its number.",
                    rooms=", ".join(self.mapped("code")),
                ),
            )
        ]

    def _guard_bank_consent(self, filing=None, deal=None, **_context):
        """R5: a deal with a loan has a mortgage pre-registration that the
        cancellation ends: the lending bank consents first."""
        deal = deal or (filing and filing.deal_id)
        if not deal or not (deal.loan_commercial or deal.loan_provident):
            return []
        if filing and filing.bank_consent:
            return []
        return [
            (
                codes.ERR_APPROVAL_REQUIRED,
                self.env._(
                    "Deal %(deal)s has a loan: the bank's consent is needed to cancel "
                    "its filing.",
                    deal=deal.name,
                ),
            )
        ]

    def _guard_every_move(self, action, deal=None, **context):
        """A contract whose filing is queued or submitted is not terminated,
        moved or renamed until the city system has answered (ERR_FILING_ACTIVE);
        once filed, the table refuses these from `filed` itself."""
        errors = super()._guard_every_move(action, deal=deal, **context)
        if action not in HELD_BY_FILING or not deal:
            return errors
        pending = self.env["realty.filing"].search(
            [
                ("deal_id", "=", deal.id),
                ("kind", "!=", "cancellation"),
                ("state", "in", IN_FLIGHT),
            ],
            limit=1,
        )
        if pending:
            errors.append(
                (
                    codes.ERR_FILING_ACTIVE,
                    self.env._(
                        "Filing %(filing)s of %(deal)s is with the city system: wait "
                        "for its answer, then cancel it.",
                        filing=pending.name,
                        deal=deal.name,
                    ),
                )
            )
        return errors
