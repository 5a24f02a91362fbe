from . import test_deal_flow
from . import test_change_order
from . import test_concurrency
from . import test_buyers
from . import test_queue_number
from . import test_sales_ui
from . import test_sales_reports
