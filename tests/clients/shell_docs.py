"""Reading the shell blocks of a Markdown document, to run them as typed.

A block is a fence of `sh`; one right under `<!-- not run: <why> -->` is skipped for that
reason. A block is cut into commands (a line, with its `\\` continuations). A command may
promise its answer: a comment right under it (`# {"id": 4, ...}`, continued on further comment
lines) or beside it (`curl ...   # 200 null`), starting with a JSON value or a status code;
`...` stands for anything.
"""

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^```(\S*)\s*$")
NOT_RUN = re.compile(r"^<!-- not run: (.+) -->$")
HEADING = re.compile(r"^#{1,6} ")
SH_HEADING = re.compile(r"^#{2,6} ")  # in a shell block `# ` is a comment; `## ` is not ours
BESIDE = re.compile(r"^(.*?\S)\s{2,}# (.*)$")  # an inline comment: two spaces or more before
PROMISE = re.compile(r"^([1-5]\d\d\b)?[ ,]*([\[{\"].*|null|true|false)?")
ANYTHING = re.compile(r"\\\.\\\.\\\.|…")


@dataclass
class Command:
    text: str
    line: int  # where it starts in the document, 1-based
    promise: str | None = None


@dataclass
class Block:
    language: str
    line: int  # of the opening fence
    lines: list[str]
    not_run: str | None  # why it is not run, or None

    def commands(self) -> list[Command]:
        found: list[Command] = []
        pending = ""
        follows_command = False
        for offset, text in enumerate(self.lines, start=self.line + 1):
            if pending:
                pending += "\n" + text
            elif text.startswith("#"):
                comment = text.lstrip("#").strip()
                if follows_command:
                    _promise(found[-1], comment, continued=found[-1].promise is not None)
                continue
            elif not text.strip():
                follows_command = False
                continue
            else:
                pending, start = text, offset
            if pending.endswith("\\"):
                continue
            command = Command(pending, start)
            beside = BESIDE.match(pending.splitlines()[-1])
            if beside and all(beside.group(1).count(quote) % 2 == 0 for quote in "'\""):
                _promise(command, beside.group(2), continued=False)
            found.append(command)
            pending, follows_command = "", True
        return found


def _promise(command: Command, comment: str, continued: bool) -> None:
    """Take `comment` as (the rest of) what `command` promises to answer, if it is one."""
    if continued:
        command.promise += " " + comment
        return
    status, body = PROMISE.match(comment).groups()
    if status or body:
        command.promise = comment


def blocks(markdown: str) -> list[Block]:
    """The fenced blocks of `markdown`, in order; raise ValueError on a fence left open."""
    found, current = [], None
    lines = markdown.splitlines()
    for number, text in enumerate(lines, start=1):
        fence = FENCE.match(text)
        if current is None and fence:
            marker = NOT_RUN.match(lines[number - 2]) if number > 1 else None
            current = Block(fence.group(1), number, [], marker.group(1) if marker else None)
        elif current is not None and text.strip() == "```":
            found.append(current)
            current = None
        elif current is not None:
            current.lines.append(text)
    if current is not None:
        raise ValueError(f"the fence opened at line {current.line} is never closed")
    return found


def headings_in_blocks(markdown: str) -> list[int]:
    """Lines of Markdown headings that sit inside a code block (a fence closed too late)."""
    return [
        line
        for block in blocks(markdown)
        for line, text in enumerate(block.lines, start=block.line + 1)
        if (SH_HEADING if block.language == "sh" else HEADING).match(text)
    ]


@dataclass
class Answer:
    status: int | None  # when the command printed its headers (`curl -i`)
    body: str = field(repr=False)


def answer_of(output: str) -> Answer:
    """What a command printed: with `curl -i`, the status line and headers come first."""
    if output.startswith("HTTP/"):
        head, _, body = output.replace("\r\n", "\n").partition("\n\n")
        return Answer(int(head.split()[1]), body)
    return Answer(None, output)


def keeps_promise(promise: str, output: str) -> bool:
    """Whether `output` is what `promise` says (its status, if shown, and its body)."""
    status, body = PROMISE.match(promise).groups()
    answer = answer_of(output)
    if status and answer.status is not None and answer.status != int(status):
        return False
    if body is None:
        return status != "204" or answer.body.strip() == ""
    pattern = ANYTHING.sub(".*?", r"\s*".join(re.escape(word) for word in body.split()))
    return re.fullmatch(pattern, answer.body.strip(), re.DOTALL) is not None
