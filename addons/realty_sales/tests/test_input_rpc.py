"""Every public method of every realty model, called over JSON-RPC as an attacker
would: wrong types for `self` and for each argument. The answer is a coded realty
error, an AccessError or a MissingError, never another exception, a traceback of
our code or SQL text. The methods are found by introspection, so a new method is
covered without a new test."""

import inspect
import logging
import time

from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.realty_base.inputs import (
    Choice,
    Date,
    Id,
    Number,
    Text,
    Vals,
)
from odoo.addons.realty_base.tests.common import JsonRpcMixin

from .common import SalesCase

_logger = logging.getLogger(__name__)

LONG = "長" * 100_000
BAD_VALUES = [
    ("12", False),
    ("abc", False),
    ([1, 2], True),
    ({"a": 1}, True),
    (-1, False),
    (1e20, True),
    (LONG, True),
    (None, False),
]
"""What each argument receives in turn: a string id, a list, a dict, a negative
number, 1e20, 100,000 characters, null; and whether every method must refuse it
(a string or -1 may be a note or an amount, null an omitted optional argument)."""
BAD_IDS = ["abc", ["abc"], [1.5], {"id": 1}, [2**40], [True]]
"""What `self` receives in turn (the ids call_kw browses)."""
ALLOWED_ERRORS = {
    "odoo.addons.realty_base.exceptions.RealtyUserError",
    "odoo.addons.realty_base.exceptions.RealtyValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
}
DOOR = "odoo.addons.realty_base.models.base"
"""The door of the realty models (create, write, copy_data, browse on every
model): attacked on the realty models, not on Odoo's."""
NOT_ATTACKED = frozenset({"browse"})
"""``browse`` over RPC only returns the ids it is given; the ids every call
browses are attacked as `self` of every method."""
SQL_TEXT = ("psycopg2", "LINE 1", "SELECT ", "INSERT INTO", "UPDATE ")


def public_methods(env):
    """``{model: {method: function}}``: the public methods (RPC can call them)
    that classes of the realty modules define, on every model (Odoo's own create
    and write where a realty model has no override: the door checks them)."""
    found = {}
    for name in sorted(env.registry):
        Model = env[name]
        for cls in type(Model).mro():
            module = cls.__module__ or ""
            if not module.startswith("odoo.addons.realty_") or (
                module == DOOR and not name.startswith("realty.")
            ):
                continue
            for attr, function in vars(cls).items():
                if attr in NOT_ATTACKED or not inspect.isfunction(function):
                    continue
                try:
                    get_public_method(Model, attr)
                except AccessError:  # private: not reachable over RPC
                    continue
                found.setdefault(name, {})[attr] = getattr(type(Model), attr)
    return found


