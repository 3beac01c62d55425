"""xxgk — 政府信息公开发布流水线.

The package has one domain core (``xxgk.core``: catalogue, items, the immutable model) and
consumers that only read the model: the site views (``xxgk.site``). The MkDocs plugin
(``xxgk.plugin``) and the command line (``xxgk.cli``) are thin faces over them.
"""

__version__ = "0.1.0"
