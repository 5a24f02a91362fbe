"""Every test file of the realty addons is imported by its tests package: Odoo's
runner only finds the modules `tests/__init__.py` imports, so a forgotten line is
a test that silently never runs."""

import ast
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from .test_translations import CHECKED_ADDONS


@tagged("post_install", "-at_install")
class TestSuiteWiring(TransactionCase):
    def test_every_test_module_is_imported(self):
        for addon in CHECKED_ADDONS:
            tests = Path(get_module_path(addon)) / "tests"
            if not tests.is_dir():
                continue
            tree = ast.parse((tests / "__init__.py").read_text(encoding="utf-8"))
            imported = {
                alias.name
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom)
                for alias in node.names
            }
            files = {path.stem for path in tests.glob("test_*.py")}
            with self.subTest(addon=addon):
                self.assertFalse(
                    sorted(files - imported),
                    f"{addon}/tests/__init__.py does not import these test modules",
                )

    def test_every_protected_model_has_an_attacker_suite(self):
        """Each addon's attacker suite names the models it covers: a model of the
        protected mixin no suite attacks would never be attacked."""
        from odoo.addons.realty_aftersales.tests.test_attack_protected_area import (
            TestAttackProtectedArea,
        )
        from odoo.addons.realty_aftersales.tests.test_attack_protected_handover import (
            TestAttackProtectedHandover,
        )
        from odoo.addons.realty_aftersales.tests.test_attack_protected_services import (
            TestAttackProtectedServices,
        )
        from odoo.addons.realty_base.tests.attack import protected_models
        from odoo.addons.realty_base.tests.test_attack_protected import (
            TestAttackProtectedBase,
        )
        from odoo.addons.realty_filing.tests.test_attack_protected import (
            TestAttackProtectedFiling,
        )
        from odoo.addons.realty_finance.tests.test_attack_protected import (
            TestAttackProtectedFinance,
        )
        from odoo.addons.realty_sales.tests.test_attack_protected import (
            TestAttackProtectedSales,
        )

        covered = set()
        for suite in (
            TestAttackProtectedBase,
            TestAttackProtectedSales,
            TestAttackProtectedFinance,
            TestAttackProtectedFiling,
            TestAttackProtectedHandover,
            TestAttackProtectedArea,
            TestAttackProtectedServices,
        ):
            # the models each suite attacks, as it selects them when it runs (a
            # suite may attack a part of its addons' models: several suites then
            # share an addon, and together they must cover all of it)
            saved = suite.__dict__.get("env")
            suite.env = self.env
            try:
                covered.update(suite.attack_models())
            finally:
                suite.env = saved
        missing = sorted(set(protected_models(self.env.registry)) - covered)
        self.assertFalse(missing, "protected models no attacker suite covers")
