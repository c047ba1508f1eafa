"""``storyline correct``: the analysts' corrections from the command line, on a store (``--db``).

``list`` shows a story's corrections (or every story's); ``merge-entities``, ``split-entity``,
``move-report``, ``split-story`` and ``undo`` record one, through the same functions as the web
app's forms (:mod:`storyline.corrections.answers`), so the records are the same; a move or split
(or its undoing) regroups the store and reconciles the stories it changed before the command
returns. Every refusal (an unknown story, entity, report or correction, a store that is not
there) is one ``storyline: error:`` line and exit 1. Reads the store only through the engine's
modules: no web extra needed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from storyline import corrections
from storyline.cli.app import DbOption, app, err, out, printable, reported_errors
from storyline.corrections import answers
from storyline.errors import StorylineError
from storyline.store import Store
from storyline.store.store import database_url

correct_app = typer.Typer(help="Correct a story: merge or split entities, move a report, split a story, undo.",
                          no_args_is_help=True)
app.add_typer(correct_app, name="correct")

StoryArg = Annotated[str, typer.Argument(help="The story's id (as in stories.json or the web app's URL).")]
AuthorOption = Annotated[str | None, typer.Option("--author", help="Who makes it [default: $USER].")]
NoteOption = Annotated[str, typer.Option("--note", help="Why (kept with the record).")]


def open_store(db: str | None) -> Store:
    """The store ``--db`` names; a SQLite file that does not exist is an error, not a new store."""
    url = database_url(db)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
            and not Path(parsed.database).is_file():
        raise StorylineError(f"there is no store at {parsed.database} (name one with --db)")
    return Store(url)


def _author(author: str | None) -> str:
    return author or os.environ.get("USER", "") or "analyst"


def _line(c: corrections.Correction) -> str:
    what = {"merge_entities": f"{c.target!r} is {c.value!r}", "split_spelling": f"{c.value!r} is not {c.target!r}",
            "split_mention": f"{c.value!r} is not {c.target!r}", "move_report": f"report {c.target} to {c.value}",
            "split_story": f"reports {c.value} became story {c.target}", "rename": f"title {c.value!r}",
            "undo": f"correction {c.target}"}.get(c.kind, f"{c.target or ''} {c.value or ''}".strip())
    undone = f"; undone by {c.undone_by} at {c.undone_at}" if c.undone_by else ""
    return printable(f"{c.id}  {c.story_id}  {c.kind}: {what}, by {c.author} at {c.created_at}{undone}")


@correct_app.command("list")
def list_command(
    story: Annotated[str | None, typer.Argument(help="A story id; leave out for every story's.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON record per line.")] = False,
    db: DbOption = None,
) -> None:
    """List the corrections (oldest first; a move or split also under the other story it joins)."""
    with reported_errors(), open_store(db) as store:
        if story is not None:
            answers.corrected_story(store, story)  # an unknown story is an error, not an empty list
        listed = corrections.for_stories(store, None if story is None else [story])
        found = {c.id: c for items in listed.values() for c in items}
        for c in (found[i] for i in sorted(found)):
            out.print(json.dumps(c.to_json(), ensure_ascii=False) if as_json else _line(c), markup=False)


def _made(store: Store, story: str, kind: str, **fields: object) -> None:
    made = answers.make(store, story, kind, **fields)  # type: ignore[arg-type]
    record = next(c for c in corrections.for_story(store, story) if c.id == made)
    out.print(_line(record), markup=False)


@correct_app.command("merge-entities")
def merge_entities(
    story: StoryArg,
    entity: Annotated[str, typer.Argument(help="The entity merged away (any spelling).")],
    into: Annotated[str, typer.Option("--into", help="The entity it is (any spelling); its name is kept.")],
    author: AuthorOption = None, note: NoteOption = "", db: DbOption = None,
) -> None:
    """Say that two entities of a story are one."""
    with reported_errors(), open_store(db) as store:
        _made(store, story, "merge_entities", author=_author(author), target=entity, value=into, note=note)


@correct_app.command("split-entity")
def split_entity(
    story: StoryArg,
    entity: Annotated[str, typer.Argument(help="The entity (any spelling).")],
    spelling: Annotated[str | None, typer.Option(
        "--spelling", help="The mentions so spelt are another entity.")] = None,
    mention: Annotated[str | None, typer.Option(
        "--mention", help="This mention is another entity: ARTICLE:START:END, one of the entity's mentions "
                          "in `storyline export STORY --format json`.")] = None,
    author: AuthorOption = None, note: NoteOption = "", db: DbOption = None,
) -> None:
    """Say that one entity of a story is two: by a spelling, or by one mention."""
    with reported_errors():
        if (spelling is None) == (mention is None):
            raise StorylineError("give either --spelling or --mention")
        with open_store(db) as store:
            kind, value = ("split_spelling", spelling) if spelling is not None else ("split_mention", mention)
            _made(store, story, kind, author=_author(author), target=entity, value=value or "", note=note)


@correct_app.command("move-report")
def move_report(
    story: StoryArg,
    report: Annotated[str, typer.Argument(help="The report's id (an article of the story).")],
    to: Annotated[str, typer.Option("--to", help="The story it belongs to: STORY, STORY/EVENT or a story's "
                                                 "address; its own story's id with --event for another event.")],
    event: Annotated[str, typer.Option("--event", help="The event of that story it belongs to.")] = "",
    author: AuthorOption = None, note: NoteOption = "", db: DbOption = None,
) -> None:
    """Move a report to another story or event (the store is regrouped and reconciled now)."""
    with reported_errors(), open_store(db) as store:
        to_story = to.strip()
        own = to_story == story and event  # another event of its own story
        _made(store, story, "move_report", author=_author(author), target=report, value="" if own else to_story,
              event=event, note=note)


@correct_app.command("split-story")
def split_story(
    story: StoryArg,
    reports: Annotated[list[str], typer.Argument(help="The reports (ids) that form the new story.")],
    author: AuthorOption = None, note: NoteOption = "", db: DbOption = None,
) -> None:
    """Split some reports off a story into a new one (the old story keeps its id and the rest)."""
    with reported_errors(), open_store(db) as store:
        _made(store, story, "split_story", author=_author(author), reports=reports, note=note)


@correct_app.command("undo")
def undo_command(
    story: StoryArg,
    correction: Annotated[int, typer.Argument(help="The correction's id (from `correct list`).")],
    author: AuthorOption = None, db: DbOption = None,
) -> None:
    """Undo a correction listed with the story (the undoing is a record too)."""
    with reported_errors(), open_store(db) as store:
        answers.corrected_story(store, story)
        made = answers.unmake(store, story, correction, author=_author(author))
        err.print(f"storyline: correction {correction} undone (record {made})", markup=False)
