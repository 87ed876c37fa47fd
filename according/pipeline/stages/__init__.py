"""The built-in stages, one module each. They are registered by name in one place,
``according.pipeline.registry.BUILTIN``, and imported when a pipeline uses them."""
