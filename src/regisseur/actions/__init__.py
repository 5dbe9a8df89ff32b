"""One function per user action, atomic, doing everything the action implies across domains."""
