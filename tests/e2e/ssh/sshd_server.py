"""A private sshd on 127.0.0.1 with its own OS users, group and keys, for the SSH tests.

Needs root (to add users and run sshd), OpenSSH server and client, and tmux;
``scripts/install-system-deps`` installs them on Debian. ``ssh_server``
adds a group and users with generated keys, a group folder ``2770``, and
starts sshd on a free port; ``before_start`` may add to the server's config
(``Include`` a drop-in) before sshd starts. Everything it adds is removed
afterwards.
"""

from __future__ import annotations

import contextlib
import fcntl
import grp
import os
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"

needs_root_sshd_tmux = [
    pytest.mark.e2e,
    pytest.mark.skipif(os.geteuid() != 0, reason="the SSH test adds OS users: run it as root"),
    pytest.mark.skipif(not Path(SSHD).exists() or not shutil.which("ssh"),
                       reason="OpenSSH missing: run scripts/install-system-deps"),
    pytest.mark.skipif(not shutil.which("tmux"), reason="tmux missing: install-system-deps"),
    pytest.mark.skipif(not shutil.which("useradd"), reason="useradd missing"),
]


# The tools that rewrite /etc/passwd and /etc/group refuse to run while another holds its
# lock ("cannot lock /etc/passwd; try again later"); the SSH tests run in parallel.
ACCOUNT_TOOLS = {"useradd", "usermod", "userdel", "groupadd", "groupdel"}
ACCOUNTS_LOCK = Path("/tmp/granska-tests-accounts.lock")


# One test sshd at a time: each opens /root for others' traversal and closes it again
# when done, which would lock a parallel test's users out half-way.
SERVERS_LOCK = Path("/tmp/granska-tests-sshd.lock")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def accounts_locked() -> contextlib.AbstractContextManager[None]:
    return _locked(ACCOUNTS_LOCK)


def sh(*args: str, **kwargs) -> subprocess.CompletedProcess:
    if args[0] in ACCOUNT_TOOLS:
        with accounts_locked():
            return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60,
                                  **kwargs)
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60, **kwargs)


def open_path_for_others(*targets: Path) -> list[tuple[Path, int]]:
    """Let other users traverse (x, never r) to the venv's python and the repo; undo later.

    A venv made by root with pyenv points into /root (0700), which the test's
    users could not otherwise reach. Returns what to restore.
    """
    changed = []
    for target in targets:
        for folder in [target, *target.parents]:
            if not folder.is_dir():
                continue
            mode = stat.S_IMODE(folder.stat().st_mode)
            if not mode & stat.S_IXOTH:
                os.chmod(folder, mode | stat.S_IXOTH)
                changed.append((folder, mode))
    return changed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, root: Path, port: int, names: dict[str, str], group: str) -> None:
        self.root, self.port, self.names, self.group = root, port, names, group

    def options(self, who: str) -> list[str]:
        return ["-i", str(self.root / "keys" / who), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR"]

    def ssh(self, who: str, *command: str, tty: bool = False, extra: tuple[str, ...] = ()
            ) -> list[str]:
        return ["ssh", "-p", str(self.port), *self.options(who), *extra,
                "-tt" if tty else "-T", f"{self.names[who]}@127.0.0.1", *command]


def _config(root: Path, port: int) -> str:
    return (f"Port {port}\nListenAddress 127.0.0.1\nHostKey {root}/hostkey\n"
            f"PidFile {root}/sshd.pid\nAuthorizedKeysFile {root}/keys/%u.authorized\n"
            "StrictModes no\nUsePAM no\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
            "PermitUserEnvironment no\nAcceptEnv LANG LC_*\n"
            "Subsystem sftp internal-sftp\n")


@contextlib.contextmanager
def ssh_server(who: tuple[str, ...], *, outside: tuple[str, ...] = (),
               before_start: Callable[[Server], None] | None = None) -> Iterator[Server]:
    """Users ``who`` in a fresh group, ``outside`` in none of it; sshd running for them all."""
    with _locked(SERVERS_LOCK):
        yield from _ssh_server(who, outside=outside, before_start=before_start)


def _ssh_server(who: tuple[str, ...], *, outside: tuple[str, ...],
                before_start: Callable[[Server], None] | None) -> Iterator[Server]:
    tag = secrets.token_hex(3)
    group = f"grsk{tag}"
    names = {name: f"grsk{tag}{name}" for name in (*who, *outside)}
    root = Path(f"/tmp/granska-ssh-{tag}")
    sshd = log = None
    opened: list[tuple[Path, int]] = []
    try:
        opened = open_path_for_others(Path(os.path.realpath(sys.executable)).parent, REPO)
        sh("groupadd", group)
        for name in names:
            membership = ["--gid", group] if name in who else ["--user-group"]
            sh("useradd", "--create-home", "--shell", "/bin/sh", *membership, names[name])
            sh("usermod", "-p", "*", names[name])  # no password, not "locked" (sshd refuses)
        (root / "keys").mkdir(parents=True)
        (root / "shared").mkdir()
        os.chmod(root, 0o755)
        os.chown(root / "shared", 0, grp.getgrnam(group).gr_gid)
        os.chmod(root / "shared", 0o2770)  # the group's folder; new files keep the group
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / "hostkey"))
        for name, login in names.items():
            sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / "keys" / name))
            shutil.copy(root / "keys" / f"{name}.pub", root / "keys" / f"{login}.authorized")
            os.chmod(root / "keys" / f"{login}.authorized", 0o644)
        port = free_port()
        (root / "sshd_config").write_text(_config(root, port), encoding="utf-8")
        Path("/run/sshd").mkdir(exist_ok=True)
        server = Server(root, port, names, group)
        if before_start is not None:
            before_start(server)
        log = open(root / "sshd.log", "w")  # noqa: SIM115 (closed with the server)
        sshd = subprocess.Popen([SSHD, "-D", "-e", "-f", str(root / "sshd_config")],
                                stderr=log)
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield server
    finally:
        if sshd is not None:
            sshd.terminate()
            sshd.wait(timeout=10)
        if log is not None:
            log.close()
        for login in names.values():
            subprocess.run(["pkill", "-KILL", "-u", login], capture_output=True)
        with accounts_locked():
            for login in names.values():
                subprocess.run(["userdel", "--remove", login], capture_output=True)
            for name in names:
                if name in outside:
                    subprocess.run(["groupdel", names[name]], capture_output=True)
            subprocess.run(["groupdel", group], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
        for folder, mode in opened:
            os.chmod(folder, mode)


@contextlib.contextmanager
def own_tmux(name: str) -> Iterator[list[str]]:
    """A tmux server of the test's own (``-L``): the default one may be a user's, or another
    test's. Killed afterwards, and its socket file removed."""
    tmux = ["tmux", "-L", f"{name}-{os.getpid()}"]
    try:
        yield tmux
    finally:
        socket_path = subprocess.run([*tmux, "display-message", "-p", "#{socket_path}"],
                                     capture_output=True, text=True).stdout.strip()
        subprocess.run([*tmux, "kill-server"], capture_output=True)
        if socket_path:
            Path(socket_path).unlink(missing_ok=True)


def tmux_screen(tmux: list[str], session: str, wanted: str, seconds: float = 20) -> str:
    deadline = time.time() + seconds
    screen = ""
    while time.time() < deadline:
        screen = sh(*tmux, "capture-pane", "-p", "-t", session).stdout
        if wanted in screen:
            return screen
        time.sleep(0.2)
    return screen


def wait_for(check, seconds: float = 20) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False
