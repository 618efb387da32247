package similar

import (
	"fmt"
	"math"
	"math/bits"
	"path/filepath"
	"slices"
	"sync"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

// Archive gives the sketches of already published stories that may be
// related to a new one (the archive index's candidate lookup).
type Archive interface {
	Candidates(s *Sketch) ([]*Sketch, error)
}

// Rules returns the cross-document rules of the duplicate category, in
// alphabetical order: corpus-boilerplate, near-duplicate, reused-passage.
// They share one pass over the corpus per run.
func Rules() []rules.Rule { return RulesWith(nil) }

// RulesWith is Rules with an archive index: every checked story is also
// compared with the archive's candidates (check --index).
func RulesWith(archive Archive) []rules.Rule {
	s := &suite{archive: archive, calls: map[string]int{}}
	var out []rules.Rule
	for _, name := range []string{"corpus-boilerplate", "near-duplicate", "reused-passage"} {
		out = append(out, &corpusRule{suite: s, name: name, opts: DefaultOptions(), minBoilerplate: defaultMinBoilerplate})
	}
	return out
}

// defaultMinBoilerplate is the number of unrelated documents (distinct
// duplicate clusters) a block must recur in to be boilerplate: two or three
// copies of one story are the near-duplicate rule's business.
const defaultMinBoilerplate = 5

// suite is what the three rules share: per engine run, one corpus of
// sketches. The engine calls NewCorpus once per rule per run; the k-th call
// of each rule gets the k-th shared run, so every document is sketched
// once however many of the rules are on.
type suite struct {
	archive Archive
	mu      sync.Mutex
	calls   map[string]int
	runs    []*run
}

// run returns the shared run for a rule's NewCorpus call and records the
// rule's thresholds in it: one comparison serves the three rules, with the
// near-duplicate rule's similarity and containment and the reused-passage
// rule's passage length.
func (s *suite) run(rule string, opts Options) *run {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.calls[rule]
	s.calls[rule]++
	for len(s.runs) <= k {
		s.runs = append(s.runs, &run{archive: s.archive, seen: map[string]bool{}, opts: DefaultOptions()})
	}
	r := s.runs[k]
	r.mu.Lock()
	defer r.mu.Unlock()
	r.views++
	switch rule {
	case "near-duplicate":
		r.opts.MinSimilarity, r.opts.MinContainment = opts.MinSimilarity, opts.MinContainment
	case "reused-passage":
		r.opts.MinPassageWords = opts.MinPassageWords
	}
	return r
}

// corpusRule is one of the three duplicate rules. Its options live in the
// rule value itself, so that configuring a copy leaves the original alone.
type corpusRule struct {
	suite          *suite
	name           string
	opts           Options
	minBoilerplate int
}

var metas = map[string]rules.Meta{
	"corpus-boilerplate": {
		Name: "corpus-boilerplate", Category: rules.Duplicate, Severity: rules.Warning, Default: true,
		Summary: "A line or paragraph recurs across many of the checked documents",
		Doc: "A block that recurs, word for word once normalised, in at least 5 unrelated documents of one run " +
			"(copies of one story count once) is page furniture that a template or a scraper left in the copy: an " +
			"avatar line, a \"KEEP READING\" header, a share bar, a standard footer. Each occurrence is reported; consecutive recurring blocks (a menu, " +
			"a footer of several lines) make one finding that spans them. " +
			"Body text shared by two or three copies of a story is the near-duplicate rule's business. " +
			"Cross-document: it fires only when several files are checked together.",
		Options: map[string]string{"min_documents": "unrelated documents a block must recur in (default 5)"},
	},
	"near-duplicate": {
		Name: "near-duplicate", Category: rules.Duplicate, Severity: rules.Warning, Default: true,
		Summary: "The story is a copy, a light rewrite, or a truncated or padded copy of another",
		Doc: "Compares the bodies of the checked stories (and, with --index, the archive) by exact hashes, simhash " +
			"and MinHash candidates verified on exact word-shingle sets. A story whose body is identical, or whose " +
			"3-word shingles have a Jaccard similarity of at least 0.3 with another's, or which is (80% or more) " +
			"contained in a clearly longer one, is reported once, on the later or non-canonical copy (the canonical " +
			"copy has the earliest front-matter date, else the first path), with the other copy as related location. " +
			"Cross-document: it fires only when several files are checked together or an archive index is given.",
		Options: map[string]string{
			"min_similarity":  "Jaccard similarity from which two stories are near-duplicates (default 0.3)",
			"min_containment": "share of a shorter copy found in a longer one from which it is contained (default 0.8)",
		},
	},
	"reused-passage": {
		Name: "reused-passage", Category: rules.Duplicate, Severity: rules.Suggestion, Default: true,
		Summary: "Paragraphs of another story are reused in this one",
		Doc: "Two otherwise different stories that share one or more paragraphs (at least half of each paragraph's " +
			"shingles, 12 words or more in all): each reused passage is reported on the later story, with the " +
			"passage in the other story as related location. It is a suggestion by default: news copy often " +
			"reuses a background paragraph on purpose; raise it to a warning where reuse must be approved. " +
			"Cross-document: it fires only when several files are checked together or an archive index is given.",
		Options: map[string]string{"min_words": "words of reused paragraphs from which a passage is reported (default 12)"},
	},
}

func (r *corpusRule) Meta() rules.Meta { return metas[r.name] }

// Check finds nothing in one document: these rules work across documents.
func (r *corpusRule) Check(*article.Document) []rules.Diagnostic { return nil }

// NewCorpus returns this rule's view of the run's shared corpus.
func (r *corpusRule) NewCorpus() rules.Corpus {
	return &corpusView{run: r.suite.run(r.name, r.opts), rule: r.name, minBoilerplate: r.minBoilerplate}
}

type ruleOptions struct {
	MinSimilarity  *float64 `json:"min_similarity" yaml:"min_similarity" toml:"min_similarity"`
	MinContainment *float64 `json:"min_containment" yaml:"min_containment" toml:"min_containment"`
	MinWords       *int     `json:"min_words" yaml:"min_words" toml:"min_words"`
	MinDocuments   *int     `json:"min_documents" yaml:"min_documents" toml:"min_documents"`
}

// Configure sets the rule's thresholds. Options that belong to another of
// the three rules are refused.
func (r *corpusRule) Configure(decode func(into any) error) error {
	var o ruleOptions
	if err := decode(&o); err != nil {
		return err
	}
	opts := r.opts
	own := map[string][]string{
		"near-duplicate":     {"min_similarity", "min_containment"},
		"reused-passage":     {"min_words"},
		"corpus-boilerplate": {"min_documents"},
	}[r.name]
	given := map[string]bool{"min_similarity": o.MinSimilarity != nil, "min_containment": o.MinContainment != nil,
		"min_words": o.MinWords != nil, "min_documents": o.MinDocuments != nil}
	for k, set := range given {
		if set && !slices.Contains(own, k) {
			return fmt.Errorf("%s has no option %s", r.name, k)
		}
	}
	if o.MinSimilarity != nil {
		opts.MinSimilarity = *o.MinSimilarity
		if opts.MinSimilarity == 0 {
			return fmt.Errorf("min_similarity must be above 0")
		}
	}
	if o.MinContainment != nil {
		opts.MinContainment = *o.MinContainment
		if opts.MinContainment == 0 {
			return fmt.Errorf("min_containment must be above 0")
		}
	}
	if o.MinWords != nil {
		if *o.MinWords < 1 {
			return fmt.Errorf("min_words must be at least 1")
		}
		opts.MinPassageWords = *o.MinWords
	}
	if err := opts.Validate(); err != nil {
		return err
	}
	if o.MinDocuments != nil {
		if *o.MinDocuments < 2 {
			return fmt.Errorf("min_documents must be at least 2")
		}
		r.minBoilerplate = *o.MinDocuments
	}
	r.opts = opts
	return nil
}

// run is one engine run's shared corpus: the sketches of the checked
// documents and, once computed, their comparison with each other and with
// the archive. It lets go of them once every rule has finished.
type run struct {
	archive     Archive
	opts        Options
	mu          sync.Mutex
	seen        map[string]bool // paths added: each of the rules adds every document
	checked     []*Sketch
	checkedSet  map[*Sketch]bool // the same, as a set, once Finish needs it
	res         *Result
	archiveErrs []rules.CorpusDiagnostic
	views       int
	finished    int
}

type corpusView struct {
	run            *run
	rule           string
	minBoilerplate int
}

// Add sketches a document once, whichever of the rules sees it first.
func (v *corpusView) Add(doc *article.Document) {
	r := v.run
	r.mu.Lock()
	if r.seen[doc.Path] {
		r.mu.Unlock()
		return
	}
	r.seen[doc.Path] = true
	r.mu.Unlock()
	s := NewSketch(doc)
	r.mu.Lock()
	r.checked = append(r.checked, s)
	r.mu.Unlock()
}

// Finish compares the corpus (once for the three rules) and returns this
// rule's diagnostics.
func (v *corpusView) Finish() []rules.CorpusDiagnostic {
	r := v.run
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.checkedSet == nil {
		r.checkedSet = make(map[*Sketch]bool, len(r.checked))
		for _, s := range r.checked {
			r.checkedSet[s] = true
		}
	}
	checked := r.checkedSet
	res := r.result()
	var out []rules.CorpusDiagnostic
	switch v.rule {
	case "near-duplicate":
		out = append(slices.Clone(r.archiveErrs), nearDuplicates(res, checked)...)
	case "reused-passage":
		out = reusedPassages(res, checked)
	case "corpus-boilerplate":
		out = boilerplate(res, r.checked, v.minBoilerplate)
	}
	r.finished++
	if r.finished >= r.views {
		r.checked, r.checkedSet, r.res, r.seen = nil, nil, nil, nil
	}
	return out
}

// result compares the checked documents with each other and with the
// archive's candidates, once. r.mu is held.
func (r *run) result() *Result {
	if r.res != nil {
		return r.res
	}
	f := NewFinder(r.opts)
	for _, s := range r.checked {
		f.Add(s)
	}
	if r.archive != nil {
		paths := map[string]bool{}
		for _, s := range r.checked {
			paths[filepath.Clean(s.Path)] = true
		}
		added := map[string]bool{}
		for _, s := range r.checked {
			cands, err := r.archive.Candidates(s)
			if err != nil {
				r.archiveErrs = append(r.archiveErrs, rules.CorpusDiagnostic{Path: s.Path,
					Diagnostic: rules.Diagnostic{Start: s.BodyStart, End: s.BodyStart, Message: "archive index lookup failed: " + err.Error()}})
				continue
			}
			for _, c := range cands {
				if p := filepath.Clean(c.Path); !paths[p] && !added[p] {
					added[p] = true
					f.AddArchived(c)
				}
			}
		}
	}
	r.res = f.Find()
	return r.res
}

// side returns the target of a pair's finding (the later copy that was
// checked) and the other document, with their passage ranges.
func side(p Pair, checked map[*Sketch]bool) (target, other *Sketch, swap bool, ok bool) {
	switch {
	case checked[p.B]:
		return p.B, p.A, false, true
	case checked[p.A]:
		return p.A, p.B, true, true
	}
	return nil, nil, false, false
}

func nearDuplicates(res *Result, checked map[*Sketch]bool) []rules.CorpusDiagnostic {
	var out []rules.CorpusDiagnostic
	canonical := map[*Sketch]*Sketch{}
	for _, c := range res.Clusters {
		for _, m := range c.Members {
			canonical[m] = c.Canonical
		}
	}
	best := map[*Sketch]Pair{}
	var order []*Sketch
	for _, p := range res.Pairs {
		if p.Kind == SharedPassage {
			continue
		}
		t, o, _, ok := side(p, checked)
		if !ok {
			continue
		}
		prev, seen := best[t]
		if !seen {
			order = append(order, t)
			best[t] = p
			continue
		}
		// Prefer the pair with the cluster's canonical copy, then the
		// closest copy.
		_, po, _, _ := side(prev, checked)
		toCanon, prevToCanon := o == canonical[t], po == canonical[t]
		if toCanon && !prevToCanon || toCanon == prevToCanon && p.Jaccard > prev.Jaccard {
			best[t] = p
		}
	}
	for _, t := range order {
		p := best[t]
		_, o, swap, _ := side(p, checked)
		ts, te, os, oe := t.BodyStart, t.BodyEnd, o.BodyStart, o.BodyEnd
		if len(p.Passages) > 0 {
			ts, te = minmax(p.Passages, !swap)
			os, oe = minmax(p.Passages, swap)
		}
		var msg string
		switch {
		case p.Kind == Duplicate:
			msg = fmt.Sprintf("duplicate of %s", o.Path)
		case p.Kind == Contained && t.Words < o.Words:
			msg = fmt.Sprintf("truncated copy of %s (%.0f%% of this text is in it)", o.Path, 100*p.Containment)
		case p.Kind == Contained:
			msg = fmt.Sprintf("padded copy of %s (contains %.0f%% of it)", o.Path, 100*p.Containment)
		default:
			msg = fmt.Sprintf("near-duplicate of %s (Jaccard %.2f, containment %.2f)", o.Path, p.Jaccard, p.Containment)
		}
		out = append(out, rules.CorpusDiagnostic{Path: t.Path, Diagnostic: rules.Diagnostic{
			Start: ts, End: te, Message: msg,
			Related: []rules.Related{{Path: o.Path, Start: os, End: oe, Message: "the other copy"}},
		}})
	}
	return out
}

// minmax returns the span of the passages on B's side (b) or A's side.
func minmax(ps []Passage, b bool) (int, int) {
	lo, hi := -1, -1
	for _, p := range ps {
		s, e := p.AStart, p.AEnd
		if b {
			s, e = p.BStart, p.BEnd
		}
		if lo < 0 || s < lo {
			lo = s
		}
		if e > hi {
			hi = e
		}
	}
	return lo, hi
}

// reusedPassages reports each shared passage once per story it came from:
// when the other story has several copies, the pair with its canonical copy
// (else the first) speaks for them all.
func reusedPassages(res *Result, checked map[*Sketch]bool) []rules.CorpusDiagnostic {
	var out []rules.CorpusDiagnostic
	canonical := map[*Sketch]*Sketch{}
	for _, c := range res.Clusters {
		for _, m := range c.Members {
			canonical[m] = c.Canonical
		}
	}
	type key struct{ target, story *Sketch }
	chosen := map[key]int{}
	var keys []key
	for i, p := range res.Pairs {
		if p.Kind != SharedPassage {
			continue
		}
		t, o, _, ok := side(p, checked)
		if !ok {
			continue
		}
		k := key{t, o}
		if c := canonical[o]; c != nil {
			k.story = c
		}
		prev, seen := chosen[k]
		if !seen {
			keys = append(keys, k)
			chosen[k] = i
			continue
		}
		if _, po, _, _ := side(res.Pairs[prev], checked); po != k.story && o == k.story {
			chosen[k] = i
		}
	}
	for _, k := range keys {
		p := res.Pairs[chosen[k]]
		t, o, swap, _ := side(p, checked)
		for _, ps := range p.Passages {
			ts, te, os, oe := ps.BStart, ps.BEnd, ps.AStart, ps.AEnd
			if swap {
				ts, te, os, oe = os, oe, ts, te
			}
			out = append(out, rules.CorpusDiagnostic{Path: t.Path, Diagnostic: rules.Diagnostic{
				Start: ts, End: te, Message: fmt.Sprintf("passage of %d words reused from %s", ps.Words, o.Path),
				Related: []rules.Related{{Path: o.Path, Start: os, End: oe, Message: "the same passage"}},
			}})
		}
	}
	return out
}

// boilerplate reports the blocks that recur in at least minBoilerplate
// unrelated checked documents (documents of one duplicate cluster count
// once).
func boilerplate(res *Result, checked []*Sketch, minDocs int) []rules.CorpusDiagnostic {
	var out []rules.CorpusDiagnostic
	group := map[*Sketch]int{}
	for i, c := range res.Clusters {
		for _, m := range c.Members {
			group[m] = i + 1
		}
	}
	sks := slices.Clone(checked)
	slices.SortFunc(sks, func(a, b *Sketch) int {
		switch {
		case a.Path < b.Path:
			return -1
		case a.Path > b.Path:
			return 1
		}
		return 0
	})
	// What is known of each distinct block: where it first occurs and in
	// how many documents. Blocks are numbered in order of first
	// occurrence; ids holds the number of every paragraph of every
	// document in turn.
	type occ struct {
		first, at int32 // document (in sks) and paragraph of the first occurrence
		docs      int32
		last      int32 // index+1 of the last document counted
	}
	total := 0
	for _, s := range sks {
		total += len(s.Paras)
	}
	// Most blocks occur once. A first pass counts the blocks' hashes in
	// buckets (saturating): only a block whose bucket holds minDocs
	// occurrences or more can recur in minDocs documents, and only those
	// few blocks go into the index; the others get the id -1.
	buckets := make([]uint8, max(1024, 1<<bits.Len(uint(4*total))))
	mask := uint64(len(buckets) - 1)
	for _, s := range sks {
		for _, p := range s.Paras {
			if b := &buckets[p.Hash&mask]; *b < math.MaxUint8 {
				*b++
			}
		}
	}
	least := uint8(min(minDocs, math.MaxUint8))
	var occs []occ
	ids := make([]int32, 0, total)
	index := map[uint64]int32{}
	for i, s := range sks {
		for k, p := range s.Paras {
			if buckets[p.Hash&mask] < least {
				ids = append(ids, -1)
				continue
			}
			j, ok := index[p.Hash]
			if !ok {
				j = int32(len(occs))
				index[p.Hash] = j
				occs = append(occs, occ{first: int32(i), at: int32(k)})
			}
			ids = append(ids, j)
			if o := &occs[j]; o.last != int32(i+1) {
				o.last = int32(i + 1)
				o.docs++
			}
		}
	}
	// The distinct groups (up to minDocs) of the blocks found in minDocs
	// documents or more: no other block can recur in minDocs unrelated
	// ones.
	groups := map[int32][]int{}
	next := 0
	for i, s := range sks {
		g := 0 // the document's group, looked up at its first such block
		for range s.Paras {
			j := ids[next]
			next++
			if j < 0 || int(occs[j].docs) < minDocs {
				continue
			}
			if g == 0 {
				if g = group[s]; g == 0 {
					g = -(i + 1)
				}
			}
			if gs := groups[j]; len(gs) < minDocs && !slices.Contains(gs, g) {
				groups[j] = append(gs, g)
			}
		}
	}
	boiler := func(j int32) bool { return j >= 0 && int(occs[j].docs) >= minDocs && len(groups[j]) >= minDocs }
	// Consecutive boilerplate blocks (a menu, a footer of several lines)
	// make one finding, spanning them, as an editor deletes them at once.
	next = 0
	for _, s := range sks {
		doc := ids[next : next+len(s.Paras)]
		next += len(s.Paras)
		for k := 0; k < len(s.Paras); k++ {
			if !boiler(doc[k]) {
				continue
			}
			o := &occs[doc[k]]
			first, most := k, int(o.docs)
			for k+1 < len(s.Paras) && boiler(doc[k+1]) {
				k++
				most = max(most, int(occs[doc[k]].docs))
			}
			d := rules.Diagnostic{Start: s.Paras[first].Start, End: s.Paras[k].End,
				Message: fmt.Sprintf("boilerplate: this block recurs in %d of the checked documents", o.docs)}
			if k > first {
				d.Message = fmt.Sprintf("boilerplate: these %d blocks recur in up to %d of the checked documents", k-first+1, most)
			}
			if f := sks[o.first]; f != s {
				fp := f.Paras[o.at]
				d.Related = []rules.Related{{Path: f.Path, Start: fp.Start, End: fp.End, Message: "first occurrence"}}
			}
			out = append(out, rules.CorpusDiagnostic{Path: s.Path, Diagnostic: d})
		}
	}
	return out
}
