from . import self_service
from . import opening
from . import opening_portal
