"""``python -m scholarly_edition``: the edition tools' command line."""

import sys

from edition_tools.cli import main

sys.exit(main())
