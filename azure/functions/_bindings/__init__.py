"""Built-in converters, one module per binding family (see ``_registry``)."""
