"""Input formats: the checkable prose of a file as segments mapped back to the file.

`reviewer.inputs.registry` lists the formats (names, extensions, modules,
imported when a file of the format is read); each format module has `NAME`,
`extract(raw) -> segments`, `escape(text)` and
`write_back(original, corrections) -> bytes`. Segments themselves are
`reviewer.text.segment`.
"""
