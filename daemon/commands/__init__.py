"""The `debrief` subcommands, one module per area; `daemon.cli` parses and dispatches."""
