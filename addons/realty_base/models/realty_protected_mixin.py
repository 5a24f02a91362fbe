from odoo import api, models, tools

from ..exceptions import RealtyUserError
from ..inputs import Vals, ValsList, arguments
from ..tools import errors as codes

# The only key that opens the protected fields. It is a Python object: no JSON-RPC,
# XML-RPC or import (whose contexts are JSON) can carry it, so only server code that
# calls ``_unlocked()`` writes these fields.
_DOOR = object()
_DOOR_KEY = "realty_protected_door"


class RealtyProtectedMixin(models.AbstractModel):
    """Fields that only the document's own methods write (architecture.md).

    A field declared with ``protected=True`` (or ``protected="action_x"``, naming
    what to use instead) is refused in ``create`` and ``write`` for every caller,
    administrators and ``sudo()`` included, with ``ERR_INVALID_INPUT``. Computed and
    related fields of the realty addons that have no inverse are protected too: a
    stored total is the result of its inputs, never typed. Server code opens the
    door with ``records._unlocked()``; a client cannot, whatever context it sends,
    and context defaults (``default_<field>``) of protected fields are dropped.

    A field declared with ``write_once=True`` is given when the record is created
    and never written afterwards (a payment's amount: a correction is a new line).

    Which fields are protected is read from the models, so the attacker suite tries
    every one of them over JSON-RPC as each role (tests/attack.py and the addons'
    test_attack_protected.py) and a new field is covered by declaring it.
    """

    _name = "realty.protected.mixin"
    _description = "Realty: Fields Written Only by the Document's Actions"
    _realty_door_checks_input = True  # before _add_server_values reads the values

    def _valid_field_parameter(self, field, name):
        return name in ("protected", "write_once") or super()._valid_field_parameter(
            field, name
        )

    @api.model
    @tools.ormcache()
    def _protected_fields(self):
        """``{field name: hint}``: what create and write refuse. The hint names the
        action to use, or is empty for computed fields."""
        protected = {}
        for name, field in self._fields.items():
            flag = getattr(field, "protected", None)
            if flag:
                protected[name] = flag if isinstance(flag, str) else ""
            elif (
                flag is None
                and field.compute
                and not field.inverse
                and field.readonly
                and (field._module or "").startswith("realty_")
            ):
                protected[name] = ""
        return protected

    @api.model
    @tools.ormcache()
    def _write_once_fields(self):
        return frozenset(
            name
            for name, field in self._fields.items()
            if getattr(field, "write_once", False)
        )

    def _unlocked(self):
        """These records with the door open: server code writes protected fields."""
        return self.with_context(**{_DOOR_KEY: _DOOR})

    def _is_unlocked(self):
        return self.env.context.get(_DOOR_KEY) is _DOOR

    @api.model
    def _check_protected(self, field_names):
        """Refuse protected fields among `field_names` unless the door is open."""
        if self._is_unlocked():
            return
        protected = self._protected_fields()
        refused = [name for name in field_names if name in protected]
        if not refused:
            return
        errors = []
        for name in refused:
            label = self._fields[name].get_description(self.env)["string"]
            if protected[name]:
                message = self.env._(
                    "%(field)s (%(name)s) of a %(document)s is set by the document's "
                    "own actions and cannot be written: use %(action)s.",
                    field=label,
                    name=name,
                    document=self._description,
                    action=protected[name],
                )
            else:
                message = self.env._(
                    "%(field)s (%(name)s) of a %(document)s is computed from other "
                    "values and cannot be written.",
                    field=label,
                    name=name,
                    document=self._description,
                )
            errors.append((codes.ERR_INVALID_INPUT, message))
        raise RealtyUserError.from_errors(errors)

    def _without_protected_defaults(self):
        """Drop ``default_<field>`` context keys of protected fields: a client
        could otherwise set them through the defaults of a new record."""
        context = self.env.context
        protected = self._protected_fields()
        dropped = [
            key
            for key in context
            if key.startswith("default_") and key[8:] in protected
        ]
        if not dropped or self._is_unlocked():
            return self
        clean = {key: value for key, value in context.items() if key not in dropped}
        return self.with_env(self.env(context=clean))

    @api.model
    def _add_server_values(self, vals_list):
        """The values the server sets on new records (sequence numbers, prices
        copied from elsewhere), protected fields included: the hook for models
        whose create fills protected fields, called after the caller's values are
        checked."""
        return vals_list

    def _realty_server_writes(self):
        return super()._realty_server_writes() or self._is_unlocked()

    # The values are checked (realty_base/inputs.py) before _add_server_values and
    # the models' hooks read them.
    @api.model_create_multi
    @arguments(vals_list=ValsList(client=True))
    def create(self, vals_list):
        self._check_protected({name for vals in vals_list for name in vals})
        model = self._without_protected_defaults()
        return super(RealtyProtectedMixin, model).create(
            model._add_server_values(vals_list)
        )

    @arguments(vals=Vals(client=True))
    def write(self, vals):
        self._check_protected_write(vals)
        return super().write(vals)

    def _check_protected_write(self, vals):
        """Refuse, unless the door is open, protected and write-once fields."""
        self._check_protected(vals)
        once = self._write_once_fields().intersection(vals)
        if once and not self._is_unlocked():
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "%(fields)s of a %(document)s are given when it is created and "
                    "never changed afterwards; record a correction instead.",
                    fields=", ".join(
                        self._fields[name].get_description(self.env)["string"]
                        for name in sorted(once)
                    ),
                    document=self._description,
                ),
            )

    @arguments(default=Vals(optional=True))
    def copy_data(self, default=None):
        """A copy starts without what the original's actions set; a caller's
        defaults are checked like the values of a new record."""
        self._check_protected(default or {})
        protected = self._protected_fields()
        return [
            {name: value for name, value in vals.items() if name not in protected}
            for vals in super().copy_data(default)
        ]
