"""The shared-server deployment: one group's folder, its database files, and the sshd drop-in.

Inspectors reach the database through Granska only: the folder is
``2770 root:GROUP`` (so SQLite's ``-wal`` and ``-shm`` files get the group
too), the database is ``0660`` with that group, and an sshd ``Match Group``
block forces every ssh session of a group member into Granska with forwarding
off. This module knows what a correct deployment looks like and what is wrong
with one; ``granska server`` (tui/commands/server.py) says it to the user.
"""

from __future__ import annotations

import glob
import grp
import os
import pwd
import shlex
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DROPIN = Path("/etc/ssh/sshd_config.d/granska.conf")
DEFAULT_SSHD_CONFIG = Path("/etc/ssh/sshd_config")
DB_NAME = "granska.db"
CONFIG_NAME = "config.toml"
FOLDER_MODE = 0o2770
DB_MODE = 0o660
CONFIG_MODE = 0o644
DROPIN_MODE = 0o644
DROPIN_HEADER = "# Written by granska server setup"
# Login shells that run no start-up file of the user's for ``shell -c COMMAND``
# (bash does: ~/.bashrc when started by sshd, which would run before Granska).
QUIET_SHELLS = ("/bin/sh", "/usr/bin/sh", "/bin/dash", "/usr/bin/dash")

# Client variables sshd may pass on without letting the user run code of theirs.
HARMLESS_ENV = {"LANG", "LC_*", "LANGUAGE", "COLORTERM", "NO_COLOR"}


class DeployError(ValueError):
    """A setup that cannot go on; the message says what to do."""


@dataclass(frozen=True)
class Deployment:
    group: str
    folder: Path
    dropin: Path = DEFAULT_DROPIN
    sshd_config: Path = DEFAULT_SSHD_CONFIG
    granska: Path = Path("granska")

    @property
    def db(self) -> Path:
        return self.folder / DB_NAME

    @property
    def config(self) -> Path:
        return self.folder / CONFIG_NAME

    @property
    def gid(self) -> int:
        return grp.getgrnam(self.group).gr_gid

    @property
    def forced_command(self) -> str:
        """What every ssh session of a member runs, whatever command the client asked for."""
        return shlex.join([str(self.granska), "--config", str(self.config), "--db", str(self.db)])


def validate(deployment: Deployment) -> None:
    """Refuse names that cannot go into an sshd config or a ForceCommand safely."""
    for label, value in (("--group", deployment.group), ("--dir", str(deployment.folder)),
                         ("--sshd-dropin", str(deployment.dropin))):
        if not value or any(ch in value for ch in "\n\r\0"):
            raise DeployError(f"{label}: give a non-empty value on one line")
    if any(ch.isspace() or ch in "\"'\\,!*?" for ch in deployment.group):
        raise DeployError(f"--group '{deployment.group}': use a plain Unix group name")
    for label, path in (("--dir", deployment.folder), ("--sshd-dropin", deployment.dropin)):
        if not path.is_absolute():
            raise DeployError(f"{label} {path}: give an absolute path (sshd runs Granska "
                              "from the user's home)")
    try:
        deployment.gid  # noqa: B018 (the lookup is the check)
    except KeyError:
        raise DeployError(f"group '{deployment.group}' does not exist; create it first: "
                          f"groupadd {deployment.group}") from None


def granska_executable() -> Path:
    """The ``granska`` installed beside this Python (a venv's bin/), by absolute path."""
    import sys

    beside = Path(sys.executable).parent / "granska"
    if beside.is_file():
        return beside.absolute()
    found = shutil.which("granska")
    if found is None:
        raise DeployError("cannot find the installed granska command; install Granska "
                          "(pip install) and run this as that installation's granska")
    return Path(found).absolute()


def sshd_binary() -> str | None:
    found = shutil.which("sshd")
    if found:
        return found
    return "/usr/sbin/sshd" if os.access("/usr/sbin/sshd", os.X_OK) else None


def dropin_text(deployment: Deployment) -> str:
    return (
        f"{DROPIN_HEADER}: members of group {deployment.group} get Granska and nothing else.\n"
        "# ForceCommand runs Granska whatever the client asked for (a command, sftp, scp);\n"
        "# Subsystem cannot go in a Match block, so it is ForceCommand that refuses sftp.\n"
        f"Match Group {deployment.group}\n"
        f"    ForceCommand {deployment.forced_command}\n"
        "    DisableForwarding yes\n"
        "    PermitTunnel no\n"
        "    PermitUserRC no\n"
        "    PermitTTY yes\n"
        "# Back to every user for whatever the main config says after its Include.\n"
        "Match all\n"
    )


