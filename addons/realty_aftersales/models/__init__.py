from . import realty_project
from . import realty_deal
from . import realty_service_type
from . import realty_service_stage
from . import realty_service_document
from . import realty_service_case
from . import realty_service_case_document
from . import realty_service_case_stage_log
