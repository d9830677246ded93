"""`.env.example` lists every setting the app and the production server read, with the
default the code gives it, and no setting that nothing reads."""

import ast
import re

from tests.live import PROJECT_DIR

READERS = {"get", "_env_int", "_env_bool"}  # os.environ.get and config.py's own
LISTED = re.compile(r"^# ([A-Z_]+)=(.*?)(?:\s{2,}#.*)?$", re.MULTILINE)
SOURCES = ("config.py", "gunicorn.conf.py")


def listed() -> dict[str, str]:
    return dict(LISTED.findall((PROJECT_DIR / ".env.example").read_text(encoding="utf-8")))


def read_by_code() -> dict[str, str | None]:
    """Each setting the sources read, and its default as the file shows it (None where the
    code computes it: a path, a CPU count, a constant)."""
    found = {}
    for source in SOURCES:
        for node in ast.walk(ast.parse((PROJECT_DIR / source).read_text())):
            if not (isinstance(node, ast.Call) and len(node.args) == 2):
                continue
            name, default = node.args
            function = node.func.attr if isinstance(node.func, ast.Attribute) else node.func
            if getattr(function, "id", function) in READERS and isinstance(name, ast.Constant):
                found[name.value] = _shown(default)
    return found


def _shown(node: ast.expr) -> str | None:
    if not all(
        isinstance(part, (ast.Constant, ast.BinOp, ast.operator)) for part in ast.walk(node)
    ):
        return None  # it names something: the file says it in words
    # Only constants and arithmetic on them get here (16 * 1024 * 1024).
    value = eval(compile(ast.Expression(node), "<default>", "eval"), {"__builtins__": {}})
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_every_setting_read_is_listed_and_nothing_else():
    assert set(listed()) == set(read_by_code())


def test_the_listed_defaults_are_the_code_s():
    shown = listed()
    for name, default in read_by_code().items():
        if default is None:
            assert shown[name].startswith(("<", "sqlite:///<project>")), name
        else:
            assert shown[name] == default, name
