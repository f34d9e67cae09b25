"""Bundle entry point of `griddesk` (the window); see packaging/griddesk.spec."""

import sys

from desktop.app import main

sys.exit(main())
