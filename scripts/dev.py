#!/usr/bin/env python3
"""Development tool for the realty addons; the Makefile's targets call it.

Standard library only until it has created .venv, then it runs again inside .venv.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realtydev.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
