"""BackStretch: guided, voiced stretching sessions for lower-back pain."""

__version__ = "0.1.0"
