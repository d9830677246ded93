"""One place for an operation's Swagger doc: its id, body, parameters and answers in one
decorator, instead of a stack of `ns.doc`, `ns.expect` and `ns.response` on every view.

Later it is where every error answer gets its Error model.
"""

from collections.abc import Callable, Mapping

from flask_restx import Namespace

# A description, or (description, model), or (description, model, more of `ns.response`).
Answer = str | tuple

# Answers that many families give in the same words.
VALIDATION_FAILED = "Validation failed"
BAD_PAGE = "Bad page or limit"


def operation(
    ns: Namespace,
    op_id: str | None = None,
    *,
    body=None,
    params: dict | None = None,
    answers: Mapping[int, Answer] | None = None,
    **doc,
) -> Callable:
    """Document a view as this stack above it would: `ns.doc(id=op_id, params=params, **doc)`,
    `ns.expect(body)`, then an `ns.response(status, ...)` for each of `answers`.

    Put it above the guards and limiters, as the stacks were: its answers then win over theirs
    for a status both give, and theirs (401, 403, 429) are kept for the others.
    """
    if op_id is not None:
        doc["id"] = op_id
    if params is not None:
        doc["params"] = params

    def decorate(view):
        # Bottom-up, as a stack is applied: the document lists the answers in the same order.
        for status, answer in reversed((answers or {}).items()):
            view = _response(ns, status, answer)(view)
        if body is not None:
            view = ns.expect(body)(view)
        return ns.doc(**doc)(view)

    return decorate


def _response(ns: Namespace, status: int, answer: Answer) -> Callable:
    """The `ns.response` of one answer."""
    if isinstance(answer, str):
        return ns.response(status, answer)
    description, model, *more = answer
    return ns.response(status, description, model, **(more[0] if more else {}))
