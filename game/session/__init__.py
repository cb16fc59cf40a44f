"""Sessions: the journal of commands, resume, undo and branches, reports."""
