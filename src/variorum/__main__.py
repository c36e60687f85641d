"""`python -m variorum`: the command line."""

from variorum.cli import main

raise SystemExit(main())
