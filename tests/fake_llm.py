"""A stand-in for a hosted LLM, which cannot run here: a small OpenAI-compatible HTTP server on
127.0.0.1 that replays fixed completions, streamed as server-sent events exactly as the OpenAI API does.
The real LangChain client (ChatOpenAI) talks to it over HTTP."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    def __init__(self):
        self.replies: list[str | int] = []  # a completion text, or an HTTP status to fail with
        self.delay = 0.0  # seconds between the pieces of a streamed reply (a slow model)
        self.requests: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append(body)
                reply = fake.replies.pop(0) if fake.replies else "I have nothing scripted."
                if isinstance(reply, int):
                    self.send_response(reply)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(
                        json.dumps({"error": {"message": "scripted failure", "type": "server_error"}}).encode()
                    )
                    return
                self.send_response(200)
                if body.get("stream"):
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for piece in _pieces(reply):
                        try:
                            self.wfile.write(f"data: {json.dumps(_chunk(body, piece))}\n\n".encode())
                            self.wfile.flush()
                        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading: fine
                            return
                        time.sleep(fake.delay)
                    self.wfile.write(f"data: {json.dumps(_chunk(body, '', finish=True))}\n\n".encode())
                    self.wfile.write(b"data: [DONE]\n\n")
                else:
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(json.dumps(_completion(body, reply)).encode())

        return Handler


def _pieces(text: str, size: int = 12):
    return [text[i : i + size] for i in range(0, len(text), size)]


def _chunk(body: dict, piece: str, finish: bool = False) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [
            {
                "index": 0,
                "delta": {} if finish else {"role": "assistant", "content": piece},
                "finish_reason": "stop" if finish else None,
            }
        ],
    }


def _completion(body: dict, text: str) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
