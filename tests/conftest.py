"""Shared fixtures: one real LanguageTool server for the whole test session, and Chromium
for the browser tests (tests/test_browser_*.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.lt.provision import JARS_ENV, is_provisioned, jars_dir
from reviewer.lt.server import LocalServer

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "mine-action-statement.en.txt"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, driven by Playwright
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--no-first-run"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the session's LanguageTool server is a `server` test."""
    for item in items:
        if "lt_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)


@pytest.fixture(scope="session")
def _no_background_server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder that names no background server (`reviewer server start`'s state)."""
    return tmp_path_factory.mktemp("cache-without-server")


@pytest.fixture(autouse=True)
def _markers_tell_the_truth(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                            _no_background_server: Path) -> None:
    """A test not marked `server` cannot start LanguageTool, in this process or a child.

    Nor reach one: a developer's `reviewer server start` or $REVIEWER_SERVER would
    otherwise answer what CI's clean machine cannot, and the test would pass or fail by
    where it runs.
    """
    if request.node.get_closest_marker("server"):
        return
    name = request.node.nodeid
    monkeypatch.delenv("REVIEWER_SERVER", raising=False)
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(_no_background_server))

    def refuse(self: LocalServer) -> LocalServer:
        raise AssertionError(f"{name} starts LanguageTool: mark it @pytest.mark.server")

    monkeypatch.setattr(LocalServer, "start", refuse)
    monkeypatch.setenv(JARS_ENV, f"/nonexistent/{name} is not marked server")


@pytest.fixture(autouse=True, scope="session")
def _no_check_cache() -> Iterator[None]:
    """Every check goes to the server unless a test turns the cache on (tests/test_cache.py).

    No class-data-sharing archive either (tests/test_jvm.py turns it on): each test
    with its own cache folder would dump one in the background.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REVIEWER_NO_CACHE", "1")
        mp.setenv("REVIEWER_CDS", "0")
        # Nor does a developer's resident process (`reviewer server start`) run the commands
        # of tests that start `reviewer` (tests/test_resident.py starts its own).
        mp.setenv("REVIEWER_NO_RESIDENT", "1")
        yield


@pytest.fixture(autouse=True, scope="session")
def _no_user_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No configuration of the developer's own (user folder, $REVIEWER_CONFIG) reaches a
    test: tests/test_config.py puts one where it needs one."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("user-config")))
        mp.delenv("REVIEWER_CONFIG", raising=False)
        yield


@pytest.fixture(scope="session")
def lt_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a real LanguageTool server started for this test session."""
    if not is_provisioned():
        pytest.fail(f"LanguageTool is not provisioned in {jars_dir()}: run `reviewer setup`")
    log = tmp_path_factory.mktemp("lt") / "server.log"
    with LocalServer(jars_dir(), log) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, launched once per test module."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()

@pytest.fixture
def run_cli(lt_url: str, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Call `reviewer.cli.main` against the session server; returns (code, out, err)."""
    from reviewer.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        if argv and argv[0] in SERVER_COMMANDS:
            argv = (*argv, "--server", lt_url)
        if argv and argv[0] in CONFIDENCE_COMMANDS and not {"--all", "--min-confidence"} & {
                a.split("=")[0] for a in argv}:
            # Tests of detection see every finding; the threshold has tests of its own
            # (tests/test_confidence_cli.py), so a retrained model cannot break them.
            argv = (*argv, "--all")
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


SERVER_COMMANDS = {"check", "review", "baseline", "apply", "rules"}
CONFIDENCE_COMMANDS = {"check", "review", "baseline"}
