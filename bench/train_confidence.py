"""Train the confidence model: see `bench/qualitybench/confidence/` and docs/quality.md.

    python bench/train_confidence.py            # check (or reuse the cache), train, write
    python bench/train_confidence.py --recheck  # check every set again
"""

from __future__ import annotations

import sys

from qualitybench.confidence.cli import main

if __name__ == "__main__":
    sys.exit(main())
