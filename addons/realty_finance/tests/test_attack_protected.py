"""The attacker suite of the finance documents: every protected and write-once
field of the receipt books, receipts and their lines, the collection logs and the
late fees, tried over JSON-RPC by each realty role (realty_base/tests/attack.py)."""

import base64
from datetime import timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.attack import ProtectedFieldAttack

from .common import FinanceCase


@tagged("post_install", "-at_install")
class TestAttackProtectedFinance(ProtectedFieldAttack, FinanceCase, HttpCase):
    attack_suite = "finance"
    attack_modules = ("realty_finance",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_attackers(cls.project)
        deal = cls.env["realty.deal"].create(
            {
                "room_id": cls.room.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
                "deposit_amount": 50000,
            }
        )
        Receipt = cls.env["realty.receipt"].with_user(cls.cashier)
        issued = Receipt.create(
            {
                "deal_id": deal.id,
                "book_id": cls.book.id,
                "line_ids": [(0, 0, {"item": "deposit", "amount": 50000})],
            }
        )
        issued.action_confirm()
        draft = Receipt.create({"deal_id": deal.id, "book_id": cls.book.id})
        refund = cls.env["realty.refund"].create(
            {"deal_id": deal.id, "reason": "overpayment", "amount": 1000}
        )
        todo = cls.env["realty.finance.todo"]._raise("other", deal, deal, 1000)
        contract = cls.env["realty.deal"].create(
            {
                "room_id": cls.room_b.id,
                "partner_id": cls.buyer_d.id,
                "payment_method_id": cls.cash.id,
                "subscription_signed": True,
                "delivery_date": "2027-06-30",
            }
        )
        contract.action_sign_contract()
        contract.action_compute_fees()
        bureau = cls.env["res.partner"].create({"name": "Tax Bureau"})
        transfer = cls.env["realty.fee.transfer"].create(
            {
                "name": "Transfer",
                "fee_type": "deed_tax",
                "partner_id": bureau.id,
                "journal_id": cls.bank.id,
            }
        )
        bank_file = (
            "合同编号,审批金额,放款金额,放款日期,银行流水号\n"
            "HT-X,100,100,2025-03-10,R1\n"
        )
        batch = (
            cls.env["realty.disbursement.batch"]
            .with_user(cls.cashier)
            .create(
                {
                    "project_id": cls.project.id,
                    "file": base64.b64encode(bank_file.encode()),
                    "filename": "放款清单.csv",
                }
            )
        )
        batch.action_import()  # one rejected row: no contract HT-X
        line = contract.schedule_line_ids[:1]
        later = line.due_date + timedelta(days=20)
        late_fee = cls.env["realty.late.fee"]._charge(line, later)
        demand = cls.env["realty.collection.log"]._dunning_run(later, deals=contract)
        cls.attack_samples = {
            "realty.receipt.book": cls.book,
            "realty.receipt": issued,
            "realty.receipt.line": issued.line_ids,
            "realty.refund": refund,
            "realty.finance.todo": todo,
            "realty.deal.fee": contract.fee_ids,
            "realty.fee.transfer": transfer,
            "realty.disbursement.batch": batch,
            "realty.disbursement.line": batch.line_ids,
            # written by the server only: no client creates them (no create values)
            "realty.collection.log": demand,
            "realty.late.fee": late_fee,
        }
        cls.attack_create_values = {
            "realty.receipt.book": {
                "code": "ATTACK",
                "prefix": "SJ",
                "year": 2025,
                "start_no": 600,
                "end_no": 700,
                "user_id": cls.cashier.id,
            },
            "realty.receipt": {"deal_id": deal.id, "book_id": cls.book.id},
            "realty.receipt.line": {
                "receipt_id": draft.id,
                "item": "deposit",
                "method": "transfer",
                "amount": 1000,
            },
            "realty.fee.transfer": {
                "name": "Attack",
                "fee_type": "stamp_duty",
                "partner_id": bureau.id,
                "journal_id": cls.bank.id,
            },
            "realty.finance.todo": {
                "name": "Attack",
                "kind": "other",
                "deal_id": deal.id,
            },
            "realty.refund": {
                "deal_id": deal.id,
                "reason": "overpayment",
                "amount": 500,
            },
            "realty.disbursement.batch": {
                "project_id": cls.project.id,
                "date": "2025-03-10",
                "filename": "attack.csv",
            },
        }
