"""The checking-quality harness behind `bench/quality.py`.

Readers for the evaluation sets, a detokeniser that keeps a map from
characters back to tokens, the metrics, and the run that checks sentences
through `reviewer.checker.check_documents`. Only `runner` imports reviewer.
"""
