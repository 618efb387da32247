package rules

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

type dateWeekday struct{}

func (dateWeekday) Meta() Meta {
	return Meta{
		Name:     "date-weekday",
		Category: Mechanics,
		Severity: Error,
		Default:  true,
		Summary:  "A weekday that does not match its date: \"Friday, March 9, 2024\" (a Saturday)",
		Doc: `A weekday written next to a date must be the date's weekday. When they
disagree one of them is wrong, and readers who turn up on the wrong day
notice. The rule reads a weekday followed by a date in the common orders:
US ("Friday, March 9, 2024", "Fri., Mar. 9"), UK ("Friday 9 March 2024",
"Friday, 9th of March"), ISO ("Friday 2024-03-09"), with the date in
brackets ("on Tuesday (Jan. 3, 2023)"), and a date followed by its weekday
in brackets ("March 9, 2024 (Friday)"). Months may be written out or
abbreviated, with or without a dot.

When the date has no year, the rule takes the year from the front matter's
date (the year that puts the date nearest to the article's date, so a
January story can mention "Friday, December 29" of the year before); such a
finding is a warning, as the article's date may itself be off. Without a
year in the text or the front matter it says nothing. Numeric dates such as
"9/3/2024" are left alone: their order is ambiguous.

Check the date and the weekday against a calendar and correct the wrong
one.`,
		Examples: []Example{
			{Text: "The first phase is due to finish on Friday, March 9, 2024.", Fires: true},
			{Text: "The case was heard on Monday (Jan. 3, 2023) in Leeds.", Fires: true},
			{Text: "Polls close on Friday 9 March 2024.", Fires: true},
			{Text: "The report is due on Saturday, March 9, 2024.", Fires: false},
			{Text: "Polls close on Saturday 9 March 2024, or on Friday.", Fires: false},
			{Text: "The hearing resumes on Friday, March 9.", Fires: false},
			{Text: "The case was heard on Tuesday (Jan. 3, 2023) in Leeds.", Fires: false},
		},
	}
}

func (dateWeekday) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	var ref time.Time
	var refKind refDate
	refRead := false
	facts := blockFactsOf(doc)
	bi := -1
	eachBlockTokens(doc, func(b *article.Block, toks []match.Token) {
		bi++
		if !facts[bi].weekday {
			return
		}
		hasBracketWeekday := strings.Contains(b.Text, "day)") // "March 9, 2024 (Friday)"
		for j := range toks {
			wd, after, ok := weekdayAt(b.Text, toks, j)
			var d writtenDate
			end := 0 // index of the last token of the finding
			if ok {
				d, ok = dateAfterWeekday(b.Text, toks, after)
				end = d.last
			} else if !hasBracketWeekday {
				continue
			} else if d, ok = parseDateAt(b.Text, toks, j); ok {
				// "March 9, 2024 (Friday)".
				k := d.next
				if k+2 < len(toks) && toks[k].Fold == "(" && toks[k+2].Fold == ")" {
					wd, _, ok = weekdayAt(b.Text, toks, k+1)
					end = k + 2
				} else {
					ok = false
				}
			}
			if !ok {
				continue
			}
			if !refRead {
				// Read on first need: few documents have a date to judge.
				ref, refKind = frontMatterDate(doc.Meta.Date)
				refRead = true
			}
			diag, bad := judgeWeekday(b, toks[j].Start, toks[end].End, wd, d, ref, refKind)
			if bad {
				out = append(out, diag)
			}
		}
	})
	return out
}

// judgeWeekday compares the weekday wd with the date d, written together
// in the text range [start, end) of b.
func judgeWeekday(b *article.Block, start, end int, wd time.Weekday, d writtenDate, ref time.Time, refKind refDate) (Diagnostic, bool) {
	year, inferred := d.year, false
	if year == 0 {
		switch refKind {
		case noRef:
			return Diagnostic{}, false
		case yearRef:
			year = ref.Year()
		default:
			year = nearestYear(d.month, d.day, ref)
		}
		inferred = true
	}
	t := time.Date(year, d.month, d.day, 12, 0, 0, 0, time.UTC)
	if t.Month() != d.month || t.Day() != d.day {
		return Diagnostic{}, false // "February 30": not a date this rule can judge
	}
	if t.Weekday() == wd {
		return Diagnostic{}, false
	}
	s, e := b.SrcRange(start, end)
	when := fmt.Sprintf("%d %s %d", d.day, d.month, year)
	msg := fmt.Sprintf("%s is a %s, not a %s", when, t.Weekday(), wd)
	diag := Diagnostic{Start: s, End: e, Message: msg}
	if inferred {
		diag.Message = fmt.Sprintf("%s (the year of the article's date) is a %s, not a %s", when, t.Weekday(), wd)
		diag.Severity = Warning
	}
	return diag, true
}

