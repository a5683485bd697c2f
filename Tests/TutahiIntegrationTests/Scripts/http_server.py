#!/usr/bin/env python3
"""A real HTTP server for the webhook tests.

usage: http_server.py DIR PORT MODE     MODE: ok | fail-then-ok | hang

Writes DIR/ready when listening; each request becomes DIR/requests/N.json (path, headers, body).
ok answers 200; fail-then-ok answers 500 to the first request and 200 after; hang reads the
request and never answers.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

directory, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(os.path.join(directory, "requests"), exist_ok=True)
lock = threading.Lock()
count = [0]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            count[0] += 1
            n = count[0]
        path = os.path.join(directory, "requests", "%04d.json" % n)
        with open(path + ".tmp", "w") as f:
            json.dump({"path": self.path, "headers": dict(self.headers.items()),
                       "body": body.decode("utf-8")}, f, ensure_ascii=False)
        os.rename(path + ".tmp", path)
        if mode == "hang":
            time.sleep(3600)
            return
        status = 500 if mode == "fail-then-ok" and n == 1 else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
with open(os.path.join(directory, "ready"), "w") as f:
    f.write(str(os.getpid()))
server.serve_forever()
