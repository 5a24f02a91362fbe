from . import self_service
from . import survey
from . import opening
from . import opening_portal
