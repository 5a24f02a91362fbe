"""Customers on Odoo's CRM (issue 16, part 1): the duplicate check on normalised
phones and ID numbers, the first consultant's claim held at the server, the
reassignment of every linked document, the funnel counts and the record rules."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.realty_base.tests.common import JsonRpcMixin

from .common import SalesCase, resident_id

MOBILE = "13800138000"
LANDLINE = "010-12345678"


class CrmCase(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant_b = new_test_user(
            cls.env, "realty_consultant_b", groups="realty_base.group_realty_consultant"
        )
        cls.receptionist = new_test_user(
            cls.env,
            "realty_receptionist",
            groups="realty_sales.group_realty_receptionist",
        )
        cls.outsider = new_test_user(
            cls.env, "realty_outsider", groups="realty_base.group_realty_consultant"
        )
        cls.project.user_ids |= cls.consultant_b | cls.receptionist
        cls.other_project = cls.env["realty.project"].create(
            {
                "name": "Other Garden",
                "code": "OG",
                "user_ids": [Command.set([cls.outsider.id, cls.manager.id])],
            }
        )
        cls.campaign = cls.env["utm.campaign"].create({"name": "Spring Opening"})
        cls.source = cls.env["utm.source"].create({"name": "Billboard"})
        # consultant A's customer: a lead with a mobile and a visit with a landline
        cls.lead_a = (
            cls.env["crm.lead"]
            .with_user(cls.consultant)
            .create(
                {
                    "name": "王先生, Test Garden",
                    "type": "opportunity",
                    "contact_name": "王先生",
                    "mobile": MOBILE,
                    "realty_project_id": cls.project.id,
                    "campaign_id": cls.campaign.id,
                    "source_id": cls.source.id,
                }
            )
        )
        cls.visit_landline = (
            cls.env["realty.visit"]
            .with_user(cls.consultant)
            .create(
                {
                    "project_id": cls.project.id,
                    "visitor_name": "李女士",
                    "mobile": LANDLINE,
                    "date": "2024-05-01 10:00:00",
                }
            )
        )
        cls.Collision = cls.env["realty.customer.collision"]

    def collisions(self):
        """The collisions logged in the test's project (the demo logs its own)."""
        return self.Collision.search([("project_id", "=", self.project.id)])


