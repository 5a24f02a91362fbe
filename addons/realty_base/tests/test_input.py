"""Input at the door (realty_base/inputs.py): what a client may send to the realty
models' create, write, copy, browse and public methods is refused with
ERR_INVALID_INPUT, before our code or PostgreSQL sees it, and nothing is written."""

import inspect

import psycopg2

from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.realty_base.exceptions import RealtyUserError, RealtyValidationError
from odoo.addons.realty_base.inputs import MAX_CHAR_LENGTH, check_vals
from odoo.addons.realty_base.tools import errors as codes

from .common import RealtyCase

LONG = "名" * 100_000
DOOR = "odoo.addons.realty_base.models.base"
"""The base extension: the door of every realty model, on every model."""
WRONG_VALUES = {
    "integer": ["3", 1.5, [1], {"a": 1}, 2**40],
    "float": ["1.0", [1], {"a": 1}, True, float("nan"), float("inf"), 1e20],
    "monetary": ["1.0", [1], {"a": 1}, True, float("nan"), 1e20, -1e20],
    "boolean": ["yes", [True], {"a": 1}, 2.5],
    "char": [5, 1.5, ["a"], {"a": 1}, LONG],
    "text": [5, ["a"], {"a": 1}, LONG],
    "html": [5, ["a"]],
    "selection": ["no such value", 5.5, ["a"], {"a": 1}],
    "date": ["not a date", 20250101, ["2025-01-01"]],
    "datetime": ["not a date", 1.5, {"a": 1}],
    "many2one": ["1", "abc", [1], [1, 2], 1.5, -1, 2**40, {"id": 1}, True],
    "one2many": ["1", 5, {"a": 1}, [(9, 0, 0)], [(0, 0, "x")], [("a",)], [[1.5]]],
    "many2many": ["1", 5, {"a": 1}, [(6, 0, ["a"])], [(4, "x")], ["a"]],
    "binary": [5, [1], {"a": 1}],
    "json": [{1, 2}],
}
"""Values of the wrong type for each field type (what JSON-RPC can send, and a few
Python values server code could pass by mistake)."""


def realty_models(env):
    return [
        env[name]
        for name in sorted(env.registry)
        if name.startswith("realty.") and not env[name]._abstract
    ]


