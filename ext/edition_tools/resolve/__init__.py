"""Resolve an edition's notes from the reference list of the article its witness reproduces."""
