from . import realty_project
from . import realty_deal
