"""icpa: integrated care policy arguments.

An OWL 2 ontology of the integrated care debate in the English NHS, instance data derived from
a corpus of articles with every fact anchored to a verbatim quote, and saved SPARQL queries
that answer policy questions. :mod:`icpa.api` holds the operations; the command line
(``icpa``, :mod:`icpa.cli`) is a thin layer over it.
"""


def __getattr__(name: str):
    # looked up on first use: importlib.metadata costs ~50 ms, half of what `icpa --help` takes
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("icpa")
        except PackageNotFoundError:  # running from a source checkout without installing
            return "0.0.0+unknown"
    raise AttributeError(f"module 'icpa' has no attribute {name!r}")
