"""Text: documents as read (Word too), their segments, lines, paragraphs, sentences, blocks."""
