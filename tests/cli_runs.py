"""`coach ARGS` run inside the test process: `coach.cli.main()` with that argv, environment and stdin, its output
and exit code captured as a subprocess's would be.

What a separate process adds (the interpreter's start, the installed `coach` script) is tested by the tests that
still run the command as a process (tests/interfaces/test_cli.py: the chat over a real stdin pipe, an index
rebuild and its progress bar); everything else about the command line (its output, its one-line errors, its exit
codes) runs here, about a second and a half faster per call.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys


def coach_in_process(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    from coach import cli

    out, err = io.StringIO(), io.StringIO()
    saved_environment, saved_argv, saved_stdin = dict(os.environ), sys.argv, sys.stdin
    os.environ.update(env or {})
    sys.argv, sys.stdin = ["coach", *args], io.StringIO(stdin)
    code: int | str | None = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main()
            except SystemExit as exit_:
                code = exit_.code
    finally:
        os.environ.clear()
        os.environ.update(saved_environment)
        sys.argv, sys.stdin = saved_argv, saved_stdin
    returncode = code if isinstance(code, int) else (0 if code is None else 1)
    return subprocess.CompletedProcess(["coach", *args], returncode, out.getvalue(), err.getvalue())
