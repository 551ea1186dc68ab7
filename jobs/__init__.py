"""The application layer: what a person asks Granska to do; both faces call it."""