@tagged("post_install", "-at_install", "realty_input_rpc")
class TestInputOverRpc(JsonRpcMixin, SalesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visited(cls.buyer_c | cls.buyer_d)
        cls.other_project = cls.env["realty.project"].create(
            {"name": "Other Garden", "code": "OG"}
        )
        building = cls.create_building("O1", project=cls.other_project)
        rooms = cls.generate(building, floors=(1, 1), positions=(1, 2))
        cls.set_list_price(rooms)
        cls.create_permit(building, project=cls.other_project)
        rooms.with_user(cls.realty_admin)._unlocked().write({"state": "available"})
        cls.visited(cls.buyer_c, project=cls.other_project)
        other_deal = cls.env["realty.deal"].create(
            {
                "room_id": rooms[0].id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
            }
        )
        other_deal.action_reserve()
        cls.env["realty.queue.number"].create(
            {"project_id": cls.other_project.id, "partner_id": cls.buyer_c.id}
        )
        # one record of ours to call methods on: a deal, a queue number
        cls.deal_own = cls.env["realty.deal"].create(
            {
                "room_id": cls.room.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
            }
        )
        cls.env["realty.queue.number"].create(
            {"project_id": cls.project.id, "partner_id": cls.buyer_d.id}
        )
        cls.methods = public_methods(cls.env)

    # ------------------------------------------------------------ the records
    def other_ids(self):
        """``{model: id}``: a record of the other project, for the models that
        have one (the roles here are not its members)."""
        ids = {}
        for name in self.methods:
            Model = self.env[name]
            field = Model._fields.get("project_id")
            if Model._abstract or not field or not (field.store or field.search):
                continue
            record = Model.search([("project_id", "=", self.other_project.id)], limit=1)
            if record:
                ids[name] = record.id
        return ids

    def own_ids(self, user):
        """``{model: [id]}``: a record the user reads, to call methods on."""
        ids = {}
        for name in self.methods:
            Model = self.env[name].with_user(user)
            if Model._abstract or not Model.has_access("read"):
                continue
            ids[name] = Model.search([], limit=1).ids
        return ids

    def snapshot(self, other_ids):
        """What the other project's records hold (their stored values)."""
        snapshot = {}
        for name, id_ in other_ids.items():
            Model = self.env[name]
            columns = [n for n, f in Model._fields.items() if f.store and f.column_type]
            snapshot[name, id_] = Model.browse(id_).read(columns)
        return snapshot

    def plausible(self, spec, own):
        """A value the argument's spec takes, for the arguments not under test."""
        if isinstance(spec, Choice):
            return spec.values[0]
        if isinstance(spec, Id):
            return (own.get(spec.model_name) or [None])[0]
        if isinstance(spec, Number):
            return 1
        if isinstance(spec, Text):
            return "x"
        if isinstance(spec, Date):
            return "2025-01-01"
        if isinstance(spec, Vals):
            return {}
        return None

    # -------------------------------------------------------------- the calls
    def calls(self, own, other):
        """``(model, method, args, kwargs, must_fail)`` of every attack."""
        for model, methods in self.methods.items():
            for method, function in sorted(methods.items()):
                api = getattr(function, "_api", None)
                on_records = not api
                specs = getattr(function, "_realty_arguments", {})
                parameters = list(inspect.signature(function).parameters.values())[1:]
                required = {
                    p.name: self.plausible(specs.get(p.name), own)
                    for p in parameters
                    if p.default is p.empty and p.kind != p.VAR_KEYWORD
                }
                if on_records:
                    for ids in BAD_IDS:
                        yield model, method, [ids], dict(required), True
                    if model in other:
                        yield model, method, [[other[model]]], dict(required), False
                self_args = [own.get(model, [])] if on_records else []
                for index, parameter in enumerate(parameters):
                    for value, must_fail in BAD_VALUES:
                        if parameter.kind == parameter.VAR_KEYWORD:
                            kwargs = {"no_such_value": value}
                            must_fail = True
                        else:
                            kwargs = {**required, parameter.name: value}
                        if index == 0 and parameter.name in kwargs:
                            # the first argument positionally, as clients send it
                            args = [*self_args, kwargs.pop(parameter.name)]
                        else:
                            args = list(self_args)
                        yield model, method, args, kwargs, must_fail
                if specs and api != "model_create":
                    # too many arguments or unknown ones, to the methods that
                    # declare theirs (Odoo's own create, write and copy_data say
                    # so with Python's TypeError, on every model)
                    yield model, method, [*self_args], {"no_such_argument": 1}, True
                    yield model, method, [*self_args, *([None] * 5)], {}, True

    def attack(self, login):
        self.authenticate(login, login)
        user = self.env["res.users"].search([("login", "=", login)])
        own, other = self.own_ids(user), self.other_ids()
        before = self.snapshot(other)
        problems, count, started = [], 0, time.perf_counter()
        with mute_logger("odoo.http"):
            for model, method, args, kwargs, must_fail in self.calls(own, other):
                count += 1
                answer = self.call_kw(model, method, args, kwargs)
                call = f"{model}.{method}({str(args)[:60]}, {str(kwargs)[:60]})"
                if "error" not in answer:
                    if must_fail:
                        problems.append(f"{call}: accepted")
                    continue
                data = answer["error"]["data"]
                message = data["message"]
                if data["name"] not in ALLOWED_ERRORS:
                    problems.append(f"{call}: {data['name']}: {message[:200]}")
                elif "realty" in data["name"] and not message.startswith("[ERR_"):
                    problems.append(f"{call}: uncoded: {message[:200]}")
                elif any(text in message for text in SQL_TEXT) or (
                    "psycopg2" in data["debug"]
                ):
                    problems.append(f"{call}: SQL text: {message[:200]}")
        self.env.invalidate_all()
        self.assertEqual(self.snapshot(other), before, "another project's records")
        _logger.info(
            "input over JSON-RPC as %s: %s methods of %s models, %s calls in %.1f s",
            login,
            sum(len(m) for m in self.methods.values()),
            len(self.methods),
            count,
            time.perf_counter() - started,
        )
        self.assertFalse(problems, "\n".join(problems[:30]))
        self.assertGreater(count, 500)

    def test_consultant(self):
        self.attack("realty_consultant")

    def test_manager(self):
        self.attack("realty_manager")
