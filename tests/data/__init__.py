"""Test data: malformed routine and settings files (bad/), and a script for the big ones."""
