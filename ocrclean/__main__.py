"""``python -m ocrclean`` runs the command line."""

from .cli import main

main()
