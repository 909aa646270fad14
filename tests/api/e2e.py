"""e2e.py — the real `gongkai serve` end to end over loopback HTTP: users made with
`gongkai user`, a login, an application submitted by the public and worked through to its reply
by a clerk and an approver, a case, T2 figures, the year's report downloaded and passed to
`gongkai check`; bad input over the wire (an oversized body with and without Content-Length,
malformed JSON, missing and forged cookies and CSRF tokens); a clean stop on SIGTERM with one
log line per request; a session surviving a restart of the service (the same cookie and CSRF
token, for a read and a write) and ended by logout, also after the next restart; `gongkai audit
verify` and, on SQLite, a tampered audit row found.

usage: python3 e2e.py GONGKAI ROOT DB_URL TMPDIR
"""
import os
import re
import sqlite3
import subprocess
import time

import service
from service import Counter, Server, add_user

META = "'\";--\\%_ 汉字😀 x' OR '1'='1'; DROP TABLE applications; --"


def run(*argv, stdin=None):
    return subprocess.run(list(argv), capture_output=True, input=stdin)


def users(t, gk, db, tmp):
    t.check(add_user(gk, db, "admin", "admin", tmp) == 0, "user add admin")
    t.check(add_user(gk, db, "clerk", "clerk", tmp) == 0, "user add clerk")
    t.check(add_user(gk, db, "approver", "clerk", tmp) == 0, "user add approver (as clerk)")
    r = run(gk, "user", "role", "approver", "approver", "--db", db)
    t.check(r.returncode == 0, "user role approver: %r" % r.stderr)
    t.check(add_user(gk, db, "admin", "admin", tmp) == 2, "a second admin of the same name")
    t.check(add_user(gk, db, "someone", "king", tmp) == 2, "an unknown role")
    r = run(gk, "user", "add", "shorty", "--role", "clerk", "--db", db, stdin=b"short\n")
    t.check(r.returncode == 2, "a password under 8 bytes")
    r = run(gk, "user", "passwd", "clerk", "--db", db,
            stdin=(service.PASSWORD + "\n").encode())
    t.check(r.returncode == 0, "user passwd from standard input: %r" % r.stderr)
    r = run(gk, "user", "frobnicate", "x", "--db", db)
    t.check(r.returncode == 2, "an unknown user command")
    r = run(gk, "audit", "verify")
    t.check(r.returncode == 2, "audit verify without --db")


