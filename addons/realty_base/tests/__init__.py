from . import test_room_generation
from . import test_room_state
from . import test_area_import
from . import test_access
from . import test_performance
from . import test_ui
from . import test_price_plan
from . import test_price_calculator
