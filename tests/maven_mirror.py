"""A Maven repository on loopback for setup tests: serves given files by path, logs requests."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = "/maven2/"  # a root below the host, as real repositories have


class Mirror:
    """Serves `files` (repository path -> bytes or a file) on 127.0.0.1; 404 for anything else.

    Use as a context manager; `url` is the repository root, `requested` the paths asked for.
    """

    def __init__(self, files: Mapping[str, bytes | Path]) -> None:
        self.files = dict(files)
        self.requested: list[str] = []
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?", 1)[0]
                mirror.requested.append(path)
                body = mirror.files.get(path.removeprefix(ROOT))
                if body is None:
                    self.send_error(404)
                    return
                data = body.read_bytes() if isinstance(body, Path) else body
                self.send_response(200)
                self.send_header("Content-Type", "application/java-archive")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{ROOT.rstrip('/')}"

    def __enter__(self) -> Mirror:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
