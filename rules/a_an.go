package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

type aAn struct{}

func (aAn) Meta() Meta {
	return Meta{
		Name:     "a-an",
		Category: Mechanics,
		Severity: Suggestion,
		Default:  true,
		Summary:  "\"a\" or \"an\" before the wrong sound: \"an unique\", \"a hour\", \"a FBI agent\", \"a 11-year-old\"",
		Doc: `English chooses the article by the sound of the next word, not its first
letter: "an hour", "an honest", "an MBA", "an FBI agent", "an 11-year-old",
"an 8% rise", but "a university", "a European", "a one-off", "a UN
report", "a 1-0 win". The rule flags the article that does not fit the
sound and offers the other one.

To stay precise it only judges words whose sound it can tell from their
spelling: ordinary lower-case words (with lists of the "you" words such as
"unique", "union", "usual", "Ukrainian", the "eu" words, "one" and
"once", and the silent-h words "hour", "honest", "honour", "heir");
numbers written in digits; single letters; and initialisms read letter by
letter (two or three capitals such as "FBI", "MBA", "LSE", or capitals
without vowels such as "MSNBC"). It leaves alone acronyms read as words
("a NATO summit", "a SIM card", "a Nasa probe"), capitalised names whose
sound it cannot know ("an Uber driver", "a Uefa ruling"), "an" before an
h-word pronounced with an h ("an historic", still common in British copy),
numbers whose reading is ambiguous ("a 1,100-mile trip"), a capital "A"
inside a sentence (a letter: "Group A opener"), "An" inside a sentence (an
Irish name: "An Post"), initialisms starting with H ("a HDTV" or "an
HDTV": aitch or haitch), domain names ("an fbi.gov address"), and
paragraphs that are not in English ("a entrar", Czech "a už").

The rule is a suggestion by default: a wrong article is a visible slip but
never changes what a story says, and published copy has a few of them (the
BBC corpus has about one in every 100 articles), which would crowd out the
findings that matter. Raise it to a warning in the configuration to hold
copy to it. Before a number, a letter or an initialism the right article
also depends on how the reader says it ("a 800m" is "an eight hundred
metre" read aloud).`,
		Examples: []Example{
			{Text: "It was an unique opportunity.", Fires: true},
			{Text: "The meeting lasted a hour.", Fires: true},
			{Text: "He was questioned by a FBI agent.", Fires: true},
			{Text: "The victim was a 11-year-old boy.", Fires: true},
			{Text: "An European court ruled on Friday.", Fires: true},
			{Text: "An hour later, an honest man with an MBA from an LSE course joined a university.", Fires: false},
			{Text: "A European court, a one-off payment, a UN report and a NATO summit.", Fires: false},
			{Text: "An 11-year-old and an 18-year-old won a 1-0 victory and an 8% pay rise.", Fires: false},
			{Text: "It was an historic day for a Uefa official and an Uber driver.", Fires: false},
		},
	}
}

func (aAn) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	facts := blockFactsOf(doc)
	bi := -1
	eachBlockTokens(doc, func(b *article.Block, toks []match.Token) {
		bi++
		// The byte-level filter (blockFacts.article) passes one block in
		// nine (BBC): the others cannot report a slip.
		if !facts[bi].article {
			return
		}
		for j := 0; j+1 < len(toks); j++ {
			t := toks[j]
			if t.Kind != match.Word || (t.Fold != "a" && t.Fold != "an") {
				continue
			}
			d, ok := checkArticle(b.Text, toks, j)
			if !ok {
				continue
			}
			if foreignBlock(b.Text, toks) {
				continue
			}
			s, e := b.SrcRange(d.start, d.end)
			as, ae := b.SrcRange(t.Start, t.End)
			out = append(out, Diagnostic{
				Start:   s,
				End:     e,
				Message: d.msg,
				Fixes:   []Fix{{Message: fmt.Sprintf("write %q", d.fix), Edits: []Edit{{Start: as, End: ae, New: d.fix}}}},
			})
		}
	})
	return out
}

type articleSlip struct {
	start, end int
	msg, fix   string
}

