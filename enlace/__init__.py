"""Enlace: a binational (US–Mexico) platform against human trafficking and smuggling."""

__version__ = "0.1.0"
