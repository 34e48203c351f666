"""Checking quality on real non-native English: see `bench/qualitybench/`.

    python bench/quality.py realec ../shared/eval/realec --plain-lt
    python bench/quality.py m2 ../shared/eval/conll13 --format json
"""

from __future__ import annotations

import sys

from qualitybench.cli import main

if __name__ == "__main__":
    sys.exit(main())
