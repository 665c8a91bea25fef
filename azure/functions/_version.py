"""The distribution's version, kept apart so packaging can read it without imports."""

__version__ = "1.27.0.dev0"
