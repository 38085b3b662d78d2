"""Tools for editions that never run inside Sphinx: starting a new edition."""
