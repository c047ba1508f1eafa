"""storyline.analyze."""
