"""Input at the door (architecture.md, "Rules hold at the server, whoever calls").

JSON-RPC and XML-RPC reach every public method of the realty models, and their
``create``, ``write`` and ``copy``, with whatever JSON can hold: a string where an id
is expected, a list as a many2one, 1e20 as an amount, 100,000 characters as a name.
Each is refused here with ``ERR_INVALID_INPUT`` and a translated message that names
the field or argument and what it takes, before it reaches our code (a Python
traceback) or PostgreSQL (its SQL text in the answer):

* :func:`check_vals`: the values of create, write and copy, by field type (the
  ``base`` extension of realty_base calls it for every ``realty.*`` model);
* :func:`check_ids`: the ids a client sends, where ``browse`` receives them;
* :func:`arguments`: the declared types of a public method's arguments
  (``@arguments(hold_reason=Record("realty.hold.reason"), note=Text())``).

Only types, shapes, bounds and existence are checked here; business rules stay in
the models' constraints and actions.
"""

import datetime
import functools
import inspect
import json
import math
from collections import defaultdict
from decimal import Decimal

from odoo import fields
from odoo.models import BaseModel, NewId
from odoo.tools import SQL

from .exceptions import RealtyUserError, RealtyValidationError
from .tools import errors as codes

MAX_CHAR_LENGTH = 500
"""Characters of a Char field without its own ``size``: 500 characters are at most
2,000 bytes in UTF-8 (4 bytes a character at worst), under the 2,704 bytes of a
PostgreSQL btree index entry, so an indexed name is never refused by the index."""
MAX_TEXT_LENGTH = 65_535
"""Characters of a Text or Html value: notes, reasons and clauses, not documents."""
MAX_AMOUNT = 10**11
"""Yuan: more than any sale reaches (and under §9.9's ±999,999,999,999.99 that the
capital numerals write). Every Monetary and Float value of a realty model is within
±MAX_AMOUNT; the fields' own constraints narrow it (non-negative, rates, ratios)."""
MAX_INTEGER = 2**31 - 1
"""PostgreSQL's ``integer``: ids and Integer fields."""

# The ``bounds=(minimum, maximum)`` of numeric fields (checked at the door, by a
# constraint after the write and by a CHECK in the database, see models/base.py).
AMOUNT = (0, MAX_AMOUNT)
"""Money that cannot be negative (a price, a deposit, a fee)."""
SIGNED_AMOUNT = (-MAX_AMOUNT, MAX_AMOUNT)
"""Money with a sign (a payment: negative for a refund; an adjustment)."""
RATIO = (0, 1)
"""A ratio or a rate as a fraction (0.15 for 15 %)."""
PERCENT = (0, 100)
"""A percentage (15.0 for 15 %)."""
AREA = (0, 10**7)
"""Square metres: 10 km² is more than any project's land."""
LOAN_TERM = (1, 360)
"""Months of a loan (§11 ``loan.max_term_months``: 360)."""
LATE_DAILY_RATE = (0, 0.0005)
"""The daily late-payment penalty rate of a contract: at most 万分之五 (§9.7: typical
万分之一 to 万分之五; 0 when the contract agrees none)."""
DAYS = (0, 3650)
"""A number of days (a validity, a deadline): ten years at most."""
FLOORS = (-200, 200)
"""Physical floors, below (negative) and above ground."""
COUNT = (0, 10_000)
"""A count of things (balconies, persons, uses, certificates)."""
POSITIONS = (0, 999)
"""Room positions on a floor, as the room generator takes them (0: none given)."""
SPREAD_BP = (-1000, 1000)
"""Basis points added to a reference rate (the LPR)."""
MAX_SHOWN = 40
"""Characters of a refused value quoted back in the message."""
MAX_MESSAGES = 20
"""Refusals listed in one error (a list of 1,000 bad lines is not echoed back)."""


def shown(value):
    """A refused value as a message quotes it: short, whatever was sent."""
    text = repr(value)
    if len(text) > MAX_SHOWN:
        text = f"{text[: MAX_SHOWN - 3]}..."
    return text


def is_id(value):
    """An id PostgreSQL can hold (bool is not one, though Python calls it an int)."""
    return value.__class__ is int and 0 < value <= MAX_INTEGER


