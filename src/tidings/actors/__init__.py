"""Actors: dictionary loaders and the resolver that turns noun phrases into actor codes."""
