"""Static outcome models: pure functions over arrays with a leading batch axis."""