def is_number(value, minimum=-MAX_AMOUNT, maximum=MAX_AMOUNT):
    """A finite int, float or Decimal within [minimum, maximum] (not a bool)."""
    if value.__class__ not in (int, float, Decimal):
        return False
    try:
        return math.isfinite(value) and minimum <= value <= maximum
    except (ArithmeticError, ValueError):
        return False


def parse_date(value, field_class=fields.Date):
    """The date (or datetime) `value` is or a string says, else None."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        if field_class is fields.Date:
            return field_class.to_date(value)
        return field_class.to_datetime(value)
    except ValueError:
        return None


def refuse(messages):
    """Raise ``ERR_INVALID_INPUT`` with the messages (one line each)."""
    raise RealtyUserError.from_errors(
        [(codes.ERR_INVALID_INPUT, message) for message in messages[:MAX_MESSAGES]]
    )


def field_bounds(field):
    """``(minimum, maximum)`` of a numeric field: its ``bounds``, else what the
    column holds (Integer) or MAX_AMOUNT (Float, Monetary)."""
    bounds = getattr(field, "bounds", None)
    if bounds:
        return bounds
    if field.type == "integer":
        return (-MAX_INTEGER, MAX_INTEGER)
    return SIGNED_AMOUNT


def check_bounds(records, field_names):
    """Refuse, with ``ERR_INVALID_INPUT``, records whose `field_names` are out of
    their ``bounds`` (whatever set them: a caller, a default, server code)."""
    env = records.env
    errors = []
    for record in records:
        for name in field_names:
            field = record._fields[name]
            minimum, maximum = field.bounds
            value = record[name]
            if value is False or value is None or minimum <= value <= maximum:
                continue
            errors.append(
                (
                    codes.ERR_INVALID_INPUT,
                    env._(
                        "%(field)s of %(record)s is %(value)s: it must be from "
                        "%(min)s to %(max)s.",
                        field=field._description_string(env),
                        record=record.display_name or record._description,
                        value=value,
                        min=minimum,
                        max=maximum,
                    ),
                )
            )
    if errors:
        raise RealtyValidationError.from_errors(errors[:MAX_MESSAGES])


# --------------------------------------------------------------------------- ids
def check_ids(model, ids):
    """Refuse what is not a record id of `model`: what a client sends as ``ids`` (a
    string would be browsed character by character, a float or a huge int reach
    PostgreSQL). Server code's tuples, sets and generators are not checked."""
    if ids.__class__ is int:
        if 0 < ids <= MAX_INTEGER:
            return
    elif ids.__class__ in (list, dict) and all(
        is_id(id_) or isinstance(id_, NewId) for id_ in ids
    ):
        return  # (server code browses a dict's keys; JSON's are strings)
    env = model.env
    refuse(
        [
            env._(
                "%(value)s is not a list of %(document)s ids (whole numbers from 1 "
                "to %(max)s).",
                value=shown(ids),
                document=model._description,
                max=MAX_INTEGER,
            )
        ],
    )


