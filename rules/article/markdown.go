package article

// parseMarkdown is replaced by the goldmark-based parser.
func parseMarkdown(doc *Document, content []byte) { parseText(doc, content) }
