"""Every realty model that access rights open has record rules (its projects, its
company), unless it is reference data shared by every project, named below with
the reason. A new model with an ir.model.access line and no rule fails here."""

from odoo.tests import TransactionCase, tagged

SHARED_REFERENCE_DATA = {
    "realty.hold.reason": "hold reasons (§1.5) are a national list; admins write",
    "realty.view.tag": "view tags (湖景, 园景) are words shared by every project",
    "realty.rate.lpr": "the LPR is published nationally (§11 rate.lpr)",
    "realty.rate.provident": "provident-fund rates are published nationally",
}


@tagged("post_install", "-at_install")
class TestRecordRules(TransactionCase):
    def test_every_realty_model_with_access_rights_has_rules(self):
        accesses = self.env["ir.model.access"].search(
            [("model_id.model", "=like", "realty.%")]
        )
        ruled = set(
            self.env["ir.rule"]
            .search([("model_id.model", "=like", "realty.%")])
            .mapped("model_id.model")
        )
        missing = []
        for name in sorted(set(accesses.mapped("model_id.model"))):
            model = self.env[name]
            if model._transient or model._abstract:
                continue  # wizards: only their creator reads them (Odoo's own rule)
            if name not in ruled and name not in SHARED_REFERENCE_DATA:
                missing.append(name)
        self.assertFalse(
            missing,
            "realty models with access rights but no record rule (add rules, or "
            "name them as shared reference data with the reason)",
        )

    def test_shared_reference_data_is_written_by_admins_only(self):
        """What has no rule is read by realty users and written by admins only."""
        admin = self.env.ref("realty_base.group_realty_admin")
        for name in SHARED_REFERENCE_DATA:
            writers = self.env["ir.model.access"].search(
                [
                    ("model_id.model", "=", name),
                    "|",
                    "|",
                    ("perm_write", "=", True),
                    ("perm_create", "=", True),
                    ("perm_unlink", "=", True),
                ]
            )
            with self.subTest(model=name):
                self.assertTrue(writers)
                self.assertEqual(writers.group_id, admin)
