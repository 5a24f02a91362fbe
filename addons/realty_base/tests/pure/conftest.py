"""Make ``realty_base.tools`` importable without Odoo.

``addons/realty_base/__init__.py`` imports ``odoo``; registering a bare package
module named ``realty_base`` whose path is the addon folder lets
``from realty_base.tools import …`` load only the pure library.
"""

import os
import sys
import tempfile
import types
from pathlib import Path

from hypothesis import settings

ADDON_DIR = Path(__file__).resolve().parents[2]

# Hypothesis caches data in ./.hypothesis by default; keep the work tree clean.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY",
    str(Path(tempfile.gettempdir()) / "realty-pure-hypothesis"),
)

if "realty_base" not in sys.modules:
    _package = types.ModuleType("realty_base")
    _package.__path__ = [str(ADDON_DIR)]
    sys.modules["realty_base"] = _package

settings.register_profile(
    "pure", deadline=None, derandomize=True, database=None, print_blob=False
)
settings.load_profile("pure")