class TestDuplicateCheck(CrmCase):
    def owner(self, **kwargs):
        return self.Collision._realty_find_owner(self.project, **kwargs)

    def test_mobile_forms(self):
        """+86, 0086, spaces, dashes and parentheses name the same mobile (§8.6)."""
        self.assertEqual(self.lead_a.realty_phone_key, "+8613800138000")
        for raw in (
            "13800138000",
            "+86 138 0013 8000",
            "+86-138-0013-8000",
            "0086 13800138000",
            "8613800138000",
            "(138) 0013-8000",
        ):
            owner = self.owner(phone=raw)
            self.assertTrue(owner, raw)
            self.assertEqual((owner.user, owner.level), (self.consultant, "mobile"))
            self.assertEqual(owner.record, self.lead_a)
        self.assertFalse(self.owner(phone="13800138001"))
        self.assertFalse(
            self.Collision._realty_find_owner(self.other_project, phone=MOBILE),
            "another project's customer is not this one's",
        )

    def test_landline_forms(self):
        self.assertEqual(self.visit_landline.realty_phone_key, LANDLINE)
        for raw in ("010-12345678", "010 1234 5678", "01012345678", "+86 10 1234 5678"):
            owner = self.owner(phone=raw)
            self.assertTrue(owner, raw)
            self.assertEqual(owner.record, self.visit_landline)
            self.assertEqual(owner.level, "mobile")
        self.assertFalse(self.owner(phone="010-12345679"))

    def test_id_number(self):
        """A customer entered under another partner with the same ID number (the
        x of the check character in lower case) is the same person."""
        number = "11010519491231002X"
        self.env["crm.lead"].with_user(self.consultant_b).create(
            {
                "name": "陈立",
                "type": "opportunity",
                "partner_id": self.buyer_c.id,
                "realty_project_id": self.project.id,
            }
        )
        owner = self.owner(id_number=number.lower())
        self.assertEqual((owner.user, owner.level), (self.consultant_b, "id_number"))
        twin = self.env["res.partner"].create(
            {
                "name": "陈立 (again)",
                "realty_id_type": "resident",
                "realty_id_number": number,
            }
        )
        owner = self.owner(partner=twin)
        self.assertEqual((owner.user, owner.level), (self.consultant_b, "id_number"))
        other = self.env["res.partner"].create(
            {
                "name": "Somebody",
                "realty_id_type": "resident",
                "realty_id_number": resident_id(birth="19800101"),
            }
        )
        self.assertFalse(self.owner(partner=other))

    def test_same_name_warns_only(self):
        owner = self.owner(name="王先生")
        self.assertEqual((owner.user, owner.level), (self.consultant, "name"))
        self.assertIn(self.consultant.name, self.Collision._realty_owner_message(owner))
        visit = (
            self.env["realty.visit"]
            .with_user(self.consultant_b)
            .create(
                {
                    "project_id": self.project.id,
                    "visitor_name": "王先生",
                    "mobile": "13900139000",
                }
            )
        )
        self.assertEqual(visit.user_id, self.consultant_b, "a name is no claim")
        self.assertFalse(self.Collision.search([("project_id", "=", self.project.id)]))

    def test_form_warning(self):
        """The form tells whose customer it is before saving (onchange)."""
        visit = (
            self.env["realty.visit"]
            .with_user(self.consultant_b)
            .new({"project_id": self.project.id, "mobile": "+86 138 0013 8000"})
        )
        self.assertIn(self.consultant.name, visit.realty_owner_warning)
        result = visit._onchange_realty_owner()
        self.assertIn(self.consultant.name, result["warning"]["message"])
        mine = (
            self.env["realty.visit"]
            .with_user(self.consultant)
            .new({"project_id": self.project.id, "mobile": MOBILE})
        )
        self.assertFalse(mine.realty_owner_warning, "no warning to the owner")

    def test_first_consultant_keeps_the_customer(self):
        """A visit and a lead for A's customer, entered by B, go to A; logged."""
        visit = (
            self.env["realty.visit"]
            .with_user(self.consultant_b)
            .create(
                {
                    "project_id": self.project.id,
                    "visitor_name": "王",
                    "mobile": "+86 138-0013-8000",
                }
            )
        )
        self.assertEqual(visit.user_id, self.consultant)
        lead = (
            self.env["crm.lead"]
            .with_user(self.consultant_b)
            .create(
                {
                    "name": "王 again",
                    "phone": "138 0013 8000",
                    "realty_project_id": self.project.id,
                }
            )
        )
        self.assertEqual(lead.user_id, self.consultant)
        collisions = self.Collision.search([("project_id", "=", self.project.id)])
        self.assertEqual(len(collisions), 2)
        self.assertEqual(collisions.existing_user_id, self.consultant)
        self.assertEqual(collisions.claiming_user_id, self.consultant_b)
        self.assertEqual(
            set(collisions.mapped("res_model")), {"realty.visit", "crm.lead"}
        )
        self.assertEqual(set(collisions.mapped("match_level")), {"mobile"})
        # the managers see and settle them; consultants do not read the log
        with self.assertRaises(AccessError):
            self.Collision.with_user(self.consultant_b).search([])
        mine = self.Collision.with_user(self.manager).search(
            [("project_id", "=", self.project.id)]
        )
        self.assertEqual(mine, collisions)
        mine[0].with_user(self.manager).action_resolve()
        self.assertTrue(mine[0].resolved)
        self.assertEqual(mine[0].resolved_by_id, self.manager)

    def test_consultant_cannot_take_over(self):
        with self.assertRaises(AccessError):
            self.lead_a.with_user(self.consultant_b).write(
                {"user_id": self.consultant_b.id}
            )
        with self.assertRaises(AccessError):
            self.visit_landline.with_user(self.consultant_b).write(
                {"user_id": self.consultant_b.id}
            )
        self.lead_a.with_user(self.manager).write({"user_id": self.consultant_b.id})
        self.assertEqual(self.lead_a.user_id, self.consultant_b)


