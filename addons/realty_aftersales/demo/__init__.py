from . import realty_demo
from . import realty_area_adjust_demo
