"""SPARQL: named queries and their parameters, the guard, result formats."""
