"""HTML report and chart files of a forecast (matplotlib Agg, offline, self-contained)."""
