from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Stable cursor paging: no offsets to skip past concurrent inserts, no total counts to compute."""

    page_size = 50
    page_size_query_param = "aantal"
    max_page_size = 200
    ordering = ("-aangemaakt_op", "-id")
