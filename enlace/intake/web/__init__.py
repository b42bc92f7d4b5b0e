"""Intake's faces: the public form and its JSON twin, the console, quick reports, batches."""
