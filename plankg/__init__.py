"""plankg: Chinese government plans and work reports as an RDF knowledge graph."""

__version__ = "0.1.0"
