"""A real Gofal for browser tests: a fresh database, the demo generator, gunicorn and a worker.

pytest-django's live_server is not used: it empties tables with DELETE between tests, which the
append-only audit table refuses. Instead one session builds its own database (a new SQLite file
under var/, or a fresh PostgreSQL database beside the one in DATABASE_URL, created and dropped
with the same credentials), migrates it, generates the tiny demo council into it, and serves it
exactly as `make demo` does.
"""

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SEED = "7"
SIZE = "tiny"


@dataclass(frozen=True)
class RunningGofal:
    url: str
    database_url: str
    log_dir: Path
    env: dict[str, str]

    def manage(self, *args: str) -> None:
        """Run a management command against this Gofal's database (to arrange a scenario)."""
        _manage(self.env, *args)

    def logs(self) -> str:
        parts = []
        for name in ("server.log", "worker.log"):
            path = self.log_dir / name
            if path.exists():
                text = path.read_text(errors="replace")
                parts.append(f"--- {name} (last 4000 characters) ---\n{text[-4000:]}")
        return "\n".join(parts)


def _die_with_parent() -> None:
    """Run in the child before exec: if the test process dies, so does the server (Linux)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def fresh_database(tag: str) -> Iterator[str]:
    """Yield the URL of an empty database made for this run, and remove it afterwards."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlparse(configured)
        name = f"{parts.path.lstrip('/') or 'gofal'}_systest_{tag}"
        admin = urlunparse(parts._replace(scheme="postgresql"))

        def run(sql: str) -> None:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(sql)

        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        run(f'CREATE DATABASE "{name}"')
        try:
            yield urlunparse(parts._replace(path=f"/{name}"))
        finally:
            run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        _remove_leftovers()
        directory = ROOT / "var" / f"systest-{tag}"
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        try:
            yield f"sqlite:///{directory / 'gofal.sqlite3'}"
        finally:
            shutil.rmtree(directory, ignore_errors=True)


def _remove_leftovers() -> None:
    """Databases and logs of earlier runs that were killed before they could clean up."""
    for path in (ROOT / "var").glob("systest-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(path, ignore_errors=True)


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


def _wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer on {url} within {timeout} seconds")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@contextmanager
def running_gofal() -> Iterator[RunningGofal]:
    tag = str(os.getpid())
    log_dir = ROOT / "var" / f"systest-logs-{tag}"
    log_dir.mkdir(parents=True, exist_ok=True)
    with fresh_database(tag) as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "gofal.settings",
            "GOFAL_DEBUG": "false",
            "GOFAL_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "GOFAL_LOG_LEVEL": "WARNING",
        }
        _manage(env, "gofal_compilemessages")
        _manage(env, "migrate", "--noinput")
        _manage(env, "gofal_generate", "--seed", SEED, "--size", SIZE)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with (
            (log_dir / "server.log").open("w") as server_log,
            (log_dir / "worker.log").open("w") as worker_log,
        ):
            server = subprocess.Popen(  # noqa: S603
                [
                    GUNICORN,
                    "gofal.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "120",
                    "--access-logfile",
                    "-",
                ],
                cwd=ROOT,
                env=env,
                stdout=server_log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,  # noqa: PLW1509
            )
            worker = subprocess.Popen(  # noqa: S603
                [
                    PYTHON,
                    str(ROOT / "manage.py"),
                    "db_worker",
                    "--interval",
                    "1",
                    "--no-reload",
                    "--no-startup-delay",
                ],
                cwd=ROOT,
                env=env,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,  # noqa: PLW1509
            )
            try:
                _wait_until_serving(url, server)
                yield RunningGofal(url=url, database_url=database_url, log_dir=log_dir, env=env)
            finally:
                _stop(worker)
                _stop(server)
    shutil.rmtree(log_dir, ignore_errors=True)
