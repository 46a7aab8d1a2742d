"""The pure scoring core: features of a (project, basin) pair, rankers, policy, checks and explanations."""
