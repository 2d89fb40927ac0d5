"""The recruiter's contact records."""
