"""The ``storyline`` command. Commands parse, call the library, render, and map errors to exit codes."""

from storyline.cli import analyze_cmd, commands, eval_cmd, eval_summary_cmd, group_cmd, serve_cmd, summarize_cmd  # noqa: F401  (each module registers its commands)
from storyline.cli.app import app, main

__all__ = ["app", "main"]
