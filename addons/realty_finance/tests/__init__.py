from . import test_attack_protected
from . import test_deal_ledger
from . import test_backfill
from . import test_demo
from . import test_finance_ui
from . import test_receipt_report
