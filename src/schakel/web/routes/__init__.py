"""URL lists per area of the web application; web/urls.py joins them."""
