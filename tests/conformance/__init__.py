"""The W3C SPARQL 1.1 query-evaluation tests, run through icpa's engines and through each engine alone.

The suite is not in the repository: ``python scripts/w3c_suite.py`` fetches it into
``tests/.w3c/sparql11`` (git-ignored).
"""
