"""The test machinery itself: at_install and post_install tests run, a browser tour
logs in and opens the realty menu, and a QWeb PDF renders Chinese text."""

from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.realty_base.tests.common import pdf_text

REALTY_ADDONS = (
    "realty_base",
    "realty_sales",
    "realty_finance",
    "realty_aftersales",
    "realty_filing",
)


@tagged("at_install", "-post_install")
class TestAtInstall(TransactionCase):
    def test_runs_while_installing(self):
        """At install time the realty addons this one depends on are installed and
        realty_e2e itself is being installed or updated, not yet done."""
        modules = self.env["ir.module.module"].search(
            [("name", "in", (*REALTY_ADDONS, "realty_e2e"))]
        )
        states = dict(modules.mapped(lambda m: (m.name, m.state)))
        for name in REALTY_ADDONS:
            self.assertEqual(states[name], "installed", name)
        self.assertIn(states["realty_e2e"], ("to install", "to upgrade"))


@tagged("post_install", "-at_install")
class TestPostInstall(TransactionCase):
    def test_runs_after_installation(self):
        """After install the module is installed and Chinese is loaded."""
        module = self.env["ir.module.module"].search([("name", "=", "realty_e2e")])
        self.assertEqual(module.state, "installed")
        menu = self.env.ref("realty_base.menu_realty_root")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "售楼")
        self.assertEqual(menu.with_context(lang="en_US").name, "Realty")


@tagged("post_install", "-at_install")
class TestBrowser(HttpCase):
    def test_login_and_open_realty_menu(self):
        self.start_tour("/web/login", "realty_e2e_login_open_menu")


@tagged("post_install", "-at_install")
class TestPdf(HttpCase):
    def test_chinese_pdf(self):
        """wkhtmltopdf renders a QWeb PDF whose text keeps its Chinese characters."""
        report = self.env.ref("realty_e2e.action_report_toolchain")
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, self.env.company.ids)
        )
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        self.assertIn("售楼管理", text)
        self.assertIn("壹佰贰拾捌万柒仟玖佰玖拾肆元整", text)
        # the company header of web.external_layout survives (patched-Qt wkhtmltopdf)
        self.assertIn(self.env.company.name, text)
