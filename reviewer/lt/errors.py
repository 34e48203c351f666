"""Why provisioning LanguageTool stopped: one exception family, one line each."""

from __future__ import annotations


class ProvisionError(Exception):
    """Setup cannot go on; the message says what is missing and how to get it."""


class ChecksumError(ProvisionError):
    """A jar is not the one the lock names (or Maven disagrees with the lock)."""


class DownloadError(ProvisionError):
    """A jar could not be fetched (network, HTTP status); Maven may still get it."""