// weekdayNearDate looks at the "day" at s[i:]: whether it ends a weekday
// name that a date follows (after a comma, a bracket or "the": a digit or a
// capital) or that stands in brackets after a date ("(Friday)").
func weekdayNearDate(s string, i int) bool {
	rest := s[i+3:]
	if strings.HasPrefix(rest, ")") {
		return true
	}
	rest = strings.TrimLeft(rest, " ,(")
	rest = strings.TrimPrefix(rest, "the ")
	if rest == "" {
		return false
	}
	c := rest[0]
	return '0' <= c && c <= '9' || strings.IndexByte("JFMASOND", c) >= 0
}

// weekdayPairList are the byte pairs at which the weekday filter
// (blockFacts.weekday) looks: "da" and "DA" (of "day", "DAY"; the cases
// mixed too, as the pair shares its bit), and a dot after a letter that
// ends an abbreviation or after a byte outside ASCII (strings.ToLower folds
// "İ" to "i", so "FRİ." was an abbreviation to the original test).
var weekdayPairList = []bytePair{{"dD", "aA", pairDay}, {"deinrstuDEINRSTU" + upperHalf(), ".", pairAbbrevDot}}

// upperHalf returns the bytes 0x80 to 0xFF.
func upperHalf() string {
	b := make([]byte, 0, 128)
	for c := 0x80; c <= 0xFF; c++ {
		b = append(b, byte(c))
	}
	return string(b)
}

// weekdayPairHit judges a stop of the weekday filter at s[i-1:i+1]: a
// "day" that ends a weekday name near a date, "DAY", or a weekday
// abbreviation before a dot.
func weekdayPairHit(s string, i int, bits pairBits) bool {
	if bits&pairDay != 0 && i+1 < len(s) {
		if s[i-1] == 'd' && s[i] == 'a' && s[i+1] == 'y' && weekdayNearDate(s, i-1) || s[i-1] == 'D' && s[i] == 'A' && s[i+1] == 'Y' {
			return true
		}
	}
	return bits&pairAbbrevDot != 0 && abbrevBeforeDot(s, i)
}

