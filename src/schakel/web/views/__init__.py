"""Web views, one small module per area. Views only parse input (Django forms), call a service and render;
what a member may see comes from schakel.toegang.selectors."""

from schakel.web.views.start import start

__all__ = ["start"]
