from . import test_handover
from . import test_handover_ui
from . import test_attack_protected_handover