# ------------------------------------------------------------------ field values
class _ValsChecker:
    """Collects every refusal of a create, write or copy (the user sees them all at
    once) and the ids whose existence is checked at the end, in one query."""

    def __init__(self, env):
        self.env = env
        self.messages = []
        self.ids = defaultdict(set)

    # the walk ---------------------------------------------------------------
    def vals(self, model, vals, depth=0):
        if not isinstance(vals, dict):
            self.messages.append(
                self.env._(
                    "The values of a %(document)s are a dictionary of field names "
                    "and values, not %(value)s.",
                    document=model._description,
                    value=shown(vals),
                )
            )
            return
        for name, value in vals.items():
            field = model._fields.get(name) if name.__class__ is str else None
            if field is None:
                self.messages.append(
                    self.env._(
                        "A %(document)s has no field %(name)s.",
                        document=model._description,
                        name=shown(name),
                    )
                )
                continue
            if field.required and self._empty_required(field, value):
                self.messages.append(self._required_message(model, field))
                continue
            expected = self.value(field, value, depth)
            if expected:
                self.messages.append(
                    self.env._(
                        "%(field)s (%(name)s) of a %(document)s takes %(expected)s, "
                        "not %(value)s.",
                        field=field._description_string(self.env),
                        name=name,
                        document=model._description,
                        expected=expected,
                        value=shown(value),
                    )
                )

    def value(self, field, value, depth):
        """None when `value` fits `field`, else what the field takes."""
        check = getattr(self, f"_{field.type}", None)
        return check(field, value, depth) if check else None

    def required(self, model, vals_list):
        """Required fields a create leaves out and no default fills (NOT NULL
        would refuse them at the end of the request, in SQL's words)."""
        required = {
            name
            for name, field in model._fields.items()
            if field.required
            and field.store
            and not field.compute
            and field.type not in ("boolean", "one2many", "many2many")
            and name != "id"
        }
        missing = {
            name
            for vals in vals_list
            if isinstance(vals, dict)
            for name in required - vals.keys()
        }
        if missing:
            missing -= model.default_get(sorted(missing)).keys()
        for name in sorted(missing):
            self.messages.append(self._required_message(model, model._fields[name]))

    def _required_message(self, model, field):
        return self.env._(
            "%(field)s (%(name)s) of a %(document)s is required.",
            field=field._description_string(self.env),
            name=field.name,
            document=model._description,
        )

    @staticmethod
    def _empty_required(field, value):
        """A value NOT NULL refuses (an empty text is stored as such)."""
        if field.type in ("boolean", "one2many", "many2many"):
            return False
        return (
            value is None or value is False or (field.type == "many2one" and value == 0)
        )

    def exist(self):
        """Refuse the ids that no record has (a foreign key would refuse them at
        the end of the request, in SQL's words): one query for all the models."""
        if not self.ids:
            return
        query = SQL(" UNION ALL ").join(
            SQL(
                "SELECT %s, id FROM %s WHERE id IN %s",
                model_name,
                self.env[model_name]._table_sql,
                tuple(ids),
            )
            for model_name, ids in self.ids.items()
        )
        found = defaultdict(set)
        for model_name, id_ in self.env.execute_query(query):
            found[model_name].add(id_)
        for model_name, ids in self.ids.items():
            missing = ids - found[model_name]
            if missing:
                self.messages.append(
                    self.env._(
                        "No %(document)s has the id %(ids)s.",
                        document=self.env[model_name]._description,
                        ids=", ".join(str(id_) for id_ in sorted(missing)),
                    )
                )

    # empty values -----------------------------------------------------------
    @staticmethod
    def _empty(value):
        return value is None or value is False

    # scalars ----------------------------------------------------------------
    def _integer(self, field, value, depth):
        minimum, maximum = field_bounds(field)
        if self._empty(value) or (
            value.__class__ is int and minimum <= value <= maximum
        ):
            return None
        return self.env._(
            "a whole number from %(min)s to %(max)s", min=minimum, max=maximum
        )

    def _float(self, field, value, depth):
        minimum, maximum = field_bounds(field)
        if self._empty(value) or is_number(value, minimum, maximum):
            return None
        return self.env._("a number from %(min)s to %(max)s", min=minimum, max=maximum)

    _monetary = _float

    def _boolean(self, field, value, depth):
        if value is None or value.__class__ is bool or value in (0, 1):
            return None
        return self.env._("true or false")

    def _char(self, field, value, depth):
        size = field.size or MAX_CHAR_LENGTH
        if self._empty(value) or (isinstance(value, str) and len(value) <= size):
            return None
        return self.env._("a text of at most %(size)s characters", size=size)

    def _text(self, field, value, depth):
        if self._empty(value) or (
            isinstance(value, str) and len(value) <= MAX_TEXT_LENGTH
        ):
            return None
        return self.env._("a text of at most %(size)s characters", size=MAX_TEXT_LENGTH)

    _html = _text

    def _selection(self, field, value, depth):
        if self._empty(value):
            return None
        allowed = field.get_values(self.env)
        if value.__class__ in (str, int) and value in allowed:
            return None
        return self.env._("one of %(values)s", values=", ".join(map(str, allowed)))

    def _date(self, field, value, depth):
        if self._empty(value) or parse_date(value) is not None:
            return None
        return self.env._("a date (YYYY-MM-DD)")

    def _datetime(self, field, value, depth):
        if self._empty(value) or parse_date(value, fields.Datetime) is not None:
            return None
        return self.env._("a date and time (YYYY-MM-DD HH:MM:SS)")

    def _json(self, field, value, depth):
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            return self.env._("JSON data")
        return None

    def _binary(self, field, value, depth):
        if self._empty(value) or isinstance(value, (str, bytes)):
            return None
        return self.env._("base64-encoded data")

    _image = _binary

    def _reference(self, field, value, depth):
        if self._empty(value) or isinstance(value, (str, BaseModel)):
            return None
        return self.env._("a reference such as %(example)s", example="'model,id'")

    # relations --------------------------------------------------------------
    def _record_id(self, comodel_name, value):
        """True for an id of `comodel_name` (its existence is checked later), a
        record of it, or a new record's id."""
        if is_id(value):
            self.ids[comodel_name].add(value)
            return True
        if isinstance(value, BaseModel):
            return value._name == comodel_name and len(value) <= 1
        return isinstance(value, NewId)

    def _many2one(self, field, value, depth):
        if self._empty(value) or (value == 0 and value.__class__ is int):
            return None
        if self._record_id(field.comodel_name, value):
            return None
        return self.env._(
            "the id of a %(document)s",
            document=self.env[field.comodel_name]._description,
        )

    def _many2one_reference(self, field, value, depth):
        if self._empty(value) or is_id(value):
            return None
        return self.env._("the id of a record")

    def _one2many(self, field, value, depth):
        comodel = self.env[field.comodel_name]
        if self._empty(value) or (
            isinstance(value, BaseModel) and value._name == comodel._name
        ):
            return None
        if isinstance(value, (list, tuple)):
            if all(self._record_id(comodel._name, item) for item in value):
                return None  # ids (or records): the new content
            if all(self._command(comodel, item, depth) for item in value):
                return None
        return self.env._(
            "a list of commands on %(document)s records (Command.create, "
            "Command.update, Command.link, Command.set, ...)",
            document=comodel._description,
        )

    _many2many = _one2many

    def _command(self, comodel, command, depth):
        """True for a well-formed x2many command; the values of a create or an
        update are checked against the lines' own fields."""
        if not isinstance(command, (list, tuple)) or not command:
            return False
        operation, size = command[0], len(command)
        if not isinstance(operation, int) or isinstance(operation, bool) or size > 3:
            return False
        if operation == 0:  # CREATE: (0, 0 or a virtual id, values)
            return size == 3 and self._nested(comodel, command[2], depth)
        if operation == 1:  # UPDATE: (1, id, values)
            return (
                size == 3
                and self._record_id(comodel._name, command[1])
                and self._nested(comodel, command[2], depth)
            )
        if operation in (2, 3, 4):  # DELETE, UNLINK, LINK: (op, id[, 0])
            return size >= 2 and self._record_id(comodel._name, command[1])
        if operation == 5:  # CLEAR
            return True
        if operation == 6:  # SET: (6, 0, ids)
            return (
                size == 3
                and isinstance(command[2], (list, tuple))
                and all(self._record_id(comodel._name, id_) for id_ in command[2])
            )
        return False

    def _nested(self, comodel, vals, depth):
        if not isinstance(vals, dict):
            return False
        if comodel._name.startswith("realty.") and depth < 3:
            self.vals(comodel, vals, depth + 1)
        return True


