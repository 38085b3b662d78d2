extensions = ["myst_parser", "scholarly_edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
bibtex_bibfiles = []
