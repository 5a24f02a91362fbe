from . import test_attack_protected
from . import test_deal_ledger
from . import test_receipt_concurrency
from . import test_receipts
from . import test_refunds
from . import test_bank_match
from . import test_vat_invoice