def check_vals(model, vals_list, client=True, create=False):
    """Refuse, with ``ERR_INVALID_INPUT``, values of `vals_list` that do not fit
    `model`'s fields: unknown fields, wrong types, numbers out of bounds, texts
    too long, unknown selection values, malformed x2many commands, required
    fields emptied; in a `create`, the context's ``default_<field>`` values
    too. A `client`'s values (not server code's) must also name records that
    exist and, in a `create`, give the required fields that have no default."""
    checker = _ValsChecker(model.env)
    if not isinstance(vals_list, (list, tuple)):
        vals_list = [vals_list]
    for vals in vals_list:
        checker.vals(model, vals)
    if create:  # default_<field> keys of the context: a client's values too
        defaults = {
            key[8:]: value
            for key, value in model.env.context.items()
            if key.startswith("default_") and key[8:] in model._fields
        }
        if defaults:
            checker.vals(model, defaults)
    if client and create and not checker.messages:
        checker.required(model, vals_list)
    if client and not checker.messages:
        checker.exist()
    if checker.messages:
        refuse(checker.messages)


# ------------------------------------------------------- arguments of a method
class Spec:
    """What one argument of a public method takes. ``check`` returns the value
    the method receives (an id may become a record), or raises ``_Wrong``, which
    :func:`arguments` turns into the argument's message."""

    def __init__(self, optional=False):
        self.optional = optional

    def check(self, model, value):
        if self.optional and (value is None or value is False):
            return self.empty(model)
        return self.convert(model, value)

    def empty(self, model):
        return None

    def convert(self, model, value):
        raise NotImplementedError

    def expected(self, env, model):
        raise NotImplementedError


