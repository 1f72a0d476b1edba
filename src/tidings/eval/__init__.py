"""Evaluation: scoring coded events against gold data."""
