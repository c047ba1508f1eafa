"""The ``storyline`` command. Commands parse, call the library, render, and map errors to exit codes."""

from storyline.cli import (  # noqa: F401  (each module registers its commands)
    analyze_cmd, commands, correct_cmd, eval_cmd, eval_crisis_cmd, eval_entities_ml_cmd, eval_facts_cmd, eval_facts_ml_cmd, eval_ner_ml_cmd, eval_summary_cmd,
    eval_time_ml_cmd, eval_topics_cmd, export_cmd, group_cmd, serve_cmd, summarize_cmd, watch_cmd,
)
from storyline.cli.app import app, main

__all__ = ["app", "main"]
