from . import realty_walk_in
from . import realty_customer_transfer
from . import realty_customer_care
