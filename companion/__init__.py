"""companion: a calm desktop reading companion for news."""

__version__ = "0.1.0"
