"""``python -m azure.functions start [APP_DIR]``: the local host (see ``--help``)."""

from __future__ import annotations

import sys

from ._host.cli import main

if __name__ == "__main__":
    sys.exit(main())
