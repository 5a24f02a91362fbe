from . import realty_project
from . import realty_deal
from . import realty_area_adjust_batch
from . import realty_area_adjust_line
