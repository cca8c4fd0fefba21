"""What people look at: the interactive graph page and the article views.

`quotegraph.views.page` renders ``graph.html`` from a graph built by
`quotegraph.graph`; `quotegraph.views.articles` renders each article with its
quotes highlighted. Both fill Jinja2 templates (``templates/``, autoescaped).
Nothing in `quotegraph.graph` imports this package.
"""
