"""Input formats: the checkable prose of a file as segments mapped back to the file.

`reviewer.inputs.registry` lists the formats; each format module has `NAME`,
`EXTENSIONS`, `extract(raw) -> segments`, `escape(text)` and
`write_back(original, corrections) -> bytes`. Segments themselves are
`reviewer.text.segment`.
"""
