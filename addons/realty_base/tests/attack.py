"""The attacker: every protected field of every realty model, tried over JSON-RPC by
each realty role, as a consultant with a plain JSON-RPC client would.

The fields come from the models (``_protected_fields()``, ``_write_once_fields()``)
and the models from the registry (every model built on ``realty.protected.mixin``),
so a new protected field or model is attacked without a new test. Each test class
attacks a part of the registry (``attack_models``) and gives, for each model of it,
a record to write on (``attack_samples``) and the values of a valid new record
(``attack_create_values``); a model without a sample fails the suite.

A refusal is an error that carries a code (``[ERR_...]``) or an access error; for
a role that the access rights let through, only the protected fields' own refusal
(``ERR_INVALID_INPUT`` naming the field) counts, so the suite cannot pass because
of the access rights alone. After every call the attacked records are re-read from
the database and the tables counted: a refusal changes nothing.
"""

import base64
import logging
from collections import Counter

from odoo import Command
from odoo.tests import new_test_user
from odoo.tools import SQL, mute_logger

from .common import JsonRpcMixin

_logger = logging.getLogger(__name__)

MIXIN = "realty.protected.mixin"
ROLES = {
    "consultant": "realty_base.group_realty_consultant",
    "manager": "realty_base.group_realty_manager",
    "director": "realty_base.group_realty_director",
    "gm": "realty_base.group_realty_gm",
    "finance": "realty_base.group_realty_finance",
    "aftersales": "realty_base.group_realty_aftersales",
    "admin": "realty_base.group_realty_admin",
}
ACCESS_ERROR = "odoo.exceptions.AccessError"
CODED_ERRORS = {
    "odoo.addons.realty_base.exceptions.RealtyUserError",
    "odoo.addons.realty_base.exceptions.RealtyValidationError",
}
MIXIN_CODE = "[ERR_INVALID_INPUT]"


COUNTED_TABLES = (
    "realty_deal",
    "realty_deal_payment",
    "realty_deal_discount",
    "realty_deal_schedule_line",
    "realty_change_order",
    "realty_price_plan",
    "realty_price_plan_line",
    "realty_room_price_history",
)


def realty_counts(cr):
    """Counts a refusal must leave as they were: the rooms by state and their
    prices, and the deals, payments, change orders and price plans (the tables of
    the installed addons)."""
    counts = {}
    for table in COUNTED_TABLES:
        cr.execute(SQL("SELECT to_regclass(%s)", table))
        if cr.fetchone()[0]:
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[table] = cr.fetchone()[0]
    cr.execute(
        SQL(
            "SELECT state, count(*), sum(list_total) FROM realty_room "
            "GROUP BY 1 ORDER BY 1"
        )
    )
    counts["rooms by state"] = cr.fetchall()
    return counts


def protected_models(registry):
    """The names of the concrete models built on the protected-fields mixin."""
    mixin = registry[MIXIN]
    return sorted(
        name
        for name, model in registry.items()
        if not model._abstract and issubclass(model, mixin)
    )


class RpcRefusalMixin(JsonRpcMixin):
    """For the tests of one bypass each: a JSON-RPC call as the web client makes it
    (in Chinese, the users' language), refused with a code, in Chinese, and with
    nothing written."""

    LANG = "zh_CN"

    def rpc(self, model, method, args, **kwargs):
        kwargs.setdefault("context", {"lang": self.LANG})
        return self.call_kw(model, method, args, kwargs)

    def assertRpcRefused(self, code, model, method, args, **kwargs):
        """The call is refused with `code`, a translated message, and the realty
        counts unchanged; returns the message."""
        self.env.flush_all()
        before = realty_counts(self.env.cr)
        with mute_logger("odoo.http"):
            answer = self.rpc(model, method, args, **kwargs)
        self.assertNotIn("result", answer, f"{model}.{method} was accepted")
        error = answer["error"]["data"]
        self.assertIn(error["name"], CODED_ERRORS, error["message"])
        self.assertTrue(
            error["message"].startswith(f"[{code}] "),
            f"expected {code}: {error['message']}",
        )
        self.assertRegex(error["message"], "[\u4e00-\u9fff]", "not translated")
        self.env.invalidate_all()
        self.assertEqual(realty_counts(self.env.cr), before, "a refusal wrote")
        return error["message"]

    def assertRpcDone(self, model, method, args, **kwargs):
        answer = self.rpc(model, method, args, **kwargs)
        self.assertIn("result", answer, answer.get("error"))
        self.env.invalidate_all()
        return answer["result"]


