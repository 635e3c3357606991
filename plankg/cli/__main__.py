"""``python -m plankg.cli``."""

import sys

from plankg.cli import main

sys.exit(main())
