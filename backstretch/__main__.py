"""python -m backstretch."""

import sys

from backstretch.cli import main

if __name__ == "__main__":
    sys.exit(main())
