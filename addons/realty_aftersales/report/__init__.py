from . import realty_service_report
