from typing import Any

from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from schakel.core.errors import ValidatieFout


class Cursor(CursorPagination):
    """Stable cursor paging: no offsets to skip past concurrent inserts, no total counts to compute."""

    page_size = 50
    page_size_query_param = "aantal"
    max_page_size = 200
    ordering = ("-aangemaakt_op", "-id")

    def decode_cursor(self, request: Any) -> Any:
        try:
            return super().decode_cursor(request)
        except NotFound as exc:
            raise ValidatieFout(
                "Ongeldige cursor: gebruik de link uit 'next' of 'previous'.", field="cursor"
            ) from exc
