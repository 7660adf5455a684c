"""tcpsrv.py - xapian-tcpsrv servers for the tests that search remote
shards (follow.py, shards.py): started on free ports of 127.0.0.1, stopped
at the end."""
import signal
import socket
import subprocess
import time

servers = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(dbs):
    """xapian-tcpsrv for dbs on a free port of 127.0.0.1, once it
    answers: (port, process)."""
    for _ in range(5):
        port = free_port()
        p = subprocess.Popen(["xapian-tcpsrv", "--quiet", "--interface",
                              "127.0.0.1", "--port", str(port)] + dbs,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL,
                             # on SIGTERM it signals its whole group
                             start_new_session=True)
        for _ in range(100):
            if p.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                servers.append(p)
                return port, p
            except OSError:
                time.sleep(0.05)
        p.kill()
        p.wait()
    raise SystemExit("cannot start xapian-tcpsrv")


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def stop_all():
    """Stop every server serve() started that is still running."""
    for p in servers:
        if p.poll() is None:
            stop(p)
