from . import realty_project
