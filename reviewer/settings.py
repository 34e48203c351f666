"""Settings: one frozen record, resolved once: defaults → configuration → command line.

`resolve` is the only place settings are built: the commands turn argv into
overrides and a configuration layer (reviewer.config), the quality harness
passes its own overrides, and `apply`'s re-check passes the check settings
recorded in the review file as its layer. Per key, the command line wins over
the layer, which wins over the defaults; a command-line list replaces the
file's list (it is not appended to). Everything below the commands takes a
`Settings` or what it builds (`check_options`), never an argparse namespace.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any

from reviewer.cache import FILE_NAME as CACHE_FILE
from reviewer.cachedir import cache_dir
from reviewer.checker import CheckOptions, default_jobs
from reviewer.confidence.model import MODEL_FILE, load_model
from reviewer.confidence.names import NameModel
from reviewer.config import KEYS, RECORDED, SCHEMA, SETTINGS, Decides, Layer, defaults, validate
from reviewer.formats import Format
from reviewer.gate import Gate
from reviewer.learn import learned_path, load_learned
from reviewer.lt.client import LTSettings
from reviewer.lt.server import DEFAULT_START_TIMEOUT
from reviewer.model import Severity
from reviewer.paths import Selection
from reviewer.rules import checked_here
from reviewer.rules.base import OptionValue
from reviewer.rules.glossary import read_glossary
from reviewer.rules.run import RuleConfig, check_rule_ids, parse_option
from reviewer.rules.variants import OWN_VARIANT
from reviewer.severity import SeverityMap
from reviewer.suppress import Suppressor

DEFAULT = "default"
COMMAND_LINE = "command line"
NO_CACHE_ENV = "REVIEWER_NO_CACHE"

# The configuration keys that decide which findings a document gets: recorded in a
# review file so that `apply` re-checks the corrected text the same way.
CHECK_KEYS = tuple(k.name for k in SCHEMA if k.decides in RECORDED)


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of a run, typed; `origins` says where each configurable one came from."""

    # checking (configuration keys)
    language: str = OWN_VARIANT
    mother_tongue: str | None = None
    picky: bool = False
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    enable_categories: tuple[str, ...] = ()
    disable_categories: tuple[str, ...] = ()
    rule_options: tuple[str, ...] = ()
    severity_rules: Mapping[str, Severity] = field(default_factory=dict)
    severity_categories: Mapping[str, Severity] = field(default_factory=dict)
    min_confidence: float = 0.0  # resolve() sets the model's threshold unless one is given
    learn: bool = False
    accept_words: tuple[str, ...] = ()
    ignore_patterns: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    cache: bool = True
    # reporting and gate (configuration keys)
    format: tuple[Format, ...] | None = None
    output: tuple[tuple[Format, str], ...] | None = None
    fail_on: str = "major"
    max_findings: int | None = None
    max_density: float | None = None
    max_score: float | None = None
    review_files: tuple[str, ...] = ()  # editors' decisions (reviewer.review.decided)
    # the command line only
    server: tuple[str, ...] = ()  # LanguageTool servers to share the work (none: ours)
    start_timeout: float = DEFAULT_START_TIMEOUT
    jobs: int = field(default_factory=default_jobs)
    input_format: str = "auto"
    source: str | None = None
    glossary: str | None = None
    # where the values came from
    origins: Mapping[str, str] = field(default_factory=dict)
    file: str | None = None

    def languagetool(self) -> LTSettings:
        """What LanguageTool is asked: ids of our rules stay with us."""
        return LTSettings(
            language=self.language,
            mother_tongue=self.mother_tongue,
            picky=self.picky,
            enabled_rules=tuple(sorted({r for r in self.enable if not checked_here(r)})),
            disabled_rules=tuple(sorted({r for r in self.disable if not checked_here(r)})),
            enabled_categories=tuple(sorted(set(self.enable_categories))),
            disabled_categories=tuple(sorted(set(self.disable_categories))),
        )

    def rules(self) -> RuleConfig:
        """Our rules' settings; raises RuleConfigError for an unknown id or option."""
        check_rule_ids([*self.enable, *self.disable])
        options: dict[str, dict[str, OptionValue]] = {}
        for spec in self.rule_options:
            rule_id, key, value = parse_option(spec)
            options.setdefault(rule_id, {})[key] = value
        return RuleConfig(
            # --enable turns a rule back on that the configuration (or its defaults) disables.
            disabled=frozenset(r for r in self.disable
                               if checked_here(r) and r not in self.enable),
            disabled_categories=frozenset(self.disable_categories),
            options=options,
        )

    def severities(self) -> SeverityMap:
        return SeverityMap(rules=self.severity_rules, categories=self.severity_categories)

    def gate(self) -> Gate:
        return Gate.parse(self.fail_on, self.max_findings, self.max_density, self.max_score)

    def selection(self) -> Selection:
        return Selection(self.include, self.exclude)

    def recorded(self) -> dict[str, Any]:
        """The settings that decide findings, as plain JSON values (for a review file)."""
        values = {k: _plain(getattr(self, KEYS[k].field)) for k in CHECK_KEYS}
        return {k: v for k, v in values.items() if v is not None}


