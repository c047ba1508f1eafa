"""storyline.reconcile."""
