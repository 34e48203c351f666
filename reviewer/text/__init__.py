"""Text: documents as read, their segments, lines, paragraphs, sentences and blocks."""
