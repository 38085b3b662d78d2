extensions = ["myst_parser", "scholarly_edition"]
exclude_patterns = ["_build"]
names_register = "names.toml"
names_documents = ["index", "chapter", "ambiguous"]
bibtex_bibfiles = []
