"""pytest plugin for numcheck (being written)."""
