"""storyline.present."""
