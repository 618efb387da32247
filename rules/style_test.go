package rules

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// styleRules are the rules that share styleBlocksOf.
func styleRules() []Rule {
	return []Rule{awkwardPhrase{}, editorializing{}, &longSentence{maxWords: 10}, vagueAttribution{}}
}

// styleSample has something for every style rule.
const styleSample = "Barrier plans\n\nIt is important to note that critics argue the end result was poor. " +
	"We must act, and the minister clearly misjudged the mood of the chamber on Tuesday night.\n"

// Every style rule is quiet in block quotations, bylines and datelines,
// whatever the parser made of them.
func TestStyleRulesQuietOutsideCopy(t *testing.T) {
	for _, r := range styleRules() {
		doc, err := article.ParseFormat("a.txt", []byte(styleSample), article.Text)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Check(doc)) == 0 {
			t.Fatalf("%s: no finding on the sample: the test below would prove nothing", r.Meta().Name)
		}
		for _, mark := range []func(b *article.Block){
			func(b *article.Block) { b.InQuote = true },
			func(b *article.Block) { b.Kind = article.Quote },
			func(b *article.Block) { b.Kind = article.Byline },
			func(b *article.Block) { b.Kind = article.Dateline },
		} {
			doc, _ := article.ParseFormat("a.txt", []byte(styleSample), article.Text)
			for i := range doc.Blocks {
				mark(&doc.Blocks[i])
			}
			if ds := r.Check(doc); len(ds) > 0 {
				t.Errorf("%s: %d findings in blocks that are not the writer's copy: %v", r.Meta().Name, len(ds), ds)
			}
		}
	}
}

// The shared per-document cache gives every goroutine the findings a lone
// check gives.
func TestStyleRulesConcurrent(t *testing.T) {
	const docs = 40
	srcs := make([][]byte, docs)
	want := make([][][]Diagnostic, docs)
	for i := range srcs {
		srcs[i] = fmt.Appendf(nil, "Story %d\n\n%s%s", i, styleSample[len("Barrier plans\n\n"):], fmt.Sprintf("Paragraph %d ends the story.\n", i))
		for _, r := range styleRules() {
			doc, _ := article.ParseFormat("a.txt", srcs[i], article.Text)
			want[i] = append(want[i], r.Check(doc))
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range srcs {
				doc, _ := article.ParseFormat("a.txt", srcs[i], article.Text)
				for k, r := range styleRules() {
					if got := r.Check(doc); !reflect.DeepEqual(got, want[i][k]) {
						t.Errorf("document %d, %s: concurrent check differs: %v, want %v", i, r.Meta().Name, got, want[i][k])
					}
				}
			}
		}()
	}
	wg.Wait()
}
