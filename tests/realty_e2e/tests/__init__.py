from . import test_record_rules
from . import test_suite_wiring
from . import test_translations
from . import test_handover_finance
from . import test_area_adjust_finance
