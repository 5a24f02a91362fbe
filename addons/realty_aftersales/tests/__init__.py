from . import test_area_adjust
from . import test_area_adjust_flow
