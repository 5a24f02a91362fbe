from . import models
from . import report
from . import wizard
from . import demo


def post_init_hook(env):
    """Companies that already have a chart get the realty accounts and journal, and
    the money their deals and queue numbers received before realty_finance was
    installed is posted (realty_sales alone records no entries)."""
    env["res.company"]._realty_finance_setup_all()
    env["realty.deal.payment"]._finance_post_existing()