@tagged("post_install", "-at_install")
class TestInput(RealtyCase):
    def test_every_field_refuses_values_of_the_wrong_type(self):
        """Every field of every realty model, whatever its type, refuses what does
        not fit it (a new field is covered by being declared)."""
        tried = 0
        for Model in realty_models(self.env):
            for name, field in Model._fields.items():
                if name == "id" or field.type not in WRONG_VALUES:
                    continue
                for value in WRONG_VALUES[field.type]:
                    with self.subTest(model=Model._name, field=name, value=value):
                        with self.assertRaises(RealtyUserError) as caught:
                            check_vals(Model, [{name: value}], client=False)
                        self.assertEqual(caught.exception.code, codes.ERR_INVALID_INPUT)
                        self.assertIn(name, str(caught.exception))
                        self.assertLess(len(str(caught.exception)), 1000)
                    tried += 1
        self.assertGreater(tried, 2000)

    def test_browse_refuses_what_is_not_an_id(self):
        """What a client sends as ids never reaches PostgreSQL: 'abc' was browsed
        as the records 'a', 'b' and 'c'."""
        Room = self.env["realty.room"]
        for ids in ("abc", "12", 1.5, True, {"1": 1}, [1, "2"], [None], 2**40, -1):
            with self.subTest(ids=ids), self.assertRaises(RealtyUserError) as caught:
                Room.browse(ids)
            self.assertEqual(caught.exception.code, codes.ERR_INVALID_INPUT)
        self.assertEqual(Room.browse([3, 4]).ids, [3, 4])
        self.assertEqual(Room.browse((3, 4)).ids, [3, 4])
        self.assertFalse(Room.browse(None))
        self.assertFalse(Room.browse([]))
        # other models keep Odoo's browse
        self.assertEqual(len(self.env["res.partner"].browse("ab")), 2)

    def test_refused_values_leave_nothing_written(self):
        Building = self.env["realty.building"].with_user(self.realty_admin)
        count = Building.search_count([])
        good = {"name": "9#", "code": "9", "project_id": self.project.id}
        for bad in (
            {**good, "project_id": [self.project.id]},
            {**good, "floors_above": "30"},
            {**good, "name": "楼" * (MAX_CHAR_LENGTH + 1)},
            {**good, "floors_above": -1},
            {**good, "floors_above": 10_000},
            {**good, "project_id": 2**31 - 1},  # no such project
            {"name": "9#", "project_id": self.project.id},  # code is required
            {**good, "nonsense": 1},
        ):
            with self.subTest(bad=bad), self.assertRaises(RealtyUserError) as caught:
                Building.create([dict(good, code="8"), bad])
            self.assertEqual(caught.exception.code, codes.ERR_INVALID_INPUT)
        self.assertEqual(Building.search_count([]), count)
        building = self.create_building("7")
        for bad in ({"floors_above": "3"}, {"name": False}, {"project_id": "1"}):
            with self.subTest(bad=bad), self.assertRaises(RealtyUserError):
                building.with_user(self.realty_admin).write({"code": "77", **bad})
        self.assertEqual(building.code, "7")

    def test_the_context_defaults_of_a_create_are_checked(self):
        Building = self.env["realty.building"].with_user(self.realty_admin)
        for key, value in (
            ("default_project_id", "abc"),
            ("default_floors_above", 1e20),
            ("default_floors_below", -5),
        ):
            with self.subTest(key=key), self.assertRaises(RealtyUserError):
                Building.with_context(**{key: value}).create(
                    {"name": "9#", "code": "9", "project_id": self.project.id}
                )

    def test_numbers_keep_within_their_bounds(self):
        """Areas, counts and prices are refused out of their bounds at the door,
        by the constraint whatever set them, and by the database's CHECK."""
        room = self.generate(self.create_building("B"))
        for values in (
            {"area_building_pred": -1},
            {"area_building_pred": 10**8},
            {"balcony_count": -1},
            {"list_total": -5000},
            {"list_total": 1e20},
        ):
            with self.subTest(values=values), self.assertRaises(RealtyUserError):
                room.write(values)
        # a value no caller gave (a default an administrator set) is checked too,
        # before the INSERT, and the constraint checks what is stored
        self.env["ir.default"].set("realty.building", "floors_below", -3)
        with self.assertRaises(RealtyUserError) as caught:
            self.create_building("D")
        self.assertEqual(caught.exception.code, codes.ERR_INVALID_INPUT)
        with self.assertRaises(RealtyValidationError) as caught:
            self.env["realty.room"].new({"balcony_count": -3})._check_realty_bounds()
        self.assertEqual(caught.exception.code, codes.ERR_INVALID_INPUT)
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL(
                    "UPDATE realty_room SET area_inner_pred = -1 WHERE id = %s", room.id
                )
            )

    def test_a_client_names_records_that_exist(self):
        building = self.create_building("E").with_user(self.realty_admin)
        with self.assertRaises(RealtyUserError) as caught:
            building.write({"phase_id": 2**31 - 1})
        self.assertIn(str(2**31 - 1), str(caught.exception))
        self.assertFalse(building.phase_id)

    def test_method_arguments_are_checked(self):
        room = self.generate(self.create_building("M"))
        self.set_list_price(room)
        self.create_permit(room.building_id)
        room = room.with_user(self.manager)
        room.action_release()
        for args, kwargs in (
            (("abc",), {}),
            (([self.hold_reason.id],), {}),
            ((2**31 - 1,), {}),  # no such hold reason
            ((self.hold_reason.id,), {"note": "x" * (MAX_CHAR_LENGTH + 1)}),
            ((self.hold_reason.id,), {"note": 5}),
            ((self.hold_reason.id, "note", "one too many"), {}),
            ((self.hold_reason.id,), {"reason": "no such argument"}),
            ((self.hold_reason.id,), {"hold_reason": self.hold_reason.id}),
        ):
            with self.subTest(args=args, kwargs=kwargs):
                with self.assertRaises(RealtyUserError) as caught:
                    room.action_hold(*args, **kwargs)
                self.assertEqual(caught.exception.code, codes.ERR_INVALID_INPUT)
        self.assertEqual(room.state, "available")
        room.action_hold(self.hold_reason.id, note="价格复核")  # an id, as RPC sends
        self.assertEqual(room.hold_reason_id, self.hold_reason)

    def test_every_public_method_declares_its_arguments(self):
        """Each public method a realty module defines that takes arguments checks
        them (@arguments): a new method without it fails here."""
        undeclared, declared = [], 0
        for name in sorted(self.env.registry):
            Model = self.env[name]
            for cls in type(Model).mro():
                module = cls.__module__ or ""
                if not module.startswith("odoo.addons.realty_") or module == DOOR:
                    continue  # (the door itself checks inline, realty models only)
                for attr, function in vars(cls).items():
                    if attr.startswith("_") or not inspect.isfunction(function):
                        continue
                    try:
                        get_public_method(Model, attr)
                    except AccessError:  # private: not reachable over RPC
                        continue
                    parameters = inspect.signature(function).parameters
                    if len(parameters) <= 1:
                        continue  # self only: browse checks the ids
                    if hasattr(function, "_realty_arguments"):
                        declared += 1
                    else:
                        undeclared.append(f"{cls.__module__}.{attr}")
        self.assertFalse(undeclared, "public methods without @arguments")
        self.assertGreater(declared, 30)
