"""icpa: integrated care policy arguments.

An OWL 2 ontology of the integrated care debate in the English NHS, instance data derived from
a corpus of articles with every fact anchored to a verbatim quote, and saved SPARQL queries
that answer policy questions. The command line (``icpa``) is a thin layer over this library.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("icpa")
except PackageNotFoundError:  # running from a source checkout without installing
    __version__ = "0.0.0+unknown"
