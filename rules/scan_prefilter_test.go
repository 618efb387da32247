package rules

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// randomTexts returns n short texts built from pieces that the rules'
// pre-filters look for, joined at random, so that the filters meet their
// triggers in every order and case.
func randomTexts(n int, pieces []string) []string {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := r.IntN(8); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}

func TestPlaceholderFilter(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"", false},
		{"The council voted to insert nothing today.", true},
		{"Lorem ipsum dolor", true},
		{"LoReM", true},
		{"İNSERT NAME HERE", true},
		{"TK Maxx", true},
		{"turnout rose to XX percent", true},
		{"xx", true},
		{"TODO: fix", true},
		{"a FIXME note", true},
		{"TBD", true},
		{"The mayor, who spoke today, took the train to Tokyo.", false},
		{"Super Bowl X was a tie; tea for two", false},
	}
	for _, tt := range tests {
		if got := factsOf(tt.text).placeholder; got != tt.want {
			t.Errorf("factsOf(%q).placeholder = %v, want %v", tt.text, got, tt.want)
		}
	}
	pieces := []string{"TK", "T", "K", "X", "x", "XX", "xxm", "TODO", "FIXME", "TBD", "lorem", "LOREM", "Lor", "em",
		"ipsum", "insert", "INSERT", "İnsert", "inſert", "loreM", "\u212A", "in", "sert", " ", " name ", "here", "HERE", "(", "$", "%", " percent", ",000", ".", "to", "the"}
	for _, s := range randomTexts(5000, pieces) {
		if hits := wordPlaceholders(nil, s, match.Tokenize(s, nil)); len(hits) > 0 && !factsOf(s).placeholder {
			t.Errorf("factsOf(%q).placeholder = false, but wordPlaceholders finds %v", s, hits)
		}
	}
}

func TestHasTemplateOpener(t *testing.T) {
	pieces := []string{"{", "}", "{{", "}}", "%", "%s", "%d", "$", "${", "x", " ", "name", "\n", "50%", "{%", "%}"}
	for _, s := range randomTexts(5000, pieces) {
		want := false
		for _, o := range []string{"{{", "{%", "${", "%s", "%d"} {
			want = want || strings.Contains(s, o)
		}
		if got := hasTemplateOpener(s); got != want {
			t.Errorf("hasTemplateOpener(%q) = %v, want %v", s, got, want)
		}
		if !want && len(templateVariables(nil, s)) > 0 {
			t.Errorf("templateVariables(%q) finds variables without an opener", s)
		}
	}
}

func TestIndexUTMSource(t *testing.T) {
	pieces := []string{"utm", "_source=", "utm_source=", "u", "_", "source", "=", "x", "?", "&", "chatgpt.com"}
	for _, s := range randomTexts(5000, pieces) {
		for from := 0; from <= len(s); from++ {
			want := strings.Index(s[from:], "utm_source=")
			if want >= 0 {
				want += from
			}
			if got := indexUTMSource([]byte(s), from); got != want {
				t.Fatalf("indexUTMSource(%q, %d) = %d, want %d", s, from, got, want)
			}
		}
	}
}

func TestMarkerFilter(t *testing.T) {
	pieces := []string{"turn", "tu", "rn", "0", "search", "re", "oaicite", "oa", "icite", "contentReference[", "]", " ", "x"}
	for _, s := range randomTexts(5000, pieces) {
		want := (strings.Contains(s, "turn") || strings.Contains(s, "oaicite")) && indexMarker(s) >= 0
		if got := factsOf(s).marker; got != want {
			t.Errorf("factsOf(%q).marker = %v, want %v", s, got, want)
		}
	}
}

func TestAbbrevBeforeDot(t *testing.T) {
	// The test date-weekday made at a dot before abbrevBeforeDot.
	oracle := func(s string, i int) bool {
		return i >= 3 && weekdayAbbrevs[strings.ToLower(s[max(0, i-3):i])] != 0 || i >= 4 && weekdayAbbrevs[strings.ToLower(s[i-4:i])] != 0 ||
			i >= 5 && weekdayAbbrevs[strings.ToLower(s[i-5:i])] != 0 || i >= 3 && strings.EqualFold(s[i-3:i], "sun")
	}
	pieces := []string{".", "Fri", "FRİ", "frİ", "Tues", "THU", "thurs", "Wed", "sun", "ſun", "Sat", "Mon", "x", " ", "é", "a", "TUE"}
	for _, s := range randomTexts(5000, pieces) {
		for i := 0; i < len(s); i++ {
			if s[i] != '.' {
				continue
			}
			if got, want := abbrevBeforeDot(s, i), oracle(s, i); got != want {
				t.Errorf("abbrevBeforeDot(%q, %d) = %v, want %v", s, i, got, want)
			}
		}
	}
}

