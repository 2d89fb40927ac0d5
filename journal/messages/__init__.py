"""Messages between a recruiter and a candidate: feedback, check-ins, replies."""
