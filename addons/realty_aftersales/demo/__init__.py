from . import realty_demo
