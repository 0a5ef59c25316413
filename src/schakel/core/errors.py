"""The one error hierarchy that services raise.

Interfaces render these once: problem+json in the API, a Dutch message next to the field in the UI,
a line on stderr with exit code 2 in the CLI. Messages are Dutch and never contain personal data.
"""

from __future__ import annotations


class SchakelError(Exception):
    """Base class: a request that the domain refuses. Nothing was changed."""

    status = 400
    code = "ongeldig"
    title = "Het verzoek kan niet worden uitgevoerd"

    def __init__(self, message: str, *, field: str | None = None, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors: dict[str, list[str]] = dict(errors or {})
        if field and field not in self.errors:
            self.errors[field] = [message]

    def __str__(self) -> str:
        if self.field:
            return f"{self.field}: {self.message}"
        return self.message


class ValidatieFout(SchakelError):
    """Bad input: one or more fields are wrong."""

    status = 400
    code = "validatie"
    title = "De invoer is niet geldig"


class GeenToegang(SchakelError):
    """The actor may not do this."""

    status = 403
    code = "geen-toegang"
    title = "U mag dit niet doen"


class NietGevonden(SchakelError):
    status = 404
    code = "niet-gevonden"
    title = "Niet gevonden"


class OngeldigeOvergang(SchakelError):
    """The item is not in a state that allows this step (e.g. answered already)."""

    status = 409
    code = "ongeldige-overgang"
    title = "Deze stap kan nu niet"


class BudgetOp(SchakelError):
    """The referral budget of the organisation for this period is spent."""

    status = 409
    code = "budget-op"
    title = "Het budget voor terugverwijzingen is op"


class OnveranderlijkRecord(SchakelError):
    """Something tried to delete or rewrite a record the history needs."""

    status = 409
    code = "onveranderlijk"
    title = "Dit gegeven kan niet worden verwijderd of overschreven"


def require(condition: bool, message: str, *, field: str | None = None) -> None:
    """Raise ValidatieFout naming the field unless the condition holds."""
    if not condition:
        raise ValidatieFout(message, field=field)
