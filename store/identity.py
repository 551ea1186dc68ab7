"""Who is at the keyboard: the OS account, never a name the process was told."""

from __future__ import annotations

import datetime as dt
import os
import pwd


def current_user() -> str:
    # $USER and $LOGNAME can be set to anything; the effective uid cannot be.
    return pwd.getpwuid(os.geteuid()).pw_name


def now() -> str:
    """UTC timestamp with milliseconds, sortable as text."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