def settings_text(deployment: Deployment) -> str:
    import json

    return (
        "# Written by granska server setup: the settings of the inspectors' Granska\n"
        "# (their ssh ForceCommand gives --config with this file). Owned by root, 0644.\n"
        "[database]\n"
        f"path = {json.dumps(str(deployment.db))}\n"
        f"group = {json.dumps(deployment.group)}\n"
    )


def write_root_file(path: Path, text: str, mode: int) -> None:
    """Write a root-owned file atomically (temp file beside it, then rename)."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.chown(temp, 0, 0)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def ensure_folder(deployment: Deployment) -> str | None:
    """Make the folder ``2770 root:GROUP``; returns what changed (None: it already was)."""
    folder = deployment.folder
    if folder.exists() and not folder.is_dir():
        raise DeployError(f"--dir {folder}: exists and is not a folder; give another path")
    created = not folder.exists()
    folder.parent.mkdir(parents=True, exist_ok=True)
    if created:
        folder.mkdir(mode=0o700)
    info = folder.stat()
    if not created and (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (
            0, deployment.gid, FOLDER_MODE):
        return None
    os.chown(folder, 0, deployment.gid)
    os.chmod(folder, FOLDER_MODE)  # after chown, which may clear the setgid bit
    return "created" if created else f"was {_describe(info)}, now"


def ensure_file(path: Path, text: str, mode: int, *, ours: str | None = None,
                keep_text: bool = False) -> str | None:
    """Write ``text`` to a root-owned file unless it holds it already; returns what changed.

    With ``ours``, an existing file that does not start with it was written by
    someone else and is not replaced. With ``keep_text``, an existing file
    keeps what it says (the supervisor's districts and quotas) and only gets
    its owner and mode put right.
    """
    if path.exists():
        old = path.read_text(encoding="utf-8", errors="replace")
        if ours is not None and not old.startswith(ours):
            raise DeployError(f"{path}: exists and was not written by granska server setup; "
                              "move it away or give another path")
        if keep_text:
            text = old
        info = path.stat()
        if old == text and (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (
                0, 0, mode):
            return None
        state = "replaced" if old != text else "owner and mode put right"
    else:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
        state = "written"
    write_root_file(path, text, mode)
    return state


def sshd_test(sshd: str, config: Path) -> str | None:
    """sshd's complaint about the config (with every Include), or None when it accepts it."""
    done = subprocess.run([sshd, "-t", "-f", str(config)], capture_output=True, text=True,
                          timeout=30)
    if done.returncode == 0:
        return None
    return " ".join((done.stderr or done.stdout).split()) or f"sshd -t exited {done.returncode}"


def included(config: Path, dropin: Path) -> bool:
    """Whether the main sshd config's ``Include`` lines take in the drop-in."""
    try:
        lines = config.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    for line in lines:
        words = line.split()
        if len(words) < 2 or words[0].lower() != "include":
            continue
        for pattern in words[1:]:
            if not pattern.startswith("/"):
                pattern = f"/etc/ssh/{pattern}"  # sshd's rule for relative Include paths
            if str(dropin) in glob.glob(pattern) or pattern == str(dropin):
                return True
    return False


def members(group: str) -> list[str]:
    """Every user in the group: listed in it, or with it as their primary group."""
    entry = grp.getgrnam(group)
    names = set(entry.gr_mem)
    names.update(user.pw_name for user in pwd.getpwall() if user.pw_gid == entry.gr_gid)
    return sorted(names)


def effective_sshd(sshd: str, config: Path, user: str) -> dict[str, str]:
    """What sshd would apply to ``user``'s session (``sshd -T -C``), keyword → value."""
    done = subprocess.run(
        [sshd, "-T", "-f", str(config), "-C", f"user={user},host=localhost,addr=127.0.0.1"],
        capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise DeployError(f"sshd -T: {' '.join(done.stderr.split())}")
    settings: dict[str, str] = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(" ")
        key = key.lower()  # a list (acceptenv) comes one value a line
        settings[key] = f"{settings[key]} {value.strip()}" if key in settings else value.strip()
    return settings


def file_problems(deployment: Deployment) -> list[str]:
    """What is wrong with the folder, the settings file and the database files, with fixes."""
    problems: list[str] = []
    folder, gid, group = deployment.folder, deployment.gid, deployment.group
    if not folder.is_dir():
        return [f"{folder}: no such folder; run granska server setup --group {group} "
                f"--dir {folder}"]
    info = folder.stat()
    if stat.S_IMODE(info.st_mode) != FOLDER_MODE or info.st_gid != gid or info.st_uid != 0:
        problems.append(f"{folder}: is {_describe(info)}, should be {_mode(FOLDER_MODE)} "
                        f"root:{group}; run: chown root:{group} {folder} && "
                        f"chmod 2770 {folder}")
    config = deployment.config
    if not config.is_file():
        problems.append(f"{config}: missing; run granska server setup again")
    else:
        info = config.stat()
        if info.st_uid != 0 or stat.S_IMODE(info.st_mode) & 0o022:
            problems.append(f"{config}: is {_describe(info)}, others than root may change it; "
                            f"run: chown root:root {config} && chmod 0644 {config}")
    if not deployment.db.exists():
        problems.append(f"{deployment.db}: no database yet; create it (as root): granska "
                        f"frame import FILE --config {config} --db {deployment.db}")
        return problems
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{deployment.db}{suffix}")
        if not path.exists():
            continue
        info = path.stat()
        mode = stat.S_IMODE(info.st_mode)
        if info.st_gid != gid or mode != DB_MODE:
            problems.append(f"{path}: is {_describe(info)}, should be {_mode(DB_MODE)} with "
                            f"group {group}; run: chgrp {group} {path} && chmod 0660 {path}")
    return problems


def shell_problems(users: list[str]) -> list[str]:
    """Members whose login shell would run a start-up file of theirs before Granska."""
    problems = []
    for name in users:
        shell = pwd.getpwnam(name).pw_shell
        if shell not in QUIET_SHELLS:
            problems.append(f"{name}: login shell {shell} may run the user's own start-up "
                            f"files before Granska over ssh; run: usermod -s /bin/sh {name}")
    return problems


def sshd_problems(deployment: Deployment, sshd: str, users: list[str]) -> list[str]:
    """A drop-in that is missing, changed, not included, or not what sshd applies to members."""
    dropin, group = deployment.dropin, deployment.group
    setup = f"granska server setup --group {group} --dir {deployment.folder}"
    if not dropin.is_file():
        return [f"{dropin}: missing; run {setup}"]
    if dropin.read_text(encoding="utf-8", errors="replace") != dropin_text(deployment):
        return [f"{dropin}: differs from what setup writes; run {setup}"]
    if not included(deployment.sshd_config, dropin):
        return [f"{deployment.sshd_config} does not include {dropin}; add the line "
                f"'Include {dropin}' at its top"]
    complaint = sshd_test(sshd, deployment.sshd_config)
    if complaint is not None:
        return [f"sshd -t refuses {deployment.sshd_config}: {complaint}"]
    wanted = {"forcecommand": deployment.forced_command, "disableforwarding": "yes",
              "permittty": "yes", "permituserrc": "no", "permituserenvironment": "no"}
    problems = []
    for name in users:
        settings = effective_sshd(sshd, deployment.sshd_config, name)
        wrong = [key for key, value in wanted.items() if settings.get(key) != value]
        accepted = set(settings.get("acceptenv", "").split()) - HARMLESS_ENV
        if accepted:  # e.g. BASH_ENV or PYTHONPATH would run the user's code before Granska
            wrong.append(f"acceptenv {' '.join(sorted(accepted))}")
        if wrong:
            problems.append(f"{name}: sshd does not apply the drop-in to this member "
                            f"({', '.join(wrong)} differ; an earlier Match block or "
                            f"{deployment.sshd_config} may override it)")
    return problems


def _mode(mode: int) -> str:
    return f"{mode:04o}"


def _describe(info: os.stat_result) -> str:
    try:
        owner = pwd.getpwuid(info.st_uid).pw_name
    except KeyError:
        owner = str(info.st_uid)
    try:
        group = grp.getgrgid(info.st_gid).gr_name
    except KeyError:
        group = str(info.st_gid)
    return f"{_mode(stat.S_IMODE(info.st_mode))} {owner}:{group}"
