"""Starts the real `tributary` binary for integration tests and stops it again.

Each test gets its own data directory and a free port on 127.0.0.1; the broker's log goes to a file
that is printed when a test fails, so CI output shows what the server saw.
"""
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import unittest

BIN = os.environ.get("TRIBUTARY_BIN", os.path.join(os.path.dirname(__file__), "../../build/tributary"))
TMP_ROOT = os.environ.get("TRIBUTARY_TEST_TMP", tempfile.gettempdir())


_handed_out = set()


def free_port():
    # The kernel may hand the same free port to two back-to-back binds once the first socket is
    # closed (a server's SQL and Connect listeners once got one port): never return a port twice.
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


class ServerProcess:
    """A `tributary` process with its own data directory, logging to a file there: restartable,
    killable. Subclasses say how to start it (`spawn`)."""

    kind = "server"

    def __init__(self, name):
        os.makedirs(TMP_ROOT, exist_ok=True)
        self.data_dir = tempfile.mkdtemp(prefix=name + "-", dir=TMP_ROOT)
        self.proc = None
        self.log_path = os.path.join(self.data_dir, "server.log")

    def spawn(self, args):
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                if os.environ.get("TRIBUTARY_STACKS"):
                    with open("/tmp/stacks-%d.txt" % self.proc.pid, "w") as out:
                        subprocess.run(["gdb", "-p", str(self.proc.pid), "-batch", "-ex", "thread apply all bt"],
                                       stdout=out, stderr=subprocess.STDOUT)
                self.proc.kill()
                self.proc.wait()
                raise RuntimeError("%s did not stop on SIGTERM within 20s" % self.kind)
        if self.proc:
            self.log.close()
        return self.proc.returncode if self.proc else None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def read_log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode(errors="replace")[-20000:]
        except OSError:
            return ""

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


class Broker(ServerProcess):
    """One `tributary serve` process with its data directory; restartable, killable."""

    kind = "broker"

    def __init__(self, name, settings=None):
        super().__init__(name)
        self.port = free_port()
        # Every service gets its own free port, so tests running side by side never collide.
        self.sql_port = free_port()
        self.connect_port = free_port()
        self.console_port = free_port()
        self.settings = dict(settings or {})

    @property
    def bootstrap(self):
        return "127.0.0.1:%d" % self.port

    @property
    def sql_url(self):
        return "http://127.0.0.1:%d" % self.sql_port

    def start(self, timeout=30):
        args = [BIN, "serve", "--data-dir", os.path.join(self.data_dir, "data"),
                "--kafka-listen", self.bootstrap,
                "--sql-listen", "127.0.0.1:%d" % self.sql_port,
                "--connect-listen", "127.0.0.1:%d" % self.connect_port,
                "--console-listen", "127.0.0.1:%d" % self.console_port]
        for k, v in self.settings.items():
            args += ["--set", "%s=%s" % (k, v)]
        self.spawn(args)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("broker exited with %s:\n%s" % (self.proc.returncode, self.read_log()))
            if api_versions_ok(self.port):
                return self
            time.sleep(0.05)
        raise RuntimeError("broker did not answer ApiVersions within %ss:\n%s" % (timeout, self.read_log()))


def wait_until(predicate, timeout=60, interval=0.2, what="condition", retry_on=(OSError,)):
    """Polls predicate until it returns something truthy; errors in retry_on count as not yet."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except retry_on as e:
            last = e
        time.sleep(interval)
    raise AssertionError("timed out waiting for %s (last: %r)" % (what, last))


def api_versions_ok(port):
    """A hand-made ApiVersions v0 round trip: true once the broker answers."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            body = struct.pack(">hhih", 18, 0, 1, 4) + b"test"
            s.sendall(struct.pack(">i", len(body)) + body)
            size = struct.unpack(">i", recv_exact(s, 4))[0]
            payload = recv_exact(s, size)
            return struct.unpack(">i", payload[:4])[0] == 1
    except OSError:
        return False


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed after %d of %d bytes" % (len(buf), n))
        buf += chunk
    return buf


class BrokerTestCase(unittest.TestCase):
    """A broker per test class; its log is printed when a test fails."""

    settings = {}

    @classmethod
    def setUpClass(cls):
        cls.broker = Broker(cls.__name__, cls.settings).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.broker.stop()
        if code not in (0, None):
            print(cls.broker.read_log())
        assert code in (0, None), "broker exited with %s on SIGTERM" % code
        shutil.rmtree(cls.broker.data_dir, ignore_errors=True)

    def run(self, result=None):
        result = super().run(result)
        if result is not None and (result.failures or result.errors):
            last = (result.failures + result.errors)[-1][0]
            if last is self:
                print("---- broker log (%s) ----\n%s" % (self.broker.log_path, self.broker.read_log()))
        return result


def main():
    unittest.main(verbosity=2)
