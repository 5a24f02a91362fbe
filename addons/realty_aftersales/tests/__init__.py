from . import test_service_cases
from . import test_service_overview
from . import test_attack_protected_services
from . import test_service_demo
