"""The weekly follow-up ritual: who is due, logging touches, batch check-ins."""
