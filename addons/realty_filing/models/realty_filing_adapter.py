from odoo import api, fields, models

from odoo.addons.realty_base.inputs import DAYS

from ..payload import BY_KEY, CANCELLATION, KEYS, is_empty
from ..tools import FORMATS, parse_body, render_body
from ..tools.transport import CONTENT_TYPES

ADAPTER_TYPES = [
    ("generic", "Generic JSON/XML"),
    ("simulated", "Simulated Authority"),
]
MANAGERS = "realty_filing.group_realty_filing_manager"


class RealtyFilingAdapter(models.Model):
    """How one city's online signing and filing system (网签备案系统) is reached
    (domain.md §8.4): its address and credentials, the document's format and field
    names, how its answers read, and how patiently the queue retries it.

    Two kinds ship: a generic adapter that posts the §8.3 values as JSON or XML
    under the names of its field mapping, and the simulated authority of the tests
    and the demo (tools/simulated_authority.py), which speaks the same protocol with
    the default names. The credentials are readable by filing managers only."""

    _name = "realty.filing.adapter"
    _description = "City Filing Adapter"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    city = fields.Char()
    adapter_type = fields.Selection(
        ADAPTER_TYPES, string="Type", required=True, default="generic"
    )
    payload_format = fields.Selection(
        [(fmt, fmt.upper()) for fmt in FORMATS],
        string="Format",
        required=True,
        default="json",
    )
    endpoint = fields.Char(
        help="The address filings are posted to, e.g. "
        "https://wq.example.gov.cn/api/filings.",
    )
    username = fields.Char(groups=MANAGERS, copy=False)
    api_token = fields.Char(
        string="API Token",
        groups=MANAGERS,
        copy=False,
        help="Sent as a bearer token; readable by filing managers only.",
    )
    timeout_seconds = fields.Integer(
        string="Timeout (s)",
        bounds=(1, 300),
        default=20,
        help="How long to wait for an answer; then the filing is sent again later "
        "with the same idempotency key.",
    )
    max_attempts = fields.Integer(
        bounds=(1, 100),
        default=8,
        help="Attempts without an answer before the filing is stuck and waits for a "
        "filing manager.",
    )
    backoff_seconds = fields.Integer(
        string="First Retry After (s)",
        bounds=(0, 86400),
        default=60,
        help="Doubled at each attempt, up to the cap.",
    )
    backoff_cap_seconds = fields.Integer(
        string="Longest Wait (s)", bounds=(0, 86400), default=3600
    )
    status_key = fields.Char(string="Status Field", default="status", required=True)
    accepted_value = fields.Char(default="accepted", required=True)
    number_key = fields.Char(
        string="Filing Number Field", default="filing_number", required=True
    )
    reason_key = fields.Char(string="Reason Field", default="reason", required=True)
    echo_key = fields.Char(
        string="Idempotency Key Field",
        default="idempotency_key",
        help="The field of the answer that repeats the request's idempotency key: an "
        "answer that names another key belongs to another filing and is discarded.",
    )
    field_ids = fields.One2many(
        "realty.filing.adapter.field",
        "adapter_id",
        string="Field Mapping",
        copy=True,
        help="Empty: every §8.3 value under its own name, the default required ones "
        "required.",
    )
    recool_days = fields.Integer(
        string="Re-filing Cool-down (days)",
        bounds=DAYS,
        help="filing.recool_days: some cities block re-filing a room for a while "
        "after a cancellation (informative).",
    )
    project_ids = fields.One2many("realty.project", "filing_adapter_id")

    @api.depends("name", "city")
    def _compute_display_name(self):
        for adapter in self:
            adapter.display_name = (
                f"{adapter.name} ({adapter.city})" if adapter.city else adapter.name
            )

    # -------------------------------------------------------------- the document
    def _mapping(self):
        """``[(payload.Key, name in the city system, required)]``."""
        self.ensure_one()
        if self.field_ids:
            return [
                (BY_KEY[line.key], line.external_name, line.required)
                for line in self.field_ids
            ]
        return [(key, key.key, key.required) for key in KEYS]

    def _document(self, filing):
        """The document `filing` sends: its kind, and the mapped values of its deal
        (a cancellation: the number it cancels and why)."""
        self.ensure_one()
        deal = filing.deal_id
        if filing.kind == CANCELLATION:
            return {
                "kind": CANCELLATION,
                "filing_number": filing.original_filing_id.filing_number,
                "data": {
                    "project": deal.project_id.code,
                    "room_code": filing.room_id.code,
                    "reason": filing.note or "",
                },
            }
        data = {}
        for key, name, _required in self._mapping():
            if filing.kind in key.kinds:
                data[name] = key.read(deal)
        return {"kind": filing.kind, "data": data}

    def _missing(self, filing):
        """``(code, message)`` per required value the filing's deal lacks (§8.3),
        field by field, in the user's language."""
        self.ensure_one()
        labels = dict(
            self.env["realty.filing.adapter.field"]
            ._fields["key"]
            ._description_selection(self.env)
        )
        deal = filing.deal_id
        errors = []
        for key, _name, required in self._mapping():
            if not required or filing.kind not in key.kinds:
                continue
            value = key.read(deal)
            if is_empty(value):
                errors.append(
                    self.env._(
                        "%(deal)s: %(field)s is missing.",
                        deal=deal.name,
                        field=labels[key.key],
                    )
                )
            elif key.key == "buyers":
                errors += self._missing_buyer_values(deal, value)
        return errors

    def _missing_buyer_values(self, deal, buyers):
        errors = []
        for buyer in buyers:
            if not buyer["id_type"] or not buyer["id_number"]:
                errors.append(
                    self.env._(
                        "%(deal)s: the ID document of buyer %(buyer)s is missing.",
                        deal=deal.name,
                        buyer=buyer["name"],
                    )
                )
        return errors

    def _request(self, filing):
        """``(url, body, headers)`` of the filing's request; the body is the
        document stored on the filing when it was queued."""
        self.ensure_one()
        headers = {
            "Content-Type": f"{CONTENT_TYPES[self.payload_format]}; charset=utf-8",
            "Accept": CONTENT_TYPES[self.payload_format],
            "Idempotency-Key": filing.idempotency_key,
        }
        if self.api_token:
            headers["Authorization"] = f"Bearer {self.api_token}"
        if self.username:
            headers["X-Account"] = self.username
        return self.endpoint or "", filing.payload.encode(), headers

    def _render(self, document):
        self.ensure_one()
        return render_body(self.payload_format, document).decode()

    def _read_answer(self, filing, answer):
        """What an :class:`~..tools.Answer` means for `filing`: a dict with
        ``outcome`` (``accepted``, ``rejected``, ``stray``, ``refused``, or the
        transport's ``timeout``, ``unavailable``, ``error``), ``number``,
        ``reason``."""
        self.ensure_one()
        if answer.outcome != "answer":
            return {"outcome": answer.outcome, "reason": answer.detail}
        values = parse_body(self.payload_format, answer.body)
        echoed = values.get(self.echo_key) if self.echo_key else None
        if echoed and echoed != filing.idempotency_key:
            return {
                "outcome": "stray",
                "reason": self.env._(
                    "An answer for another request (%(key)s) was discarded.",
                    key=echoed,
                ),
            }
        status = str(values.get(self.status_key) or "")
        number = str(values.get(self.number_key) or "")
        reason = str(values.get(self.reason_key) or "")
        if 200 <= answer.status < 300 and status == self.accepted_value and number:
            return {"outcome": "accepted", "number": number}
        if answer.status in (400, 409, 422) and reason:
            return {"outcome": "rejected", "reason": reason}
        return {
            "outcome": "refused",
            "reason": self.env._(
                "The city system answered %(status)s %(detail)s: %(body)s",
                status=answer.status,
                detail=answer.detail,
                body=answer.body[:200].decode(errors="replace"),
            ),
        }
