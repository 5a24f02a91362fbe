from . import realty_area_waive
