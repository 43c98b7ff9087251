"""The interactive HTML viewer (see :mod:`graph_builder.viewer.render`)."""
