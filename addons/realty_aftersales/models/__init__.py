from . import realty_project
from . import realty_deal
from . import realty_room
from . import realty_handover
from . import realty_handover_inspection
from . import realty_handover_defect
from . import mail_activity
