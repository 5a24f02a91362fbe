from . import test_area_adjust
