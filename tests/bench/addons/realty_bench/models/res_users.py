from passlib.context import CryptContext

from odoo import models

BENCH_CRYPT_CONTEXT = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=1000)


class ResUsers(models.Model):
    """Bench only: 620 logins must not cost 620 × 600,000 PBKDF2 rounds (the
    fixture stores hashes of 1,000 rounds; Odoo would re-hash them at login)."""

    _inherit = "res.users"

    def _crypt_context(self):
        return BENCH_CRYPT_CONTEXT