def bad_input(t, srv):
    c = srv.client()
    r = c.request("POST", "/api/applications", raw=b"{" + b" " * 70000 + b"}")
    t.check(r.status == 413 and r.get("error"), "a 70 KB body: %d" % r.status)
    c = srv.client()
    r = c.request("POST", "/api/applications", raw=b"{" + b" " * 70000 + b"}", chunked=True)
    t.check(r.status == 413 and r.get("error"), "a 70 KB chunked body: %d" % r.status)
    c = srv.client()
    r = c.request("POST", "/api/applications", raw=b"{\"applicant_type\":")
    t.check(r.status == 400 and "JSON" in r.get("error", ""), "malformed JSON: %d" % r.status)
    r = c.request("POST", "/api/applications", raw=b"{}", headers={"Content-Type": "text/plain"})
    t.check(r.status == 415, "a body that is not JSON: %d" % r.status)
    r = c.request("GET", "/api/queue")
    t.check(r.status == 401 and r.get("error"), "the queue without a session: %d" % r.status)
    r = c.request("GET", "/api/queue",
                  headers={"Cookie": "gk_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    t.check(r.status == 401, "a forged session cookie: %d" % r.status)
    r = c.request("GET", "/api/nothing")
    t.check(r.status == 404 and r.get("error"), "an unknown route: %d" % r.status)
    cl = srv.client()
    cl.login("clerk")
    r = cl.request("POST", "/api/cases", {"application": 1, "kind": "review"}, csrf=False)
    t.check(r.status == 403 and r.get("field") == "X-CSRF-Token", "no CSRF token: %d" % r.status)
    r = cl.request("POST", "/api/cases", {"application": 1, "kind": "review"},
                   headers={"X-CSRF-Token": "f" * 64})
    t.check(r.status == 403, "a forged CSRF token: %d" % r.status)


def work(t, srv, gk, tmp):
    """An application from submission to reply, a case, T2, the report."""
    ad = srv.client()
    r = ad.login("admin")
    t.check(r.status == 200 and r.get("role") == "admin", "admin login: %d" % r.status)
    sc = r.headers.get("set-cookie", "")
    t.check("HttpOnly" in sc and "SameSite=Strict" in sc and "Path=/" in sc,
            "cookie attributes: " + sc)
    r = ad.request("POST", "/api/agencies", {"name": "某某区人民政府办公室"})
    t.check(r.status == 201, "agency added: %d" % r.status)
    agency = r.get("id")

    pub = srv.client()
    r = pub.request("POST", "/api/applications",
                    {"applicant_type": "np", "name": META, "contact": "电话 010-12345678",
                     "request": "请公开本区 2024 年部门预算"})
    t.check(r.status == 201 and len(r.get("tracking", "")) == 12, "submitted: %d" % r.status)
    app, code = r.get("id"), r.get("tracking")
    r = pub.request("GET", "/api/track/" + code)
    t.check(r.status == 200 and r.json["state"]["status"] == "open", "tracked: %d" % r.status)
    t.check(b"DROP TABLE" not in r.body and b"010-12345678" not in r.body,
            "nothing private in the public lookup")
    due = r.json["state"]["due"]

    cl = srv.client()
    t.check(cl.login("clerk").status == 200, "clerk login")
    r = cl.request("GET", "/api/queue")
    items = [i for i in r.get("items", []) if i["id"] == app]
    t.check(r.status == 200 and items and items[0]["due"] == due and items[0]["name"] == META,
            "in the queue with its due date")
    r = cl.request("POST", "/api/applications/%d/events" % app,
                   {"kind": "consult_start", "consult": "third_party", "party": "某公司"})
    t.check(r.status == 201 and r.json["state"]["paused"], "consultation started")
    r = cl.request("POST", "/api/applications/%d/events" % app, {"kind": "consult_end"})
    t.check(r.status == 201 and not r.json["state"]["paused"], "consultation ended")
    r = cl.request("POST", "/api/applications/%d/events" % app, {"kind": "extension", "days": 5})
    t.check(r.status == 403, "a clerk may not extend: %d" % r.status)
    ap = srv.client()
    t.check(ap.login("approver").status == 200, "approver login")
    r = ap.request("POST", "/api/applications/%d/events" % app, {"kind": "extension", "days": 5})
    t.check(r.status == 201 and r.json["state"]["extension_days"] == 5,
            "the approver extends: %d" % r.status)
    r = cl.request("POST", "/api/applications/%d/close" % app,
                   {"outcome": "grant", "note": "已答复 " + META})
    t.check(r.status == 201 and r.json["state"]["status"] == "closed", "closed: %d" % r.status)
    r = cl.request("POST", "/api/applications/%d/events" % app, {"kind": "withdrawal"})
    t.check(r.status == 409 and r.get("error"), "nothing after the reply: %d" % r.status)
    r = pub.request("GET", "/api/track/" + code)
    t.check(r.json["state"]["outcome"] == "grant", "the public sees the outcome")
    r = cl.request("GET", "/api/applications/%d" % app)
    t.check(r.status == 200 and len(r.json["events"]) == 4, "the log has four events")

    today = time.strftime("%Y-%m-%d")
    r = cl.request("POST", "/api/cases",
                   {"application": app, "kind": "review", "filed": today, "ref": "复议〔2026〕1号"})
    t.check(r.status == 201, "a review case: %d" % r.status)
    year = time.localtime().tm_year
    r = cl.request("PUT", "/api/t2/%d" % year,
                   {"figures": {"t2.nd.issued": 1, "t2.nd.in_force": "7",
                                "t2.admin_fee.amount_wan": "0.5"}})
    t.check(r.status == 200 and len(r.json["figures"]) == 3, "T2 figures: %d" % r.status)

    for fmt, ext in (("text", "txt"), ("html", "html")):
        r = cl.request("GET", "/api/report/%d?format=%s&agency=%d" % (year, fmt, agency))
        t.check(r.status == 200 and "attachment" in r.headers.get("content-disposition", ""),
                "report as %s: %d" % (fmt, r.status))
        path = os.path.join(tmp, "report." + ext)
        with open(path, "wb") as f:
            f.write(r.body)
        chk = run(gk, "check", path)
        # the text rendering reads back to the same report: no error and no warning; the HTML
        # one is only required to have no error (its T2 rows read back with warnings today)
        clean = chk.returncode == 0 and (fmt != "text" or "警告".encode() not in chk.stdout)
        t.check(clean, "gongkai check of the %s report: %d %s"
                % (fmt, chk.returncode, chk.stdout[:400].decode("utf-8", "replace")))

    r = cl.request("POST", "/api/logout")
    t.check(r.status == 200 and "Max-Age=0" in r.headers.get("set-cookie", ""), "logout")
    r = cl.request("GET", "/api/me")
    t.check(r.status == 401, "the session is gone after logout: %d" % r.status)
    return app


def carry(srv, old):
    """A client of srv with old's session (cookie and CSRF token)."""
    c = srv.client()
    c.cookie, c.csrf = old.cookie, old.csrf
    return c


def restart(t, srv, gk, db, root, log):
    """Sessions are in the store: a restart keeps them, logout ends them for good."""
    year = time.localtime().tm_year
    cl = srv.client()
    t.check(cl.login("clerk").status == 200, "clerk login before the restart")
    t.check(srv.stop() == 0, "a clean stop before the restart")
    srv = Server(gk, db, root, log).start()
    try:
        c = carry(srv, cl)
        r = c.request("GET", "/api/me")
        t.check(r.status == 200 and r.get("user") == "clerk" and r.get("csrf_token") == cl.csrf,
                "the session survives the restart: %d" % r.status)
        r = c.request("PUT", "/api/t2/%d/t2.reg.issued" % year, {"value": 2})
        t.check(r.status == 200, "a write with the same CSRF token after the restart: %d"
                % r.status)
        r = c.request("PUT", "/api/t2/%d/t2.reg.issued" % year, {"value": 3},
                      headers={"X-CSRF-Token": "0" * 64})
        t.check(r.status == 403, "a wrong CSRF token after the restart: %d" % r.status)
        r = c.request("POST", "/api/logout")
        t.check(r.status == 200, "logout after the restart: %d" % r.status)
        r = c.request("GET", "/api/me")
        t.check(r.status == 401, "logged out: %d" % r.status)
    finally:
        t.check(srv.stop() == 0, "a clean stop after the restart")
    srv = Server(gk, db, root, log).start()
    try:
        c = carry(srv, cl)
        r = c.request("GET", "/api/me")
        t.check(r.status == 401, "still logged out after the next restart: %d" % r.status)
        r = c.request("PUT", "/api/t2/%d/t2.reg.issued" % year, {"value": 4})
        t.check(r.status == 401, "no write with the ended session: %d" % r.status)
    finally:
        rc = srv.stop()
    return rc


def audit(t, gk, db, log):
    r = run(gk, "audit", "verify", "--db", db)
    t.check(r.returncode == 0 and b"chain intact" in r.stdout,
            "audit verify: %d %r" % (r.returncode, r.stdout))
    n = int(re.search(rb"(\d+) entries", r.stdout).group(1)) if r.returncode == 0 else -1
    r = run(gk, "audit", "list", "--db", db)
    lines = r.stdout.decode().splitlines()
    t.check(r.returncode == 0 and len(lines) == n, "audit list: %d lines for %d" % (len(lines), n))
    t.check(any('"action":"app.add"' in l and '"actor":"public"' in l for l in lines),
            "the public submission is in the audit log")
    if db.startswith("sqlite:"):
        con = sqlite3.connect(db[len("sqlite:"):])
        con.execute("UPDATE audit_log SET details = '{\"forged\":1}' WHERE id = 3")
        con.commit()
        con.close()
        r = run(gk, "audit", "verify", "--db", db)
        t.check(r.returncode == 1 and b"3" in r.stdout,
                "a tampered entry is found: %d %r" % (r.returncode, r.stdout))


def main():
    gk, root, db, tmp = service.args()
    t = Counter()
    users(t, gk, db, tmp)
    log = os.path.join(tmp, "serve.log")
    srv = Server(gk, db, root, log).start()
    try:
        work(t, srv, gk, tmp)
        bad_input(t, srv)
    except BaseException:
        srv.stop()
        raise
    rc = restart(t, srv, gk, db, root, log)
    t.check(rc == 0, "a clean stop on SIGTERM: %d" % rc)
    with open(log, encoding="utf-8") as f:
        text = f.read()
    lines = [l for l in text.splitlines() if re.match(r"\d{4}-\d\d-\d\dT", l)]
    t.check(len(lines) >= 30, "one log line per request: %d" % len(lines))
    t.check(any(" POST /api/applications 201 " in l and l.endswith(" -") for l in lines),
            "the public submission logged without a user")
    t.check(any(" POST /api/login 200 " in l and l.endswith(" admin") for l in lines),
            "the login logged with its user")
    t.check(any(" 413 " in l for l in lines), "the oversized body logged")
    t.check("stopping" in text, "the stop is logged")
    audit(t, gk, db, log)
    return t.finish()


if __name__ == "__main__":
    raise SystemExit(main())
