"""RDF: records → quads, the store that holds them, SHACL checks and serialisations."""
