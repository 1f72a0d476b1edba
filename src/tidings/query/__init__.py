"""Query: reads over the store shared by the CLI and the Python API."""