class TestWalkIn(CrmCase):
    def walk_in(self, **values):
        return (
            self.env["realty.walk.in"]
            .with_user(self.receptionist)
            .create({"project_id": self.project.id, **values})
        )

    def test_known_customer(self):
        wizard = self.walk_in(visitor_name="王", mobile="138 0013 8000")
        self.assertEqual(wizard.owner_user_id, self.consultant)
        self.assertIn(self.consultant.name, wizard.owner_warning)
        action = wizard.action_register()
        visit = self.env["realty.visit"].browse(action["res_id"])
        self.assertEqual(visit.user_id, self.consultant)
        self.assertEqual(visit.opportunity_id, self.lead_a)
        self.assertFalse(visit.first_visit)
        self.assertFalse(self.collisions(), "the receptionist claims nothing")
        self.assertEqual(self.lead_a.realty_visit_count, 1)

    def test_known_customer_claimed(self):
        wizard = self.walk_in(
            visitor_name="王", mobile=MOBILE, user_id=self.consultant_b.id, kind="call"
        )
        visit = self.env["realty.visit"].browse(wizard.action_register()["res_id"])
        self.assertEqual(visit.user_id, self.consultant)
        self.assertEqual(visit.kind, "call")
        self.assertEqual(self.lead_a.realty_call_count, 1)
        collision = self.collisions()
        self.assertEqual(collision.claiming_user_id, self.consultant_b)
        self.assertEqual(collision.entered_by_id, self.receptionist)

    def test_new_customer(self):
        wizard = self.walk_in(
            visitor_name="赵",
            mobile="13700137000",
            visitor_count=3,
            source_id=self.source.id,
            campaign_id=self.campaign.id,
            user_id=self.consultant_b.id,
        )
        self.assertFalse(wizard.owner_warning)
        visit = self.env["realty.visit"].browse(wizard.action_register()["res_id"])
        self.assertEqual(visit.user_id, self.consultant_b)
        self.assertTrue(visit.first_visit)
        lead = visit.opportunity_id
        self.assertEqual(lead.user_id, self.consultant_b)
        self.assertEqual(lead.realty_project_id, self.project)
        self.assertEqual(
            (lead.campaign_id, lead.source_id), (self.campaign, self.source)
        )
        # a walk-in has visited: the new opportunity starts at 来访
        self.assertEqual(lead.stage_id, self.env.ref("realty_sales.crm_stage_visited"))


class TestLeadNeeds(CrmCase):
    def test_expected_value_from_rooms(self):
        lead = self.lead_a
        lead.write({"realty_room_ids": [Command.set((self.room | self.room_b).ids)]})
        self.assertEqual(lead.expected_revenue, 2 * 1411808)
        self.set_list_price(self.room_b, total=1500000)
        self.assertEqual(lead.expected_revenue, 1411808 + 1500000)
        lead.write({"realty_room_ids": [Command.clear()], "expected_revenue": 900000})
        self.assertEqual(lead.expected_revenue, 900000, "typed when no room is chosen")

    def test_needs_are_checked(self):
        with self.assertRaises(ValidationError):
            self.lead_a.write({"realty_area_min": 120, "realty_area_max": 90})
        other_building = self.create_building("O1", project=self.other_project)
        other_room = self.generate(other_building)
        with self.assertRaises(ValidationError):
            self.lead_a.write({"realty_room_ids": [Command.set(other_room.ids)]})

    def test_queue_number_and_deal_keep_the_link(self):
        lead = self.lead_a
        self.assertRefused("ERR_INVALID_INPUT", lead.action_realty_new_queue_number)
        lead.partner_id = self.buyer_c
        context = lead.with_user(self.consultant).action_realty_new_queue_number()[
            "context"
        ]
        self.assertEqual(context["default_opportunity_id"], lead.id)
        # the form the button opens, saved as the consultant
        number = Form(
            self.env["realty.queue.number"]
            .with_user(self.consultant)
            .with_context(**context)
        ).save()
        self.assertEqual(number.opportunity_id, lead)
        self.assertEqual(number.partner_id, self.buyer_c)
        lead.realty_room_ids = self.room
        context = lead.with_user(self.consultant).action_realty_new_deal()["context"]
        self.assertEqual(context["default_room_id"], self.room.id)
        with Form(
            self.env["realty.deal"].with_user(self.consultant).with_context(**context)
        ) as form:
            form.payment_method_id = self.cash
        deal = form.record
        self.assertEqual((deal.opportunity_id, deal.room_id), (lead, self.room))
        lead.invalidate_recordset()
        self.assertEqual(
            (lead.realty_queue_number_count, lead.realty_deal_count), (1, 1)
        )


