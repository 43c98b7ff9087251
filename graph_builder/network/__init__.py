"""The entity network: a networkx projection of the dataset, its analytics and file writers."""
