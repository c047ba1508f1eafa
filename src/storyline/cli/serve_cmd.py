"""``storyline serve``: the web app and HTTP API over a store."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, err, printable, reported_errors
from storyline.errors import MissingDependency


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    max_upload_bytes: Annotated[int | None, typer.Option("--max-upload-bytes", min=1,
                                                         help="Largest request body accepted.")] = None,
    warm: Annotated[int, typer.Option("--warm", min=0, help="Read this many of the largest stories into memory "
                                                             "at start, in the background, so that their pages "
                                                             "answer at once.")] = 8,
) -> None:
    """Serve the web app and JSON API (read-only unless STORYLINE_API_TOKEN[_FILE] is set)."""
    with reported_errors():
        try:
            import uvicorn

            from storyline.present.web import WebSettings, create_app
        except ImportError as exc:
            raise MissingDependency(f"storyline serve needs the web extra ({exc.name} is missing): "
                                    "pip install 'storyline[web]'") from None
        options = {} if max_upload_bytes is None else {"max_upload_bytes": max_upload_bytes}
        settings = WebSettings.from_env(db, **options)
        application = create_app(settings)
        if warm:
            _warm_in_background(application, warm)
        mode = "read-only" if not settings.token else "writes need the token"
        err.print(f"storyline: serving {application.state.store.url} on http://{host}:{port} ({mode})", markup=False)
        uvicorn.run(application, host=host, port=port, log_level="warning", proxy_headers=False)


def _warm_in_background(application: object, count: int) -> None:
    """Fill the app's story cache with the largest stories, in a daemon thread (a failure there
    only leaves the cache cold: one warning line)."""
    import threading

    from storyline.present.web.story import warm

    state = application.state  # type: ignore[attr-defined]

    def run() -> None:
        try:
            warm(state.store, state.story_cache, count)
        except Exception as exc:  # noqa: BLE001  (a cold cache is not an error)
            err.print(f"storyline: warning: could not read the largest stories ahead: {printable(str(exc))}",
                      markup=False)

    threading.Thread(target=run, name="storyline-warm", daemon=True).start()
