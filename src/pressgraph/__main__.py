"""``python -m pressgraph`` runs the command line."""

import sys

from pressgraph.cli import main

sys.exit(main())
