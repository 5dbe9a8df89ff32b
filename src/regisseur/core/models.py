"""No tables of its own. The module exists so that Django sends `post_migrate` to this app,
which then creates the database cache's table (see apps.py)."""
