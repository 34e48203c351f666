"""The time: one clock read in UTC, and the ISO 8601 form that records store."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime | None = None) -> str:
    """`moment` (default: now) as records store it: `2026-11-30T03:36:02Z`."""
    moment = moment or utc_now()
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
