extensions = ["myst_parser", "scholarly_edition"]
myst_enable_extensions = ["colon_fence", "attrs_block"]
exclude_patterns = ["_build"]
bibtex_bibfiles = []
edition_citation_file = "CITATION.cff"
project = "A Published Edition"
release = "2.0"
html_theme = "sphinx_book_theme"
