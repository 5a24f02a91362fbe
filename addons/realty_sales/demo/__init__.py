from . import realty_sales_demo
from . import realty_survey_demo
