from . import realty_bank_match
from . import realty_bank_match_line