class TestReassignment(CrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_a.partner_id = cls.buyer_c
        cls.visits = cls.env["realty.visit"].create(
            [
                {
                    "project_id": cls.project.id,
                    "partner_id": cls.buyer_c.id,
                    "opportunity_id": cls.lead_a.id,
                    "user_id": cls.consultant.id,
                },
                {
                    "project_id": cls.project.id,
                    "visitor_name": "王",
                    "mobile": MOBILE,
                    "kind": "call",
                    "opportunity_id": cls.lead_a.id,
                    "user_id": cls.consultant.id,
                },
            ]
        )
        cls.number = cls.env["realty.queue.number"].create(
            {
                "project_id": cls.project.id,
                "partner_id": cls.buyer_c.id,
                "user_id": cls.consultant.id,
                "opportunity_id": cls.lead_a.id,
            }
        )
        Deal = cls.env["realty.deal"].with_user(cls.consultant)
        cls.open_deal = Deal.create(
            {
                "room_id": cls.room.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
                "opportunity_id": cls.lead_a.id,
            }
        )
        cls.cancelled_deal = Deal.create(
            {
                "room_id": cls.room_b.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
            }
        )
        cls.cancelled_deal.action_reserve()
        cls.cancelled_deal.action_cancel_reservation()

    def transfer(self, user, **values):
        return (
            self.env["realty.customer.transfer"]
            .with_user(user)
            .create(
                {
                    "project_id": self.project.id,
                    "from_user_id": self.consultant.id,
                    "to_user_id": self.consultant_b.id,
                    "reason": "A leaves the project",
                    **values,
                }
            )
        )

    def test_every_linked_record_moves(self):
        context = self.lead_a.with_user(self.manager).action_realty_reassign()[
            "context"
        ]
        self.assertEqual(context["default_from_user_id"], self.consultant.id)
        self.assertEqual(context["default_partner_ids"], self.buyer_c.ids)
        wizard = self.transfer(
            self.manager, partner_ids=[Command.set(self.buyer_c.ids)]
        )
        self.assertEqual(
            (
                wizard.lead_count,
                wizard.visit_count,
                wizard.queue_number_count,
                wizard.deal_count,
            ),
            (1, 2, 1, 1),  # the landline visit is not this customer's
        )
        action = wizard.action_transfer()
        for records in (self.lead_a, self.visits, self.number, self.open_deal):
            self.assertEqual(records.user_id, self.consultant_b, records)
        self.assertEqual(self.visit_landline.user_id, self.consultant, "not selected")
        self.assertEqual(self.cancelled_deal.user_id, self.consultant, "history stays")
        log = self.env["realty.customer.transfer.log"].browse(action["res_id"])
        self.assertEqual(log.lead_ids, self.lead_a)
        self.assertEqual(log.queue_number_ids, self.number)
        self.assertEqual(log.deal_ids, self.open_deal)
        self.assertEqual(log.visit_ids, self.visits)
        for record in (self.lead_a, self.number, self.open_deal):
            self.assertIn("A leaves the project", record.message_ids[:1].body, record)
        # the customer is now B's: a new visit by A goes to B
        visit = (
            self.env["realty.visit"]
            .with_user(self.consultant)
            .create({"project_id": self.project.id, "partner_id": self.buyer_c.id})
        )
        self.assertEqual(visit.user_id, self.consultant_b)

    def test_to_another_project(self):
        self.lead_a.realty_room_ids = self.room
        wizard = self.transfer(
            self.manager,
            to_user_id=self.outsider.id,
            target_project_id=self.other_project.id,
        )
        wizard.action_transfer()
        self.assertEqual(self.lead_a.realty_project_id, self.other_project)
        self.assertFalse(
            self.lead_a.realty_room_ids, "the rooms were the old project's"
        )
        self.assertEqual(set(self.visits.project_id.ids), {self.other_project.id})
        self.assertEqual(
            self.number.project_id, self.project, "a number keeps its project"
        )

    def test_refused_to_consultants(self):
        with self.assertRaises(AccessError):
            self.transfer(self.consultant)
        wizard = self.transfer(self.manager)
        with self.assertRaises(AccessError):
            wizard.with_user(self.consultant).action_transfer()
        self.assertEqual(self.lead_a.user_id, self.consultant)


class TestFunnel(CrmCase):
    def test_counts_by_hand(self):
        """Five leads: one only, one visited, one queued, one dealt, one signed;
        the other project's lead is not counted."""
        Lead = self.env["crm.lead"].with_user(self.consultant_b)
        leads = Lead.create(
            [
                {
                    "name": f"Funnel {index}",
                    "type": "opportunity",
                    "realty_project_id": self.project.id,
                }
                for index in range(4)
            ]
        )
        self.env["crm.lead"].create(
            {"name": "Elsewhere", "realty_project_id": self.other_project.id}
        )
        visited, queued, dealt, signed = leads
        Visit = self.env["realty.visit"].with_user(self.consultant_b)
        for lead in (visited, queued, dealt, signed):
            Visit.create(
                {
                    "project_id": self.project.id,
                    "visitor_name": lead.name,
                    "opportunity_id": lead.id,
                }
            )
        buyers = self.env["res.partner"].create(
            [
                {
                    "name": f"Queue {index}",
                    "realty_id_type": "resident",
                    "realty_id_number": resident_id(seq=f"{index}11"),
                }
                for index in range(1, 4)
            ]
        )
        for lead, buyer in zip((queued, signed, dealt), buyers, strict=True):
            number = self.env["realty.queue.number"].create(
                {
                    "project_id": self.project.id,
                    "partner_id": buyer.id,
                    "opportunity_id": lead.id,
                }
            )
        cancelled = number
        cancelled.action_cancel()
        self.deal(room=self.rooms[2], opportunity_id=dealt.id)
        contract = self.deal(
            room=self.rooms[3], opportunity_id=signed.id, delivery_date="2027-06-30"
        )
        contract.action_sign_contract()
        # by hand: leads 1 (A's) + 4, visited 4, queued 2, dealt 2, signed 1
        self.env.flush_all()
        [row] = self.env["realty.funnel.report"]._read_group(
            [("project_id", "=", self.project.id)],
            [],
            [
                "lead_count:sum",
                "visit_count:sum",
                "queue_count:sum",
                "deal_count:sum",
                "contract_count:sum",
            ],
        )
        self.assertEqual(row, (5, 4, 2, 2, 1))
        by_project = dict(
            self.env["realty.funnel.report"]._read_group(
                [], ["project_id"], ["lead_count:sum"]
            )
        )
        self.assertEqual(by_project[self.other_project], 1)
        # the consultant of the other project sees its funnel only
        mine = self.env["realty.funnel.report"].with_user(self.outsider).search([])
        self.assertEqual(mine.project_id, self.other_project)


class TestLeadAccess(CrmCase):
    def test_record_rules_by_role(self):
        Lead = self.env["crm.lead"]
        private = Lead.create({"name": "Not a realty lead", "user_id": self.gm.id})
        other = Lead.create(
            {"name": "Elsewhere", "realty_project_id": self.other_project.id}
        )
        for user in (self.consultant, self.consultant_b, self.receptionist):
            seen = Lead.with_user(user).search(
                [("id", "in", (self.lead_a | private | other).ids)]
            )
            self.assertEqual(seen, self.lead_a, user.login)
        seen = Lead.with_user(self.outsider).search(
            [("id", "in", (self.lead_a | other).ids)]
        )
        self.assertEqual(seen, other)
        seen = Lead.with_user(self.realty_admin).search(
            [("id", "in", (self.lead_a | private | other).ids)]
        )
        self.assertEqual(seen, self.lead_a | private | other)
        with self.assertRaises(AccessError):
            self.lead_a.with_user(self.outsider).read(["name"])
        # a receptionist registers leads and visits, not deals
        self.assertTrue(Lead.with_user(self.receptionist).has_access("create"))
        self.assertFalse(
            self.env["realty.deal"].with_user(self.receptionist).has_access("create")
        )
        with self.assertRaises(AccessError):
            self.lead_a.with_user(self.consultant).unlink()


@tagged("post_install", "-at_install")
class TestClaimOverRpc(JsonRpcMixin, CrmCase, HttpCase):
    """The web client is one client: consultant B, over JSON-RPC, cannot take A's
    customer by creating a visit or a lead for them, nor by writing the
    consultant."""

    def test_attacker_does_not_steal(self):
        self.authenticate(self.consultant_b.login, self.consultant_b.login)
        answer = self.call_kw(
            "realty.visit",
            "create",
            [
                {
                    "project_id": self.project.id,
                    "visitor_name": "王",
                    "mobile": "+86 138 0013 8000",
                    "user_id": self.consultant_b.id,
                }
            ],
        )
        visit = self.env["realty.visit"].browse(answer["result"])
        self.assertEqual(visit.user_id, self.consultant)
        answer = self.call_kw(
            "crm.lead",
            "create",
            [
                {
                    "name": "mine now",
                    "mobile": "0086 138 0013 8000",
                    "realty_project_id": self.project.id,
                    "user_id": self.consultant_b.id,
                }
            ],
        )
        lead = self.env["crm.lead"].browse(answer["result"])
        self.assertEqual(lead.user_id, self.consultant)
        answer = self.call_kw(
            "crm.lead", "write", [self.lead_a.ids, {"user_id": self.consultant_b.id}]
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.lead_a.invalidate_recordset()
        self.assertEqual(self.lead_a.user_id, self.consultant)
        collisions = self.collisions()
        self.assertEqual(len(collisions), 2)
        self.assertEqual(collisions.claiming_user_id, self.consultant_b)
        answer = self.call_kw("realty.customer.collision", "search_read", [[]])
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
