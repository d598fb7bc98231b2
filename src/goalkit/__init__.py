"""goalkit: say what a social project promised, and check at any date whether it keeps it."""
