"""The ``storyline`` command. Commands parse, call the library, render, and map errors to exit codes."""

from storyline.cli.app import app, main

__all__ = ["app", "main"]
