"""What a reader sees: the report contract, the story view, terminal, Markdown and HTML."""