class AttackStats:
    """What one role tried, and how it was refused."""

    def __init__(self, role):
        self.role = role
        self.fields = set()
        self.methods = set()
        self.outcomes = Counter()

    @property
    def calls(self):
        return sum(self.outcomes.values())

    def line(self, suite):
        return (
            f"attack {suite} as {self.role}: {len(self.fields)} fields, "
            f"{len(self.methods)} methods ({', '.join(sorted(self.methods))}), "
            f"{self.calls} calls: {self.outcomes['mixin']} refused by the protected "
            f"fields, {self.outcomes['access']} by access rights, "
            f"{self.outcomes['other']} by other rules"
        )


class ProtectedFieldAttack(JsonRpcMixin):
    """Mixed into an HttpCase whose fixtures fill ``attack_samples`` (model name:
    record) and ``attack_create_values`` (model name: values of a valid new record,
    without protected fields)."""

    attack_suite = "realty"
    attack_modules = None
    """The addons whose models of the mixin this class attacks (None: all); each
    addon's suite names its own."""

    @classmethod
    def attack_models(cls):
        """The models this class attacks (a part of the registry)."""
        registry = cls.env.registry
        return [
            name
            for name in protected_models(registry)
            if cls.attack_modules is None
            or registry[name]._original_module in cls.attack_modules
        ]

    @classmethod
    def create_attackers(cls, projects):
        """One user per realty role, member of `projects` (logins of 8+ characters:
        the password is the login)."""
        cls.attackers = {
            role: new_test_user(cls.env, f"attack_{role}", groups=group)
            for role, group in ROLES.items()
        }
        users = cls.env["res.users"].union(*cls.attackers.values())
        for project in projects:
            project.user_ids |= users

    # ------------------------------------------------------------ the values
    def attack_value(self, record, fname, attacker):
        """A plausible value of the field's type, different from the record's."""
        field = record._fields[fname]
        current = record.sudo()[fname]
        kind = field.type
        if kind == "boolean":
            return not current
        if kind in ("integer", "many2one_reference"):
            return (current or 0) + 7
        if kind in ("float", "monetary"):
            return 2.0 if current == 1.0 else 1.0
        if kind in ("char", "text", "html"):
            return "attack"
        if kind == "selection":
            values = [v for v, _label in field._description_selection(self.env)]
            return next((v for v in values if v != current), False)
        if kind == "date":
            return "2031-01-31"
        if kind == "datetime":
            return "2031-01-31 10:00:00"
        if kind == "json":
            return {"attack": 1}
        if kind == "binary":
            return base64.b64encode(b"attack").decode()
        if kind == "many2one":
            if field.comodel_name == "res.users" and current != attacker:
                return attacker.id  # a self-approval, a payment received by oneself
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1)
            )
            return other.id or False
        if kind == "many2many":
            other = self.env[field.comodel_name].sudo().search([], limit=1)
            return [Command.set(other.ids)]
        if kind == "one2many":
            return [Command.clear()]
        raise AssertionError(f"no attack value for a {kind} field ({record._name})")

    # ------------------------------------------------------------- the state
    def attack_state(self, models):
        """The attacked records as the database holds them, every attacked table's
        row count and the realty counts."""
        cr = self.env.cr
        state = []
        for model in models:
            table = SQL.identifier(self.env[model]._table)
            ids = tuple(self.attack_samples[model].ids)
            cr.execute(SQL("SELECT * FROM %s WHERE id IN %s ORDER BY id", table, ids))
            state.append(cr.fetchall())
            cr.execute(SQL("SELECT count(*) FROM %s", table))
            state.append(cr.fetchone())
        state.append(realty_counts(cr))
        return state

    # ------------------------------------------------------------- one call
    def attack_call(self, stats, problems, target, call, kwargs=None):
        """Make one call that must be refused.

        :param target: ``(model, field, labels, access)``: the field the call tries,
            how the refusal names it (all of `labels`), and whether the role's
            access rights let the call through (then only the protected fields'
            refusal counts)
        :param call: ``(method, args, what)``; `what` names the method in the
            figures (``create (nested)``)
        """
        model, fname, labels, access = target
        method, args, what = call
        models = self.attack_models()
        before = self.attack_state(models)
        answer = self.call_kw(model, method, args, kwargs)
        stats.methods.add(what)
        where = f"{stats.role}: {model}.{what} of {fname}"
        error = answer.get("error")
        if not error:
            problems.append(f"{where} was accepted ({answer.get('result')})")
            stats.outcomes["accepted"] += 1
        else:
            name, message = error["data"]["name"], error["data"]["message"]
            if message.startswith(MIXIN_CODE) and all(l in message for l in labels):
                stats.outcomes["mixin"] += 1
            elif access:
                problems.append(
                    f"{where}: the role may {method}, so the protected fields must "
                    f"refuse it, not {name}: {message[:200]}"
                )
                stats.outcomes["wrong"] += 1
            elif name == ACCESS_ERROR:
                stats.outcomes["access"] += 1
            elif name in CODED_ERRORS and message.startswith("[ERR_"):
                stats.outcomes["other"] += 1
            else:
                problems.append(f"{where}: not a coded refusal: {name}: {message}")
                stats.outcomes["wrong"] += 1
        self.env.invalidate_all()
        if self.attack_state(models) != before:
            problems.append(f"{where} changed the database")

    # ----------------------------------------------------------- the attacks
    # one test per role, in every suite built on this class (Odoo's loader takes
    # inherited test methods only from classes that say so)
    allow_inherited_tests_method = True

    def test_consultant(self):
        self.attack_as("consultant")

    def test_manager(self):
        self.attack_as("manager")

    def test_director(self):
        self.attack_as("director")

    def test_gm(self):
        self.attack_as("gm")

    def test_finance(self):
        self.attack_as("finance")

    def test_aftersales(self):
        self.attack_as("aftersales")

    def test_admin(self):
        self.attack_as("admin")

    def test_controls(self):
        self.attack_controls()

    def attack_as(self, role):
        """Every protected field of every attacked model by create, write and copy,
        and through the one2many fields that create or write its records."""
        attacker = self.attackers[role]
        self.authenticate(attacker.login, attacker.login)
        stats, problems = AttackStats(role), []
        with mute_logger("odoo.http", "werkzeug", "odoo.addons.base.models.res_device"):
            for model in self.attack_models():
                self._attack_model(model, attacker, stats, problems)
                self._attack_nested(model, attacker, stats, problems)
        _logger.info(stats.line(self.attack_suite))
        self.assertFalse(problems, "\n".join(problems))
        self.assertGreater(stats.outcomes["mixin"], 0)
        return stats

    def _label(self, Model, fname):
        """How the refusal names a field: its name (protected) or label (once)."""
        if fname in Model._protected_fields():
            return f"({fname})"
        return Model._fields[fname].string

    def _attack_model(self, model, attacker, stats, problems):
        Model = self.env[model]
        sample = self.attack_samples.get(model)
        self.assertTrue(sample, f"no record of {model} to attack: add one")
        record = sample[:1]
        protected = sorted(Model._protected_fields())
        once = sorted(Model._write_once_fields())
        base = self.attack_create_values.get(model, {})
        # without values of a valid new record (every required field protected:
        # no client creates one), any coded refusal of a create will do
        may_create = bool(base) and Model.with_user(attacker).browse().has_access(
            "create"
        )
        may_write = record.with_user(attacker).has_access("write")
        for fname in protected + once:
            stats.fields.add(f"{model}.{fname}")
            value = self.attack_value(record, fname, attacker)
            labels = [self._label(Model, fname)]
            if fname in protected:  # a write-once field is given at creation
                self.attack_call(
                    stats,
                    problems,
                    (model, fname, labels, may_create),
                    ("create", [[{**base, fname: value}]], "create"),
                )
            self.attack_call(
                stats,
                problems,
                (model, fname, labels, may_write),
                ("write", [record.ids, {fname: value}], "write"),
            )
        if protected:
            # copy: its defaults are checked like a new record's values, at once
            self.attack_call(
                stats,
                problems,
                (model, "all", [f"({f})" for f in protected], may_create),
                ("copy", [record.ids], "copy"),
                {
                    "default": {
                        f: self.attack_value(record, f, attacker) for f in protected
                    }
                },
            )

    def _attack_nested(self, model, attacker, stats, problems):
        """The protected fields of `model` through the one2many fields of other
        models (a deal's discount lines, a room's deals): ``Command.create`` and
        ``Command.update`` in a write of the parent, by the roles that may write
        the parent (for the others the parent's access rights refuse first)."""
        Model = self.env[model]
        child = self.attack_samples[model][:1]
        protected = sorted(Model._protected_fields())
        once = sorted(Model._write_once_fields())
        for parent_model, o2m in self._one2many_to(model):
            parent = child.sudo()[o2m.inverse_name]
            if not parent or not parent.with_user(attacker).has_access("write"):
                continue
            base = {
                key: value
                for key, value in self.attack_create_values.get(model, {}).items()
                if key != o2m.inverse_name
            }
            for fname in protected + once:
                stats.fields.add(f"{model}.{fname}")
                value = self.attack_value(child, fname, attacker)
                target = (parent_model, fname, [self._label(Model, fname)], False)
                commands = [
                    ("write (nested)", Command.update(child.id, {fname: value}))
                ]
                if fname in protected:
                    commands.append(
                        ("create (nested)", Command.create({**base, fname: value}))
                    )
                for what, command in commands:
                    self.attack_call(
                        stats,
                        problems,
                        target,
                        ("write", [parent.ids, {o2m.name: [command]}], what),
                    )

    def _one2many_to(self, model):
        """``(parent model, field)`` of the writable one2many fields to `model`."""
        result = []
        for name, Parent in self.env.registry.items():
            if Parent._abstract or Parent._transient:
                continue
            protected = (
                self.env[name]._protected_fields()
                if issubclass(Parent, self.env.registry[MIXIN])
                else {}
            )
            for field in Parent._fields.values():
                if (
                    field.type == "one2many"
                    and field.comodel_name == model
                    and field.inverse_name
                    and not field.compute
                    and field.name not in protected
                ):
                    result.append((name, field))
        return result

    # -------------------------------------------------------------- controls
    def attack_controls(self):
        """The create values alone are accepted (so the attacks would have created
        records but for the protected field), and every attacked model has a role
        whose access rights let it create and write: the suite cannot pass on the
        access rights alone."""
        for model in self.attack_models():
            Model = self.env[model]
            record = self.attack_samples[model][:1]
            writers = [
                role
                for role, user in self.attackers.items()
                if record.with_user(user).has_access("write")
            ]
            creators = [
                role
                for role, user in self.attackers.items()
                if Model.with_user(user).browse().has_access("create")
            ]
            with self.subTest(model=model):
                self.assertTrue(writers, f"no role may write {model}")
                self.assertTrue(creators, f"no role may create {model}")
                values = self.attack_create_values.get(model)
                if not values:
                    continue
                user = self.attackers[creators[0]]
                self.authenticate(user.login, user.login)
                answer = self.call_kw(model, "create", [[values]])
                self.assertIn("result", answer, answer.get("error"))
