"""The web app and HTTP API (FastAPI, Jinja2): ``storyline serve``. Needs the ``web`` extra.

Importing this package imports FastAPI; ``import storyline`` does not import it.
"""

from storyline.present.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
