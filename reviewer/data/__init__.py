"""Package data: the shipped default configuration (defaults.toml)."""
