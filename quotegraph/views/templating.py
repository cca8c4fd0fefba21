"""The one Jinja2 environment of the views: templates in ``quotegraph/views/templates/``.

Autoescape is on for every template (pyvis leaves it off), so data can only reach
a page as text; a caller that passes ready markup (a stylesheet, a script, the
marked-up article) wraps it in `markupsafe.Markup` on purpose.

>>> render_template("article_index.html", css="", articles=[], total=0)[:15]
'<!DOCTYPE html>'
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

__all__ = ["render_template", "template_text"]


def render_template(name: str, /, **context: Any) -> str:
    """Render template ``name`` with ``context`` (every value escaped unless `Markup`)."""
    return _environment().get_template(name).render(**context)


@lru_cache(maxsize=None)
def template_text(name: str) -> str:
    """A template file as it is (stylesheets and scripts inlined into the pages)."""
    return (resources.files("quotegraph.views") / "templates" / name).read_text("utf-8")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("quotegraph.views", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
