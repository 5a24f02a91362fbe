from . import realty_sheet_import
from . import realty_room_generate
from . import realty_area_import
from . import realty_room_state_wizard
from . import realty_price_calculator
from . import realty_price_plan_compare
from . import realty_price_import
