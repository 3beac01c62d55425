"""Site views: the public pages, computed from the model. Imports nothing from MkDocs.

A ``SiteView`` lists every page the site has (``pages()``), the navigation tree (``nav()``),
the files to copy (``assets()``), and renders a page's HTML (``render()``). A face (the MkDocs
plugin) only turns these into its own objects.
"""

from .view import NavNode, Page, SiteView

__all__ = ["NavNode", "Page", "SiteView"]
