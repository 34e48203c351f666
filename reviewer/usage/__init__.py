"""Statistical models of English usage: which article and preposition a native writer uses.

Three small models trained on native English (`bench/train_usage.py`; sources
and licences in `reviewer/data/USAGE.md`) and applied in pure Python:

- `reviewer.usage.tagger`: a part-of-speech tagger (averaged perceptron);
- `reviewer.usage.articles`: a/an, the or no article before each noun phrase;
- `reviewer.usage.prepositions`: the preposition after a noun, verb or adjective.

The rules that report what the models find improbable are in
`reviewer.rules.usage`. Model files load lazily, once per process.
"""
