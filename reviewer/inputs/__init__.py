"""Input formats: the checkable prose of a file as segments mapped back to the file.

`reviewer.inputs.registry` lists the formats; each format module has `NAME`,
`EXTENSIONS`, `extract(raw) -> segments`, `escape(text)` and
`write_back(original, corrections) -> bytes`. This package's `__init__` imports
nothing so that `reviewer.document` can use `reviewer.inputs.segment`.
"""
