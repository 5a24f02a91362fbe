from . import self_service
