"""The MkDocs face: wires MkDocs events to the core loader and the site views."""
