"""A command imports what its job needs: `check` no downloader, `--version` no command.

Speed itself is measured by bench/ scripts (docs/checking.md); these tests
only say which modules a fresh interpreter has loaded.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.cache import FINDING_DEPENDENCIES, _version
from reviewer.inputs.registry import FORMATS
from reviewer.lt import custom
from reviewer.lt.engine import Engine
from reviewer.lt.provision import lt_version
from reviewer.lt.server import background_url, stale_background
from tests.conftest import ROOT


def loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=120)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_the_checking_path_loads_no_downloader_no_other_renderer_and_no_differ() -> None:
    loaded = loaded_after("import reviewer.commands.check, reviewer.checker, "
                          "reviewer.commands.reporting, reviewer.pipelines.output")
    assert "reviewer.checker" in loaded
    for name in ("reviewer.lt.download", "requests", "diff_match_patch",
                 "reviewer.formats.sarif", "reviewer.formats.junit", "reviewer.formats.gitlab",
                 "importlib.metadata", "reviewer.commands.serve", "uvicorn",
                 "reviewer.inputs.html", "reviewer.inputs.xliff", "reviewer.inputs.po",
                 "reviewer.text.docx_read", "lxml", "docx"):  # Word: read only for a .docx
        assert name not in loaded, name


def test_word_frequencies_of_plain_words_are_read_without_loading_wordfreq() -> None:
    loaded = loaded_after("from reviewer.confidence.frequency import zipf\n"
                          "assert zipf('the') > 7 and zipf('2007') > 4 and zipf('co-chairmen') > 0")
    assert "wordfreq" not in loaded


def test_version_loads_no_command() -> None:
    loaded = loaded_after("from reviewer.cli import main\nmain(['--version'])")
    assert not {m for m in loaded if m.startswith("reviewer.commands.")} - {
        "reviewer.commands", "reviewer.commands.terminal"}
    assert "reviewer.checker" not in loaded


def test_versions_of_the_dependencies_that_decide_findings_are_the_installed_ones() -> None:
    for name in (*FINDING_DEPENDENCIES, "msgspec", "google-re2"):
        assert _version(name) == importlib.metadata.version(name)
    assert _version("no-such-distribution") == ""


@pytest.mark.server
def test_the_background_servers_version_is_read_from_its_state_not_asked(
    lt_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A run whose answers are all cached then sends LanguageTool nothing at all.
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("REVIEWER_SERVER", raising=False)
    state = tmp_path / "server.json"
    rules = custom.digest()
    state.write_text(json.dumps({"url": lt_url, "version": "9.9-recorded", "rules": rules}),
                     encoding="utf-8")
    assert Engine().version() == "9.9-recorded"
    # started by an older reviewer that did not record its version
    state.write_text(json.dumps({"url": lt_url, "rules": rules}), encoding="utf-8")
    assert Engine().version() == lt_version()  # asked of the server


@pytest.mark.server
def test_a_background_server_started_with_other_pattern_rules_is_not_used(
    lt_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Started before reviewer was upgraded, its JVM holds the old grammar_custom.xml:
    # its findings would differ from today's and be cached as today's.
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path))
    state = tmp_path / "server.json"
    state.write_text(json.dumps({"url": lt_url, "rules": "0123456789abcdef"}), encoding="utf-8")
    assert background_url() is None and stale_background()
    state.write_text(json.dumps({"url": lt_url}), encoding="utf-8")  # from before the record
    assert background_url() is None and stale_background()
    state.write_text(json.dumps({"url": lt_url, "rules": custom.digest()}), encoding="utf-8")
    assert background_url() == lt_url and not stale_background()


def test_each_input_format_is_its_modules() -> None:
    for name, fmt in FORMATS.items():
        assert fmt.code().NAME == name


@pytest.mark.server
def test_a_run_whose_answers_are_all_cached_asks_no_server_anything(
    lt_url: str, tmp_path: Path
) -> None:
    # The background server recorded the pinned version when it started: the cache's key
    # needs nothing more, so not even its health is asked (nor is an HTTP client imported).
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "server.json").write_text(json.dumps(
        {"url": lt_url, "version": lt_version(), "rules": custom.digest()}), encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("He go to school. The committee met in 2007.\n", encoding="utf-8")
    code = ("import sys\nfrom reviewer.cli import main\n"
            f"try:\n    main(['check', {str(doc)!r}, '--no-config', '--format', 'json'])\n"
            "except SystemExit:\n    pass\n"
            "print('http.client' in sys.modules, file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k not in ("REVIEWER_SERVER", "REVIEWER_NO_CACHE")}
    env["REVIEWER_CACHE_DIR"] = str(cache)

    def run() -> tuple[str, str]:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env=env, cwd=tmp_path, timeout=300, check=True)
        return out.stdout, out.stderr.strip().splitlines()[-1]

    first, asked = run()
    assert asked == "True" and "HE_VERB_AGR" in first
    # the server is gone: the cached run does not notice
    (cache / "server.json").write_text(json.dumps(
        {"url": "http://127.0.0.1:9", "version": lt_version(), "rules": custom.digest()}),
        encoding="utf-8")
    again, asked = run()
    assert (again, asked) == (first, "False")