// checkArticle judges the article at toks[j] against the next word.
func checkArticle(text string, toks []match.Token, j int) (articleSlip, bool) {
	art := toks[j]
	word := art.Text(text)
	shouted := word == "AN" || word == "A" && !hasLower(text)
	if word == "A" || word == "An" || word == "AN" {
		// A capital article inside a sentence is a letter ("Group A") or an
		// Irish name ("An Post"); at a sentence start it is the article.
		if !articleStartsSentence(toks, j) {
			return articleSlip{}, false
		}
	}
	// Part of a compound or a contraction: "a-changin'", "up-an-coming".
	if j > 0 && !art.SpaceBefore && toks[j-1].Kind == match.Punct && isJoiner(toks[j-1].Fold) {
		return articleSlip{}, false
	}
	k := j + 1
	// Look through an opening double quote: `an "historic" day` (a single
	// quote more often opens a quoted sound: "a 'ummm'").
	if toks[k].Kind == match.Punct && toks[k].Fold == "\"" && toks[k].SpaceBefore && k+1 < len(toks) && !toks[k+1].SpaceBefore {
		k++
	}
	next := toks[k]
	if next.Kind != match.Word || !toks[j+1].SpaceBefore {
		return articleSlip{}, false
	}
	// "Frankfurt an der Oder": German, not the article.
	if art.Fold == "an" && germanArticles[next.Fold] {
		return articleSlip{}, false
	}
	// A domain or file name ("an fbi.gov address") is read its own way.
	if k+2 < len(toks) && toks[k+1].Fold == "." && !toks[k+1].SpaceBefore && !toks[k+2].SpaceBefore {
		return articleSlip{}, false
	}
	// "whether it's a on a Bosman": not a choice between a and an.
	if functionWords[next.Fold] {
		return articleSlip{}, false
	}
	w := next.Text(text)
	if shouted && isAllCaps(w) {
		w = strings.ToLower(w) // "AN HOUR": shouted copy, read the word as a word
	}
	vowel, known := vowelSound(text, toks, k, w)
	if !known {
		return articleSlip{}, false
	}
	isAn := art.Fold == "an"
	if isAn == vowel {
		return articleSlip{}, false
	}
	var fix, why string
	if vowel {
		fix, why = "an", "a vowel sound"
	} else {
		fix, why = "a", "a consonant sound"
	}
	fix = articleCase(word, fix)
	return articleSlip{
		start: art.Start,
		end:   next.End,
		msg:   fmt.Sprintf("%q before %q: use %q, as %q starts with %s", word, next.Text(text), fix, next.Text(text), why),
		fix:   fix,
	}, true
}

// articlePair is an "a" or "A" after a byte that does not continue a word
// (isWordStartByte).
var articlePair = func() bytePair {
	var before []byte
	for c := 0; c < 256; c++ {
		if !isWordStartByte(byte(c)) {
			before = append(before, byte(c))
		}
	}
	return bytePair{string(before), "aA", pairArticle}
}()

// articleNeedsLook is the a-an filter's test (blockFacts.article) of the
// "a" or "A" at text[i], which starts a word: done is set when the answer
// for the whole text is known (may).
func articleNeedsLook(text string, i int) (may, done bool) {
	j := i + 1
	an := j < len(text) && (text[j] == 'n' || text[j] == 'N')
	if an {
		j++
	}
	if j >= len(text) || text[j] != ' ' && text[j] != '\n' {
		return false, false
	}
	for j < len(text) && (text[j] == ' ' || text[j] == '\n' || text[j] == '"') {
		j++
	}
	if j >= len(text) {
		return false, true
	}
	if text[j] >= 0x80 {
		return false, false
	}
	if articleCandidate(an, text[j:]) {
		return true, true
	}
	return false, false
}

// articleCandidate looks at the start of the word after "a" (an false) or
// "an" (an true) and says whether the pair needs a closer look.
func articleCandidate(an bool, w string) bool {
	n := w[0]
	var n1 byte
	if len(w) > 1 {
		n1 = w[1]
	}
	lowerNext := 'a' <= n1 && n1 <= 'z'
	switch {
	case n == 'a' || n == 'i' || n == 'A' || n == 'I':
		return !an
	case n == 'e' || n == 'o' || n == 'u' || n == 'E' || n == 'O' || n == 'U':
		// "an European", "an one", "an unique"; "a open", "a Olympic".
		return true
	case n == '8':
		return !an
	case n == '1':
		return an || n1 == '1' || n1 == '8'
	case n == 'h' || n == 'H':
		// Only "an hour", "an honest", "an heir" are judged: "an hotel"
		// and an initialism with H are left alone.
		l := strings.ToLower(w[:min(len(w), 4)])
		return !an && (strings.HasPrefix(l, "hour") || strings.HasPrefix(l, "hon") || strings.HasPrefix(l, "heir"))
	case strings.IndexByte("FLMNRSXflmnrsx", n) >= 0:
		// "a FBI", "a MSc", "a X-ray": a letter read by its name.
		return !lowerNext || an
	}
	return an
}

