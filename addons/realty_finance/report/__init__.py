from . import realty_reconciliation_report
