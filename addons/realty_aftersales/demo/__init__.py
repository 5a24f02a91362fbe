from . import realty_handover_demo
from . import realty_area_adjust_demo
