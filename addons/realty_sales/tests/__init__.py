from . import test_deal_flow
