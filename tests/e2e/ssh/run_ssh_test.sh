#!/usr/bin/env bash
# The real SSH test: installs OpenSSH and tmux if missing (Debian, as root), then runs
# tests/e2e/ssh with the project's venv. It starts its own sshd on 127.0.0.1 on a free
# port, adds and removes its own OS users and group. Run as root: sudo tests/e2e/ssh/run_ssh_test.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
bash scripts/install-system-deps
exec .venv/bin/pytest -q -rs tests/e2e/ssh "$@"
