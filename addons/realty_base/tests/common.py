"""Fixtures of the realty_base tests: users per role, a project, a building, rooms.

Tests never rely on demo data; every record they use is built here.
"""

import json
import shutil
import subprocess
import unicodedata
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


def pdf_text(pdf_bytes):
    """The text of a PDF as a reader would copy it (pdftotext, poppler-utils).

    NFKC-normalised: CJK fonts map some ideographs to Kangxi radical code points
    (人 comes out as U+2F08), which normalisation turns back into the ideograph."""
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        raise AssertionError("pdftotext (poppler-utils) is required to read PDFs")
    proc = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"],
        input=pdf_bytes,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return unicodedata.normalize("NFKC", proc.stdout.decode("utf-8"))


AREAS = {"area_building": 89.57, "area_inner": 72.33, "area_shared": 17.24}  # V-02


class RealtyCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.realty_admin = new_test_user(
            cls.env, "realty_admin", groups="realty_base.group_realty_admin"
        )
        cls.manager = new_test_user(
            cls.env, "realty_manager", groups="realty_base.group_realty_manager"
        )
        cls.consultant = new_test_user(
            cls.env, "realty_consultant", groups="realty_base.group_realty_consultant"
        )
        cls.project = cls.env["realty.project"].create(
            {
                "name": "Test Garden",
                "code": "TG",
                "user_ids": [Command.set([cls.manager.id, cls.consultant.id])],
            }
        )
        cls.hold_reason = cls.env.ref("realty_base.hold_reason_price_review")

    @classmethod
    def create_building(cls, code="1", project=None, **values):
        return cls.env["realty.building"].create(
            {
                "name": f"{code}#",
                "code": code,
                "project_id": (project or cls.project).id,
                "floors_above": 20,
                **values,
            }
        )

    @classmethod
    def generate(
        cls,
        building,
        floors=(1, 1),
        positions=(1, 1),
        stairs=("1",),
        add_missing_only=False,
        **spec,
    ):
        """Rooms of one spec line: physical floors and positions as (from, to)."""
        return building._generate_rooms(
            [
                {
                    "stair_codes": list(stairs),
                    "floor_from": floors[0],
                    "floor_to": floors[1],
                    "position_from": positions[0],
                    "position_to": positions[1],
                    **AREAS,
                    **spec,
                }
            ],
            add_missing_only=add_missing_only,
        )

    @classmethod
    def create_permit(cls, buildings, project=None, **values):
        permit = cls.env["realty.permit"].create(
            {
                "name": f"Permit {len(buildings.ids)}-{buildings[:1].code}",
                "project_id": (project or cls.project).id,
                "issue_date": fields.Date.today() - timedelta(days=30),
                "building_ids": [Command.set(buildings.ids)],
                **values,
            }
        )
        permit.action_validate()
        return permit

    @classmethod
    def create_cash_method(cls, name, code, **line):
        """A one-off payment method: the whole price due on the contract (``line``
        changes the values of that balance line)."""
        return cls.env["realty.payment.method"].create(
            {
                "name": name,
                "code": code,
                "payment_type": "one_off",
                "line_ids": [
                    Command.create(
                        {
                            "item": "balance",
                            "basis": "remainder",
                            "due_kind": "on_contract",
                            **line,
                        }
                    )
                ],
            }
        )

    def adjustment_plan(self, name, rooms, value, adjust_type="percent"):
        """A draft price plan of the project, made by the manager, that adjusts the
        prices of `rooms` by `value` (percent, or yuan per m² for amount_per_m2)."""
        return (
            self.env["realty.price.plan"]
            .with_user(self.manager)
            .create(
                {
                    "name": name,
                    "project_id": self.project.id,
                    "kind": "adjustment",
                    "adjust_type": adjust_type,
                    "adjust_value": value,
                    "room_ids": [Command.set(rooms.ids)],
                }
            )
        )

    @staticmethod
    def set_list_price(rooms, unit_price=15762.06, total=1411808):  # V-03
        rooms._unlocked().write({"list_unit_price": unit_price, "list_total": total})


class JsonRpcMixin:
    """For HttpCase tests: a server call as the web client makes it."""

    def call_kw(self, model, method, args, kwargs=None):
        """``/web/dataset/call_kw`` of `method` on `model`; the decoded JSON-RPC
        answer (``result``, or ``error`` for a refusal)."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()
