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
