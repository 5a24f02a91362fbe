from . import realty_sales_report
from . import report_subscription
from . import report_contract
from . import realty_funnel_report
from . import realty_sales_forecast
from . import realty_customer_analysis
from . import realty_customer_answer_analysis
