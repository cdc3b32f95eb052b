"""The version reports name, in a module of its own so a reporter can read it
without importing the package root (which would load the whole public API)."""

__version__ = "0.1.0"
