"""Every user-facing term of the realty addons has a Chinese translation."""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

CHECKED_ADDONS = (
    "realty_base",
    "realty_sales",
    "realty_finance",
    "realty_aftersales",
    "realty_filing",
    "realty_e2e",
)


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_has_a_zh_cn_translation(self):
        """The terms Odoo exports for each addon (field labels, selections, views,
        menus, Python and JS strings) all have a msgstr in its i18n/zh_CN.po."""
        for addon in CHECKED_ADDONS:
            with self.subTest(addon=addon):
                po_path = Path(get_module_path(addon)) / "i18n" / "zh_CN.po"
                self.assertTrue(po_path.is_file(), f"{po_path} is missing")
                translated = {
                    (e.msgctxt, e.msgid)
                    for e in polib.pofile(str(po_path))
                    if e.msgstr and not e.obsolete
                }
                terms = {
                    (None, source)
                    for module, _ttype, _name, _res_id, source, *_rest in (
                        TranslationModuleReader(self.env.cr, modules=[addon])
                    )
                    if module == addon
                }
                missing = sorted(msgid for ctx, msgid in terms - translated)
                self.assertFalse(
                    missing, f"{addon}: untranslated terms (run `make i18n`): {missing}"
                )
