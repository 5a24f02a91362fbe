from . import realty_sales_report
