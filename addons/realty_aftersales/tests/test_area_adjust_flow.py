"""The batch's life: the import refusals one by one, the approval voided by a
person's change, the apply (rooms, schedules, deals, fees' basis), the refund set
against what the buyer owes, a regenerated schedule that keeps the settlement."""

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.realty_base.tools import errors as codes

from .area_common import AreaCase, csv_file, xlsx_file

V26 = ("2-1-101", "91.20", "72.33", "18.87")


@tagged("post_install", "-at_install")
class TestAreaAdjustFlow(AreaCase):
    def approved(self, rows):
        batch = self.imported(rows)
        batch.action_submit()
        batch.with_user(self.aftersales_manager).action_approve()
        self.assertEqual(batch.state, "approved")
        return batch

    # ------------------------------------------------------------ the import
    def assertImportRefused(self, rows, *expected, code=codes.ERR_IMPORT_ROW):
        batch = self.batch(rows)
        error = self.assertRefused(code, batch.action_import)
        for text in expected:
            self.assertIn(text, str(error))
        self.assertFalse(batch.line_ids)
        self.assertEqual(batch.state, "draft")
        return error

    def test_import_refusals_one_by_one(self):
        self.contract("2-1-101")
        self.contract("2-1-102")
        self.assertImportRefused(
            [("2-1-101", "0", "72.33", "-72.33")], "Row 2 (2-1-101)"
        )
        self.assertImportRefused([("2-1-101", "-91.20", "72.33", "18.87")], "Row 2")
        self.assertImportRefused([("2-1-101", "9I.20", "72.33", "18.87")], "Row 2")
        self.assertImportRefused([("2-1-101", "91.201", "72.33", "18.87")], "Row 2")
        # ±20 % of the contract area: a typing error
        self.assertImportRefused([("2-1-101", "108.00", "72.33", "35.67")], "20.0 %")
        self.assertImportRefused([("2-1-101", "91.20", "50.00", "41.20")], "20.0 %")
        self.assertImportRefused([("9-9-999", "91.20", "72.33", "18.87")], "9-9-999")
        self.assertImportRefused([("1-1-1101", "91.20", "72.33", "18.87")], "1-1-1101")
        self.assertImportRefused([("2-1-201", "91.20", "72.33", "18.87")], "2-1-201")
        self.assertImportRefused([V26, V26], "Row 3 (2-1-101)", "row 2")
        error = self.assertImportRefused(
            [("2-1-101", "91.20", "72.33", "18.00")], "Row 2", "18.00"
        )
        self.assertIn("[ERR_AREA_SUM] Row 2", str(error))
        self.assertImportRefused([], "no rows")
        self.assertImportRefusedHeader([V26], ("a", "b", "c", "d"))

    def assertImportRefusedHeader(self, rows, header):
        batch = self.batch(rows, file=csv_file(rows, header=header))
        error = self.assertRefused(codes.ERR_IMPORT_ROW, batch.action_import)
        self.assertIn("columns", str(error))

    def test_every_bad_row_is_listed_and_nothing_written(self):
        deal = self.contract("2-1-101")
        self.contract("2-1-102")
        batch = self.batch(
            [
                V26,
                ("2-1-102", "0", "72.33", "18.87"),
                ("2-1-201", "91.20", "72.33", "18.87"),
                ("2-1-102", "91.20", "72.33", "18.87"),
            ]
        )
        error = self.assertRefused(codes.ERR_IMPORT_ROW, batch.action_import)
        lines = str(error).splitlines()
        self.assertEqual(len(lines), 4, lines)
        self.assertIn("3 bad rows", lines[0])
        for line, row in zip(lines[1:], (3, 4, 5), strict=True):
            self.assertTrue(line.startswith(f"[ERR_IMPORT_ROW] Row {row} "), line)
        self.assertEqual(deal.area_adjust_state, "none")
        self.assertFalse(batch.line_ids)

    def test_an_adjusted_or_batched_contract_is_refused(self):
        self.contract("2-1-101")
        batch = self.imported([V26])
        self.assertImportRefused([V26], batch.name)
        batch.action_cancel()
        self.assertEqual(batch.line_ids.deal_id.area_adjust_state, "none")
        other = self.imported([V26], file=xlsx_file([V26]))
        self.assertEqual(other.line_ids.amount, 23438.99)
        other.action_submit()
        other.with_user(self.gm).action_approve()
        other.action_apply()
        self.assertImportRefused([V26], "Settled")

    # ---------------------------------------------------------- the approval
    def test_an_adjustment_voids_the_approval(self):
        self.contract("2-1-101")
        batch = self.imported([V26])
        self.assertRefused(codes.ERR_STATE_TRANSITION, batch.action_approve)
        batch.action_submit()
        self.assertRefused(codes.ERR_APPROVAL_REQUIRED, batch.action_approve)
        self.assertFalse(batch.can_approve)
        batch.with_user(self.aftersales_manager).action_approve()
        line = batch.line_ids.with_user(self.aftersales)
        self.assertRefused(
            codes.ERR_INVALID_INPUT, line.write, {"manual_adjustment": -438.99}
        )
        self.assertEqual(batch.state, "approved")
        line.write({"manual_adjustment": -438.99, "manual_reason": "抹零"})
        self.assertEqual((line.amount, line.adjusted_total), (23000.00, 1310994.00))
        self.assertEqual(batch.state, "to_approve")
        self.assertFalse(batch.approved_by_id)
        self.assertRefused(codes.ERR_STATE_TRANSITION, batch.action_apply)
        batch.with_user(self.gm).action_approve()
        self.assertEqual(batch.approval_snapshot["amount_net"], 23000.00)

    def test_the_batch_form_edits_what_a_person_records(self):
        """The batch form saves its edited lines through the batch: a manual
        adjustment with its reason is written on the line (and voids the
        approval); the settlement's own figures are not."""
        self.contract("2-1-101")
        batch = self.approved([V26]).with_user(self.aftersales)
        line = batch.line_ids
        batch.write(
            {
                "line_ids": [
                    Command.update(
                        line.id, {"manual_adjustment": -438.99, "manual_reason": "抹零"}
                    )
                ]
            }
        )
        self.assertEqual((line.amount, batch.state), (23000.00, "to_approve"))
        self.assertRefused(
            codes.ERR_INVALID_INPUT,
            batch.write,
            {"line_ids": [Command.update(line.id, {"amount": 1.0})]},
        )
        self.assertRefused(
            codes.ERR_INVALID_INPUT,
            batch.write,
            {
                "line_ids": [
                    Command.update(
                        line.id, {"manual_adjustment": 5.0, "manual_reason": ""}
                    )
                ]
            },
        )
        self.assertEqual(line.amount, 23000.00)

    # -------------------------------------------------------------- applying
    def test_apply(self):
        deal = self.contract("2-1-101")
        room = deal.room_id
        batch = self.approved([V26])
        self.assertEqual(
            deal._fee_basis(), (1287994.0, 89.57)
        )  # not settled: the contract's
        batch.action_apply()
        self.assertEqual(batch.state, "applied")
        self.assertEqual(
            (room.area_building_meas, room.area_inner_meas, room.area_shared_meas),
            (91.20, 72.33, 18.87),
        )
        self.assertEqual(deal.area_adjust_state, "settled")
        self.assertEqual(deal.area_adjust_line_id, batch.line_ids)
        line = deal.schedule_line_ids.filtered(lambda s: s.item == "area_adjustment")
        self.assertEqual((line.amount, line.payable), (23438.99, 23438.99))
        self.assertEqual(line.due_date, fields.Date.to_date("2027-06-30"))
        self.assertEqual(deal._fee_basis(), (1311432.99, 91.20))
        self.assertEqual(sum(deal.schedule_line_ids.mapped("amount")), 1311432.99)
        self.assertRefused(
            codes.ERR_STATE_TRANSITION,
            batch.line_ids.with_user(self.aftersales).write,
            {"manual_adjustment": 1, "manual_reason": "x"},
        )
        # a change order regenerates the schedule: the settlement stays
        deal.action_generate_schedule()
        self.assertEqual(
            deal.schedule_line_ids.filtered(
                lambda s: s.item == "area_adjustment"
            ).amount,
            23438.99,
        )

    def test_a_refund_first_offsets_what_is_owed(self):
        owing = self.contract("2-1-202")  # owes the whole 1,287,994
        paid = self.contract("2-1-201")
        paid.register_payment("balance", 1287994)
        self.project.area_adjust_refund_offset_first = True
        rows = [
            ("2-1-202", "85.10", "72.33", "12.77"),  # V-29: −89,915.14
            ("2-1-201", "87.40", "72.33", "15.07"),  # V-27: −31,204.06
        ]
        batch = self.imported(rows)
        for line in batch.line_ids.filtered("rescission_right"):
            line.with_user(self.aftersales).buyer_choice = "continue"
        batch.action_submit()
        batch.with_user(self.gm).action_approve()
        batch.action_apply()
        items = {
            deal: {s.item: s.amount for s in deal.schedule_line_ids}
            for deal in (owing, paid)
        }
        self.assertEqual(items[owing]["area_adjustment"], -89915.14)
        self.assertNotIn("area_refund", items[owing])
        self.assertEqual(items[paid]["area_refund"], -31204.06)
        self.assertNotIn("area_adjustment", items[paid])

    def test_without_offset_the_refund_is_paid_back(self):
        owing = self.contract("2-1-101")
        self.project.area_adjust_refund_offset_first = False
        batch = self.approved([("2-1-101", "87.40", "72.33", "15.07")])
        batch.action_apply()
        refund = owing.schedule_line_ids.filtered(lambda s: s.item == "area_refund")
        self.assertEqual(refund.amount, -31204.06)

    def test_a_rescinding_buyer_is_not_settled(self):
        deal = self.contract("2-1-201")
        batch = self.imported([("2-1-201", "93.60", "72.33", "21.27")])
        batch.line_ids.with_user(self.aftersales).write(
            {"buyer_choice": "rescind", "notice_date": fields.Date.today()}
        )
        batch.action_submit()
        batch.with_user(self.gm).action_approve()
        batch.action_apply()
        self.assertEqual(deal.area_adjust_state, "pending")
        self.assertFalse(
            deal.schedule_line_ids.filtered(lambda s: s.item.startswith("area"))
        )
        self.assertEqual(deal.room_id.area_building_meas, 93.60)

    def test_roles(self):
        self.contract("2-1-101")
        self.assertRefused(
            codes.ERR_APPROVAL_REQUIRED,
            self.batch([V26], user=self.aftersales)
            .with_user(self.consultant)
            .action_import,
        )
        batch = self.imported([V26])
        batch.action_submit()
        self.assertRefused(
            codes.ERR_APPROVAL_REQUIRED, batch.with_user(self.manager).action_approve
        )
