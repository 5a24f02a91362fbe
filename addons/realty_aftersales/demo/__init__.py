from . import realty_handover_demo
from . import realty_service_demo
