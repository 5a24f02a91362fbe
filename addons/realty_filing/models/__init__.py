from . import realty_filing_adapter
from . import realty_filing_adapter_field
from . import realty_filing
from . import realty_filing_attempt
from . import realty_deal
from . import realty_project
from . import realty_room