// foreignBlock reports whether a block's words look more Spanish, French,
// Italian or German than English ("a entrar" is Spanish, not a slip), or
// have no English function word at all (Czech "a už", Latin filler).
func foreignBlock(text string, toks []match.Token) bool {
	english, foreign, words := 0, 0, 0
	for _, t := range toks {
		if t.Kind != match.Word {
			continue
		}
		words++
		if englishMarkers[t.Fold] {
			english++
		} else if foreignMarkers[t.Fold] {
			foreign++
		}
	}
	return isForeign(english, foreign, words) || len(toks) > 0 && manyAccents(text)
}

var (
	englishMarkers = toSet("the and of to is was that in for with are be this from have has on at by it he she " +
		"they his her its not but said will would were been which who after over new than more")
	foreignMarkers = toSet("de la el los las que y en del por con para una une le les des et est sur der die und ist nicht il di che per sono " +
		"je se na že ve jsou ale pro jak ut sed quis nisi amet")
)

func isJoiner(p string) bool { return p == "-" || p == "/" || p == "'" }

// articleStartsSentence reports whether toks[j] starts a sentence, perhaps
// after an opening quote or bracket.
func articleStartsSentence(toks []match.Token, j int) bool {
	for j >= 0 {
		if toks[j].SentenceStart {
			return true
		}
		if j == 0 || toks[j-1].Kind != match.Punct {
			return false
		}
		switch toks[j-1].Fold {
		case "\"", "'", "(", "[":
			j--
		default:
			return false
		}
	}
	return false
}

