package rules

import (
	"strings"

	"github.com/copydesk/copydesk/rules/article"
)

type repeatedHeadline struct{}

func (repeatedHeadline) Meta() Meta {
	return Meta{
		Name:     "repeated-headline",
		Category: Residue,
		Severity: Warning,
		Default:  true,
		Summary:  "The headline printed again in the body",
		Doc: `A template that prints the title and a body that starts with the title
too, or a scraper that picks up the page's heading twice, leaves the
headline printed a second time below itself. The headline is the first
line of a plain-text file, the first top-level heading, or the title in
front matter; a line of the body that reads the same (ignoring case,
spacing and punctuation, and a " | Site name" suffix) is reported, with a
related location at the headline.

Only a whole line counts: a paragraph that merely starts with the
headline's words is left alone, and so is a Markdown file whose first
heading repeats its front-matter title (that is the usual layout), or an
HTML page without an <h1> whose first heading repeats its <title>.
Headlines of fewer than three words are not compared, and neither is a
"headline" that is really a paragraph (text extracted without its title:
more than 25 words, or more than 12 ending in a full stop); a repeated
paragraph is repeated-block's. Delete the copy.`,
		Examples: []Example{
			{Text: "Council approves flood barrier\n\nCouncil approves flood barrier\n\nCouncillors voted on Tuesday.", Fires: true},
			{Text: "Council approves flood barrier\n\nCOUNCIL APPROVES FLOOD BARRIER | The Gazette\n\nCouncillors voted on Tuesday.", Fires: true},
			{Text: "Council approves flood barrier\n\nCouncil approves flood barrier after a decade of delay, the first big project since 2019.", Fires: false},
			{Text: "Council approves flood barrier\n\nCouncillors voted on Tuesday.", Fires: false},
		},
	}
}

// headlineRef is a form of the headline to compare lines with.
type headlineRef struct {
	key        string
	start, end int // its range in Src, for the related location
	// opener is the lineHash of the key's first word: a line whose key
	// starts with the key (of three words or more), or whose key without a
	// site name is the key, has that first word.
	opener uint64
}

func (repeatedHeadline) Check(doc *article.Document) []Diagnostic {
	refs, hb := headlineRefs(doc)
	if len(refs) == 0 {
		return nil
	}
	// An HTML page's <title> is not printed in the body: without an <h1>,
	// the first line that reads the same is the printed headline.
	skipFirst := hb < 0 && doc.Format == article.HTML
	// A line much longer than every form of the headline (allowing for
	// punctuation and a site name) cannot read the same.
	maxLen := 0
	for _, r := range refs {
		maxLen = max(maxLen, len(r.key))
	}
	maxLen = maxLen*2 + 60
	var out []Diagnostic
	for _, l := range docLines(doc) {
		if l.block == hb {
			continue
		}
		text := l.text(doc)
		if len(text) > maxLen {
			continue
		}
		ref, ok := matchHeadline(text, refs)
		if !ok {
			continue
		}
		if skipFirst {
			skipFirst = false
			continue
		}
		s, e := l.srcRange(doc)
		d := Diagnostic{Start: s, End: e, Message: "the headline is printed again in the body: delete this copy"}
		if ref.end > ref.start {
			d.Related = []Related{{Start: ref.start, End: ref.end, Message: "the headline"}}
		}
		out = append(out, d)
	}
	return out
}

// headlineRefs returns the forms of the headline (the first Headline
// block, the title from front matter or <title>, each also without a site
// name suffix) and the index of the headline block (-1 when none). They
// are computed once per document (Document.Memo) for repeated-headline and
// repeated-block: callers must not change the slice.
func headlineRefs(doc *article.Document) ([]headlineRef, int) {
	h := doc.Memo(headlineRefsKey{}, func() any {
		refs, hb := computeHeadlineRefs(doc)
		return headlineRefsOf{refs, hb}
	}).(headlineRefsOf)
	return h.refs, h.block
}

type headlineRefsKey struct{}

type headlineRefsOf struct {
	refs  []headlineRef
	block int
}

func computeHeadlineRefs(doc *article.Document) ([]headlineRef, int) {
	var refs []headlineRef
	add := func(text string, s, e int) {
		forms := []string{text}
		if st := stripSiteName(text); st != text {
			forms = append(forms, st) // the same text would give the same key
		}
		for _, t := range forms {
			k, n := lineKey(t)
			if n < 3 {
				continue
			}
			dup := false
			for _, r := range refs {
				dup = dup || r.key == k
			}
			if !dup {
				h, _ := lineHash(t, 1) // the first word of k, hashed as a line's is
				refs = append(refs, headlineRef{k, s, e, h})
			}
		}
	}
	hb := -1
	for bi := range doc.Blocks {
		if doc.Blocks[bi].Kind == article.Headline {
			b := &doc.Blocks[bi]
			// Text extracted without its title starts with a paragraph,
			// which the plain-text parser takes for the headline; a
			// repeated paragraph is repeated-block's.
			// lineHash counts words as lineKey does, without building the
			// key, and stops past 25.
			if _, n := lineHash(b.Text, 25); n > 25 || n > 12 && lineEndsSentence(b.Text) {
				break
			}
			hb = bi
			s, e := b.SrcRange(0, len(b.Text))
			add(b.Text, s, e)
			break
		}
	}
	// The title from front matter or <title>; the plain-text parser also
	// copies the first line there, which is not a second source.
	if t := doc.Meta.Title; t != "" && (doc.Meta.SrcEnd > 0 || doc.Format == article.HTML) {
		add(t, doc.Meta.Src, doc.Meta.SrcEnd)
	}
	return refs, hb
}

// siteSeparators part a headline from a site name: "Title | The Gazette".
var siteSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · "}

// stripSiteName cuts a site name off the end of a title.
func stripSiteName(t string) string {
	if !maySiteSeparator(t) {
		return t // most headlines: six searches spared
	}
	for _, sep := range siteSeparators {
		if i := strings.LastIndex(t, sep); i > 0 {
			if _, n := lineHash(t[i+len(sep):], 5); n <= 5 {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

// maySiteSeparator reports whether t may hold one of siteSeparators: each
// is a space and then one of the bytes '|', '-', ':', 0xC2 (of "·") or
// 0xE2 (of "–" and "—").
func maySiteSeparator(t string) bool {
	for i := strings.IndexByte(t, ' '); i >= 0 && i+1 < len(t); {
		switch t[i+1] {
		case '|', '-', ':', 0xC2, 0xE2:
			return true
		}
		k := strings.IndexByte(t[i+1:], ' ')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

func matchHeadline(text string, refs []headlineRef) (headlineRef, bool) {
	// A line whose first word opens no form of the headline matches none:
	// most lines are told so without building their key.
	first, _ := lineHash(text, 1)
	opens := false
	for _, r := range refs {
		opens = opens || r.opener == first
	}
	if !opens {
		return headlineRef{}, false
	}
	k, n := lineKey(text)
	if n < 3 {
		return headlineRef{}, false
	}
	// The key without a site name is a prefix of k (stripSiteName cuts
	// the text at a space): a line whose key starts with no form of the
	// headline matches none, and needs no stripSiteName.
	prefix := false
	for _, r := range refs {
		prefix = prefix || strings.HasPrefix(k, r.key)
	}
	if !prefix {
		return headlineRef{}, false
	}
	sk := k
	if st := stripSiteName(text); len(st) != len(text) {
		sk, _ = lineKey(st)
	}
	for _, r := range refs {
		if r.key == k || r.key == sk {
			return r, true
		}
	}
	return headlineRef{}, false
}
