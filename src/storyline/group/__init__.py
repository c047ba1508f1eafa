"""storyline.group."""
