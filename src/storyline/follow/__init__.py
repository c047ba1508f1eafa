"""Following the news as it happens (``storyline watch``, issue 24).

Sources (RSS/Atom feeds, sitemaps, folders that files land in) are polled on a schedule; what is
new goes through the same stages as ``storyline run`` (ingest, analyse, group, reconcile only
what is new or touched); each cycle records per story what it added; watchlists turn matching
changes into alerts (Atom feed, webhook, e-mail).

Modules: ``config`` (TOML and command-line sources), ``tables`` (the store's follow tables),
``http`` (polite fetching), ``robots``, ``feeds`` (RSS/Atom/sitemap parsing), ``collect`` (one
source's new items into the store), ``cycle`` (one whole cycle), ``changes`` (what a cycle
added per story), ``watchlists`` and ``alerts``, ``atom`` (feeds written), ``web`` (API routes),
``watcher`` (the loop). Importing this package loads nothing heavy.
"""
