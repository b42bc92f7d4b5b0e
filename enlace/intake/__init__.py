"""Intake: every channel a tip arrives through, each acknowledged only after it is committed.

Services here take a ``Session`` and never commit; the route handler or command that called them
commits, and only then hands the reference code back.
"""