class Id(Spec):
    """The id of an existing record of `model_name` (a record is taken too);
    the method receives the id. ``exists=False`` leaves the existence to the
    method, when its own access check refuses a missing record (MissingError)
    at no extra query."""

    def __init__(self, model_name, optional=False, exists=True):
        super().__init__(optional)
        self.model_name = model_name
        self.exists = exists

    def convert(self, model, value):
        if not self.exists and is_id(value):
            return value
        record = _record(model.env, self.model_name, value)
        if record is None:
            raise _Wrong
        return record.id

    def expected(self, env, model):
        return env._(
            "the id of an existing %(document)s",
            document=env[self.model_name]._description,
        )


class Record(Id):
    """Like :class:`Id`, but the method receives the record (an empty recordset
    for an omitted optional argument)."""

    def convert(self, model, value):
        record = _record(model.env, self.model_name, value)
        if record is None:
            raise _Wrong
        return record

    def empty(self, model):
        return model.env[self.model_name]


def _record(env, model_name, value):
    """The one existing record `value` names, or None."""
    if isinstance(value, BaseModel):
        return value if value._name == model_name and len(value) == 1 else None
    if not is_id(value):
        return None
    record = env[model_name].browse(value).exists()
    return record or None


class Text(Spec):
    """A string of at most `size` characters."""

    def __init__(self, size=MAX_CHAR_LENGTH, optional=True):
        super().__init__(optional)
        self.size = size

    def convert(self, model, value):
        if isinstance(value, str) and len(value) <= self.size:
            return value
        raise _Wrong

    def expected(self, env, model):
        return env._("a text of at most %(size)s characters", size=self.size)


class Choice(Spec):
    """One of `values` (a selection's keys, or the pairs of a selection)."""

    def __init__(self, values, optional=False):
        super().__init__(optional)
        self.values = [v[0] if isinstance(v, tuple) else v for v in values]

    def convert(self, model, value):
        if value.__class__ in (str, int) and value in self.values:
            return value
        raise _Wrong

    def expected(self, env, model):
        return env._("one of %(values)s", values=", ".join(map(str, self.values)))


class Number(Spec):
    """A finite number within [minimum, maximum] (amounts: ±MAX_AMOUNT)."""

    def __init__(self, minimum=-MAX_AMOUNT, maximum=MAX_AMOUNT, optional=False):
        super().__init__(optional)
        self.minimum, self.maximum = minimum, maximum

    def convert(self, model, value):
        if is_number(value, self.minimum, self.maximum):
            return value
        raise _Wrong

    def expected(self, env, model):
        return env._(
            "a number from %(min)s to %(max)s", min=self.minimum, max=self.maximum
        )


class Date(Spec):
    """A date, or a string Odoo reads as one; the method receives a date."""

    def __init__(self, optional=True):
        super().__init__(optional)

    def convert(self, model, value):
        if isinstance(value, datetime.datetime):
            return value.date()
        date = parse_date(value)
        if date is None:
            raise _Wrong
        return date

    def expected(self, env, model):
        return env._("a date (YYYY-MM-DD)")


class Vals(Spec):
    """A dictionary of values of `model_name` (default: the method's own model),
    checked as create and write check them; only the `allowed` field names when
    given. As a `client`'s values, they are also checked to name records that
    exist (and, for a create, to give the required fields), unless server code
    writes (``_realty_server_writes``: the superuser, or the protected fields'
    door open). `create`: the values of a new record."""

    def __init__(
        self, model_name=None, allowed=None, optional=False, client=False, create=False
    ):
        super().__init__(optional)
        self.model_name = model_name
        self.allowed = frozenset(allowed) if allowed is not None else None
        self.client = client
        self.create = create

    def empty(self, model):
        return {}

    def _model(self, model):
        return model.env[self.model_name] if self.model_name else model

    def convert(self, model, value):
        if not isinstance(value, dict):
            raise _Wrong
        if self.allowed is not None and not self.allowed.issuperset(value):
            raise _Wrong
        self._check(model, [value])
        return value

    def _check(self, model, vals_list):
        check_vals(
            self._model(model),
            vals_list,
            client=self.client and not model._realty_server_writes(),
            create=self.create,
        )

    def expected(self, env, model):
        if self.allowed is not None:
            return env._(
                "values of the fields %(fields)s",
                fields=", ".join(sorted(self.allowed)),
            )
        return env._(
            "a dictionary of %(document)s values",
            document=self._model(model)._description,
        )


