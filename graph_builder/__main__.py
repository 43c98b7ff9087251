"""``python -m graph_builder`` runs the command line."""

from graph_builder.cli import main

main()
