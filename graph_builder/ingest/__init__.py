"""Input: strict YAML, field checks, entity and source files, divergences → records."""
