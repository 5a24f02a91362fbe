from . import realty_service_demo
