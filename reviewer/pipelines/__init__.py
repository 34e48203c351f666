"""The runs: a check (`session`), a review (`reviewing`), an apply (`correcting`).

Each takes `Settings` and paths and goes all the way: documents read, the
engine's life, files written. The commands and `reviewer serve` call them;
they sit above `reviewer.review` (the review file, its suggestions and their
placing), `reviewer.html` and `reviewer.inputs`, which they use.
"""
