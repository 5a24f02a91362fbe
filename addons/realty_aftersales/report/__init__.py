from . import report_handover_notice
from . import realty_service_report
