"""Requests to a LanguageTool server on loopback go over kept-alive `http.client` connections.

A small HTTP server of the standard library stands in for LanguageTool here: what
is tested is the transport (connections, retries, errors), not checking, which
test_check_server.py does against the real server.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from reviewer.lt.client import EngineRequestError, LTClient, LTSettings
from reviewer.lt.transport import Loopback, Remote, healthy, transport_for
from tests.conftest import ROOT

LANGUAGES = [{"name": "English (US)", "code": "en", "longCode": "en-US"}]


class Recorder(ThreadingHTTPServer):
    """Answers /v2/languages and /v2/check; counts connections; can close after answering."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.connections = 0
        self.close_after_answer = False
        self.forms: list[dict[str, list[str]]] = []
        self.paths: list[str] = []
        self.status = 200
        self.body = b""

    def get_request(self) -> tuple[socket.socket, object]:
        self.connections += 1
        return super().get_request()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # kept-alive connections, as LanguageTool's server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        self.answer(json.dumps(LANGUAGES).encode())

    def do_POST(self) -> None:  # noqa: N802
        server: Recorder = self.server  # type: ignore[assignment]
        size = int(self.headers["Content-Length"])
        server.forms.append(parse_qs(self.rfile.read(size).decode()))
        self.answer(server.body or json.dumps(
            {"software": {"version": "6.8"}, "matches": []}).encode(), server.status)
        if server.close_after_answer:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)

    def answer(self, body: bytes, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[Recorder]:
    srv = Recorder()
    thread = threading.Thread(target=srv.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def url_of(srv: Recorder) -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}"


def test_loopback_servers_get_http_client_and_others_requests() -> None:
    assert isinstance(transport_for("http://127.0.0.1:8081"), Loopback)
    assert isinstance(transport_for("http://localhost:8081"), Loopback)
    assert isinstance(transport_for("https://api.languagetool.org"), Remote)
    assert isinstance(transport_for("http://192.0.2.7:8081"), Remote)


def test_checks_share_one_kept_alive_connection(server: Recorder) -> None:
    client = LTClient(url_of(server), LTSettings(language="en-US"))
    for text in ("He go home.", "Naïve café — “quoted”."):
        assert client.check(text).version == "6.8"
    assert server.connections == 1
    assert [f["text"] for f in server.forms] == [["He go home."], ["Naïve café — “quoted”."]]


def test_a_connection_the_server_closed_is_opened_again(server: Recorder) -> None:
    client = LTClient(url_of(server), LTSettings(language="en-US"))
    server.close_after_answer = True
    for _ in range(3):
        client.check("He go home.")
    assert len(server.forms) == 3  # every check answered, none sent twice


def test_proxy_variables_do_not_apply_on_loopback(
        server: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://192.0.2.1:9")  # TEST-NET: nothing answers there
    LTClient(url_of(server), LTSettings(language="en-US")).check("He go home.")
    assert len(server.forms) == 1


def test_an_http_error_names_the_server_status_and_first_line(server: Recorder) -> None:
    client = LTClient(url_of(server), LTSettings(language="en-US"))
    server.status, server.body = 500, b"Error: out of memory\n\tat org.languagetool..."
    with pytest.raises(EngineRequestError) as err:
        client.check("He go home.")
    assert str(err.value) == f"{url_of(server)}: HTTP 500 Error: out of memory"


def test_an_answer_that_is_not_json_is_an_engine_error(server: Recorder) -> None:
    client = LTClient(url_of(server), LTSettings(language="en-US"))
    server.body = b"<html>a proxy page</html>"
    with pytest.raises(EngineRequestError, match="not JSON"):
        client.check("He go home.")


def test_a_refused_connection_is_an_engine_error_naming_the_server() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: connections are refused
        with pytest.raises(EngineRequestError) as err:
            LTClient(f"http://127.0.0.1:{port}", LTSettings(language="en-US"))
    assert str(err.value).startswith(f"http://127.0.0.1:{port}: ConnectionRefusedError")


def test_a_path_prefix_of_the_server_url_is_kept(server: Recorder) -> None:
    status, _ = transport_for(url_of(server) + "/lt").send("GET", "/v2/languages", None)
    assert (status, server.paths) == (200, ["/lt/v2/languages"])


def test_the_health_check_says_whether_a_server_answers(server: Recorder) -> None:
    assert healthy(url_of(server), timeout=5.0)
    assert server.paths == ["/v2/healthcheck"]
    server.shutdown()
    server.server_close()
    assert not healthy(url_of(server), timeout=5.0)


def test_a_check_on_loopback_does_not_import_requests(server: Recorder) -> None:
    code = ("import sys\nfrom reviewer.lt.client import LTClient, LTSettings\n"
            f"LTClient({url_of(server)!r}, LTSettings(language='en-US')).check('He go.')\n"
            "print('requests' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, timeout=120)
    assert (out.stdout.strip(), len(server.forms)) == ("False", 1)
