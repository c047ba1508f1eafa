"""storyline: many news reports in, one sourced story out."""

__version__ = "0.1.0"
