"""Write docs/schemas/*.json from reviewer's records (reviewer.schemas): `make schemas`."""

from __future__ import annotations

from reviewer.schemas import write

if __name__ == "__main__":
    for path in write():
        print(f"schemas: wrote {path}")