func TestWeekdayFilter(t *testing.T) {
	// The test date-weekday made before its filter joined the shared pass.
	oracle := func(s string) bool {
		for i := strings.Index(s, "day"); i >= 0; {
			if weekdayNearDate(s, i) {
				return true
			}
			j := strings.Index(s[i+3:], "day")
			if j < 0 {
				break
			}
			i += 3 + j
		}
		if strings.Contains(s, "DAY") {
			return true
		}
		for i := 0; i < len(s); i++ {
			if s[i] == '.' && (i >= 3 && weekdayAbbrevs[strings.ToLower(s[max(0, i-3):i])] != 0 || i >= 4 && weekdayAbbrevs[strings.ToLower(s[i-4:i])] != 0 ||
				i >= 5 && weekdayAbbrevs[strings.ToLower(s[i-5:i])] != 0 || i >= 3 && strings.EqualFold(s[i-3:i], "sun")) {
				return true
			}
		}
		return false
	}
	pieces := []string{"Friday", "day", "DAY", "Day", "da", "y", "today", ", ", "(", ")", "the ", "9", "March", "x", " ", ".", "Fri", "sun", "TUES", "FRİ", "é", "said"}
	for _, s := range randomTexts(10000, pieces) {
		if got, want := factsOf(s).weekday, oracle(s); got != want {
			t.Errorf("factsOf(%q).weekday = %v, want %v", s, got, want)
		}
	}
}

func TestArticleFilter(t *testing.T) {
	// The byte-at-a-time loop that the a-an filter replaced.
	oracle := func(text string) bool {
		for i := 0; i < len(text); i++ {
			c := text[i]
			if c != 'a' && c != 'A' || i > 0 && isWordStartByte(text[i-1]) {
				continue
			}
			j := i + 1
			an := j < len(text) && (text[j] == 'n' || text[j] == 'N')
			if an {
				j++
			}
			if j >= len(text) || text[j] != ' ' && text[j] != '\n' {
				continue
			}
			for j < len(text) && (text[j] == ' ' || text[j] == '\n' || text[j] == '"') {
				j++
			}
			if j >= len(text) {
				return false
			}
			if text[j] >= 0x80 {
				continue
			}
			if articleCandidate(an, text[j:]) {
				return true
			}
		}
		return false
	}
	pieces := []string{"a", "A", "an", "AN", "An", " ", "\n", "\"", "hour", "house", "European", "apple", "FBI", "8", "11", "é", "ban", "x", ".", "(", "'"}
	for _, s := range randomTexts(20000, pieces) {
		if got, want := factsOf(s).article, oracle(s); got != want {
			t.Errorf("factsOf(%q).article = %v, want %v", s, got, want)
		}
	}
}

func TestKeyWords(t *testing.T) {
	// keyWords counts on lineKey putting only letters and digits in its
	// words: the lower case of a letter or digit is one too.
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if (unicode.IsLetter(r) || unicode.IsDigit(r)) && r != '\u2019' {
			if l := unicode.ToLower(r); !unicode.IsLetter(l) && !unicode.IsDigit(l) || l == '\u2019' {
				t.Fatalf("lower case of %U is %U, not a letter or digit", r, l)
			}
		}
	}
	for _, s := range []string{"", "x", "More from The Gazette", "  a  b ", "don't stop", "Ünïcode wörds – and 42", "l’été", "a\u00a0b", "x\uFFFCy"} {
		key, n := lineKey(s)
		if got := keyWords(key); got != n {
			t.Errorf("keyWords(%q) = %d, want %d (lineKey(%q))", key, got, n, s)
		}
		if _, n2 := lineKey(key); n2 != n {
			t.Errorf("lineKey(%q) has %d words, key %q has %d", s, n, key, n2)
		}
	}
}

