"""PETRARCH-2 compatibility: its dictionary formats, a pattern coder over the spaCy
parse, and the PETRARCH validation suite."""
