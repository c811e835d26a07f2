"""The intake contract and the red-flag rules: pure Python, no Flask, no database."""
