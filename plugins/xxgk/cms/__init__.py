"""The web editor's configuration (issue 14): a Decap CMS ``config.yml`` generated from the same
item schema and catalogue the gate uses, so the form can never drift from what the gate checks."""

from .config import cms_config, field_paths

__all__ = ["cms_config", "field_paths"]
