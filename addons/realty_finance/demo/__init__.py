from . import realty_finance_demo