def check_options(settings: Settings) -> CheckOptions:
    """What the checker needs: rules compiled, glossary read, cache placed.

    Raises RuleConfigError for unknown rules or options, InputError for an
    unreadable glossary and LearnError for an unusable learned file.
    """
    use_cache = settings.cache and not os.environ.get(NO_CACHE_ENV)
    return CheckOptions(
        languagetool=settings.languagetool(),
        rules=settings.rules(),
        severities=settings.severities(),
        suppress=Suppressor.build(settings.accept_words, settings.ignore_patterns),
        glossary=read_glossary(settings.glossary) if settings.glossary else (),
        jobs=max(1, settings.jobs),
        cache_path=cache_dir() / CACHE_FILE if use_cache else None,
        server=settings.server,
        start_timeout=settings.start_timeout,
        min_confidence=settings.min_confidence,
        learned=load_learned(learned_path(settings.file)) if settings.learn else None,
        # The project's accepted words extend the gazetteer of names and local terms.
        names=NameModel.build(settings.accept_words),
        decided_by={k.name: _plain(getattr(settings, k.field)) for k in SETTINGS
                    if k.decides is Decides.FINDINGS},
    )


_FIELDS = frozenset(f.name for f in fields(Settings)) - {"origins", "file"}


def resolve(overrides: Mapping[str, Any] | None = None, layer: Layer | None = None) -> Settings:
    """The settings: defaults, then `layer` (a configuration file's or recorded values,
    validated against the schema), then `overrides` (typed values by field name).

    Raises ConfigError naming the key and where it came from.
    """
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for origin, raw in (("default", defaults()), layer or ("", {})):
        for name, value in validate(raw, origin).items() if origin else ():
            values[KEYS[name].field] = _typed(name, value)
            origins[KEYS[name].field] = origin
    for name, value in (overrides or {}).items():
        if name not in _FIELDS:
            raise TypeError(f"no setting {name!r}")
        values[name] = value
        origins[name] = COMMAND_LINE
    if "min_confidence" not in values:
        values["min_confidence"] = load_model().min_confidence
        origins["min_confidence"] = f"default ({MODEL_FILE})"
    return Settings(**values, origins=origins, file=layer[0] if layer else None)


def _typed(name: str, value: Any) -> Any:
    """A validated configuration value as its setting's type."""
    if name == "format":
        return tuple(Format(v) for v in value)
    if name == "output":
        return tuple((Format(k), str(p)) for k, p in value.items())
    if name.startswith("severity."):
        return {str(k): Severity(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return value


def _plain(value: Any) -> Any:
    """A setting's value as plain JSON/TOML types (the inverse of `_typed`)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
        return {_plain(k): v for k, v in value}  # output: FORMAT = PATH
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def shown(settings: Settings) -> list[tuple[str, Any, str]]:
    """(key, plain value or None, where it came from) for every configuration key."""
    return [(k.name, _plain(getattr(settings, k.field)), settings.origins.get(k.field, DEFAULT))
            for k in SCHEMA]


__all__ = ["COMMAND_LINE", "Settings", "check_options", "resolve", "shown"]
