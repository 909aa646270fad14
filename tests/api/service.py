"""service.py — what the service tests share: starting and stopping the real `gongkai serve`,
a small HTTP client that keeps the session cookie and the CSRF token, and pass/fail counting
that ends with the "N passed, N failed" line. Standard library only.
"""
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time

PASSWORD = "correct horse 1"


class Counter:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what, flush=True)
        return cond

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed), flush=True)
        return 0 if self.failed == 0 else 1


class Server:
    """A `gongkai serve` process on a free loopback port."""

    def __init__(self, gk, db, root, log, threads=4):
        self.gk, self.db, self.root, self.log, self.threads = gk, db, root, log, threads
        self.proc = None
        self.port = None

    def start(self):
        self.logf = open(self.log, "ab")
        mark = self.logf.tell()
        self.proc = subprocess.Popen(
            [self.gk, "serve", "--db", self.db, "--listen", "127.0.0.1:0",
             "--calendar", os.path.join(self.root, "data", "calendar-cn.tsv"),
             "--threads", str(self.threads)],
            stdout=subprocess.DEVNULL, stderr=self.logf)
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(self.log, "rb") as f:
                f.seek(mark)
                m = re.search(rb"listening on http://127\.0\.0\.1:(\d+)/", f.read())
            if m:
                self.port = int(m.group(1))
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("gongkai serve did not start; see " + self.log)

    def stop(self, sig=signal.SIGTERM):
        """Sends sig and waits; returns the exit status."""
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.logf.close()
        return rc

    def client(self):
        return Client(self.port)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.json = None
        if headers.get("content-type", "").startswith("application/json"):
            try:
                self.json = json.loads(body.decode("utf-8"))
            except ValueError:
                pass

    def get(self, key, default=None):
        return self.json.get(key, default) if isinstance(self.json, dict) else default


class Client:
    """One keep-alive connection; remembers gk_session and the CSRF token after login."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True, chunked=False):
        h = {}
        if self.cookie:
            h["Cookie"] = self.cookie
        if csrf and self.csrf and method != "GET":
            h["X-CSRF-Token"] = self.csrf
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if data is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        for attempt in range(2):
            try:
                if chunked:
                    self.conn.request(method, path, body=iter([data]), headers=h,
                                      encode_chunked=True)
                else:
                    self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                out = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
                if out.headers.get("connection", "").lower() == "close":
                    self.conn.close()
                return out
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.conn.close()
                if attempt:
                    raise

    def login(self, name, password=PASSWORD):
        r = self.request("POST", "/api/login", {"name": name, "password": password})
        if r.status == 200:
            m = re.match(r"gk_session=([^;]*)", r.headers.get("set-cookie", ""))
            self.cookie = "gk_session=" + m.group(1) if m else None
            self.csrf = r.get("csrf_token")
        return r

    def close(self):
        self.conn.close()


def add_user(gk, db, name, role, tmp):
    pw = os.path.join(tmp, "pw")
    with open(pw, "w") as f:
        f.write(PASSWORD + "\n")
    return subprocess.run([gk, "user", "add", name, "--role", role, "--db", db,
                           "--password-file", pw], capture_output=True).returncode


def args():
    """gk, root, db, tmp from the command line."""
    if len(sys.argv) != 5:
        sys.exit("usage: %s GONGKAI ROOT DB_URL TMPDIR" % sys.argv[0])
    return sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
