"""The recruiter's Inbox of updates."""
