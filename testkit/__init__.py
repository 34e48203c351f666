"""What the test suite (tests/) and the benchmarks (bench/) share: generators of documents
and review files, properties every input must keep, records placed by hand, and `reviewer
serve` as a real process. Not shipped: the wheel holds `reviewer*` only (pyproject.toml).
"""
