"""User errors that carry the stable codes of domain.md §2.7.

The code is an attribute (tests assert it) and also leads the message, so a user, a
support request or a JSON-RPC client sees it whatever the interface language.
"""

from odoo.exceptions import UserError, ValidationError


class CodedErrorMixin:
    def __init__(self, code, message):
        self.code = code
        super().__init__(f"[{code}] {message}")

    @classmethod
    def from_errors(cls, errors):
        """One error for several ``(code, message)`` pairs, the first one's code.

        Batch actions validate every record first and refuse the whole batch, so the
        user sees every problem at once.
        """
        error = cls(*errors[0])
        if len(errors) > 1:
            error.args = ("\n".join(f"[{code}] {msg}" for code, msg in errors),)
        return error


class RealtyUserError(CodedErrorMixin, UserError):
    """A refused action, e.g. releasing a room without a permit (ERR_NO_PERMIT)."""


class RealtyValidationError(CodedErrorMixin, ValidationError):
    """Invalid data, e.g. areas that do not add up (ERR_AREA_SUM)."""
