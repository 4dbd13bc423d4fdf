"""``python -m claimx``: the ``claimx`` command line without the console script."""

from .cli import main

main()
