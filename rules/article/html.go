package article

// parseHTML is replaced by the x/net/html-based parser.
func parseHTML(doc *Document, content []byte) { parseText(doc, content) }

func parseHTMLFragment(doc *Document, content []byte, lo, hi int) {}
