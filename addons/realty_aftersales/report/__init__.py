from . import report_handover_notice
