"""From a project's text to CV evidence: the embedder, the passage index, lexical scorers and their caches."""
