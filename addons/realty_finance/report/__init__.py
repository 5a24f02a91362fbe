from . import realty_aging_report
from . import report_dunning_letter
from . import realty_reconciliation_report
