"""Recruiter invite links, and what a candidate sees when following one."""
