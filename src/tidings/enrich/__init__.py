"""Enrichment: facts added to coded events (when they happened)."""
