"""The ``enlace`` command."""
