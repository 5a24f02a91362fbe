from . import realty_handover_demo
