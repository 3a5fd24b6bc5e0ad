"""A web server on 127.0.0.1 (random port, own thread) serving fixed routes: tests never use the internet."""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator, Union

# path → (status, content type or None, body), or a function that answers the request itself
Route = Union[tuple[int, Union[str, None], bytes], Callable[[BaseHTTPRequestHandler], None]]


@contextmanager
def local_server(routes: dict[str, Route]) -> Iterator[str]:
    """Serve `routes` until the block ends; yields the base address 'http://127.0.0.1:PORT'."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:  # noqa: N802 — the name http.server calls
            route = routes.get(self.path.split("?")[0])
            if route is None:
                self.send_error(404, "Not Found")
            elif callable(route):
                route(self)
            else:
                status, content_type, body = route
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        block_on_close = False  # a slow route must not hold up the end of the test

        def handle_error(self, request, client_address) -> None:
            pass  # a client that gave up (timeout tests) is expected

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redirect(to: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def slow(seconds: float) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        threading.Event().wait(seconds)
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.end_headers()
            handler.wfile.write(b"Too late.")
        except OSError:
            pass
    return answer


def endless(content_type: str = "text/html") -> Callable[[BaseHTTPRequestHandler], None]:
    """A body with no Content-Length that goes on until the client hangs up."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.end_headers()
        chunk = b"<p>" + b"more words " * 6000 + b"</p>\n"
        try:
            for _ in range(10_000):
                handler.wfile.write(chunk)
        except OSError:
            pass
    return answer
