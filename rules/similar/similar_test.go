package similar

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

func TestWordHashesNormalise(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"The “quick” brown fox—jumped", "the \"quick\" brown fox - jumped", true},
		{"Don't stop", "don’t STOP", true},
		{"ﬁnance １２", "finance 12", true},
		{"Straße café", "STRASSE CAFÉ", false},
		{"Москва приняла закон", "москва приняла закон", true},
		{"Москва приняла закон", "Киев отклонил проект", false},
		{"東京都の新しい", "東京都の新しい", true},
		{"price 100", "price 200", false},
	}
	for _, tt := range tests {
		a, b := wordHashes(nil, tt.a), wordHashes(nil, tt.b)
		same := len(a) == len(b)
		for i := range a {
			if same && a[i] != b[i] {
				same = false
			}
		}
		if same != tt.same {
			t.Errorf("%q vs %q: same = %v, want %v (%d vs %d words)", tt.a, tt.b, same, tt.same, len(a), len(b))
		}
	}
	if n := len(wordHashes(nil, "東京都の新しい")); n != 7 {
		t.Errorf("unspaced script: %d words, want one per character (7)", n)
	}
	if n := len(wordHashes(nil, "Москва приняла закон")); n != 3 {
		t.Errorf("Cyrillic: %d words, want 3", n)
	}
}

func TestSketchExcludesFurniture(t *testing.T) {
	body := prose(1, 4)
	plain := sketch(t, "a.txt", text("Headline", body...))
	chrome := sketch(t, "b.txt", text("Another headline", append(append([]string{"Jo Patel avatar", "By"}, body...), "KEEP READING", "Share this")...))
	if plain.BodyHash != chrome.BodyHash {
		t.Errorf("headline, byline and residue lines changed the body hash")
	}
	if plain.Words == 0 || plain.Words != chrome.Words {
		t.Errorf("words = %d and %d, want equal and non-zero", plain.Words, chrome.Words)
	}
	var furniture int
	for _, p := range chrome.Paras {
		if !p.Body {
			furniture++
		}
	}
	if furniture != 3 {
		t.Errorf("%d non-body blocks kept for the boilerplate rule, want 3 (avatar, KEEP READING, share: %+v)", furniture, chrome.Paras)
	}
}

func TestCompareKinds(t *testing.T) {
	base := prose(1, 8)
	other := prose(2, 8)
	tests := []struct {
		name string
		b    string
		want Kind // "" for unrelated
	}{
		{"identical", text("H", base...), Duplicate},
		{"reformatted", text("Other headline", strings.ToUpper(strings.Join(base, "\n\n"))), Duplicate},
		{"light rewrite", text("H", rewrite(base, 20)...), NearDuplicate},
		{"15 percent rewrite", text("H", rewrite(base, 7)...), NearDuplicate},
		{"reordered", text("H", append(append([]string{}, base[4:]...), base[:4]...)...), NearDuplicate},
		{"truncated", text("H", base[:5]...), Contained},
		{"padded", text("H", append(append([]string{}, base...), other[:4]...)...), Contained},
		{"pasted passage", text("H", append(append([]string{}, other...), base[2:4]...)...), SharedPassage},
		{"unrelated", text("H", other...), ""},
	}
	a := sketch(t, "a.txt", text("H", base...))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := sketch(t, "b.txt", tt.b)
			p, ok := Compare(a, b, Options{})
			if ok != (tt.want != "") || p.Kind != tt.want {
				t.Fatalf("Compare = %v, %q (J %.2f, C %.2f), want %q", ok, p.Kind, p.Jaccard, p.Containment, tt.want)
			}
			if ok && (p.A.Path != "a.txt" || p.B.Path != "b.txt") {
				t.Errorf("pair order %s, %s; want the first path canonical", p.A.Path, p.B.Path)
			}
			if tt.want == SharedPassage {
				if len(p.Passages) != 1 {
					t.Fatalf("passages %+v, want one", p.Passages)
				}
				src := text("H", append(append([]string{}, other...), base[2:4]...)...)
				got := src[p.Passages[0].BStart:p.Passages[0].BEnd]
				if want := base[2] + "\n\n" + base[3]; got != want {
					t.Errorf("passage in B = %q, want %q", got, want)
				}
			}
		})
	}
}

func TestCanonicalByDate(t *testing.T) {
	body := prose(3, 5)
	early := sketch(t, "z.md", text("H", body...))
	early.Date = parseDate("2024-01-02")
	late := sketch(t, "a.md", text("H", body...))
	late.Date = parseDate("March 1, 2024")
	if early.Date.IsZero() || late.Date.IsZero() {
		t.Fatal("dates not parsed")
	}
	f := NewFinder(Options{})
	f.Add(late)
	f.Add(early)
	r := f.Find()
	if len(r.Clusters) != 1 || r.Clusters[0].Canonical.Path != "z.md" {
		t.Fatalf("clusters %+v, want one with canonical z.md (earlier date)", r.Clusters)
	}
	if len(r.Pairs) != 1 || r.Pairs[0].A.Path != "z.md" {
		t.Errorf("pair A = %v, want the earlier z.md", r.Pairs)
	}
}

