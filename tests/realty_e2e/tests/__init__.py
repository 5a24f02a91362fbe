from . import test_machinery
from . import test_translations
