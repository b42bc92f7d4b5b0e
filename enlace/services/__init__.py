"""Services: the one path every action takes, whether it comes from a page, the API or the CLI.

Services take a SQLAlchemy session and never commit; the outermost caller does.
"""
