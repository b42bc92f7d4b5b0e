"""Text foundations shared by the engines: finding the few places a costly pattern can start.

Pure (standard library only): extraction and screening both build on it, neither owns it.
"""
