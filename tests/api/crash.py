"""crash.py — an application the service acknowledged is never lost: concurrent submitters post
applications to the real `gongkai serve`, the server is killed with SIGKILL while they are
posting, restarted, and every application that got a 201 is found again — by its tracking code
(public lookup) and by its id (staff view, with the applicant's name as sent). Two rounds; after
each the audit chain still verifies, and the store holds no more applications than were sent.

usage: python3 crash.py GONGKAI ROOT DB_URL TMPDIR
"""
import http.client
import os
import signal
import subprocess
import threading
import time

import service
from service import Client, Counter, Server, add_user

SUBMITTERS = 8
KILL_AFTER = 150  # acknowledgements of the round before the kill


def submit_until_gone(port, k, rnd, acked, other, sent, lock):
    """Posts applications until the server is gone; records each 201 and anything else."""
    c = Client(port)
    i = 0
    while True:
        name = "申请人 r%d-t%d-%d '\";--" % (rnd, k, i)
        body = {"applicant_type": "np", "name": name, "contact": "c%d" % i,
                "request": "第 %d 轮并发提交" % rnd}
        with lock:
            sent[0] += 1
        try:
            r = c.request("POST", "/api/applications", body)
        except (OSError, http.client.HTTPException):
            break
        with lock:
            if r.status == 201:
                acked.append((r.get("id"), r.get("tracking"), name))
            else:
                other.append(r.status)
        i += 1
    c.close()


def round_of_kills(t, srv, rnd, acked):
    other, sent, lock = [], [0], threading.Lock()
    mine = []
    threads = [threading.Thread(target=submit_until_gone,
                                args=(srv.port, k, rnd, mine, other, sent, lock))
               for k in range(SUBMITTERS)]
    for th in threads:
        th.start()
    deadline = time.time() + 120
    while time.time() < deadline:
        with lock:
            if len(mine) >= KILL_AFTER:
                break
        time.sleep(0.01)
    with lock:
        before_kill = len(mine)
    rc = srv.stop(signal.SIGKILL)  # the submitters are still posting
    for th in threads:
        th.join()
    t.check(rc == -signal.SIGKILL, "round %d: the server was killed (%d)" % (rnd, rc))
    t.check(before_kill >= KILL_AFTER, "round %d: %d acknowledged before the kill"
            % (rnd, before_kill))
    t.check(not other, "round %d: every answer before the kill was 201: %r" % (rnd, other[:5]))
    print("round %d: %d sent, %d acknowledged, killed with SIGKILL" % (rnd, sent[0], len(mine)),
          flush=True)
    acked.extend(mine)
    return sent[0]


def verify(t, srv, acked, sent_total):
    """Every acknowledged application is there after the restart."""
    pub, staff = srv.client(), srv.client()
    t.check(staff.login("admin").status == 200, "admin login after the restart")
    missing = wrong = 0
    for app_id, code, name in acked:
        r = pub.request("GET", "/api/track/" + code)
        if r.status != 200 or r.get("tracking") != code:
            missing += 1
            continue
        r = staff.request("GET", "/api/applications/%d" % app_id)
        a = r.get("application") or {}
        if r.status != 200 or a.get("tracking") != code or a.get("name") != name:
            wrong += 1
    t.check(missing == 0, "%d of %d acknowledged applications not found by tracking code"
            % (missing, len(acked)))
    t.check(wrong == 0, "%d of %d acknowledged applications differ by id" % (wrong, len(acked)))
    r = staff.request("GET", "/api/queue?limit=1")
    n = r.get("open", -1)
    t.check(len(acked) <= n <= sent_total, "the store holds %d applications: at least the %d "
            "acknowledged, at most the %d sent" % (n, len(acked), sent_total))
    pub.close()
    staff.close()


def main():
    gk, root, db, tmp = service.args()
    t = Counter()
    t.check(add_user(gk, db, "admin", "admin", tmp) == 0, "user add admin")
    srv = Server(gk, db, root, os.path.join(tmp, "serve.log"), threads=4).start()
    ad = srv.client()
    t.check(ad.login("admin").status == 200, "admin login")
    r = ad.request("POST", "/api/agencies", {"name": "某某县人民政府办公室"})
    t.check(r.status == 201, "agency added: %d" % r.status)
    ad.close()
    acked, sent = [], 0
    for rnd in (1, 2):
        sent += round_of_kills(t, srv, rnd, acked)
        srv.start()
        verify(t, srv, acked, sent)
        audit = subprocess.run([gk, "audit", "verify", "--db", db], capture_output=True)
        t.check(audit.returncode == 0, "round %d: the audit chain verifies after the kill: %r"
                % (rnd, audit.stdout + audit.stderr))
    t.check(srv.stop() == 0, "a clean stop at the end")
    return t.finish()


if __name__ == "__main__":
    raise SystemExit(main())
