"""``python -m tui`` is ``granska``."""

import sys

from tui.cli import main

sys.exit(main())
