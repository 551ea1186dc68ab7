"""Inspectors log in to Granska, not a shell: the drop-in of ``granska server setup`` in sshd.

The test's own sshd (tests/e2e/ssh/sshd_server.py) includes the drop-in that
``granska server setup --sshd-dropin`` writes. Over ssh, an inspector's
plain login opens Granska; a command they ask for (``sqlite3 DB``, ``cat
DB``) runs Granska instead; sftp, scp and port forwarding are refused. Each
refusal is checked against a control that shows the same thing works
without the drop-in (the inspector can read the file as a local user; a user
outside the group runs commands, sftp and forwards ports), so no assertion
passes merely because something is broken. ``granska server check`` finds
a member with no role and a member whose bash would run their ~/.bashrc
first, and is content once both are fixed.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
from collections.abc import Iterator

import pytest

from tests.e2e.ssh.sshd_server import (
    VENV_BIN,
    Server,
    free_port,
    needs_root_sshd_tmux,
    own_tmux,
    sh,
    ssh_server,
    tmux_screen,
    wait_for,
)

pytestmark = needs_root_sshd_tmux
GRANSKA = str(VENV_BIN / "granska")
SQLITE_MAGIC = "SQLite format 3"


def where(server: Server) -> list[str]:
    return ["--group", server.group, "--dir", str(server.root / "granska"),
            "--sshd-dropin", str(server.root / "granska.conf"),
            "--sshd-config", str(server.root / "sshd_config")]


def set_up(server: Server) -> None:
    """What an administrator does: include the drop-in folder, then granska server setup."""
    config = server.root / "sshd_config"
    config.write_text(f"Include {server.root}/granska.conf\n{config.read_text()}",
                      encoding="utf-8")
    first = sh(GRANSKA, "server", "setup", *where(server))
    assert "written" in first.stdout and f"usermod -aG {server.group}" in first.stdout
    dropin = (server.root / "granska.conf").read_text(encoding="utf-8")
    again = sh(GRANSKA, "server", "setup", *where(server))
    assert "nothing changed" in again.stdout
    assert (server.root / "granska.conf").read_text(encoding="utf-8") == dropin


@pytest.fixture
def server() -> Iterator[Server]:
    with ssh_server(("anna", "bert", "carl"), outside=("dora",), before_start=set_up) as up:
        yield up


def run(command: list[str], input: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, input=input)


def first_bytes_through(tunnel: list[str], port: int) -> bytes:
    """What arrives on a local port forwarded by ``ssh -L`` (b"" when the server refuses)."""
    forwarder = subprocess.Popen(tunnel, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
    try:
        def listening() -> bool:
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0
        assert wait_for(listening, 15), "ssh -L never listened"
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            try:
                return conn.recv(64)
            except ConnectionResetError:
                return b""
    finally:
        forwarder.terminate()
        try:
            forwarder.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a loaded machine: ssh slow to hear SIGTERM
            forwarder.kill()
            forwarder.wait(timeout=10)


def test_inspectors_reach_the_database_through_granska_only(server: Server) -> None:
    names, folder = server.names, server.root / "granska"
    db, config = folder / "granska.db", folder / "config.toml"
    common = ["--config", str(config), "--db", str(db)]
    sh(GRANSKA, "demo", "--districts", "1", "--cases", "12", *common)  # root: the supervisor
    for who in ("anna", "bert"):
        sh(GRANSKA, "users", "grant", names[who], "inspector", *common)
    sh(GRANSKA, "assign", "--balanced", "--second", "--to", names["anna"], names["bert"], *common)
    conn = sqlite3.connect(db)
    cases = {who: [ref for (ref,) in conn.execute(
        "SELECT p.case_ref FROM reviews r JOIN population p ON p.id = r.population_id"
        " WHERE r.reviewer = ? ORDER BY p.case_ref", [names[who]])] for who in ("anna", "bert")}
    conn.close()
    assert cases["anna"] and cases["bert"]
    anna, dora = names["anna"], names["dora"]

    # Control: as a local user, Anna could read the file (her group may), and Dora, outside
    # the group, runs commands over ssh. Only the drop-in stands between Anna and the file.
    local = subprocess.run(["head", "-c", "15", str(db)], user=anna, group=server.group,
                           extra_groups=[server.group], capture_output=True, text=True)
    assert local.stdout == SQLITE_MAGIC, local
    assert run(server.ssh("dora", "echo", "a shell")).stdout == "a shell\n"

    with own_tmux("granska-forced") as tmux:
        # A plain `ssh host`, and `ssh host sqlite3 DB ...`, both open Granska's case list.
        for session, command in (("plain", ()),
                                 ("sqlite", ("sqlite3", str(db), "'select * from population'"))):
            line = " ".join(server.ssh("anna", *command, tty=True))
            sh(*tmux, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", line)
            screen = tmux_screen(tmux, session, cases["anna"][0])
            assert cases["anna"][0] in screen, f"{session}: not Granska's screen:\n{screen}"
            assert not set(cases["bert"]) - set(cases["anna"]) & set(screen.split())
            assert "|" not in screen.replace("│", "")  # no sqlite3 rows

    # Without a terminal, whatever is asked for runs Granska, which says it needs one.
    for command in (["cat", str(db)], ["sqlite3", str(db), ".dump"],
                    ["sh", "-c", f"'base64 {db}'"]):
        asked = run(server.ssh("anna", *command))
        assert asked.returncode == 2, command
        assert asked.stdout == "" and SQLITE_MAGIC not in asked.stderr
        assert asked.stderr.strip().splitlines() == [
            "granska: granskningsprogrammet behöver en terminal; logga in med ssh -t "
            "(eller bara ssh) utan kommando"], asked.stderr

    # sftp and scp (sftp protocol and the old one) get Granska, not the file.
    copy = server.root / "copy.db"
    port = str(server.port)
    sftp = run(["sftp", "-P", port, *server.options("dora"), "-b", "-", f"{dora}@127.0.0.1"],
               input="ls /etc/hostname\n")
    assert sftp.returncode == 0 and "/etc/hostname" in sftp.stdout  # control: sftp works
    sftp = run(["sftp", "-P", port, *server.options("anna"), "-b", "-", f"{anna}@127.0.0.1"],
               input=f"get {db} {copy}\n")
    assert sftp.returncode != 0 and not copy.exists(), sftp
    for legacy in ((), ("-O",)):
        scp = run(["scp", *legacy, "-P", port, *server.options("anna"),
                   f"{anna}@127.0.0.1:{db}", str(copy)])
        assert scp.returncode != 0, scp
        assert not copy.exists() or SQLITE_MAGIC.encode() not in copy.read_bytes()
        copy.unlink(missing_ok=True)

    # Port forwarding: Dora's tunnel reaches the sshd (its banner), Anna's is refused.
    for who, expected in (("dora", b"SSH-2.0"), ("anna", b"")):
        local = free_port()
        tunnel = server.ssh(who, extra=("-N", "-L", f"{local}:127.0.0.1:{port}"))
        tunnel.remove("-T")
        arrived = first_bytes_through(tunnel, local)
        assert arrived.startswith(expected) and (expected or arrived == b""), (who, arrived)
    stdio = run(server.ssh("anna", extra=("-W", f"127.0.0.1:{port}")))
    assert stdio.returncode != 0 and "SSH-2.0" not in stdio.stdout
    assert "stdio forwarding failed" in stdio.stderr

    # granska server check: Carl is in the group with no role, Bert's bash would run his
    # ~/.bashrc before Granska. Fixed, all is well.
    sh("usermod", "-s", "/bin/bash", names["bert"])
    found = run([GRANSKA, "server", "check", *where(server)])
    assert found.returncode == 1, found
    assert f"{names['carl']}: member of {server.group} with no role" in found.stdout
    assert f"{names['bert']}: login shell /bin/bash" in found.stdout
    assert "2 problems found" in found.stdout
    sh(GRANSKA, "users", "grant", names["carl"], "inspector", *common)
    sh("usermod", "-s", "/bin/sh", names["bert"])
    well = run([GRANSKA, "server", "check", *where(server)])
    assert well.returncode == 0 and well.stdout.startswith("all well"), well
