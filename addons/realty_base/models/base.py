from odoo import api, models, tools
from odoo.tools import sql

from ..inputs import check_bounds, check_ids, check_vals

CLIENT_ID_TYPES = frozenset({int, list, str, bytes, float, bool, dict})
"""What ``browse`` is checked for: the types JSON-RPC and XML-RPC deliver as ids.
Server code's tuples, sets, generators and recordsets' ids pass unchecked."""


class Base(models.AbstractModel):
    """Input at the door of every ``realty.*`` model (realty_base/inputs.py): the
    ids a client sends and the values of create, write and copy are checked
    before the models' code and the database see them, and numeric fields keep
    within their ``bounds``. Other models keep Odoo's behaviour."""

    _inherit = "base"

    _realty_door_checks_input = False
    """True on models whose realty.protected.mixin checks the values itself,
    before its own hooks use them (then this class does not check them again)."""

    def _valid_field_parameter(self, field, name):
        # bounds=(minimum, maximum) of a numeric field of a realty model
        return name == "bounds" or super()._valid_field_parameter(field, name)

    def _is_realty_model(self):
        return self._name.startswith("realty.")

    def _realty_server_writes(self):
        """Whether server code writes (the ids it gives are not checked to exist,
        nor the required fields of a create): the superuser here;
        realty.protected.mixin adds its open door."""
        return self.env.su

    # ------------------------------------------------------------------ the door
    def browse(self, ids=()):
        if ids and ids.__class__ in CLIENT_ID_TYPES and self._is_realty_model():
            check_ids(self, ids)
        return super().browse(ids)

    @api.model_create_multi
    def create(self, vals_list):
        if self._is_realty_model() and not self._realty_door_checks_input:
            check_vals(
                self, vals_list, client=not self._realty_server_writes(), create=True
            )
        return super().create(vals_list)

    def write(self, vals):
        if self._is_realty_model() and not self._realty_door_checks_input:
            check_vals(self, [vals], client=not self._realty_server_writes())
        return super().write(vals)

    def _add_missing_default_values(self, values):
        """The defaults (of the fields, the context, ir.default) are checked like
        a caller's values, and the bounds of the values server code adds, before
        the INSERT: a value out of bounds is refused with its code, not by the
        database's CHECK."""
        result = super()._add_missing_default_values(values)
        if self._is_realty_model():
            unchecked = {
                name: value
                for name, value in result.items()
                if name not in values or name in self._realty_bounded_fields()
            }
            if unchecked:
                check_vals(self, [unchecked], client=False)
        return result

    def copy_data(self, default=None):
        if default and self._is_realty_model():
            check_vals(self, [default], client=not self._realty_server_writes())
        return super().copy_data(default)

    # ------------------------------------------------------------------ bounds
    @api.model
    @tools.ormcache()
    def _realty_bounded_fields(self):
        return frozenset(
            name
            for name, field in self._fields.items()
            if getattr(field, "bounds", None) and field.store
        )

    @api.constrains(lambda self: self._realty_bounded_fields())
    def _check_realty_bounds(self):
        """The bounds hold whatever set the values (defaults, server code)."""
        check_bounds(self, self._realty_bounded_fields())

    def _auto_init(self):
        """A CHECK per bounded column: the database's own wall, behind the door
        and the constraint."""
        result = super()._auto_init()
        if self._auto and self._is_realty_model():
            self._realty_add_bounds_checks()
        return result

    def _realty_add_bounds_checks(self):
        cr = self.env.cr
        for name, field in self._fields.items():
            bounds = getattr(field, "bounds", None)
            if not (bounds and field.store and field.column_type):
                continue
            conname = f"{self._table}_{name}_bounds"[:63]
            definition = f"CHECK({name} >= {bounds[0]!r} AND {name} <= {bounds[1]!r})"
            current = sql.constraint_definition(cr, self._table, conname)
            if current == definition:
                continue
            if current:
                sql.drop_constraint(cr, self._table, conname)
            self.pool.post_constraint(
                sql.add_constraint, cr, self._table, conname, definition
            )