func articleCase(like, s string) string {
	switch like {
	case "A", "An":
		return strings.ToUpper(s[:1]) + s[1:]
	case "AN":
		return strings.ToUpper(s)
	}
	return s
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// vowelSound tells whether w (the word at toks[k]) starts with a vowel
// sound, and whether the rule can know.
func vowelSound(text string, toks []match.Token, k int, w string) (vowel, known bool) {
	if c := w[0]; c >= '0' && c <= '9' {
		return numberVowelSound(text, toks, k)
	}
	return wordVowelSound(w)
}

func hasVowelLetter(w string) bool { return strings.ContainsAny(w, "aeiouyAEIOUY") }

// lowerLetters reports whether w is a lower-case name read as letters
// ("ntl"): three or more letters without a vowel, not a unit ("mph") or a
// sound ("hmm").
func lowerLetters(w string) bool {
	if len(w) < 3 || hasVowelLetter(w) || notLetterWise[w] {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

var notLetterWise = toSet("mrs hrs pts mph kph bldg ltd pty yds lbs tbsp tsp hmm hmmm shh psst brr grr tsk pfft zzz nth")

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// functionWords never follow an article; a slip there is not about a or an.
var functionWords = toSet("on in of and or if at as is it to up us by")

// wordVowelSound judges a word spelt with letters.
func wordVowelSound(w string) (vowel, known bool) {
	c := w[0]
	r, _ := utf8.DecodeRuneInString(w)
	if r >= utf8.RuneSelf {
		return false, false // "an École", "a Ørsted": outside what the lists know
	}
	// A single letter, or a letter fused with digits ("F1", "A-level" is
	// "A" then "-"), is read by its name.
	if len(w) == 1 || len(w) >= 2 && w[1] >= '0' && w[1] <= '9' {
		if len(w) == 1 && (c == 'a' || c == 'i' || c == 'o') {
			return false, false // "a" and "I" as words, "o" as "oh"
		}
		return letterNameVowel(c), c != 'H' && c != 'h'
	}
	// Initialisms read letter by letter: "FBI", "MSc", "ntl". An H is
	// "aitch" to some and "haitch" to others.
	if initialism(w) || len(w) >= 2 && isUpperByte(w[0]) && isUpperByte(w[1]) && !isAllCaps(w) || lowerLetters(w) {
		return letterNameVowel(c), c != 'H' && c != 'h'
	}
	if isAllCaps(w) {
		return false, false // "NATO", "UEFA": read as a word or not, unknown
	}
	lower := strings.ToLower(w)
	capital := unicode.IsUpper(r)
	switch lower[0] {
	case 'h':
		if hasAnyPrefix(lower, silentH) {
			return true, true
		}
		// "an historic", "an hotel" is an older British usage, not a slip;
		// "a hotel" is right too.
		return false, false
	case 'u':
		if hasAnyPrefix(lower, youWords) {
			return false, true
		}
		if capital {
			return false, false // "an Uber", "a Unesco": a name's sound is unknown
		}
		return true, true
	case 'e':
		if strings.HasPrefix(lower, "eu") || strings.HasPrefix(lower, "ew") {
			return false, !capital || strings.HasPrefix(lower, "europ")
		}
		return true, true
	case 'o':
		if lower == "one" || lower == "once" || lower == "one's" || strings.HasPrefix(lower, "oui") {
			return false, true
		}
		return true, true
	case 'a', 'i':
		return true, true
	case 'y':
		return false, !capital // "a year"; "an Ypres" is a name
	case 'x':
		return false, false // "a xylophone", "an xoJane post"
	}
	return false, true
}

// silentH words start with a vowel sound.
var silentH = []string{"hour", "honest", "honour", "honor", "heir"}

var germanArticles = toSet("der die das den dem des")

// youWords start with a "you" sound although they start with u.
var youWords = []string{
	"unique", "unit", "unity", "univers", "unif", "union", "unilateral", "unicorn", "unison", "unicycl",
	"unisex", "unanim", "usual", "usur", "use", "usa", "usi", "uten", "uter", "util", "utopi", "uran",
	"urin", "ureth", "urea", "urol", "ubiquit", "ukulele", "ukrain", "ugand", "urugua", "uvul", "eulog",
	"uefa", "unesco", "unicef", "utah", "ural",
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// initialism reports whether w is read letter by letter: two or three
// capitals ("FBI", "MBA", "MPs" counts as "MP" plus a plural s), or
// capitals with no vowel ("MSNBC"), but not the three-letter acronyms that
// are read as words ("SIM", "PIN", "LAN").
func initialism(w string) bool {
	caps := strings.TrimSuffix(w, "s")
	if !isAllCaps(caps) || len(caps) < 2 {
		return false
	}
	for i := 0; i < len(caps); i++ {
		if caps[i] < 'A' || caps[i] > 'Z' {
			return false
		}
	}
	if len(caps) <= 3 {
		switch caps {
		case "MAC", "SIM", "PIN", "LAN", "WAN", "RAM", "ROM", "NAT", "SAT", "SUN", "ASK", "ARM", "OPEC", "AIM", "ISA", "ELF", "EMI", "ALP", "ERM", "IRA", "FAQ":
			return false
		}
		return true
	}
	return !strings.ContainsAny(caps, "AEIOU")
}

// letterNameVowel reports whether a letter's name starts with a vowel
// sound: A E F H I L M N O R S X.
func isUpperByte(c byte) bool { return 'A' <= c && c <= 'Z' }

func letterNameVowel(c byte) bool {
	return strings.IndexByte("aefhilmnorsxAEFHILMNORSX", c) >= 0
}

// numberVowelSound judges a number written in digits: "an 8", "an 11",
// "an 18", "an 80", "an 11,000", but "a 1", "a 110", "a 1,100" is unknown.
func numberVowelSound(text string, toks []match.Token, k int) (vowel, known bool) {
	w := toks[k].Text(text)
	if w[0] == '8' {
		return true, true
	}
	if !strings.HasPrefix(w, "11") && !strings.HasPrefix(w, "18") {
		return false, true
	}
	// Count the digits before a decimal point; "11,000" is eleven thousand.
	intPart := w
	if i := strings.IndexByte(w, '.'); i >= 0 {
		intPart = w[:i]
	}
	end := 0
	for end < len(intPart) && (intPart[end] >= '0' && intPart[end] <= '9' || intPart[end] == ',') {
		end++
	}
	digits := intPart[:end]
	switch {
	case len(digits) == 2:
		return true, true
	case len(digits) >= 3 && digits[2] == ',':
		return true, true // 11,000 and 18,500,000: eleven/eighteen thousand/million
	case len(digits) == 5 && !strings.Contains(digits, ","):
		return true, true // 11000
	case len(digits) == 3:
		return false, true // 110: a hundred and ten
	}
	return false, false // 1100, 1800s: "eleven hundred" or "one thousand one hundred"
}
