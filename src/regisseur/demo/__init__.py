"""The demo organisation: realistic, deterministic data that shows every screen at work."""
