"""One place for an operation's Swagger doc: its id, body, parameters and answers in one
decorator (`operation`), instead of a stack of `ns.doc`, `ns.expect` and `ns.response` on every
view; and what every operation's doc has in common, added once its family is installed
(`complete_docs`): the family's Error model on each error answer, the 413 of a body over the
limit, a `default` answer for the errors any request may meet, and who may call it.
"""

from collections.abc import Callable, Mapping

from flask_restx import Namespace, Resource

from helpers.http.errors import HTTP_MESSAGES

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


ADMINS_ONLY = "Administrators only"  # admin_required's 403: an operation for admins
ANY_ERROR = "Any other error (a NUL in the URL, say): the Error body, with its status"


def complete_docs(ns: Namespace, error_model) -> None:
    """Finish the doc of every operation of `ns`, whose errors answer `error_model`."""
    for resource, _, route_doc, _ in ns.resources:
        # A route's own doc is a copy of the resource's, taken when the route was added.
        for resource_doc in (getattr(resource, "__apidoc__", {}), route_doc or {}):
            _with_error_model(resource_doc.get("responses", {}), error_model)
        for method in resource.methods:
            view = getattr(resource, method.lower())
            view.__doc__ = _plain_summary(view.__doc__ or "")
            doc = view.__dict__.setdefault("__apidoc__", {})
            responses = doc.setdefault("responses", {})
            if "expect" in doc:
                responses.setdefault("413", HTTP_MESSAGES[413])
            responses.setdefault("default", ANY_ERROR)
            _with_error_model(responses, error_model)
            doc["description"] = _description(doc, resource)


def _plain_summary(docstring: str) -> str:
    """The docstring with no Markdown in its first line: Swagger UI shows a summary as typed."""
    summary, newline, details = docstring.partition("\n")
    return summary.replace("`", "") + newline + details


def _with_error_model(responses: dict, error_model) -> None:
    """Give each error answer without a model of its own `error_model`."""
    for status, answer in list(responses.items()):
        if str(status).startswith(("4", "5", "default")):
            description, model, *more = (answer, None) if isinstance(answer, str) else answer
            responses[status] = (description, model or error_model, *(more or [{}]))


def _description(doc: dict, resource: type[Resource]) -> str:
    """Who may call the operation and what it answers, after what its docstring says."""
    answers = {**getattr(resource, "__apidoc__", {}).get("responses", {}), **doc["responses"]}
    if "403" in answers and answers["403"][0] == ADMINS_ONLY:
        who = "administrators"
    elif "security" in doc:
        who = "any signed-in account, with a credential of any family"
    else:
        who = "anyone; no credentials needed"
    successes = "; ".join(
        f"`{status}` {_answer_name(answer)}"
        for status, answer in sorted(answers.items(), key=lambda item: str(item[0]))
        if str(status).startswith(("2", "3"))
    )
    return f"**Who may call it**: {who}. **Answers**: {successes}; an error, the Error body."


def _answer_name(answer: Answer) -> str:
    description, model = (answer, None) if isinstance(answer, str) else answer[:2]
    if isinstance(model, list):
        return f"a list of {model[0].name}"
    return model.name if model is not None else description.lower()
