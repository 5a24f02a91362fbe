from . import realty_sales_demo
