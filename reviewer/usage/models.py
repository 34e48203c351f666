"""The shipped usage models, read once per process from reviewer/data (gzip'd JSON)."""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources
from typing import Any

from reviewer.usage.articles import ArticleModel
from reviewer.usage.tagger import Tagger


def _read(name: str) -> Any:
    data = resources.files("reviewer.data").joinpath(name).read_bytes()
    return json.loads(gzip.decompress(data))


def tagger_from(data: Any) -> Tagger:
    return Tagger(tuple(data["tags"]), {f: dict(ws) for f, ws in data["weights"].items()},
                  data["lookup"])


@functools.cache
def tagger() -> Tagger:
    """The shipped part-of-speech tagger."""
    return tagger_from(_read("tagger.json.gz"))


@functools.cache
def article_model() -> ArticleModel:
    """The shipped article model."""
    data = _read("articles.json.gz")
    return ArticleModel({f: tuple(w) for f, w in data["weights"].items()},
                        tuple(data["intercept"]))
