extensions = ["myst_parser", "scholarly_edition"]
myst_enable_extensions = ["colon_fence", "attrs_block"]
exclude_patterns = ["_build"]
bibtex_bibfiles = []
edition_citation_file = "CITATION.cff"
release = "0.1.0"
