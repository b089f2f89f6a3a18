"""Hostile clients against a real `tidings serve` on loopback: a 600 MB upload to the read-only server,
2,000 slow connections (a byte now and then, never a whole request) while other clients ask for
answers, a 70 KB URL and 70 KB of headers. Prints what the server answered, its peak memory and open
files, what it wrote to its log, and how the other clients fared. Not a test.

    python bench/hostile_api.py --db news.duckdb
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Watch:
    """Peak resident memory (MB) and open files of the server, sampled every 0.2 s."""

    def __init__(self, pid: int):
        self.pid, self.rss, self.files = pid, 0.0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            try:
                for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        self.rss = max(self.rss, int(line.split()[1]) / 1024)
                self.files = max(self.files, len(os.listdir(f"/proc/{self.pid}/fd")))
            except OSError:
                return

    def reset(self) -> None:
        self.rss, self.files = 0.0, 0

    def stop(self) -> None:
        self._stop.set()


def _status(answer: bytes) -> str:
    return answer.split(b"\r\n", 1)[0].decode(errors="replace") or "(nothing: connection closed)"


def upload(port: int, size: int) -> tuple[str, float, int]:
    """POST `size` bytes to /api/v1/articles, 1 MB at a time, until the server answers or closes."""
    started = time.perf_counter()
    sent = 0
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % size
        )
        sock.settimeout(0.001)
        chunk = b"x" * (1 << 20)
        answer = b""
        try:
            while sent < size:
                try:
                    answer = sock.recv(65536)
                    if answer:
                        break
                except TimeoutError:
                    pass
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass
        sock.settimeout(10)
        with contextlib.suppress(OSError):
            answer = answer or sock.recv(65536)
    return _status(answer), time.perf_counter() - started, sent


def oversized(port: int, request: bytes) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(request)
            return _status(sock.recv(65536))
        except OSError as error:
            return f"{type(error).__name__}"


def slow_connections(port: int, count: int, seconds: float) -> tuple[int, int, list[float], int]:
    """`count` connections that send a partial request a byte at a time for `seconds`, while one client
    asks /api/v1/health in a loop: (connections opened, closed by the server, latencies, errors)."""
    socks = []
    for _ in range(count):
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
            sock.setblocking(False)
            socks.append(sock)
        except OSError:
            break
    latencies: list[float] = []
    errors = 0
    closed = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for sock in socks:
            with contextlib.suppress(OSError):
                sock.send(b"X")
        start = time.perf_counter()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                ok = sock.recv(65536).startswith(b"HTTP/1.1 200")
        except OSError:
            ok = False
        latencies.append(time.perf_counter() - start)
        errors += not ok
        time.sleep(0.5)
    for sock in socks:
        try:
            sock.recv(65536)  # the server's 408, or b"" when it closed without one
        except BlockingIOError:
            continue  # still open
        except OSError:
            pass  # reset
        closed += 1
    for sock in socks:
        sock.close()
    return len(socks), closed, latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--upload-mb", type=int, default=600)
    parser.add_argument("--slow", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=20.0, help="How long the slow connections last")
    args = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "serve.log"
        with log.open("wb") as stream:
            server = subprocess.Popen(
                [sys.executable, "-m", "tidings.cli", "serve", "--db", str(args.db), "--port", str(port)]
                + ["--workers", "1"],
                stderr=stream,
                env=ENV,
            )
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            watch = Watch(server.pid)
            time.sleep(1)
            print(f"server at rest: RSS {watch.rss:.0f} MB, {watch.files} open files")
            watch.reset()
            status, seconds, sent = upload(port, args.upload_mb << 20)
            time.sleep(0.5)
            print(
                f"{args.upload_mb} MB POST to the read-only server: {status!r} after {seconds:.2f} s and"
                f" {sent >> 20} MB sent; server peak RSS {watch.rss:.0f} MB"
            )
            url = b"GET /api/v1/events?q=" + b"x" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
            print(f"70 KB URL: {oversized(port, url)!r}")
            headers = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nCookie: " + b"y" * 70_000 + b"\r\n\r\n"
            print(f"70 KB of headers: {oversized(port, headers)!r}")
            watch.reset()
            opened, closed, latencies, errors = slow_connections(port, args.slow, args.seconds)
            latencies.sort()
            print(
                f"{opened} slow connections for {args.seconds:g} s: {closed} closed by the server;"
                f" server peak RSS {watch.rss:.0f} MB, peak open files {watch.files};"
                f" meanwhile {len(latencies)} requests from another client, {errors} failed,"
                f" slowest {latencies[-1] * 1000:.0f} ms,"
                f" median {latencies[len(latencies) // 2] * 1000:.0f} ms"
            )
            watch.stop()
        finally:
            server.terminate()
            server.wait(timeout=20)
        text = log.read_text(errors="replace")
        lines = text.splitlines()
        print(f"server log: {len(lines)} lines, {text.count('Traceback')} tracebacks")
        for line in lines[:5]:
            print("  " + line[:160])


if __name__ == "__main__":
    main()
