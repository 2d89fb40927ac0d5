"""The candidate's profile."""
