"""detente: evidence-linked models and scoreable forecasts of war-ending negotiations."""

__version__ = "0.3.0"