class ValsList(Vals):
    """One dictionary of values, or a list of them (create)."""

    def __init__(self, model_name=None, optional=False, client=False):
        super().__init__(model_name, optional=optional, client=client, create=True)

    def convert(self, model, value):
        if isinstance(value, dict):
            value_list = [value]
        elif isinstance(value, (list, tuple)):
            value_list = value
        else:
            raise _Wrong
        self._check(model, value_list)
        return value

    def expected(self, env, model):
        return env._(
            "a dictionary of %(document)s values, or a list of them",
            document=self._model(model)._description,
        )


def method_name(model, method):
    """``realty.room.action_hold``: a method as its messages name it."""
    return f"{model._name}.{method.__name__}"


class _Wrong(Exception):
    """A value refused by a Spec (turned into the argument's message)."""


def arguments(**specs):
    """Check a public method's arguments before it runs.

    Every parameter but ``self`` has a :class:`Spec`; a ``**values`` parameter
    takes a :class:`Vals` spec for the dictionary of extra keyword arguments.
    Missing, unexpected or repeated arguments, and values the spec refuses, raise
    ``ERR_INVALID_INPUT`` naming the argument; the method receives what the specs
    return (an id made a record by :class:`Record`). Apply it under ``@api.model``
    and the like::

        @arguments(hold_reason=Record("realty.hold.reason"), note=Text())
        def action_hold(self, hold_reason, note=None):
    """

    def decorate(method):
        signature = inspect.signature(method)
        parameters = list(signature.parameters.values())[1:]
        names = {parameter.name for parameter in parameters}
        if names != set(specs):
            raise TypeError(
                f"@arguments of {method.__qualname__}: specs for {sorted(specs)}, "
                f"parameters {sorted(names)}"
            )

        @functools.wraps(method)
        def checked(self, *args, **kwargs):
            bound = _bind(self, method, signature, args, kwargs)
            messages = []
            for parameter in parameters:
                if parameter.name not in bound.arguments:
                    continue
                spec = specs[parameter.name]
                value = bound.arguments[parameter.name]
                try:
                    bound.arguments[parameter.name] = spec.check(self, value)
                except _Wrong:
                    messages.append(
                        self.env._(
                            "Argument %(argument)s of %(method)s takes %(expected)s, "
                            "not %(value)s.",
                            argument=parameter.name,
                            method=method_name(self, method),
                            expected=spec.expected(self.env, self),
                            value=shown(value),
                        )
                    )
            if messages:
                refuse(messages)
            return method(*bound.args, **bound.kwargs)

        checked._realty_arguments = specs
        return checked

    return decorate


def _bind(record, method, signature, args, kwargs):
    """The call's arguments by name, or ERR_INVALID_INPUT naming what is wrong
    (Python's own TypeError would say it in English, from Odoo's dispatcher)."""
    try:
        return signature.bind(record, *args, **kwargs)
    except TypeError:
        return refuse(_binding_problems(record, method, signature, args, kwargs))


def _binding_problems(record, method, signature, args, kwargs):
    """What is wrong with the arguments of a call ``bind`` refused."""
    env = record.env
    parameters = list(signature.parameters.values())[1:]
    positional = [
        p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    takes_any = any(p.kind == p.VAR_KEYWORD for p in parameters)
    problems = []
    if len(args) > len(positional):
        problems.append(
            env._(
                "%(method)s takes at most %(count)s positional arguments.",
                method=method_name(record, method),
                count=len(positional),
            )
        )
    given = {p.name for p in positional[: len(args)]}
    for name in kwargs:
        if name in given:
            problems.append(
                env._("Argument %(argument)s is given twice.", argument=shown(name))
            )
        elif name not in signature.parameters and not takes_any:
            problems.append(
                env._(
                    "%(method)s has no argument %(argument)s.",
                    method=method_name(record, method),
                    argument=shown(name),
                )
            )
    for parameter in parameters:
        if (
            parameter.default is parameter.empty
            and parameter.kind
            in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
            and parameter.name not in given
            and parameter.name not in kwargs
        ):
            problems.append(
                env._(
                    "%(method)s needs the argument %(argument)s.",
                    method=method_name(record, method),
                    argument=parameter.name,
                )
            )
    return problems or [env._("These arguments do not fit the method.")]
