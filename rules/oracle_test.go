package rules

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// The forms below are the code as it was before a faster form replaced
// it, kept as the oracles of the tests that compare the two.

// stripSiteNameOracle is stripSiteName without its pre-filter.
func stripSiteNameOracle(t string) string {
	for _, sep := range siteSeparators {
		if i := strings.LastIndex(t, sep); i > 0 {
			if _, n := lineHash(t[i+len(sep):], 5); n <= 5 {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

func TestStripSiteNameAgrees(t *testing.T) {
	pieces := []string{"Budget", " ", "vote", " | ", " - ", " – ", " — ", " :: ", " · ", ":", "|", "-", "–", "·", "—",
		"BBC News", "don’t", "é", "The Gazette", "  ", "\u00a0", "x"}
	for _, s := range randomTexts(50000, pieces) {
		if got, want := stripSiteName(s), stripSiteNameOracle(s); got != want {
			t.Errorf("stripSiteName(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"", " ", " |", "a |b", "Title | Site", "Title – Site", "Title · Site", "Title :: Site", "Title —Site"} {
		if got, want := stripSiteName(s), stripSiteNameOracle(s); got != want {
			t.Errorf("stripSiteName(%q) = %q, want %q", s, got, want)
		}
	}
}

// mentionsAuthorPhotoOracle is the test bylineCandidate made with one
// containsFold scan for each word.
func mentionsAuthorPhotoOracle(text string) bool {
	return containsFold(text, "avatar") || containsFold(text, "author") || containsFold(text, "profile") ||
		containsFold(text, "headshot") || containsFold(text, "user")
}

func TestMentionsAuthorPhotoAgrees(t *testing.T) {
	pieces := []string{"avatar", "AVATAR", "Author", "auth", "or", "pro", "file", "PROFILE", "Headshot", "head", "shot", "user", "USER",
		"use", "r", "us", "a", "u", "h", "p", " ", "é", "İ", "\u212A"}
	for _, s := range randomTexts(50000, pieces) {
		if got, want := mentionsAuthorPhoto(s), mentionsAuthorPhotoOracle(s); got != want {
			t.Errorf("mentionsAuthorPhoto(%q) = %v, want %v", s, got, want)
		}
		for _, limit := range []int{4, 12, 60} {
			if got, want := quickWords(s, limit), quickWordsOracle(s, limit); got != want {
				t.Errorf("quickWords(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}

// corpusLineTexts returns the text of every line (docLines) of the BBC and
// Readability corpora, or skips.
func corpusLineTexts(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, f := range corpusFiles(t, "bbc/bbc/*/*.txt", "readability/pages/*/source.html") {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := article.Parse(f, src)
		if err != nil {
			continue // a binary file
		}
		for _, l := range docLines(doc) {
			out = append(out, l.text(doc))
		}
		if doc.Meta.Title != "" {
			out = append(out, doc.Meta.Title)
		}
	}
	return out
}

// TestFastFormsAgreeOnCorpus compares the faster forms with their oracles
// on every line of real news.
func TestFastFormsAgreeOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the corpora")
	}
	for _, s := range corpusLineTexts(t) {
		if got, want := stripSiteName(s), stripSiteNameOracle(s); got != want {
			t.Errorf("stripSiteName(%q) = %q, want %q", s, got, want)
		}
		if got, want := mentionsAuthorPhoto(s), mentionsAuthorPhotoOracle(s); got != want {
			t.Errorf("mentionsAuthorPhoto(%q) = %v, want %v", s, got, want)
		}
		for _, limit := range []int{4, 12, 60} {
			if got, want := quickWords(s, limit), quickWordsOracle(s, limit); got != want {
				t.Errorf("quickWords(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}

// quickWordsOracle is quickWords as a branch on every byte.
func quickWordsOracle(s string, limit int) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\n' {
			in = false
		} else if !in {
			in = true
			n++
			if n > limit {
				return n
			}
		}
	}
	return n
}

func TestQuickWordsAgrees(t *testing.T) {
	pieces := []string{"word", " ", "  ", "\t", "\n", "\r", "é", "x", ",", "\u00a0", "a b c d e", "\u0109", "\u010a", "\x00", "\xff"}
	for _, s := range randomTexts(50000, pieces) {
		for _, limit := range []int{0, 1, 4, 12, 60} {
			if got, want := quickWords(s, limit), quickWordsOracle(s, limit); got != want {
				t.Errorf("quickWords(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}

// TestMarkNeedsLook checks the filters before judgeMark: where the inlined
// markNeedsLook says no, or the block's facts have no spaced mark, judgeMark
// finds nothing.
func TestMarkNeedsLook(t *testing.T) {
	pieces := []string{"word", " ", "  ", ",", ".", ";", ":", "!", "?", "The", "ended.The", "a,b", " ,", " .", "(", ")", "\"", "é", "3", "x.com",
		"\n", "”", "’", "Ä", "1,000", "…"}
	looked := 0
	for _, s := range randomTexts(20000, pieces) {
		for _, f := range []article.Format{article.Text, article.HTML} {
			doc, err := article.ParseFormat("a", []byte("Head\n\n"+s+"\n"), f)
			if err != nil {
				t.Fatal(err)
			}
			for bi := range doc.Blocks {
				b := &doc.Blocks[bi]
				for i := 0; i < len(b.Text); i++ {
					if strings.IndexByte(sentenceMarks, b.Text[i]) < 0 {
						continue
					}
					d, ok := judgeMark(doc, b, i, func() bool { return false })
					if ok && !factsOf(b.Text).spacedMark {
						t.Errorf("%v block %q: factsOf says no spaced mark, but judgeMark finds %v", f, b.Text, d)
					}
					if markNeedsLook(b.Text, i) {
						looked++
						continue
					}
					if ok {
						t.Errorf("%v block %q: markNeedsLook(%d) = false, but judgeMark finds %v", f, b.Text, i, d)
					}
				}
			}
		}
	}
	if looked == 0 {
		t.Error("markNeedsLook never said yes")
	}
}

func TestAppendKeyWordsIsFields(t *testing.T) {
	pieces := []string{"Word", " ", "  ", "don't", "’s", "l’été", "—", "42", "\n", "İ", ",", "..", "x", "\u00a0", "\u2003", "Ⱥ", "ǅ"}
	check := func(s string) {
		key, n := lineKey(s)
		got, want := appendKeyWords(nil, key), strings.Fields(key)
		if len(got) != len(want) || len(got) != n || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("key %q of %q: appendKeyWords = %q, strings.Fields = %q, lineKey counts %d", key, s, got, want, n)
		}
	}
	for _, s := range randomTexts(50000, pieces) {
		check(s)
	}
	if !testing.Short() {
		for _, s := range corpusLineTexts(t) {
			check(s)
		}
	}
}

// TestMojibakeScansNeedTheirBytes checks the facts mojibake reads a block
// by: garbledRuns finds nothing without a byte outside ASCII, literalMarkup
// nothing without '&' or '<'.
func TestMojibakeScansNeedTheirBytes(t *testing.T) {
	pieces := []string{"word", " ", "&amp;", "&#8217;", "&lt;b&gt;", "<br>", "<p>", "Ã©", "â€™", "\uFFFD", "é", "&", "<", ";", "x"}
	found := 0
	for _, s := range randomTexts(20000, pieces) {
		for _, f := range []article.Format{article.Text, article.HTML} {
			doc, err := article.ParseFormat("a", []byte("Head\n\n"+s+"\n"), f)
			if err != nil {
				t.Fatal(err)
			}
			for bi := range doc.Blocks {
				b := &doc.Blocks[bi]
				facts := factsOf(b.Text)
				g, m := garbledRuns(nil, doc, b), literalMarkup(nil, doc, b)
				found += len(g) + len(m)
				if !facts.high && len(g) > 0 {
					t.Errorf("%v block %q: no byte outside ASCII, but garbledRuns finds %v", f, b.Text, g)
				}
				if !facts.ampLT && len(m) > 0 {
					t.Errorf("%v block %q: no '&' or '<', but literalMarkup finds %v", f, b.Text, m)
				}
			}
		}
	}
	if found == 0 {
		t.Error("the scans found nothing: the test tests nothing")
	}
}

// repeatedWordOracle is repeated-word's Check as it was before
// nextSameFold.
func repeatedWordOracle(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	eachBlockTokens(doc, func(b *article.Block, toks []match.Token) {
		skip := -1
		for j := 0; j+1 < len(toks); j++ {
			if f, g := toks[j].Fold, toks[j+1].Fold; len(f) != len(g) || f != "" && f[0] != g[0] || f != g || !isRepeatedWord(b.Text, toks, j) {
				continue
			}
			if skip < 0 {
				skip = 0
				if !mayRepeatWord(b.Text) || foreignBlock(b.Text, toks) {
					skip = 1
				}
			}
			if skip == 1 {
				break
			}
			first, second := toks[j], toks[j+1]
			s, e := b.SrcRange(first.Start, second.End)
			fs, fe := b.SrcRange(first.End, second.End)
			w := first.Text(b.Text)
			out = append(out, Diagnostic{
				Start:   s,
				End:     e,
				Message: fmt.Sprintf("repeated word %q", w),
				Fixes:   []Fix{{Message: fmt.Sprintf("remove the second %q", w), Edits: []Edit{{Start: fs, End: fe}}}},
			})
			j++
		}
	})
	return out
}

func TestRepeatedWordAgreesWithOracle(t *testing.T) {
	pieces := []string{"the ", "the", "The ", "THE ", "in ", "had ", "a ", "word ", "no ", ", ", ". ", "-", "\n", "die ", "der ", "und ", "x", " ", "é ", "É "}
	found := 0
	check := func(name string, src []byte) {
		doc, err := article.Parse(name, src)
		if err != nil {
			return
		}
		got, want := (repeatedWord{}).Check(doc), repeatedWordOracle(doc)
		found += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Check = %v, the old loop %v", name, got, want)
		}
	}
	for i, s := range randomTexts(20000, pieces) {
		check(fmt.Sprintf("r%d.txt", i), []byte("Head\n\n"+s))
	}
	if found == 0 {
		t.Error("no repeat found: the test tests nothing")
	}
	if !testing.Short() {
		for _, f := range corpusFiles(t, "bbc/bbc/*/*.txt", "readability/pages/*/source.html") {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			check(f, src)
		}
	}
}

func TestByteScannerFindsEveryByte(t *testing.T) {
	pieces := []string{"word", " ", "\"", "(", ")", "[", "]", "“", "”", "（", "］", "—", "\xe2", "\xef", "x", "é"}
	for _, s := range randomTexts(20000, pieces) {
		sc := newByteScanner(s, markStartBytes)
		for from := 0; from <= len(s); from++ {
			want := from
			for want < len(s) && strings.IndexByte(markStartBytes, s[want]) < 0 {
				want++
			}
			if got := sc.next(from); got != want {
				t.Fatalf("%q: next(%d) = %d, want %d", s, from, got, want)
			}
		}
	}
}

// matchHeadlineOracle is matchHeadline without the test of the first word.
func matchHeadlineOracle(text string, refs []headlineRef) (headlineRef, bool) {
	k, n := lineKey(text)
	if n < 3 {
		return headlineRef{}, false
	}
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

func TestMatchHeadlineAgrees(t *testing.T) {
	heads := []string{"Council approves flood barrier", "İstanbul votes on new mayor", "Don’t panic, says minister | The Gazette", "ÉCOLE strike ends today"}
	pieces := []string{"Council", "council", "COUNCIL", " ", "approves", "flood", "barrier", " | ", "The Gazette", " - ", "İstanbul", "istanbul", "votes", "on", "new", "mayor",
		"Don’t", "dont", "don't", "panic", ",", "says", "minister", "ÉCOLE", "école", "strike", "ends", "today", "\"", "x"}
	found := 0
	for _, h := range heads {
		doc, err := article.Parse("a.txt", []byte(h+"\n\nBody text.\n"))
		if err != nil {
			t.Fatal(err)
		}
		refs, _ := headlineRefs(doc)
		for _, s := range append(randomTexts(20000, pieces), heads...) {
			gr, gok := matchHeadline(s, refs)
			wr, wok := matchHeadlineOracle(s, refs)
			if gok {
				found++
			}
			if gok != wok || gr != wr {
				t.Errorf("headline %q, line %q: matchHeadline = %v %v, want %v %v", h, s, gr, gok, wr, wok)
			}
		}
	}
	if found == 0 {
		t.Error("no line matched: the test tests nothing")
	}
	if testing.Short() {
		return
	}
	for _, f := range corpusFiles(t, "bbc/bbc/*/*.txt", "readability/pages/*/source.html") {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := article.Parse(f, src)
		if err != nil {
			continue
		}
		refs, _ := headlineRefs(doc)
		for _, l := range docLines(doc) {
			s := l.text(doc)
			gr, gok := matchHeadline(s, refs)
			wr, wok := matchHeadlineOracle(s, refs)
			if gok != wok || gr != wr {
				t.Errorf("%s, line %q: matchHeadline = %v %v, want %v %v", f, s, gr, gok, wr, wok)
			}
		}
	}
}

// factsOfOracle is factsOf with three tables (factPairs) loaded for each
// byte instead of one packed word (factTable).
func factsOfOracle(text string) blockFacts {
	var f blockFacts
	if text == "" {
		return f
	}
	fp := factPairs
	live := ^pairBits(0) // the pairs of the filters not yet decided
	turn := false
	if text[0] == 'a' || text[0] == 'A' {
		if may, done := articleNeedsLook(text, 0); done {
			f.article, live = may, live&^pairArticle
		}
	}
	// The scan of bytePairs, with the filters' judgements in its loop: a
	// stop costs no call, and a decided filter's pairs stop it no more.
	prev, classes := fp.first[text[0]], fp.class[text[0]]
	for i := 1; i < len(text); i++ {
		c := text[i]
		classes |= fp.class[c]
		bits := prev & fp.second[c] & live
		prev = fp.first[c]
		if bits == 0 {
			continue
		}
		if bits&pairArticle != 0 {
			if may, done := articleNeedsLook(text, i); done {
				f.article, live = may, live&^pairArticle
			}
		}
		if bits&(pairUpper|pairLorem|pairNs) != 0 && placeholderPairHit(text, i, bits) {
			f.placeholder, live = true, live&^(pairUpper|pairLorem|pairNs)
		}
		if bits&(pairTurn|pairOaicite) != 0 {
			found, t := markerPairHit(text, i)
			turn = turn || t
			if found {
				f.marker, live = true, live&^(pairTurn|pairOaicite)
			}
		}
		if bits&pairSpaces != 0 {
			f.doubleSpace, live = true, live&^pairSpaces
		}
		if bits&(pairSpaceMark|pairMarkLetter) != 0 {
			f.spacedMark, live = true, live&^(pairSpaceMark|pairMarkLetter)
		}
		if bits&(pairDay|pairAbbrevDot) != 0 && weekdayPairHit(text, i, bits) {
			f.weekday, live = true, live&^(pairDay|pairAbbrevDot)
		}
	}
	if !f.marker && turn {
		f.marker = strings.Contains(text, "contentReference[")
	}
	f.high = classes&classHigh != 0
	f.ampLT = classes&classAmpLT != 0
	f.invisible = classes&(classHigh|classControl) != 0
	f.marks = classes&classMark != 0
	f.opener = classes&classOpener != 0
	return f
}

// abbrevBeforeDotOracle is abbrevBeforeDot without its test of the three
// bytes before the dot.
func abbrevBeforeDotOracle(s string, i int) bool {
	if i >= 5 && !isASCII(s[i-5:i]) || i < 5 && !isASCII(s[:i]) {
		// strings.ToLower folds a few letters outside ASCII to ASCII ones
		// ("İ" to "i"): the original test, for the rare text that has them.
		return i >= 3 && weekdayAbbrevs[strings.ToLower(s[max(0, i-3):i])] != 0 || i >= 4 && weekdayAbbrevs[strings.ToLower(s[i-4:i])] != 0 ||
			i >= 5 && weekdayAbbrevs[strings.ToLower(s[i-5:i])] != 0 || i >= 3 && strings.EqualFold(s[i-3:i], "sun")
	}
	// Most dots end a sentence after a word that no abbreviation ends
	// with; the last letters of the abbreviations are d, e, i, n, r, s, t, u.
	switch s[max(0, i-1)] | 0x20 {
	case 'd', 'e', 'i', 'n', 'r', 's', 't', 'u':
	default:
		return false
	}
	var buf [5]byte
	for n := 3; n <= 5 && n <= i; n++ {
		switch s[i-n] | 0x20 { // the first letters of the abbreviations
		case 's', 'm', 't', 'w', 'f':
		default:
			continue
		}
		low := buf[:n]
		for k := range low {
			c := s[i-n+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			low[k] = c
		}
		switch string(low) { // the keys of weekdayAbbrevs
		case "sun", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat":
			return true
		}
	}
	return false
}

func TestFactsOfAgrees(t *testing.T) {
	pieces := []string{"a", "an", "A", "An", " ", "  ", "day", "Monday", "DAY", "Fri.", "TUES.", "thurs.", "Sun.", "sun", ".", ",", "x",
		"TK", "xx", "lorem", "INSERT", "turn", "0", "oaicite", "contentReference[", "[", "{", "%", "&", "<", "\"", "'", "“", "’",
		"é", "İ", "\u212A", "\x01", "\x7f", "\xc3", "hour", "European", "e.", "Wed", "ues.", "hur."}
	check := func(s string) {
		t.Helper()
		if got, want := factsOf(s), factsOfOracle(s); got != want {
			t.Errorf("factsOf(%q) = %+v, want %+v", s, got, want)
		}
		for i := 0; i < len(s); i++ {
			if s[i] == '.' {
				if got, want := abbrevBeforeDot(s, i), abbrevBeforeDotOracle(s, i); got != want {
					t.Errorf("abbrevBeforeDot(%q, %d) = %v, want %v", s, i, got, want)
				}
			}
		}
	}
	for _, s := range randomTexts(100000, pieces) {
		check(s)
	}
	if testing.Short() {
		return
	}
	for _, s := range corpusLineTexts(t) {
		check(s)
	}
}

// wordCountOracle is WordCount with a branch on every token's space and
// kind.
func wordCountOracle(doc *article.Document) int {
	v, ok := doc.Memoized(blockTokensKey{})
	if !ok {
		return doc.Words()
	}
	bt := v.(*blockTokens)
	if bt.released {
		return doc.Words()
	}
	n := 0
	for i := range doc.Blocks {
		text := doc.Blocks[i].Text
		counted := false
		toks := bt.toks[bt.start[i]:bt.start[i+1]]
		for k := range toks {
			t := &toks[k]
			if t.SpaceBefore {
				counted = false
			}
			if !counted && t.Kind == match.Word && (text[t.Start] < utf8.RuneSelf || hasLetterOrDigit(text[t.Start:t.End])) {
				n++
				counted = true
			}
		}
	}
	return n
}

func TestWordCountAgrees(t *testing.T) {
	pieces := []string{"word", " ", "  ", "\n", "\n\n", "\t", "(", ")", ",", ".", "-", " - ", "—", "é", "\u0301", "\u0301x", "İ",
		"\u00a0", "1", "3.5", "U.S.", "don't", "“", "”", "&", "#", "a"}
	check := func(src string) {
		t.Helper()
		doc, err := article.ParseFormat("x.txt", []byte(src), article.Text)
		if err != nil {
			return
		}
		eachBlockTokens(doc, func(*article.Block, []match.Token) {})
		if got, want := WordCount(doc), wordCountOracle(doc); got != want {
			t.Errorf("WordCount(%q) = %d, want %d", src, got, want)
		}
	}
	for _, s := range randomTexts(50000, pieces) {
		check(s)
	}
	if testing.Short() {
		return
	}
	for _, s := range corpusLineTexts(t) {
		check(s)
	}
}
