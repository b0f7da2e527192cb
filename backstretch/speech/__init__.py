"""Offline text-to-speech: worker process, cue cache, generated sounds. No Qt."""