// TestBadInput: empty, one-word, non-Latin, binary-looking and repetitive
// documents never pair up spuriously.
func TestBadInput(t *testing.T) {
	docs := map[string]string{
		"empty1.txt":  "",
		"empty2.txt":  "\n\n\n",
		"word1.txt":   "Hello\n\nworld\n",
		"word2.txt":   "Hello\n\nworld\n",
		"punct.txt":   "H\n\n!!! ??? ...\n",
		"ru.txt":      text("Заголовок", "Правительство объявило о новых мерах поддержки малого бизнеса в регионах страны после совещания в понедельник вечером."),
		"ja.txt":      text("見出し", "政府は月曜日の会議の後、地方の中小企業を支援する新しい措置を発表しました。"),
		"zh.txt":      text("标题", "政府在周一的会议后宣布了支持各地区小企业的新措施，专家表示欢迎。"),
		"latin.txt":   text("H", prose(5, 3)...),
		"repeat.txt":  text("H", strings.Repeat(prose(6, 1)[0]+"\n\n", 2000)),
		"repeat2.txt": text("H", strings.Repeat(prose(7, 1)[0]+"\n\n", 2000)),
	}
	f := NewFinder(Options{})
	for p, src := range docs {
		f.Add(sketch(t, p, src))
	}
	r := f.Find()
	for _, p := range r.Pairs {
		t.Errorf("spurious pair %s %s (%s, J %.2f)", p.A.Path, p.B.Path, p.Kind, p.Jaccard)
	}
}

// TestIdenticalBoilerplateIsLinear: ten thousand documents made of the same
// boilerplate paragraph give a star of exact-duplicate pairs, not 50
// million.
func TestIdenticalBoilerplateIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow in -short mode")
	}
	src := text("H", prose(9, 1)[0])
	sk := sketch(t, "x.txt", src)
	f := NewFinder(Options{})
	const n = 10000
	for i := range n {
		c := *sk
		c.Path = "doc" + strings.Repeat("0", 5-len(itoa(i))) + itoa(i) + ".txt"
		f.Add(&c)
	}
	r := f.Find()
	if len(r.Pairs) != n-1 || len(r.Clusters) != 1 || len(r.Clusters[0].Members) != n {
		t.Errorf("%d pairs, %d clusters; want %d pairs in one cluster", len(r.Pairs), len(r.Clusters), n-1)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestSketchRoundTrip(t *testing.T) {
	s := sketch(t, "dir/a.md", text("H", append(prose(4, 6), "KEEP READING")...))
	s.Date = parseDate("2024-05-06")
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Sketch
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if p, ok := Compare(s, &got, Options{}); !ok || p.Kind != Duplicate {
		t.Errorf("decoded sketch compares as %v %q", ok, p.Kind)
	}
	if got.Path != s.Path || !got.Date.Equal(s.Date) || got.Simhash != s.Simhash || len(got.Paras) != len(s.Paras) ||
		len(got.Seq) != len(s.Seq) || len(got.Bands) != len(s.Bands) || got.BodyStart != s.BodyStart || got.BodyEnd != s.BodyEnd {
		t.Errorf("round trip changed the sketch:\n got %+v\nwant %+v", got, *s)
	}
	for _, bad := range [][]byte{nil, []byte("CDS"), b[:len(b)/2], append([]byte("XXXX"), b[4:]...)} {
		var x Sketch
		if err := x.UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%d bytes of damaged data) succeeded", len(bad))
		}
	}
}

// FuzzUnmarshalSketch: damaged or hostile archive data is an error, never a
// panic, and whatever decodes can be compared safely.
func FuzzUnmarshalSketch(f *testing.F) {
	s := NewSketch(parse(f, "a.txt", text("H", prose(1, 3)...)))
	b, _ := s.MarshalBinary()
	f.Add(b)
	f.Add([]byte("CDS2"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var x Sketch
		if err := x.UnmarshalBinary(data); err != nil {
			return
		}
		Compare(s, &x, Options{})
		Compare(&x, &x, Options{})
	})
}

// FuzzNewSketch: any text sketches without panicking, and its paragraph
// ranges stay inside the source.
func FuzzNewSketch(f *testing.F) {
	f.Add("Headline\n\nSome words here.\n")
	f.Add("東京\n\n政府は新しい措置を発表しました。\n")
	f.Add("\xff\xfe bad \x80 bytes\n\n''' ’’ —")
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := article.Parse("f.txt", []byte(src))
		if err != nil {
			return
		}
		s := NewSketch(doc)
		for _, p := range s.Paras {
			if p.Start < 0 || p.End > len(src) || p.Start > p.End || p.SeqEnd > len(s.Seq) {
				t.Fatalf("paragraph %+v out of range (%d bytes, %d shingles)", p, len(src), len(s.Seq))
			}
		}
		Compare(s, s, Options{})
	})
}

// TestHugeDocuments: megabyte-sized stories are sketched and compared in
// one linear pass, and do not swallow small unrelated ones.
func TestHugeDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("slow in -short mode")
	}
	big := prose(21, 12000) // about 2.5 MB
	edited := append([]string{}, big...)
	edited[500] = prose(22, 1)[0]
	f := NewFinder(Options{})
	f.Add(sketch(t, "big.txt", text("H", big...)))
	f.Add(sketch(t, "big-edited.txt", text("H", edited...)))
	f.Add(sketch(t, "small.txt", text("H", prose(23, 4)...)))
	r := f.Find()
	if len(r.Pairs) != 1 || r.Pairs[0].Kind != NearDuplicate || r.Pairs[0].B.Path != "big.txt" && r.Pairs[0].A.Path != "big.txt" {
		for _, p := range r.Pairs {
			t.Logf("pair %s %s %s J=%.3f", p.A.Path, p.B.Path, p.Kind, p.Jaccard)
		}
		t.Fatalf("%d pairs, want big.txt and big-edited.txt as near-duplicates only", len(r.Pairs))
	}
}
