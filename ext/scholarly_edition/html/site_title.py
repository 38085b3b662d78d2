"""The site's title is the edition's title, whatever the theme.

``html_title`` (in the sidebar and every page's ``<title>``) is ``project``,
which the front page's heading gives too, unless the edition sets another:
Sphinx's default adds "documentation". It is given here, before the theme
reads it, so that an edition's ``conf.py`` needs nothing for it.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config


def title_default(app: Sphinx, config: Config) -> None:
    # As pydata-sphinx-theme tells a value the edition gave from a default.
    if not any("html_title" in given for given in (config.overrides, config._raw_config)):
        config.html_title = config.project


def setup(app: Sphinx) -> None:
    app.connect("config-inited", title_default)
