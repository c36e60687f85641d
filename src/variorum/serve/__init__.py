"""A local web application over a collection: documents, pairs, clusters and search."""
