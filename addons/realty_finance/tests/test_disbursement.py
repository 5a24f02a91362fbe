"""A bank's mortgage disbursement batch (§9.6): the file read and checked whole,
its rows matched to signed contracts' loan lines, and posted as money that
arrived in the supervision account, all rows or none."""

import base64
import csv
import io
import logging
from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.realty_finance.models.realty_disbursement_batch import SHOW_ERRORS
from odoo.addons.realty_sales.tests.common import resident_id

from .common import FinanceCase

HEADER = (
    "合同编号",
    "借款人姓名",
    "身份证号码",
    "审批金额",
    "放款金额",
    "放款日期",
    "银行流水号",
)
ROOMS = 12

_logger = logging.getLogger(__name__)


def csv_bytes(rows, header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows, header=HEADER, title="中国建设银行 个人住房贷款放款清单"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestDisbursement(FinanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        building = cls.create_building("D")
        cls.loan_rooms = cls.generate(building, floors=(1, 6), positions=(1, 2))
        cls.set_list_price(cls.loan_rooms)  # V-03: 1,411,808
        cls.create_permit(building)
        cls.loan_rooms.with_user(cls.manager).action_release()
        cls.borrowers = cls.env["res.partner"].create(
            [
                {
                    "name": f"借款人{number}",
                    "realty_id_type": "resident",
                    "realty_id_number": resident_id(seq=f"{number:03d}"),
                }
                for number in range(1, ROOMS + 1)
            ]
        )
        cls.visited(cls.borrowers)
        cls.loan_account = cls.bank.default_account_id

    # ------------------------------------------------------------- fixtures
    def contracts(self, count, start=0, method=None, **values):
        """`count` signed contracts on a commercial loan (15 % down: a loan of
        1,200,000 on V-03's 1,411,808), contract numbers HT-0001, ..."""
        Deal = self.env["realty.deal"]
        deals = Deal.browse()
        for index in range(start, start + count):
            deal = self.deal(
                room=self.loan_rooms[index],
                buyer=self.borrowers[index],
                payment_method_id=(method or self.commercial).id,
                subscription_signed=True,
                down_payment_ratio=0.15,
                delivery_date="2027-06-30",
                contract_no=f"HT-{index + 1:04d}",
                **values,
            )
            deal.action_sign_contract()
            deals |= deal
        return deals

    @staticmethod
    def loan_line(deal, item="commercial_loan"):
        return deal.schedule_line_ids.filtered(lambda line: line.item == item)

    def row(self, deal, reference, **values):
        """A row of the bank's file for `deal`'s loan, as text cells."""
        loan = self.loan_line(deal).payable
        cells = {
            "contract_no": deal.contract_no,
            "name": deal.partner_id.name,
            "id_number": deal.partner_id.realty_id_number,
            "approved": f"{loan:,.2f}",
            "disbursed": f"{loan:,.2f}",
            "date": "2025-03-10",
            "reference": reference,
            **values,
        }
        return tuple(cells.values())

    def batch(self, data, filename="放款清单.csv", user=None, **values):
        return (
            self.env["realty.disbursement.batch"]
            .with_user(user or self.cashier)
            .create(
                {
                    "project_id": self.project.id,
                    "date": "2025-03-10",
                    "file": base64.b64encode(data),
                    "filename": filename,
                    **values,
                }
            )
        )

    def counts(self):
        self.env.flush_all()
        return (
            self.env["account.move"].search_count([]),
            self.env["realty.deal.payment"].search_count([]),
        )

    def assertArrived(self, batch, deals):
        """Each deal's loan line is paid by an arrived loan payment (not in
        transit) in the supervision account, reconciled with its receivable."""
        self.assertEqual(batch.state, "posted")
        payments = batch.line_ids.payment_id
        self.assertEqual(len(payments), len(deals))
        self.assertEqual(payments.deal_id, deals)
        for line in batch.line_ids:
            payment, loan = line.payment_id, line.schedule_line_id
            self.assertEqual(loan, self.loan_line(line.deal_id))
            self.assertEqual(
                (payment.item, payment.method, payment.amount, payment.date),
                ("loan", "loan", line.disbursed, line.date),
            )
            self.assertEqual(payment.reference, line.reference)
            self.assertEqual(payment.journal_id, self.bank)
            self.assertEqual(payment.state, "posted")
            self.assertFalse(payment.in_transit, "arrived, not in transit (§9.6)")
            self.assertEqual((loan.amount_residual, loan.payment_state), (0, "paid"))
            self.assertEqual(line.deal_id.amount_in_transit, 0)
            self.assertLedger(line.deal_id)
        bank_lines = payments.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.loan_account
        )
        self.assertEqual(sum(bank_lines.mapped("balance")), batch.amount_total)
        self.assertFalse(
            payments.move_id.line_ids.filtered(
                lambda aml: (
                    aml.account_id
                    == self.company._realty_outstanding_account("inbound")
                )
            ),
            "nothing waits on the outstanding receipts account",
        )

    # ------------------------------------------------------------ good files
    def test_a_csv_batch_is_posted_as_arrived(self):
        deals = self.contracts(3)
        self.assertEqual(self.loan_line(deals[0]).payable, 1200000)
        rows = [self.row(deal, f"CCB2025031000{n}") for n, deal in enumerate(deals)]
        batch = self.batch(csv_bytes(rows))
        self.assertEqual(batch.journal_id, self.bank, "the supervision account")
        self.assertTrue(batch.name.startswith("FK"))
        batch.action_import()
        self.assertEqual(batch.state, "checked")
        self.assertEqual(
            (batch.line_count, batch.matched_count, batch.rejected_count),
            (3, 3, 0),
        )
        self.assertEqual(batch.amount_total, 3600000)
        self.assertEqual(batch.line_ids.deal_id, deals)
        self.assertEqual(set(batch.line_ids.mapped("match_method")), {"contract"})
        self.assertEqual(batch.line_ids.mapped("row_number"), [2, 3, 4])
        batch.action_post()
        self.assertArrived(batch, deals)
        self.assertRefused("ERR_STATE_TRANSITION", batch.action_post)
        self.assertRefused("ERR_STATE_TRANSITION", batch.write, {"note": "x"})
        self.assertRefused("ERR_STATE_TRANSITION", batch.unlink)

    def test_an_xlsx_batch_matches_by_contract_then_by_id_and_amount(self):
        deals = self.contracts(2)
        other = deals[1]
        loan = self.loan_line(other).payable
        rows = [
            self.row(
                deals[0],
                "ICBC-1",
                approved=1200000.0,
                disbursed=1200000.0,
                date=datetime(2025, 3, 11),
            ),
            # the bank's own contract number: found by the buyer's ID and the amount
            self.row(
                other,
                "ICBC-2",
                contract_no="JK-77",
                approved=loan,
                disbursed=loan,
                date=45728,
            ),  # an Excel serial day
        ]
        batch = self.batch(xlsx_bytes(rows), filename="放款清单.xlsx")
        batch.action_import()
        self.assertEqual(batch.state, "checked", batch.line_ids.mapped("reason"))
        first, second = batch.line_ids
        self.assertEqual((first.deal_id, first.match_method), (deals[0], "contract"))
        self.assertEqual((second.deal_id, second.match_method), (other, "id_amount"))
        self.assertEqual((first.row_number, second.row_number), (3, 4))
        self.assertEqual(
            (first.date, second.date), (date(2025, 3, 11), date(2025, 3, 12))
        )
        batch.action_post()
        self.assertArrived(batch, deals)

    def test_a_combined_loan_pays_the_bank_s_own_line(self):
        """The commercial bank's row pays the commercial loan of a combined loan,
        not the provident loan that comes first in the schedule."""
        self.project.policy_id.pf_multiple = 20  # 20 × the buyer's balance
        combined = self.env.ref("realty_base.payment_method_combined").copy(
            {"code": "COMBO-T", "discount_factor": 1.0}
        )
        deal = self.contracts(1, method=combined, pf_account_balance=20000)
        provident = self.loan_line(deal, "provident_loan")
        commercial = self.loan_line(deal)
        self.assertTrue(provident.payable and commercial.payable)
        row = self.row(deal, "CCB-9")
        batch = self.batch(csv_bytes([row]))
        batch.action_import()
        batch.action_post()
        self.assertEqual(batch.line_ids.schedule_line_id, commercial)
        self.assertEqual(commercial.payment_state, "paid")
        self.assertEqual(provident.amount_residual, provident.payable)
        self.assertLedger(deal)

    # ------------------------------------------------------------- refusals
    def test_a_malformed_row_refuses_the_whole_file(self):
        deals = self.contracts(3)
        rows = [self.row(deal, f"R{n}") for n, deal in enumerate(deals)]
        rows[1] = self.row(deals[1], "R1", disbursed="1,2OO,000.00")
        rows[2] = self.row(deals[2], "R2", date="2025-02-30")
        before = self.counts()
        batch = self.batch(csv_bytes(rows))
        error = self.assertRefused("ERR_IMPORT_ROW", batch.action_import)
        self.assertIn("Row 3: Disbursed: “1,2OO,000.00” is not a number", str(error))
        self.assertIn("Row 4: Disbursed On: “2025-02-30” is not a date", str(error))
        self.assertEqual((batch.state, batch.line_ids.ids), ("draft", []))
        # from the form, the problems are kept on the batch, row by row
        batch.with_context(**{SHOW_ERRORS: True}).action_import()
        self.assertEqual(batch.state, "refused")
        self.assertEqual(batch.line_ids.mapped("row_number"), [3, 4])
        self.assertEqual(batch.line_ids.mapped("problem"), ["not_a_number", "bad_date"])
        self.assertEqual(set(batch.line_ids.mapped("state")), {"rejected"})
        self.assertEqual(set(batch.line_ids.mapped("error_code")), {"ERR_IMPORT_ROW"})
        self.assertFalse(batch.line_ids.deal_id, "no row of a refused file is matched")
        error = self.assertRefused("ERR_IMPORT_ROW", batch.action_post)
        self.assertEqual(str(error).count("[ERR_IMPORT_ROW] Row "), 2)
        self.assertEqual(self.counts(), before, "nothing posted")
        # the file fixed and imported again
        rows[1], rows[2] = self.row(deals[1], "R1"), self.row(deals[2], "R2")
        batch.file = base64.b64encode(csv_bytes(rows))
        self.assertEqual(batch.state, "draft")
        batch.action_import()
        batch.action_post()
        self.assertArrived(batch, deals)

    def test_an_overlong_cell_is_a_malformed_row(self):
        deals = self.contracts(1)
        batch = self.batch(csv_bytes([self.row(deals, "R" * 600)]))
        batch.with_context(**{SHOW_ERRORS: True}).action_import()
        self.assertEqual(batch.state, "refused")
        self.assertEqual(batch.line_ids.problem, "too_long")
        self.assertIn("Bank Reference", batch.line_ids.reason)

    def test_an_unreadable_file_is_refused(self):
        batch = self.batch(b"\xd0\xcf\x11\xe0old xls", filename="x.xls")
        error = self.assertRefused("ERR_IMPORT_ROW", batch.action_import)
        self.assertIn(".xls", str(error))
        batch = self.batch(csv_bytes([]))
        self.assertRefused("ERR_IMPORT_ROW", batch.action_import)

    def test_exceptions_are_listed_row_by_row_and_nothing_is_posted(self):
        deals = self.contracts(4)
        subscribed = self.deal(
            room=self.loan_rooms[6],
            buyer=self.borrowers[6],
            payment_method_id=self.commercial.id,
            down_payment_ratio=0.15,
            contract_no="HT-SUB",
            subscription_signed=True,
        )
        subscribed.action_subscribe()
        rows = [
            self.row(deals[0], "OK-1"),
            self.row(deals[1], "X-1", contract_no="HT-9999", id_number=""),
            self.row(
                deals[2], "X-2", approved="1,100,000.00", disbursed="1,100,000.00"
            ),
            # the bank's own contract number, deals[0]'s borrower: paid on row 2
            self.row(deals[0], "X-3", contract_no="JK-3"),
            (
                "HT-SUB",
                subscribed.partner_id.name,
                "",
                "1,200,000.00",
                "1,200,000.00",
                "2025-03-10",
                "X-4",
            ),
        ]
        before = self.counts()
        batch = self.batch(csv_bytes(rows))
        batch.action_import()
        self.assertEqual(batch.state, "refused")
        self.assertEqual(batch.line_ids.mapped("state"), ["ok"] + ["rejected"] * 4)
        self.assertEqual(
            batch.line_ids.mapped("problem"),
            [False, "unmatched", "amount_differs", "duplicate_deal", "not_contract"],
        )
        self.assertEqual(
            batch.line_ids.mapped("error_code"),
            [
                False,
                "ERR_IMPORT_ROW",
                "ERR_IMPORT_ROW",
                "ERR_IMPORT_ROW",
                "ERR_STATE_TRANSITION",
            ],
        )
        self.assertEqual((batch.matched_count, batch.rejected_count), (1, 4))
        self.assertIn("HT-9999", batch.line_ids[1].reason)
        error = self.assertRefused("ERR_IMPORT_ROW", batch.action_post)
        for row in (3, 4, 5, 6):
            self.assertIn(f"Row {row}: ", str(error))
        self.assertNotIn("Row 2: ", str(error))
        self.assertEqual(self.counts(), before, "all or nothing")
        self.assertEqual(self.loan_line(deals[0]).amount_residual, 1200000)

    def test_a_reference_posted_before_and_an_overpayment_are_rejected(self):
        deals = self.contracts(2)
        first = self.batch(csv_bytes([self.row(deals[0], "CCB-1")]))
        first.action_import()
        first.action_post()
        # the same list sent twice, and the first deal paid again
        again = self.batch(
            csv_bytes([self.row(deals[1], "CCB-1"), self.row(deals[0], "CCB-2")])
        )
        again.action_import()
        self.assertEqual(
            again.line_ids.mapped("problem"), ["duplicate_reference", "overpayment"]
        )
        self.assertEqual(
            again.line_ids.mapped("error_code"), ["ERR_IMPORT_ROW", "ERR_OVERPAYMENT"]
        )
        self.assertIn(first.line_ids.deal_id.name, again.line_ids[0].reason)
        before = self.counts()
        self.assertRefused("ERR_IMPORT_ROW", again.action_post)
        self.assertEqual(self.counts(), before)
        # a loan registered by hand with the bank's reference counts too
        deals[1].register_payment("loan", 1000, method="loan", reference="CCB-3")
        third = self.batch(csv_bytes([self.row(deals[1], "CCB-3")]))
        third.action_import()
        self.assertEqual(third.line_ids.problem, "duplicate_reference")

    def test_a_checked_batch_is_matched_again_when_posted(self):
        """What changed since the check (the same reference posted by another
        batch) refuses the posting: the rows are matched again."""
        deals = self.contracts(2)
        late = self.batch(csv_bytes([self.row(deals[0], "CCB-1")]))
        late.action_import()
        self.assertEqual(late.state, "checked")
        early = self.batch(csv_bytes([self.row(deals[1], "CCB-1")]))
        early.action_import()
        early.action_post()
        before = self.counts()
        error = self.assertRefused("ERR_IMPORT_ROW", late.action_post)
        self.assertIn("CCB-1", str(error))
        self.assertEqual(self.counts(), before)
        self.assertEqual(late.state, "checked")

    def test_money_goes_to_the_supervision_account_only(self):
        deals = self.contracts(1)
        other = self.env["account.journal"].create(
            {"name": "一般户 (test)", "code": "YBH", "type": "bank"}
        )
        batch = self.batch(csv_bytes([self.row(deals, "CCB-1")]), journal_id=other.id)
        self.assertEqual(batch.journal_id, other)
        batch.action_import()
        self.assertEqual(batch.line_ids.error_code, "ERR_NOT_SUPERVISED_ACCOUNT")
        batch.journal_id = self.bank
        self.assertEqual(batch.state, "draft", "checked again before posting")
        self.assertRefused("ERR_STATE_TRANSITION", batch.action_post)
        batch.action_import()
        batch.action_post()
        self.assertArrived(batch, deals)

    def test_a_batch_without_project_matches_the_company_s_contracts(self):
        deals = self.contracts(2)
        batch = self.batch(
            csv_bytes([self.row(deal, f"CCB-{deal.id}") for deal in deals]),
            project_id=False,
            journal_id=self.bank.id,
        )
        self.assertEqual(batch.journal_id, self.bank)
        batch.action_import()
        batch.action_post()
        self.assertArrived(batch, deals)
        # the cashier who imported it reads it; another cashier does not
        other = new_test_user(
            self.env, "realty_cashier_2", groups="realty_base.group_realty_finance"
        )
        self.assertTrue(batch.with_user(self.cashier).has_access("read"))
        self.assertFalse(batch.with_user(other).has_access("read"))
        self.assertFalse(batch.line_ids.with_user(other).has_access("read"))

    def test_another_project_s_deal_is_rejected(self):
        deals = self.contracts(1)
        project = self.env["realty.project"].create(
            {"name": "Other", "code": "OT", "user_ids": [(4, self.cashier.id)]}
        )
        batch = self.batch(csv_bytes([self.row(deals, "CCB-1")]), project_id=project.id)
        batch.journal_id = self.bank
        batch.action_import()
        self.assertEqual(batch.line_ids.problem, "other_project")

    def test_the_form_imports_and_shows_the_problems(self):
        """The form: the project gives the journal, the Import button's context
        keeps a refused file's problems on the batch."""
        deals = self.contracts(1)
        with Form(
            self.env["realty.disbursement.batch"].with_user(self.cashier)
        ) as form:
            form.project_id = self.project
            self.assertEqual(form.journal_id, self.bank)
            form.file = base64.b64encode(
                csv_bytes([self.row(deals, "CCB-1", approved="abc")])
            )
        batch = form.record
        view = self.env.ref("realty_finance.realty_disbursement_batch_view_form")
        self.assertIn(SHOW_ERRORS, view.arch)
        batch.with_context(**{SHOW_ERRORS: True}).action_import()
        self.assertEqual(batch.state, "refused")
        self.assertEqual(batch.line_ids.problem, "not_a_number")

    def test_rows_are_the_bank_s_file(self):
        """A client changes neither the rows nor the state (the protected
        fields), and a consultant creates no batch."""
        deals = self.contracts(1)
        batch = self.batch(csv_bytes([self.row(deals, "CCB-1")]))
        batch.action_import()
        line = batch.line_ids.with_user(self.cashier)
        self.assertRefused("ERR_INVALID_INPUT", line.write, {"disbursed": 1})
        self.assertRefused("ERR_INVALID_INPUT", line.write, {"deal_id": False})
        self.assertRefused("ERR_INVALID_INPUT", batch.write, {"state": "checked"})
        with self.assertRaises(AccessError):
            self.env["realty.disbursement.batch"].with_user(self.consultant).create(
                {"journal_id": self.bank.id}
            )

    # ---------------------------------------------------------- performance
    def test_queries_are_bounded(self):
        """Importing (reading, checking and matching) a batch of 2N rows takes no
        more queries than a batch of N rows; posting costs a fixed number of
        queries per row, measured: each row's account.payment is created, posted
        and reconciled with the loan's receivable by realty.deal.payment's
        posting, one payment at a time (Odoo's account.payment and
        reconciliation: about 84 queries a row)."""
        n = 2
        deals = self.contracts(4 * n)

        def batch(deals, prefix):
            rows = [self.row(deal, f"{prefix}{i}") for i, deal in enumerate(deals)]
            return self.batch(csv_bytes(rows))

        warm = batch(deals[:n], "W")
        small = batch(deals[n : 2 * n], "S")
        large = batch(deals[2 * n :], "L")
        warm.action_import()  # the caches of the first import and posting
        warm.action_post()
        counts = {}
        for size, batch, post_limit in (
            (n, small, POST_QUERIES + n * POST_QUERIES_PER_ROW),
            (2 * n, large, POST_QUERIES + 2 * n * POST_QUERIES_PER_ROW),
        ):
            batch.action_import()  # imported again below, timed
            for action, limit in (
                ("action_import", IMPORT_QUERIES),
                ("action_post", post_limit),
            ):
                self.env.flush_all()
                start = self.env.cr.sql_log_count
                with self.assertQueryCount(limit):
                    getattr(batch, action)()
                counts[action, size] = self.env.cr.sql_log_count - start
        self.assertEqual((small.state, large.state), ("posted", "posted"))
        _logger.info("disbursement queries (action, rows): %s", counts)
        self.assertLessEqual(
            counts["action_import", 2 * n], counts["action_import", n], counts
        )
        self.assertLessEqual(
            counts["action_post", 2 * n] - counts["action_post", n],
            n * POST_QUERIES_PER_ROW,
            counts,
        )


IMPORT_QUERIES = 50
"""Whatever the number of rows (measured: 46 for 2 rows, 34 for 4)."""
POST_QUERIES = 80
POST_QUERIES_PER_ROW = 84
"""Measured: posting 2 rows took 230 queries, 4 rows 398 (84 a row): one
account.payment a row, created, posted and reconciled by
realty.deal.payment._finance_post. The batch's own part (matching again,
creating the payments in one call, linking the rows) does not grow per row."""
