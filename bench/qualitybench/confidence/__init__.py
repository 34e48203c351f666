"""Training the confidence model behind `bench/train_confidence.py`.

`data` names the sets and how each is split, `collect` checks them with the
real checker and caches the findings, `train` fits the model, `evaluate`
measures it on data it was not trained on. The runtime that applies the model
is `reviewer.confidence`; scikit-learn and numpy are needed here only (the
`train` extra).
"""
