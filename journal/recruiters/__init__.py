"""The candidate's recruiters: the list, one-click notify, sent updates, invite links followed."""
