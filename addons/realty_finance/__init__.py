from . import models
from . import wizard


def post_init_hook(env):
    """Companies that already have a chart get the realty accounts and journal."""
    env["res.company"]._realty_finance_setup_all()
