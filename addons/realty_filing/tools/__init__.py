"""Pure helpers of the filing queue (no ORM): the retry delays and the HTTP
exchange with a city system. ``simulated_authority`` is a stand-alone program (and
a class the tests start in a thread); Odoo never imports it."""

from .backoff import backoff_seconds
from .transport import FORMATS, Answer, Exchange, parse_body, render_body

__all__ = [
    "FORMATS",
    "Answer",
    "Exchange",
    "backoff_seconds",
    "parse_body",
    "render_body",
]
