"""One module per `reviewer` subcommand; registered in `reviewer.cli.COMMANDS`."""
