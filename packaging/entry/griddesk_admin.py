"""Bundle entry point of `griddesk-admin` (the console tool); see packaging/griddesk.spec."""

import sys

from desktop.cli.main import main

sys.exit(main())
