"""reviewer: translation-quality review with LanguageTool."""

__version__ = "0.1.0"
