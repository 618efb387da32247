package match

import (
	"slices"
	"strings"
	"testing"
)

// quoted renders the quotations of text as their texts joined by "|".
func quoted(text string, rs []Range) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, text[r.Start:r.End])
	}
	return strings.Join(parts, "|")
}

func TestQuotations(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		single bool
		want   string
	}{
		{"straight pair", `He said "we must act" on Monday.`, false, `"we must act"`},
		{"two quotations", `"I'm leaving," he said, "and not coming back."`, false, `"I'm leaving,"|"and not coming back."`},
		{"curly", "She called it “a rich tapestry” of ideas.", false, "“a rich tapestry”"},
		{"guillemets", "Il a dit «non» hier.", false, "«non»"},
		{"low opening mark", "Er sagte „nein“ gestern.", false, "„nein“"},
		{"open to the end (continues next paragraph)", `"We have waited long enough. Every winter we fill sandbags`, false, `"We have waited long enough. Every winter we fill sandbags`},
		{"continuation paragraph that closes", `"And we hope," he said. Then he left.`, false, `"And we hope,"`},
		{"tail of an earlier paragraph's quotation", `we fill sandbags and hope," he said. "Yes."`, false, `we fill sandbags and hope,"|"Yes."`},
		{"paragraphs of one quotation run together", `"If a party rings a voter it may be in breach. "In summary, it depends," he said.`, false, `"If a party rings a voter it may be in breach. "In summary, it depends,"`},
		{"lost paragraph break after an unclosed quotation", `Cole added: "Of course he'll learn. Narration here. Wenger said: "Freddie is an option." Then narration.`, false, `"Of course he'll learn. Narration here. Wenger said: "Freddie is an option."`},
		{"closing after a sentence end", `"It is over." He left. "Yes," she said.`, false, `"It is over."|"Yes,"`},
		{"two apostrophes for a double mark", "He said: ''We want an answer.'' Then he left.", false, "''We want an answer.''"},
		{"two apostrophes in a headline", "Coach ''happy'' with 'brave' side", true, "''happy''|'brave'"},
		{"curly closing mark first", "and hope,” he said.", false, "and hope,”"},
		{"no quotations", "The council met on Tuesday.", false, ""},
		{"curly single quotes in body text", "She said ‘we are a small company’ and left; it’s the Joneses’ shop.", false, "‘we are a small company’"},
		{"unclosed curly single mark", "The ‘plan is off, it’s said.", false, ""},
		{"curly decade", "Back to the ‘90s, he said.", false, ""},
		{"apostrophes are not quotes in body text", "It's the council's 'plan', he said.", false, ""},
		{"headline single quotes", "Call centre users 'lose patience'", true, "'lose patience'"},
		{"headline at start", "'Strong dollar' call halts slide", true, "'Strong dollar'"},
		{"headline two quotations", "Rank 'set to sell' and 'buy' units", true, "'set to sell'|'buy'"},
		{"curly single", "Minister ‘misled’ MPs", true, "‘misled’"},
		{"apostrophes in a headline", "Wembley firm won't make a profit", true, ""},
		{"plural possessive", "Bosses' pay rises 'too high'", true, "'too high'"},
		{"decade", "Back to the '90s with 'Britpop' revival", true, "'Britpop'"},
		{"rock and roll", "Rock 'n' roll is 'dead', says star", true, "'dead'"},
		{"elision", "Give 'em a chance", true, ""},
		{"unclosed single mark", "The 'plan is off", true, ""},
		{"single inside double", `He said "it's 'fine'" today`, true, `"it's 'fine'"`},
		{"single then double", `'Yes' he said "no"`, true, `'Yes'|"no"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := Quotations(tt.text, tt.single, nil)
			if got := quoted(tt.text, rs); got != tt.want {
				t.Errorf("Quotations(%q, %v) = %q, want %q", tt.text, tt.single, got, tt.want)
			}
			for i, r := range rs {
				if r.Start < 0 || r.End > len(tt.text) || r.Start >= r.End || i > 0 && r.Start < rs[i-1].End {
					t.Errorf("bad or unordered range %v in %v", r, rs)
				}
			}
		})
	}
}

func TestOverlaps(t *testing.T) {
	rs := []Range{{2, 5}, {10, 12}}
	tests := []struct {
		start, end int
		want       bool
	}{
		{0, 2, false}, {0, 3, true}, {4, 9, true}, {5, 10, false}, {11, 20, true}, {12, 20, false},
	}
	for _, tt := range tests {
		if got := Overlaps(rs, tt.start, tt.end); got != tt.want {
			t.Errorf("Overlaps(%v, %d, %d) = %v, want %v", rs, tt.start, tt.end, got, tt.want)
		}
	}
	if Overlaps(nil, 0, 10) {
		t.Error("Overlaps(nil) = true")
	}
}

func FuzzQuotations(f *testing.F) {
	for _, s := range []string{`"a" b "c`, "‘x’ 'y' “z” «w»", "don't 'n' '90s", `x" y`} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, single bool) {
		rs := Quotations(text, single, nil)
		if ref := quotationsRef(text, single, nil); !slices.Equal(rs, ref) {
			t.Fatalf("Quotations(%q, %v) = %v, reference %v", text, single, rs, ref)
		}
		for i, r := range rs {
			if r.Start < 0 || r.End > len(text) || r.Start >= r.End || i > 0 && r.Start < rs[i-1].End {
				t.Fatalf("Quotations(%q, %v): bad or unordered range %v in %v", text, single, r, rs)
			}
		}
	})
}

func BenchmarkQuotations(b *testing.B) {
	text := strings.Repeat(`The council said on Tuesday that the barrier, which will cost £40m, was “long overdue”. "We have waited long enough," said the harbour master. `, 20)
	var rs []Range
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		rs = Quotations(text, false, rs)
	}
}

// markFinder finds every byte that may start a double mark, in order, as a
// scan of each byte would: ", two apostrophes, and the lead bytes of curly
// marks and guillemets.
func TestMarkFinder(t *testing.T) {
	for _, text := range []string{
		"", "no marks", `"`, `He said "it's “done” «now»" and 'so'.`, "’’''\"\"", "a\u2014b\u00a0c", "x'''y'", "'",
	} {
		var want, got []int
		for i := 0; i < len(text); i++ {
			if c := text[i]; c == '"' || strings.HasPrefix(text[i:], "''") || c == 0xE2 || c == 0xC2 {
				want = append(want, i)
			}
		}
		f := newMarkFinder(text)
		for i := f.next(0); i < len(text); i = f.next(i + 1) {
			got = append(got, i)
		}
		if !slices.Equal(got, want) {
			t.Errorf("marks of %q at %v, want %v", text, got, want)
		}
	}
}
