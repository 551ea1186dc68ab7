"""Contract follow-up of providers (avtalsuppföljning): its outcome rule and measures ladder."""
