from odoo import api, fields, models
from odoo.tools import SQL


class RealtyQueueCounter(models.Model):
    """The last queue number issued per project and category (§10.1).

    Queue numbers must be gapless and unique per project and category while several
    sales offices issue them at once. Each issue increments this row with one
    ``INSERT ... ON CONFLICT DO UPDATE`` in the issuing transaction:

    * the UPDATE takes the row lock, so a second office issuing in the same category
      waits until the first one commits or rolls back;
    * Odoo runs in REPEATABLE READ: when the first one committed, the waiting
      statement fails with a serialization failure and Odoo replays the whole
      request (``odoo.service.model.retrying``), which then reads the new value;
    * a rolled-back issue rolls the counter back with it, so no number is lost.

    A ``SELECT max(...) FOR UPDATE`` on the numbers would not do: under REPEATABLE
    READ the waiting transaction would go on with its old snapshot and take the same
    number. ``ir.sequence`` with ``no_gap`` works the same way as this row (a row
    lock), but needs one sequence record per project and category created on the
    fly, which is itself a race; the counter row is created by the same upsert.
    The unique index on the numbers stays as the last line of defence.
    """

    _name = "realty.queue.counter"
    _description = "Queue Number Counter"
    _log_access = False

    project_id = fields.Many2one(
        "realty.project", required=True, index=True, ondelete="cascade", readonly=True
    )
    category = fields.Char(required=True, readonly=True)
    last_number = fields.Integer(readonly=True)

    _sql_constraints = [
        (
            "project_category_uniq",
            "unique(project_id, category)",
            "One counter per project and category.",
        ),
    ]

    @api.model
    def _allocate(self, project, category, count=1):
        """Reserve `count` consecutive numbers of `category` in `project`, in this
        transaction; returns the first. Waits while another transaction holds them
        (see the class docstring)."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "INSERT INTO realty_queue_counter AS counter "
                "(project_id, category, last_number) VALUES (%s, %s, %s) "
                "ON CONFLICT (project_id, category) DO UPDATE "
                "SET last_number = counter.last_number + EXCLUDED.last_number "
                "RETURNING last_number",
                project.id,
                category,
                count,
            ),
            # a lock or serialization error here is expected under concurrency and
            # replayed by Odoo: not a "bad query" worth an error in the log
            log_exceptions=False,
        )
        last = self.env.cr.fetchone()[0]
        self.invalidate_model(["last_number"])
        return last - count + 1
