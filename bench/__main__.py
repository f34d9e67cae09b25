"""`python -m bench` (`make bench`): the dispatch desk benchmark (see bench/desk.py)."""

from __future__ import annotations

import sys

from bench.desk import main

if __name__ == "__main__":
    sys.exit(main())
