"""The domain core: loading, validation and the immutable model. Imports nothing from MkDocs."""

from .loader import load
from .model import Attachment, Catalogue, Column, Item, Office, Repository, Review, Unit, Validity
from .problems import CODES, ERROR, WARNING, Problem

__all__ = [
    "load", "Attachment", "Catalogue", "Column", "Item", "Office", "Repository", "Review", "Unit",
    "Validity", "CODES", "ERROR", "WARNING", "Problem",
]
