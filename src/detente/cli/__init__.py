"""Command-line interface: presentation only, every command calls the library."""
