extensions = ["myst_parser", "scholarly_edition"]
exclude_patterns = ["_build"]
smartquotes = False
edition_notes_file = "notes.toml"
bibtex_bibfiles = ["works.bib"]
bibtex_reference_style = "edition-short"
bibtex_cite_id = "work-{key}"