// abbrevBeforeDot reports whether the three, four or five bytes before
// the dot at s[i] are a weekday abbreviation in any case ("Fri.", "TUES.").
func abbrevBeforeDot(s string, i int) bool {
	if i >= 3 && s[i-3]|s[i-2]|s[i-1] < utf8.RuneSelf && !abbrevEnd(s[i-3], s[i-2], s[i-1]) {
		// Most dots end a sentence after a word that no abbreviation ends
		// with. The lower case of the three ASCII bytes before the dot is
		// the end of whatever either test below lowers, in ASCII or not.
		return false
	}
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

// abbrevEnd reports whether the ASCII bytes a, b, c are, in any case, the
// last three letters of a weekday abbreviation (a key of weekdayAbbrevs).
func abbrevEnd(a, b, c byte) bool {
	switch string([]byte{a | 0x20, b | 0x20, c | 0x20}) {
	case "sun", "mon", "tue", "ues", "wed", "thu", "hur", "urs", "fri", "sat":
		return true
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// weekdayAbbrevs count only when followed by a dot: "Sat" and "Sun" are
// words too.
var weekdayAbbrevs = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// weekdayAt reads a capitalised weekday name at toks[j]; after is the
// index of the token after it (and after an abbreviation's dot).
func weekdayAt(text string, toks []match.Token, j int) (wd time.Weekday, after int, ok bool) {
	t := toks[j]
	if t.Kind != match.Word || !t.IsCapitalized(text) {
		return 0, 0, false
	}
	if wd, ok := weekdays[t.Fold]; ok {
		return wd, j + 1, true
	}
	if wd, ok := weekdayAbbrevs[t.Fold]; ok && j+1 < len(toks) && toks[j+1].Fold == "." && !toks[j+1].SpaceBefore {
		return wd, j + 2, true
	}
	return 0, 0, false
}

var months = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March, "april": time.April,
	"may": time.May, "june": time.June, "july": time.July, "august": time.August, "september": time.September,
	"october": time.October, "november": time.November, "december": time.December,
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April, "jun": time.June,
	"jul": time.July, "aug": time.August, "sep": time.September, "sept": time.September, "oct": time.October,
	"nov": time.November, "dec": time.December,
}

// writtenDate is a date read from tokens; year is 0 when not written.
type writtenDate struct {
	year       int
	month      time.Month
	day        int
	last, next int // index of the date's last token, and of the token after it
}

// dateAfterWeekday reads the date that follows a weekday at toks[k]:
// after an optional comma, an optional opening bracket and an optional
// "the".
func dateAfterWeekday(text string, toks []match.Token, k int) (writtenDate, bool) {
	if k < len(toks) && toks[k].Fold == "," {
		k++
	}
	if k < len(toks) && toks[k].Fold == "(" {
		k++
	}
	if k < len(toks) && toks[k].Fold == "the" {
		k++
	}
	return parseDateAt(text, toks, k)
}

// parseDateAt reads a US, UK or ISO date starting at toks[k].
func parseDateAt(text string, toks []match.Token, k int) (writtenDate, bool) {
	if k >= len(toks) || toks[k].Kind != match.Word {
		return writtenDate{}, false
	}
	if d, ok := isoDate(toks, k); ok {
		return d, true
	}
	// US: Month[.] Day[,] [Year]
	if m, n, ok := monthAt(text, toks, k); ok {
		day, ok := dayAt(toks, n)
		if !ok {
			return writtenDate{}, false
		}
		d := writtenDate{month: m, day: day, last: n, next: n + 1}
		readYear(toks, &d)
		return d, true
	}
	// UK: Day [of] Month[.] [,] [Year]
	day, ok := dayAt(toks, k)
	if !ok {
		return writtenDate{}, false
	}
	n := k + 1
	if n < len(toks) && toks[n].Fold == "of" {
		n++
	}
	m, n2, ok := monthAt(text, toks, n)
	if !ok {
		return writtenDate{}, false
	}
	last := n2 - 1
	d := writtenDate{month: m, day: day, last: last, next: n2}
	readYear(toks, &d)
	return d, true
}

// monthAt reads a capitalised month name or abbreviation (with an
// optional dot) at toks[k]; n is the index after it.
func monthAt(text string, toks []match.Token, k int) (time.Month, int, bool) {
	if k >= len(toks) || toks[k].Kind != match.Word || !toks[k].IsCapitalized(text) {
		return 0, 0, false
	}
	m, ok := months[toks[k].Fold]
	if !ok {
		return 0, 0, false
	}
	n := k + 1
	if len(toks[k].Fold) <= 4 && toks[k].Fold != "june" && toks[k].Fold != "july" && n < len(toks) && toks[n].Fold == "." && !toks[n].SpaceBefore {
		n++
	}
	return m, n, true
}

// dayAt reads a day of the month, 1 to 31, with an optional ordinal
// suffix ("9th").
func dayAt(toks []match.Token, k int) (int, bool) {
	if k >= len(toks) || toks[k].Kind != match.Word {
		return 0, false
	}
	w := toks[k].Fold
	for _, suf := range [...]string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) {
			w = w[:len(w)-2]
			break
		}
	}
	if len(w) == 0 || len(w) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

// readYear extends d with a four-digit year after an optional comma.
func readYear(toks []match.Token, d *writtenDate) {
	k := d.next
	if k < len(toks) && toks[k].Fold == "," {
		k++
	}
	if y, ok := yearAt(toks, k); ok {
		d.year, d.last, d.next = y, k, k+1
	}
}

func yearAt(toks []match.Token, k int) (int, bool) {
	if k >= len(toks) || toks[k].Kind != match.Word || len(toks[k].Fold) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(toks[k].Fold)
	if err != nil || y < 1600 || y > 2200 {
		return 0, false
	}
	// "March 9, 2024-25": a season, not a year.
	if k+1 < len(toks) && !toks[k+1].SpaceBefore && (toks[k+1].Fold == "-" || toks[k+1].Fold == "/") {
		return 0, false
	}
	return y, true
}

// isoDate reads YYYY-MM-DD at toks[k].
func isoDate(toks []match.Token, k int) (writtenDate, bool) {
	if k+4 >= len(toks) || len(toks[k].Fold) != 4 || toks[k+1].Fold != "-" || toks[k+3].Fold != "-" {
		return writtenDate{}, false
	}
	for _, t := range toks[k+1 : k+5] {
		if t.SpaceBefore {
			return writtenDate{}, false
		}
	}
	y, err1 := strconv.Atoi(toks[k].Fold)
	m, err2 := strconv.Atoi(toks[k+2].Fold)
	d, err3 := strconv.Atoi(toks[k+4].Fold)
	if err1 != nil || err2 != nil || err3 != nil || len(toks[k+2].Fold) != 2 || len(toks[k+4].Fold) != 2 || m < 1 || m > 12 || d < 1 || d > 31 {
		return writtenDate{}, false
	}
	return writtenDate{year: y, month: time.Month(m), day: d, last: k + 4, next: k + 5}, true
}

// refDate says how much of a date the front matter gives.
type refDate uint8

const (
	noRef   refDate = iota
	yearRef         // a year alone
	dayRef          // a full date
)

// frontMatterDate reads the date of the front matter: an ISO date at the
// start ("2026-03-12", "2026-03-12T09:00:00Z"), a written-out date, or a
// year alone.
func frontMatterDate(s string) (time.Time, refDate) {
	s = strings.Trim(strings.TrimSpace(s), `"'`)
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, dayRef
		}
	}
	for _, layout := range []string{"January 2, 2006", "2 January 2006", "Jan 2, 2006", "2 Jan 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, dayRef
		}
	}
	if t, err := time.Parse("2006", s); err == nil {
		return t, yearRef
	}
	return time.Time{}, noRef
}

// nearestYear picks the year that puts month/day nearest to ref.
func nearestYear(m time.Month, d int, ref time.Time) int {
	best, bestDist := ref.Year(), time.Duration(1<<62)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		dist := time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Sub(ref)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}
