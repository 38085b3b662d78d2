extensions = ["myst_parser", "scholarly_edition"]
exclude_patterns = ["_build"]
names_register = "names.toml"
bibtex_bibfiles = []
