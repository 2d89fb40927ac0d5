"""The candidate's career journal."""
