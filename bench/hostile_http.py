"""Hostile HTTP requests against a running `reviewer serve` (issue 20), for the fuzzer and tests.

    from bench.hostile_http import Target, barrage, shots, send
    target = Target(port=8765, token="...", path="/r/doc/decide")
    problems = barrage(target, random.Random(7))   # [] when every shot was refused well

Every shot is one POST that a page would never send: JSON nested thousands
deep, integers of thousands of digits, bad UTF-8, a lone surrogate, wrong
content types, a Content-Length far larger than the body or larger than the
limit, a chunked body over the limit, malformed chunks. `reviewer serve` must
refuse each with a 4xx and one line, and go on serving. `barrage` fires them
all and says what went wrong; whether the server printed a traceback is for
the caller to see in the server's output.

Requests go over a raw socket (http.client cannot lie about Content-Length),
to loopback only, with bounded loops and a timeout on every read.
"""

from __future__ import annotations

import json
import random
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

LIMIT = 4 * 1024 * 1024  # reviewer.serve.app.MAX_BODY: the largest body serve takes
TIMEOUT = 60.0  # seconds: a bound on a failure, never a wait for success
CHUNK = 1 << 20
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class Target:
    """Where the shots go: a served review's decide URL (or any POST route) on loopback."""

    port: int
    token: str | None
    path: str = "/r/doc/decide"

    @property
    def origin(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"


@dataclass(frozen=True, slots=True)
class Shot:
    """One hostile request: its name, some of its headers, and its body as sent.

    `body` yields the bytes to send, as they go on the wire (a chunked shot
    frames its own chunks, so it can malform them; a large body is never held
    whole); `length` is the Content-Length to claim, None for none.
    """

    name: str
    body: Callable[[], Iterator[bytes]]
    length: int | str | None = None
    content_type: str | None = "application/json"
    chunked: bool = False  # send `Transfer-Encoding: chunked`
    hang_up: bool = False  # close the sending side after the body: no answer is due


@dataclass(frozen=True, slots=True)
class Answer:
    """What the server answered: status (0: no answer before it closed) and body text.

    `sent` counts the body bytes sent before the answer came (or the server closed).
    """

    name: str
    status: int
    text: str
    sent: int = 0
    hung_up: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def _once(data: bytes) -> Callable[[], Iterator[bytes]]:
    return lambda: iter((data,))


def _json_shot(name: str, data: bytes, content_type: str | None = "application/json") -> Shot:
    return Shot(name, _once(data), len(data), content_type)


def _decision(rev: str = "0", comment: str = '""', choice: str = "null") -> bytes:
    return (f'{{"by": "fuzz", "decisions": [{{"id": "x", "status": "accepted", "rev": {rev}, '
            f'"choice": {choice}, "comment": {comment}}}]}}').encode()


def filler(total: int, chunked: bool = False) -> Callable[[], Iterator[bytes]]:
    """`total` bytes of `[` in CHUNK pieces (one buffer, sent again and again), as chunks
    (never ended: the server must refuse before the end) or plain."""
    piece = b"[" * CHUNK

    def body() -> Iterator[bytes]:
        left = total
        while left > 0:
            n = min(CHUNK, left)
            yield (b"%x\r\n%s\r\n" % (n, piece[:n])) if chunked else piece[:n]
            left -= n
    return body


def shots(rng: random.Random | None = None, big: bool = True) -> tuple[Shot, ...]:
    """One shot of every shape; `rng` varies depths, sizes and the bytes of the junk.

    Without `big`, the two shots that send megabytes past the limit are left out
    (a fuzzer firing thousands of barrages may fire them now and then).
    """
    r = rng or random.Random(0)
    depth = r.randint(1_000, 20_000)
    digits = r.randint(4_301, 20_000)
    over = LIMIT + r.randint(1, 3 * LIMIT)
    nested = "[" * depth + "]" * depth
    deep_object = '{"a":' * depth + "1" + "}" * depth
    huge = (Shot("length-over-limit-with-body", filler(over), length=over),
            Shot("chunked-over-limit", filler(over, chunked=True), chunked=True))
    small = (
        _json_shot("deep-array", f'{{"decisions": {nested}}}'.encode()),
        _json_shot("deep-object-in-a-field", _decision(comment=deep_object)),
        _json_shot("deep-top-level", nested.encode()),
        _json_shot("huge-int-rev", _decision(rev="9" * digits)),
        _json_shot("huge-int-choice", _decision(choice="1" * digits)),
        _json_shot("negative-huge-int", _decision(rev="-" + "9" * digits)),
        _json_shot("huge-float", _decision(rev="1e99999")),
        _json_shot("bad-utf8", _decision(comment='"@"').replace(b"@", b"\xff\xfe\xc3")),
        _json_shot("lone-surrogate", _decision(comment='"\\ud800"')),
        _json_shot("controls", _decision(comment=json.dumps("\x00\x1b[2J\u202e"))),
        _json_shot("not-json", bytes(r.getrandbits(8) for _ in range(r.randint(1, 512)))),
        _json_shot("json-array", b"[1, 2, 3]"),
        _json_shot("empty-object", b"{}"),
        _json_shot("text-plain", _decision(), "text/plain"),
        _json_shot("form", b"decisions=1", "application/x-www-form-urlencoded"),
        _json_shot("multipart", b"--x\r\n\r\n--x--\r\n", "multipart/form-data; boundary=x"),
        _json_shot("no-content-type", _decision(), None),
        Shot("length-over-limit-no-body", lambda: iter(()), length=300 * 1024 * 1024),
        Shot("length-of-thousands-of-digits", lambda: iter(()), length="9" * digits),
        Shot("length-negative", _once(b"{}"), length="-1"),
        Shot("length-not-a-number", _once(b"{}"), length="12abc"),
        Shot("length-larger-than-the-body", _once(b"{}"), length=1000, hang_up=True),
        Shot("chunked-malformed", _once(b"zz\r\n{}\r\n0\r\n\r\n"), chunked=True),
        Shot("length-and-chunked", _once(b"2\r\n{}\r\n0\r\n\r\n"), length=2, chunked=True),
    )
    return (*huge, *small) if big else small


def _head(target: Target, shot: Shot) -> bytes:
    lines = [f"POST {target.path} HTTP/1.1", f"Host: {LOOPBACK}:{target.port}",
             f"Origin: {target.origin}"]
    if target.token:
        lines.append(f"Cookie: reviewer-{target.port}={target.token}")
    if shot.content_type is not None:
        lines.append(f"Content-Type: {shot.content_type}")
    if shot.length is not None:
        lines.append(f"Content-Length: {shot.length}")
    if shot.chunked:
        lines.append("Transfer-Encoding: chunked")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _answered(sock: socket.socket) -> bool:
    """True when the server has said something (an answer, or closed): stop sending."""
    sock.settimeout(0)
    try:
        sock.recv(1, socket.MSG_PEEK)
        return True
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        sock.settimeout(TIMEOUT)


def send(target: Target, shot: Shot, wait: float = TIMEOUT, whole: bool = False) -> Answer:
    """Fire one shot and read the answer; stop sending once the server has answered,
    unless `whole` (then the server gets every byte, as from a client that never listens).

    `wait` bounds the wait for an answer once everything is sent (a shot that
    promises more body than it sends gets no answer: the server waits for it).
    """
    sent = 0
    with socket.create_connection((LOOPBACK, target.port), timeout=TIMEOUT) as sock:
        try:
            sock.sendall(_head(target, shot))
            for piece in shot.body():
                if not whole and _answered(sock):
                    break
                sock.sendall(piece)
                sent += len(piece)
            if shot.hang_up:
                sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending
        sock.settimeout(wait)
        return _read_answer(sock, shot.name, sent, shot.hang_up)


def _read_answer(sock: socket.socket, name: str, sent: int, hung_up: bool = False) -> Answer:
    data = b""
    try:
        while len(data) < 1 << 20:  # an answer to a refused request is short
            got = sock.recv(65536)
            if not got:
                break
            data += got
            if _complete(data):
                break
    except (ConnectionResetError, TimeoutError):
        pass
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return Answer(name, 0, data.decode("latin-1")[:200], sent, hung_up)
    headers = {k.strip().lower(): v.strip() for k, _, v in
               (ln.partition(":") for ln in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":
        body = _unchunked(body)
    return Answer(name, status, body.decode("utf-8", "replace"), sent, hung_up, headers)


def _unchunked(body: bytes) -> bytes:
    out = b""
    while body:
        size, _, rest = body.partition(b"\r\n")
        try:
            n = int(size, 16)
        except ValueError:
            return out + body
        if n == 0:
            break
        out, body = out + rest[:n], rest[n + 2:]
    return out


def _complete(data: bytes) -> bool:
    """True when `data` holds a whole answer (by its Content-Length, or its last chunk)."""
    head, found, body = data.partition(b"\r\n\r\n")
    if not found:
        return False
    if b"transfer-encoding: chunked" in head.lower():
        return body.endswith(b"0\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-length" and value.strip().isdigit():
            return len(body) >= int(value.strip())
    return False


def problem(answer: Answer) -> str:
    """What is wrong with the answer to a hostile shot, or "" (a 4xx with a one-line reason)."""
    if answer.hung_up and answer.status == 0:
        return ""  # it went before its body's end: nothing is due to it
    if not 400 <= answer.status < 500:
        return f"{answer.name}: answered {answer.status or 'nothing'}: {answer.text[:200]!r}"
    if "Traceback" in answer.text or answer.text.strip().count("\n") > 0:
        return f"{answer.name}: {answer.status} with more than one line: {answer.text[:200]!r}"
    return ""


def get(target: Target, path: str, cookie: bool = True) -> Answer:
    """`GET path` with the request target exactly as given (`//evil.example/x`, a tab...)."""
    with socket.create_connection((LOOPBACK, target.port), timeout=TIMEOUT) as sock:
        cookies = (f"Cookie: reviewer-{target.port}={target.token}\r\n"
                   if cookie and target.token else "")
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}:{target.port}\r\n{cookies}"
                     "Connection: close\r\n\r\n".encode("latin-1"))
        return _read_answer(sock, f"GET {path}", 0)


def alive(target: Target) -> bool:
    """True when the server still answers `GET /health`."""
    return get(target, "/health").status == 200


def barrage(target: Target, rng: random.Random | None = None, big: bool = True) -> list[str]:
    """Fire every shot at `target`; the problems found ([] when all were refused well)."""
    found = [p for shot in shots(rng, big) if (p := problem(send(target, shot)))]
    if not alive(target):
        found.append("the server no longer answers GET /health")
    return found


@dataclass
class Fired:
    """What `fire` found: how many requests, the problems, and tracebacks serve printed."""

    examples: int  # hostile requests sent
    property_failures: list[str]
    tracebacks: list[str]


def fire(barrages: int, seed: int) -> Fired:
    """Start `reviewer serve` on a small review in a temporary folder and fire `barrage`
    `barrages` times (Random(seed + n)); the megabyte shots only in the first one.

    This is the "http" property of bench/fuzz.py: a problem is an answer that is not a
    clean refusal (or a dead server), a traceback is one in what serve printed.
    """
    import sys
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from testkit.serve_helper import serving, write_review

    failures: list[str] = []
    sent = 0
    with tempfile.TemporaryDirectory() as tmp:
        write_review(Path(tmp))
        with serving(Path(tmp)) as s:
            target = Target(s.port, s.token, "/r/doc/decide")
            for n in range(barrages):
                sent += len(shots(random.Random(seed + n), n == 0))
                found = barrage(target, random.Random(seed + n), big=n == 0)
                failures += [f"barrage {n}: {p}" for p in found]
            lines = list(s.lines)
    tracebacks = [line for line in lines if "Traceback" in line]
    return Fired(sent, failures, tracebacks)
