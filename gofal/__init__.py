"""Gofal: case management for councils' children's social services."""
