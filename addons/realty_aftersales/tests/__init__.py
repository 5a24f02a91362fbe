from . import test_service_cases
