"""granska server setup | check: a shared server where inspectors log in to Granska, not a shell.

``setup`` (as root) makes the group's folder, the settings file the inspectors'
Granska uses, and the sshd drop-in that forces every ssh session of a group
member into Granska; ``check`` reports what is wrong with a running
deployment. The knowledge of what is right lives in ``store.deploy``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from tui.context import Context, UsageError

if TYPE_CHECKING:
    from store.deploy import Deployment

NEEDS_ROLE = False  # works on files and sshd; check opens the database itself
EXIT_PROBLEMS = 1


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "server", help="set up or check a shared server (inspectors get Granska, no shell)",
        description="`setup` (as root) creates DIR as 2770 root:GROUP with DIR/config.toml, "
        "and an sshd drop-in whose Match Group block forces Granska on every ssh session of "
        "a group member (no shell, no sftp or scp, no forwarding). `check` reports what is "
        "wrong with a running deployment; exit 1 when something is.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    for action, text in (("setup", "create the folder, settings and sshd drop-in (root)"),
                         ("check", "report what is wrong with the deployment")):
        child = actions.add_parser(action, help=text, description=text)
        child.add_argument("--group", required=True, help="the inspectors' Unix group")
        child.add_argument("--dir", required=True, type=Path, metavar="DIR",
                           help="the folder for the database, e.g. /srv/granska")
        child.add_argument("--sshd-dropin", type=Path, metavar="PATH", default=None,
                           help="the drop-in file (default /etc/ssh/sshd_config.d/granska.conf)")
        child.add_argument("--sshd-config", type=Path, metavar="PATH", default=None,
                           help="the main sshd config that includes it "
                           "(default /etc/ssh/sshd_config)")
        child.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from store.deploy import (
        DEFAULT_DROPIN,
        DEFAULT_SSHD_CONFIG,
        Deployment,
        granska_executable,
        validate,
    )

    deployment = Deployment(args.group, args.dir, args.sshd_dropin or DEFAULT_DROPIN,
                            args.sshd_config or DEFAULT_SSHD_CONFIG, granska_executable())
    if os.geteuid() != 0:  # check too: sshd -T reads the host keys, members' files are theirs
        raise UsageError(f"granska server {args.action}: run it as root "
                         f"(sudo granska server {args.action} ...)")
    validate(deployment)
    return setup(deployment) if args.action == "setup" else check(deployment)


def setup(deployment: Deployment) -> int:
    from store.deploy import (
        CONFIG_MODE,
        DROPIN_HEADER,
        DROPIN_MODE,
        DeployError,
        dropin_text,
        ensure_file,
        ensure_folder,
        included,
        settings_text,
        sshd_binary,
        sshd_test,
    )

    sshd = sshd_binary()
    if sshd is None:
        raise UsageError("sshd not found: install the OpenSSH server first "
                         "(apt-get install openssh-server); nothing was changed")
    if not deployment.sshd_config.is_file():
        raise UsageError(f"{deployment.sshd_config}: no such sshd config; give --sshd-config")
    if deployment.config.exists():
        _same_settings(deployment)
    complaint = sshd_test(sshd, deployment.sshd_config)
    if complaint is not None:
        raise DeployError(f"sshd -t refuses {deployment.sshd_config} already, before any change "
                          f"({complaint}); fix that first; nothing was changed")
    dropin = deployment.dropin
    previous = dropin.read_bytes() if dropin.is_file() else None
    written = ensure_file(dropin, dropin_text(deployment), DROPIN_MODE, ours=DROPIN_HEADER)
    complaint = sshd_test(sshd, deployment.sshd_config)
    if complaint is not None:
        complaint = f"sshd -t refuses it ({complaint})"
    elif not included(deployment.sshd_config, dropin):
        complaint = (f"it does not include the drop-in; add the line 'Include {dropin}' at "
                     "its top and run this again")
    if complaint is not None:
        if written is not None:  # put back what was there: sshd must keep starting
            if previous is None:
                dropin.unlink()
            else:
                dropin.write_bytes(previous)
        raise DeployError(f"{deployment.sshd_config} with {dropin}: {complaint}; "
                          "nothing was changed")
    folder = ensure_folder(deployment)
    settings = ensure_file(deployment.config, settings_text(deployment), CONFIG_MODE,
                           keep_text=True)  # the supervisor may have added districts
    changes = [folder, settings, written]
    print(f"folder {deployment.folder}: "
          f"{'already 2770' if folder is None else folder + ' 2770'} root:{deployment.group}")
    print(f"settings {deployment.config}: {settings or 'unchanged'} "
          "(root, 0644: the inspectors' Granska reads it)")
    print(f"sshd drop-in {dropin}: {written or 'unchanged'} (Match Group {deployment.group}: "
          "ForceCommand granska, DisableForwarding yes, PermitTTY yes)")
    print(f"sshd -t: accepts {deployment.sshd_config} with the drop-in")
    if any(changes):
        print("reload sshd for the drop-in to take effect: systemctl reload ssh")
    else:
        print("nothing changed: the server was set up already")
    granska = deployment.granska
    print(f"To add an inspector (as root): usermod -aG {deployment.group} -s /bin/sh USER "
          f"&& {granska} users grant USER inspector --config {deployment.config} "
          f"--db {deployment.db}")
    print(f"Then see what is wrong, if anything: {granska} server check {_where(deployment)}")
    return 0


def check(deployment: Deployment) -> int:
    from store.deploy import (
        file_problems,
        members,
        shell_problems,
        sshd_binary,
        sshd_problems,
    )

    problems = file_problems(deployment)
    if deployment.config.is_file():
        try:
            _same_settings(deployment)
        except UsageError as error:
            problems.append(str(error))
    users = members(deployment.group)
    sshd = sshd_binary()
    if sshd is None:
        problems.append("sshd not found: install the OpenSSH server (apt-get install "
                        "openssh-server)")
    else:
        problems += sshd_problems(deployment, sshd, users)
    problems += shell_problems(users)
    problems += _roleless(deployment, users)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
        return EXIT_PROBLEMS
    print(f"all well: {deployment.folder} and {deployment.dropin}, "
          f"{len(users)} member{'s' if len(users) != 1 else ''} of {deployment.group}, "
          "each with a role")
    return 0


def _where(deployment: Deployment) -> str:
    """The options that name this deployment, for a command to copy."""
    from store.deploy import DEFAULT_DROPIN, DEFAULT_SSHD_CONFIG

    where = f"--group {deployment.group} --dir {deployment.folder}"
    if deployment.dropin != DEFAULT_DROPIN:
        where += f" --sshd-dropin {deployment.dropin}"
    if deployment.sshd_config != DEFAULT_SSHD_CONFIG:
        where += f" --sshd-config {deployment.sshd_config}"
    return where


def _same_settings(deployment: Deployment) -> None:
    """The settings file in DIR must name this database and group (setup keeps it, not edits)."""
    from jobs.config import load

    settings = load(deployment.config).database
    if settings.group != deployment.group or settings.resolved_path != deployment.db:
        raise UsageError(f"{deployment.config}: [database] says path '{settings.path}' and "
                         f"group '{settings.group}', not {deployment.db} and "
                         f"{deployment.group}; fix it or move it away")


def _roleless(deployment: Deployment, users: list[str]) -> list[str]:
    """Members of the group with no role in the database (Granska would refuse them)."""
    if not deployment.db.exists() or not users:
        return []
    from store import open_database
    from store.users import role_of

    db = open_database(deployment.db, create=False)
    try:
        return [f"{name}: member of {deployment.group} with no role in the database; run: "
                f"granska users grant {name} inspector --config {deployment.config} "
                f"--db {deployment.db} (or gpasswd -d {name} {deployment.group})"
                for name in users if role_of(db, name) is None]
    finally:
        db.conn.close()
