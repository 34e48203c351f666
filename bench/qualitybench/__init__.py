"""The checking-quality harness behind `bench/quality.py`.

Readers for the evaluation sets, a detokeniser that keeps a map from
characters back to tokens, the metrics, and the run that checks sentences
through `reviewer.checker.check_documents`. Of the harness proper, only
`runner` and `cli` import reviewer. `confidence/` trains the confidence model
on the same sets (`bench/train_confidence.py`).
"""
