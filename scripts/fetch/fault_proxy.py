#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for fetch's tests: forwards GETs to an upstream server (the
test's nginx) and, for paths matching a rule, answers badly first.

    fault_proxy.py --upstream 127.0.0.1:PORT --port-file F [--log FILE] --rule REGEX:KIND[:N] ...

KIND: 500, 503, 429 (with Retry-After: 1), stall (headers and one byte, then silence for 120 s),
truncate (the full Content-Length, half the body, then the connection closes), corrupt (the
body with its last byte changed), reset (the connection closes without an answer),
delay=MS (the real answer, MS later). N: how many requests of each matching path get the fault
(default 1; '*' for every one). The first matching rule that still has faults to give wins.
Every request is logged as a JSON line (path, range, user agent, fault) when --log is given.
"""
import argparse
import http.client
import http.server
import json
import re
import socket
import sys
import threading
import time

FORWARD_REQUEST = ("Accept", "Range", "If-None-Match", "Accept-Encoding", "User-Agent")
FORWARD_RESPONSE = ("Content-Type", "Content-Length", "ETag", "Content-Range", "Content-Encoding", "Last-Modified",
                    "Accept-Ranges", "Retry-After")


class Rule:
    def __init__(self, spec):
        parts = spec.rsplit(":", 2)
        if len(parts) == 3 and (parts[2] == "*" or parts[2].isdigit()):
            self.regex, self.kind, n = parts
        else:
            self.regex, self.kind = spec.rsplit(":", 1)
            n = "1"
        self.pattern = re.compile(self.regex)
        self.limit = None if n == "*" else int(n)
        self.used = {}
        self.lock = threading.Lock()

    def take(self, path):
        if not self.pattern.search(path):
            return False
        with self.lock:
            k = self.used.get(path, 0)
            if self.limit is not None and k >= self.limit:
                return False
            self.used[path] = k + 1
            return True


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def upstream(self):
        conn = http.client.HTTPConnection(self.server.upstream, timeout=30)
        headers = {h: self.headers[h] for h in FORWARD_REQUEST if self.headers.get(h)}
        conn.request("GET", self.path, headers=headers)
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return r.status, [(h, r.getheader(h)) for h in FORWARD_RESPONSE if r.getheader(h) is not None], body

    def send(self, status, headers, body):
        self.send_response(status)
        for h, v in headers:
            if h != "Content-Length":
                self.send_header(h, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        fault = None
        for rule in self.server.rules:
            if rule.take(self.path):
                fault = rule.kind
                break
        if self.server.log:
            with self.server.log_lock:
                self.server.log.write(json.dumps({"path": self.path, "range": self.headers.get("Range"),
                                                  "user_agent": self.headers.get("User-Agent"), "fault": fault}) + "\n")
                self.server.log.flush()
        if fault in ("500", "503", "429"):
            self.send_response(int(fault))
            if fault in ("429", "503"):
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if fault == "reset":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault == "stall":
            status, headers, body = self.upstream()
            self.send_response(status)
            for h, v in headers:
                self.send_header(h, v)
            self.end_headers()
            self.wfile.write(body[:1])
            self.wfile.flush()
            time.sleep(120)
            self.close_connection = True
            return
        if fault and fault.startswith("delay="):
            time.sleep(int(fault.split("=", 1)[1]) / 1000.0)
        status, headers, body = self.upstream()
        if fault == "truncate" and len(body) > 1:
            self.send_response(status)
            for h, v in headers:
                self.send_header(h, v)
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault == "corrupt" and body:
            body = body[:-1] + bytes([body[-1] ^ 0x20])
        self.send(status, headers, body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    ap.add_argument("--rule", action="append", default=[])
    args = ap.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    server.upstream = args.upstream
    server.rules = [Rule(r) for r in args.rule]
    server.log = open(args.log, "a") if args.log else None
    server.log_lock = threading.Lock()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
