"""deduce's load lock serves every user: the image builds deduce's tables as root, which leaves a
root-owned lock file in /tmp, and the web, tick and pseudonimiseer processes run as `schakel`."""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path

import pytest

from schakel.casussen.pseudonymise import _open_lock

NOBODY = 65534


def _lock_as_nobody(lock: Path) -> int:
    """Exit status of a forked child that becomes `nobody` and takes the lock (0: it could)."""
    pid = os.fork()
    if pid == 0:  # the child: no exec (the interpreter may live where nobody can read), no cleanup
        status = 1
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            fd = _open_lock(lock)
            fcntl.flock(fd, fcntl.LOCK_EX)
            status = 0
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.skipif(os.geteuid() != 0, reason="een andere gebruiker nadoen kan alleen als root")
def test_a_lock_file_left_by_root_can_be_taken_by_an_unprivileged_user():
    folder = Path(tempfile.mkdtemp(prefix="schakel-lock-"))
    lock = folder / "schakel-deduce.lock"
    try:
        folder.chmod(0o755)
        os.close(_open_lock(lock))  # created by root, 0644, as the image build leaves it
        assert lock.stat().st_uid == 0 and lock.stat().st_mode & 0o777 == 0o644
        assert _lock_as_nobody(lock) == 0
    finally:
        lock.unlink(missing_ok=True)
        folder.rmdir()


def test_the_lock_file_is_created_when_missing(tmp_path):
    lock = tmp_path / "schakel-deduce.lock"
    os.close(_open_lock(lock))
    assert lock.exists()
    os.close(_open_lock(lock))  # and opened again when it is there
