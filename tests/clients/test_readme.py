"""README.md works when followed: its Markdown is sound, and every shell block runs as typed,
in order, against a live server on a copy of data.db (the server's address the only change).

Each command must exit 0, and give the answer the text promises where it shows one (see
tests/clients/shell_docs.py). Blocks that cannot run here say why, in a `<!-- not run: -->`
line above them; this test skips exactly those.
"""

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.clients.live_demo import demo_server
from tests.clients.shell_docs import Command, blocks, headings_in_blocks, keeps_promise
from tests.live import PROJECT_DIR

README = PROJECT_DIR / "README.md"
DOCUMENTED_URL = "http://127.0.0.1:5000"
RUN_TIMEOUT = 300  # seconds; only reached if something hangs


def runnable(markdown: str) -> list[Command]:
    return [
        command
        for block in blocks(markdown)
        if block.language == "sh" and block.not_run is None
        for command in block.commands()
    ]


def run_in_order(commands: list[Command], base_url: str, workdir: Path) -> list[str]:
    """Run `commands` in one bash, as a reader would type them; what went wrong, by line."""
    steps = [
        f'{{ {command.text}\n}} > "$R/{n}.out" 2> "$R/{n}.err"; echo $? > "$R/{n}.rc"'
        for n, command in enumerate(commands)
    ]
    script = f"R={workdir}\ncd {PROJECT_DIR}\n" + "\n".join(steps)
    # The scripts' default address is the documented one: it too is the server's here.
    environment = {**os.environ, "BASE_URL": base_url}
    shell = subprocess.Popen(
        ["bash", "-c", script], cwd=workdir, env=environment, start_new_session=True
    )
    try:
        shell.wait(timeout=RUN_TIMEOUT)
    finally:
        if shell.poll() is None:  # a command hung: stop it and all it started
            os.killpg(shell.pid, signal.SIGKILL)
            shell.wait()
    problems = []
    for n, command in enumerate(commands):
        where = f"README.md line {command.line}: {command.text.splitlines()[0]}"
        status = (workdir / f"{n}.rc").read_text().strip()
        output = (workdir / f"{n}.out").read_text()
        if status != "0":
            problems.append(f"{where}\n  exit {status}: {(workdir / f'{n}.err').read_text()}")
        elif command.promise and not keeps_promise(command.promise, output):
            problems.append(f"{where}\n  promised {command.promise}\n  answered {output}")
    return problems


def test_the_readme_fences_pair_and_no_heading_sits_in_a_code_block():
    markdown = README.read_text(encoding="utf-8")
    assert blocks(markdown)  # raises on a fence left open
    assert headings_in_blocks(markdown) == []


def test_every_skipped_block_says_why_and_the_rest_runs():
    shell = [
        block for block in blocks(README.read_text(encoding="utf-8")) if block.language == "sh"
    ]
    skipped = [block for block in shell if block.not_run]
    assert all(len(block.not_run) > 10 for block in skipped)
    assert len(skipped) <= len(shell) // 2


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_every_shell_block_of_the_readme_runs_as_typed(tmp_path):
    with demo_server(tmp_path) as demo:
        markdown = README.read_text(encoding="utf-8").replace(DOCUMENTED_URL, demo.server.url)
        commands = runnable(markdown)
        problems = run_in_order(commands, demo.server.url, tmp_path)
    assert len(commands) > 40
    assert problems == [], "\n\n".join(problems)


DOC = """\
<!-- not run: starts a server -->
```sh
make run
```

```sh
# Prose before a command is no promise
TOKEN=$(curl -s http://h/x \\
     | python3 -c 'print(1)')
curl http://h/y   # 204, no body
curl -i http://h/z
# {"id": ..., "name": "Ann",
#  "tags": []}
curl 'http://h/q#frag'  # the same again
```
"""


def test_blocks_are_cut_into_commands_with_their_promises():
    skipped, shell = blocks(DOC)
    assert skipped.not_run == "starts a server"
    assert [(c.line, c.promise) for c in shell.commands()] == [
        (8, None),
        (10, "204, no body"),
        (11, '{"id": ..., "name": "Ann", "tags": []}'),
        (14, None),
    ]
    assert shell.commands()[0].text.endswith("python3 -c 'print(1)')")


@pytest.mark.parametrize(
    ("promise", "output", "kept"),
    [
        ('{"id": ..., "name": "Ann"}', '{"id": 7, "name": "Ann"}\n', True),
        ('{"id": ..., "name": "Ann"}', '{"id": 7, "name": "Bob"}', False),
        ("200 null", "null\n", True),
        ("200 null", "HTTP/1.1 404 NOT FOUND\r\nA: b\r\n\r\nnull", False),
        ("204, no body", "", True),
        ("204", '{"message": "x"}', False),
        ('400 {"message": "Bad."}', 'HTTP/1.1 400 BAD REQUEST\r\n\r\n{"message": "Bad."}', True),
    ],
)
def test_a_promise_is_kept_by_the_answer_it_describes_only(promise, output, kept):
    assert keeps_promise(promise, output) is kept


def test_an_open_fence_is_found():
    with pytest.raises(ValueError, match="line 3"):
        blocks("text\n\n```sh\ncurl x\n## Heading\n")
    assert headings_in_blocks("```\n## Heading\n```\n") == [2]
