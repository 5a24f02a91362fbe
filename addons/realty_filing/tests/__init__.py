from . import test_attack_protected
from . import test_filing_concurrency
from . import test_filing_flow
from . import test_filing_queue
from . import test_filing_security
from . import test_filing_ui
