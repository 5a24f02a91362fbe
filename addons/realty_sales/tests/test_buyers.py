"""Buyers on res.partner: identity documents (V-36, V-37, §8.5), phones (V-38, §8.6)
and duplicate warnings."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.realty_base.exceptions import RealtyValidationError

from .common import resident_id


@tagged("post_install", "-at_install")
class TestBuyers(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.consultant = new_test_user(
            cls.env,
            "buyers_consultant",
            groups="realty_base.group_realty_consultant,base.group_partner_manager",
        )
        cls.Partner = cls.env["res.partner"].with_user(cls.consultant)

    def buyer(self, number, id_type="resident", **values):
        return self.Partner.create(
            {
                "name": values.pop("name", "测试买受人"),
                "realty_id_type": id_type,
                "realty_id_number": number,
                **values,
            }
        )

    def assertInvalid(self, code, call, *args, **kwargs):
        with self.assertRaises(RealtyValidationError) as caught:
            call(*args, **kwargs)
        self.assertEqual(caught.exception.code, code, str(caught.exception))

    # --------------------------------------------------------- V-36 resident IDs
    def test_v36_valid_resident_ids(self):
        cases = [
            ("11010519491231002X", "11010519491231002X", "1949-12-31", "female"),
            ("11010519491231002x", "11010519491231002X", "1949-12-31", "female"),
            (" 320106199003071234 ", "320106199003071234", "1990-03-07", "male"),
            ("440305198511200028", "440305198511200028", "1985-11-20", "female"),
            ("510104200002291233", "510104200002291233", "2000-02-29", "male"),
        ]
        for raw, stored, birth, gender in cases:
            with self.subTest(raw=raw):
                partner = self.buyer(raw)
                self.assertEqual(partner.realty_id_number, stored)
                self.assertEqual(partner._realty_id_number(), stored)
                self.assertEqual(partner.realty_birth_date, fields.Date.to_date(birth))
                self.assertEqual(partner.realty_gender, gender)
                self.assertFalse(partner.realty_is_minor)

    def test_v36_invalid_resident_ids_carry_their_code(self):
        cases = [
            ("110105194912310021", "ERR_ID_CHECKSUM"),
            ("510104200002291234", "ERR_ID_CHECKSUM"),
            ("110105199902300012", "ERR_ID_BIRTHDATE"),  # before the checksum
            ("440524188001010014", "ERR_ID_BIRTHDATE"),  # 1880 < id.min_birth_year
            ("32010619900307123", "ERR_ID_FORMAT"),
            ("991234199001011234", "ERR_ID_PROVINCE"),
            ("810000199001010019", "ERR_ID_PROVINCE"),  # 81: not a mainland province
        ]
        for number, code in cases:
            with self.subTest(number=number):
                self.assertInvalid(code, self.buyer, number)

    def test_v36_min_birth_year_is_configurable(self):
        self.env["ir.config_parameter"].set_param(
            "realty_sales.id_min_birth_year", "1800"
        )
        partner = self.buyer("440524188001010014")
        self.assertEqual(partner.realty_birth_date, fields.Date.to_date("1880-01-01"))

    def test_v36_residence_permit_and_foreign_permanent_resident(self):
        permit = self.buyer("810000199001010019", id_type="hmt_residence")
        self.assertEqual(permit.realty_birth_date, fields.Date.to_date("1990-01-01"))
        self.assertEqual(permit.realty_gender, "male")
        self.assertInvalid(
            "ERR_ID_PROVINCE", self.buyer, "11010519491231002X", id_type="hmt_residence"
        )
        foreign = resident_id(birth="19800101", seq="002", area="911000")
        self.assertEqual(
            self.buyer(foreign, id_type="foreign_permanent").realty_gender, "female"
        )
        self.assertInvalid("ERR_ID_PROVINCE", self.buyer, foreign)

    def test_a_type_change_revalidates_the_number(self):
        partner = self.buyer("11010519491231002X")
        self.assertInvalid(
            "ERR_ID_PROVINCE", partner.write, {"realty_id_type": "hmt_residence"}
        )
        self.assertInvalid(
            "ERR_ID_CHECKSUM", partner.write, {"realty_id_number": "110105194912310021"}
        )
        partner.realty_id_number = "320106199003071234"
        self.assertEqual(
            (partner.realty_birth_date, partner.realty_gender),
            (fields.Date.to_date("1990-03-07"), "male"),
        )

    def test_minor_is_flagged_not_blocked(self):
        today = fields.Date.context_today(self.Partner)
        child = self.buyer(
            resident_id(birth=(today - relativedelta(years=10)).strftime("%Y%m%d"))
        )
        adult = self.buyer(
            resident_id(
                birth=(today - relativedelta(years=18)).strftime("%Y%m%d"), seq="124"
            )
        )
        self.assertTrue(child.realty_is_minor)
        self.assertFalse(adult.realty_is_minor, "18 today: an adult")
        minors = self.Partner.search(
            [("realty_is_minor", "=", True), ("id", "in", (child | adult).ids)]
        )
        self.assertEqual(minors, child)
        adults = self.Partner.search(
            [("realty_is_minor", "=", False), ("id", "in", (child | adult).ids)]
        )
        self.assertEqual(adults, adult)

    # ------------------------------------------------------------- V-37 USCC
    def test_v37_company_buyers_by_uscc(self):
        company = self.buyer(
            "91350100m000100y43",
            id_type="uscc",
            is_company=True,
            name="福州测试置业有限公司",
        )
        self.assertEqual(company.realty_id_number, "91350100M000100Y43")
        self.assertFalse(company.realty_birth_date)
        self.assertInvalid(
            "ERR_ID_CHECKSUM",
            self.buyer,
            "91350100M000100Y44",
            id_type="uscc",
            is_company=True,
        )
        self.assertInvalid(
            "ERR_ID_FORMAT",
            self.buyer,
            "91350100I000100Y43",
            id_type="uscc",
            is_company=True,
        )

    def test_passport_is_free_but_needs_a_nationality(self):
        self.assertInvalid("ERR_ID_FORMAT", self.buyer, "e 1234567", id_type="passport")
        partner = self.buyer(
            "e 1234567", id_type="passport", country_id=self.env.ref("base.us").id
        )
        self.assertEqual(partner.realty_id_number, "E1234567")
        self.assertInvalid("ERR_ID_FORMAT", partner.write, {"country_id": False})
        permit = self.buyer("h1234567801", id_type="hk_macau_permit")
        self.assertEqual(permit.realty_id_number, "H1234567801")

    # ---------------------------------------------------------- V-38 phones
    def test_v38_buyer_mobiles_are_stored_e164(self):
        for raw in (
            "13800138000",
            "+86 138-0013-8000",
            "(+86)13800138000",
            "008613800138000",
            "8613800138000",
        ):
            with self.subTest(raw=raw):
                partner = self.buyer("11010519491231002X", mobile=raw)
                self.assertEqual(partner.mobile, "+8613800138000")
                self.assertEqual(partner.realty_mobile_display, "138 0013 8000")
        partner.mobile = "19912345678"
        self.assertEqual(partner.mobile, "+8619912345678")
        hong_kong = self.buyer(
            "810000199001010019", id_type="hmt_residence", mobile="+852 9123 4567"
        )
        self.assertEqual(hong_kong.mobile, "+85291234567")

    def test_v38_invalid_mobiles_are_refused_for_buyers_only(self):
        for raw in ("12345678901", "1380013800", "138001380001", "010-12345678"):
            with self.subTest(raw=raw):
                self.assertInvalid(
                    "ERR_PHONE_FORMAT", self.buyer, "11010519491231002X", mobile=raw
                )
        partner = self.buyer("11010519491231002X", mobile="13800138000")
        self.assertInvalid("ERR_PHONE_FORMAT", partner.write, {"mobile": "12345678901"})
        other = self.Partner.create({"name": "Supplier", "mobile": "12345678901"})
        self.assertEqual(other.mobile, "12345678901", "not a buyer: untouched")
        self.assertInvalid(
            "ERR_PHONE_FORMAT",
            self.Partner.with_context(realty_buyer=True).create,
            {"name": "Walk-in", "mobile": "12345678901"},
        )

    def test_v38_landlines_are_kept(self):
        cases = [
            ("010-12345678", "010-12345678"),
            ("01012345678", "010-12345678"),
            ("0755-1234567", "0755-1234567"),
            ("0755-12345678-801", "0755-12345678-801"),
            ("400-820-8820", "400-820-8820"),
            ("+86 10 1234 5678", "010-12345678"),  # Odoo's phone widget format
            ("13800138000", "+8613800138000"),  # a mobile in the phone field
        ]
        for raw, stored in cases:
            with self.subTest(raw=raw):
                partner = self.buyer(
                    "11010519491231002X", mobile="13912345678", phone=raw
                )
                self.assertEqual(partner.phone, stored)
        self.assertInvalid(
            "ERR_PHONE_FORMAT",
            self.buyer,
            "11010519491231002X",
            mobile="13912345678",
            phone="021-123456",
        )

    def test_v38_each_buyer_has_a_mobile(self):
        self.assertInvalid(
            "ERR_PHONE_FORMAT", self.buyer, "11010519491231002X", phone="010-12345678"
        )
        in_phone = self.buyer("11010519491231002X", phone="13800138000")
        self.assertEqual(in_phone.phone, "+8613800138000")
        partner = self.buyer(
            "11010519491231002X", mobile="13800138000", phone="010-12345678"
        )
        self.assertInvalid("ERR_PHONE_FORMAT", partner.write, {"mobile": False})
        self.assertInvalid(
            "ERR_PHONE_FORMAT",
            self.Partner.with_context(realty_buyer=True).create,
            {"name": "No phone"},
        )
        self.assertEqual([code for code, _msg in partner._realty_mobile_errors()], [])
        bare = self.buyer("320106199003071234")  # no phone data at all
        self.assertEqual(
            [code for code, _msg in bare._realty_mobile_errors()], ["ERR_PHONE_FORMAT"]
        )

    def test_a_contact_becoming_a_buyer_gets_its_mobile_normalised(self):
        contact = self.Partner.create({"name": "潜在客户", "mobile": "138 0013 8000"})
        self.assertEqual(contact.mobile, "138 0013 8000")
        contact.write(
            {"realty_id_type": "resident", "realty_id_number": "11010519491231002X"}
        )
        self.assertEqual(contact.mobile, "+8613800138000")

    def test_form_requires_a_mobile_for_a_buyer(self):
        form = Form(self.Partner)
        form.name = "表单买受人"
        form.realty_id_type = "resident"
        form.realty_id_number = resident_id(birth="19791009", seq="771", area="330106")
        with self.assertRaises(AssertionError):
            form.save()
        form.mobile = "139 1234 5679"
        partner = form.save()
        self.assertEqual(partner.mobile, "+8613912345679")
        self.assertEqual(partner.realty_gender, "male")

    # ------------------------------------------------------------ duplicates
    def test_duplicate_warnings(self):
        number = resident_id(birth="19760512", seq="331", area="330106")
        original = self.buyer(number, name="重复测试甲", mobile="13957100001")
        same_id = self.buyer(number, name="重复测试乙", mobile="13957100002")
        self.assertEqual(same_id.realty_duplicate_level, "id_number")
        self.assertIn(original, same_id.realty_duplicate_ids)
        self.assertTrue(same_id.realty_duplicate_warning)
        same_mobile = self.buyer(
            resident_id(birth="19760512", seq="333", area="330106"),
            name="重复测试丙",
            mobile="+86 139-5710-0001",
        )
        self.assertEqual(same_mobile.realty_duplicate_level, "mobile")
        self.assertEqual(same_mobile.realty_duplicate_ids, original)
        same_name = self.buyer(
            resident_id(birth="19760512", seq="335", area="330106"),
            name="重复测试丙",
            mobile="13957100003",
        )
        self.assertEqual(same_name.realty_duplicate_level, "name")
        self.assertEqual(same_name.realty_duplicate_ids, same_mobile)
        unique = self.buyer(
            resident_id(birth="19760512", seq="337", area="330106"),
            name="重复测试丁",
            mobile="13957100004",
        )
        self.assertFalse(unique.realty_duplicate_level)
        self.assertFalse(unique.realty_duplicate_ids)
        # both signals: the ID number is the stronger one
        both = self.buyer(number, name="重复测试戊", mobile="13957100003")
        self.assertEqual(both.realty_duplicate_level, "id_number")
        self.assertEqual(both.realty_duplicate_ids, original | same_id | same_name)
        # not a buyer: no warning
        supplier = self.Partner.create({"name": "重复测试甲"})
        self.assertFalse(supplier.realty_duplicate_ids)

    def test_duplicate_onchange_warns_without_blocking(self):
        number = resident_id(birth="19811111", seq="441", area="330106")
        original = self.buyer(number, name="变更测试甲", mobile="13957100011")
        draft = self.Partner.new(
            {
                "name": "变更测试乙",
                "realty_id_type": "resident",
                "realty_id_number": number,
            }
        )
        result = draft._onchange_realty_duplicates()
        self.assertIn(original.display_name, result["warning"]["message"])
        self.assertEqual(draft.realty_duplicate_level, "id_number")
        fresh = self.Partner.new(
            {
                "name": "变更测试丙",
                "realty_id_type": "resident",
                "realty_id_number": resident_id(seq="442"),
            }
        )
        self.assertIsNone(fresh._onchange_realty_duplicates())
        # the warning is no block
        self.assertTrue(self.buyer(number, name="变更测试乙", mobile="13957100012"))

    def test_search_by_id_number_and_mobile(self):
        number = resident_id(birth="19700101", seq="551", area="330106")
        partner = self.buyer(number, name="检索测试", mobile="13957100021")
        self.assertEqual(
            self.Partner.search([("realty_id_number", "ilike", number[-8:])]), partner
        )
        self.assertIn(
            partner,
            self.Partner.search([("phone_mobile_search", "ilike", "139 5710 0021")]),
        )
