"""The bench's pure tests (test_checks.py) run with ``make test`` among the pure
tests: ``bench.opening`` and ``realtydev`` importable, no Odoo."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
for path in (ROOT / "tests", ROOT / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