func TestHasWordPrefixSuffix(t *testing.T) {
	for _, key := range []string{"", "sign up", "sign up now", "sign upx", "related stories", "more related stories", "xrelated stories"} {
		for _, p := range []string{"", "sign up", "related stories", "stories"} {
			if got, want := hasWordPrefix(key, p), key == p || strings.HasPrefix(key, p+" "); got != want {
				t.Errorf("hasWordPrefix(%q, %q) = %v, want %v", key, p, got, want)
			}
			if got, want := hasWordSuffix(key, p), strings.HasSuffix(key, " "+p); got != want {
				t.Errorf("hasWordSuffix(%q, %q) = %v, want %v", key, p, got, want)
			}
		}
	}
}

func TestLooksLikeCode(t *testing.T) {
	// The test looksLikeCode made before it read the text once.
	oracle := func(text string) bool {
		n := 0
		for _, m := range [...]string{"->", "=>", "==", "();", "});", "');", "{", "$", "::", " // ", "\\"} {
			if strings.Contains(text, m) {
				n++
			}
		}
		return n >= 2
	}
	pieces := []string{"-", ">", "=", "(", ")", ";", "}", "'", "{", "$", ":", " ", "/", "\\", "x", "a b", "==>", " // ", "();"}
	for _, s := range randomTexts(20000, pieces) {
		if got, want := looksLikeCode(s), oracle(s); got != want {
			t.Errorf("looksLikeCode(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestStripSiteNameKeyIsPrefix(t *testing.T) {
	// matchHeadline relies on the key of a title without its site name
	// being a prefix of the title's key.
	pieces := []string{"Budget", " ", "vote", " | ", " - ", " – ", " — ", " :: ", " · ", "BBC News", "don’t", "it's", "é", "-", "|", "The Gazette"}
	for _, s := range randomTexts(20000, pieces) {
		k, _ := lineKey(s)
		if sk, _ := lineKey(stripSiteName(s)); !strings.HasPrefix(k, sk) {
			t.Errorf("key %q of stripSiteName(%q) is not a prefix of its key %q", sk, s, k)
		}
	}
}

func TestLongChromeSignal(t *testing.T) {
	// longChromeSignal as it was before its starts were indexed.
	oracle := func(text string) bool {
		t := strings.TrimRight(text, ". ")
		if len(t) >= 8 && hasPrefixFold(t[len(t)-8:], "reserved") || strings.HasPrefix(text, "©") ||
			hasPrefixFold(text, "(c)") || hasPrefixFold(text, "copyright") || hasPrefixFold(text, "have something to add") ||
			hasPrefixFold(text, "share your thoughts") || hasPrefixFold(text, "tell us what you think") {
			return true
		}
		for _, p := range append(append([]string{}, subscribeStarts...), cookieStarts...) {
			if hasPrefixFold(text, p) {
				return true
			}
		}
		return false
	}
	pieces := append([]string{"The", " ", "x", "All rights reserved.", "©", "(C)", ".", "SIGN UP", "We ", "use cookies", "Sign"}, subscribeStarts...)
	pieces = append(pieces, cookieStarts...)
	for _, s := range randomTexts(20000, pieces) {
		for _, s := range []string{s, strings.ToUpper(s)} {
			if got, want := longChromeSignal(s), oracle(s); got != want {
				t.Errorf("longChromeSignal(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

func TestLineHashCountsLikeLineKey(t *testing.T) {
	pieces := []string{"word", " ", "Don't", "’s", "l’été", "—", "42", "\n", "İ", ",", "..", "x"}
	for _, s := range randomTexts(20000, pieces) {
		_, n := lineKey(s)
		for _, limit := range []int{3, 5, 25} {
			if _, got := lineHash(s, limit); got != min(n, limit+1) {
				t.Errorf("lineHash(%q, %d) counts %d words, lineKey %d", s, limit, got, n)
			}
		}
	}
}

func TestFactsOfOnePassAgrees(t *testing.T) {
	// factsOf answers three filters in one pass: each must answer as it
	// does alone, with only its own pairs in the table.
	alone := func(text string, pairs []bytePair, hit func(i int, bits pairBits) (decided, answer bool)) bool {
		bp := newBytePairs(pairs...)
		for i := 1; i < len(text); i++ {
			if bits := bp.first[text[i-1]] & bp.second[text[i]]; bits != 0 {
				if decided, answer := hit(i, bits); decided {
					return answer
				}
			}
		}
		return false
	}
	pieces := []string{"a ", "an ", "A ", "hour", "apple", "house", "TK", "XX", "lorem", "insert", "turn0search1", "turn", "oaicite", "contentReference[", " ", "  ", ".", "x", "é", "\n", "&", "<", "\x01", "\x7f", "\t", "Friday", "day", "DAY", "Fri.", "sun.", "9", ", ",
		"\"", "(", ")", "[", "]", "“", "”", "„", "‘", "（", "）", "［", "］", "—", "\xe2", "\xef", ",", ";", ":", "!", "?", " ,", ".x", ",Y", " !",
		"[", "]", "[TK]", "[insert name]", "{{name}}", "{% x %}", "${x}", "%s", "%d", "%", "{"}
	for _, s := range randomTexts(20000, pieces) {
		f := factsOf(s)
		article := func() bool {
			if len(s) > 0 && (s[0] == 'a' || s[0] == 'A') {
				if may, done := articleNeedsLook(s, 0); done {
					return may
				}
			}
			return alone(s, []bytePair{articlePair}, func(i int, _ pairBits) (bool, bool) {
				may, done := articleNeedsLook(s, i)
				return done, may
			})
		}()
		placeholder := alone(s, placeholderPairList, func(i int, bits pairBits) (bool, bool) {
			hit := placeholderPairHit(s, i, bits)
			return hit, hit
		})
		turn := false
		marker := alone(s, markerPairList, func(i int, _ pairBits) (bool, bool) {
			found, t := markerPairHit(s, i)
			turn = turn || t
			return found, found
		}) || turn && strings.Contains(s, "contentReference[")
		high, ampLT := !isASCII(s), strings.ContainsAny(s, "&<")
		invisible := !isASCII(s) || strings.ContainsFunc(s, func(r rune) bool {
			return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
		})
		weekday := alone(s, weekdayPairList, func(i int, bits pairBits) (bool, bool) {
			hit := weekdayPairHit(s, i, bits)
			return hit, hit
		})
		// unbalancedMarks finds nothing in a text without a byte that
		// starts one of its marks.
		marks := strings.ContainsAny(s, "\"()[]") || strings.IndexByte(s, 0xe2) >= 0 || strings.IndexByte(s, 0xef) >= 0
		if !marks && len(unbalancedMarks(s, "")) > 0 {
			t.Errorf("unbalancedMarks(%q) finds problems in a text without marks", s)
		}
		spacedMark := false
		for i := 0; i < len(s); i++ {
			if strings.IndexByte(sentenceMarks, s[i]) < 0 {
				continue
			}
			if i > 0 && s[i-1] == ' ' || (s[i] == ',' || s[i] == '.') && i+1 < len(s) && (s[i+1] >= 0x80 || isASCIILetter(s[i+1])) {
				spacedMark = true
			}
		}
		opener := strings.ContainsAny(s, "[{%")
		if !placeholder && !opener {
			if hits := findPlaceholders(nil, s, match.Tokenize(s, nil), false); len(hits) > 0 {
				t.Errorf("findPlaceholders(%q) finds %v in a text without a placeholder word or an opener", s, hits)
			}
		}
		want := blockFacts{article, placeholder, opener, marker, strings.Contains(s, "  "), spacedMark, weekday, high, ampLT, invisible, marks}
		if f != want {
			t.Errorf("factsOf(%q) = %+v, want %+v", s, f, want)
		}
	}
}

func TestCheckMarksAgreesWithCheckSpacing(t *testing.T) {
	pieces := []string{"word", " ", ",", ".", ";", ":", "!", "?", "The", "ended.The", "a,b", " ,", " .", "(", ")", "\"", "é", "3", "x.com", "\n"}
	several := 0 // blocks with findings to put in order
	defer func() {
		if several == 0 {
			t.Error("no block had two findings: the order of checkMarks went untested")
		}
	}()
	for _, s := range randomTexts(5000, pieces) {
		for _, f := range []article.Format{article.Text, article.Markdown, article.HTML} {
			doc, err := article.ParseFormat("a", []byte("Head\n\n"+s+"\n"), f)
			if err != nil {
				t.Fatal(err)
			}
			for i := range doc.Blocks {
				b := &doc.Blocks[i]
				if strings.Contains(b.Text, "  ") {
					continue
				}
				got, want := checkMarks(nil, doc, b), checkSpacing(nil, doc, b)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%v block %q: checkMarks = %v, checkSpacing = %v", f, b.Text, got, want)
				}
				if len(want) > 1 {
					several++
				}
			}
		}
	}
}
