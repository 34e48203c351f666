"""Reviewing: suggestions and their diffs, the review file, merging re-checks, applying."""
