"""What a company states: the project record, its sector, needs, occupations, commitments, and what its text says."""
