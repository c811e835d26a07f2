"""The JSON API for other programs, and the health check."""
