"""`python -m daemon` is the same as the `debrief` command."""

import sys

from daemon.cli import main

if __name__ == "__main__":  # not when imported
    sys.exit(main())
