from . import test_handover
from . import test_handover_ui
from . import test_attack_protected_handover
from . import test_area_adjust
from . import test_area_adjust_flow
from . import test_attack_protected_area
from . import test_area_adjust_scale
