from . import self_service
from . import opening
