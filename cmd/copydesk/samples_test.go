package main

import (
	"bufio"
	"bytes"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The sample articles: every problem planted in scraped-story.txt is found
// by the default rules and nothing else is flagged; clean-story.md stays
// clean; wire-brief.html has its one template variable.
func TestSampleArticles(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"copydesk", "check", "../../testdata/articles"}, nil, &out, &errb)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1; stderr: %s", code, errb.String())
	}
	line := regexp.MustCompile(`^\.\./\.\./testdata/articles/([^:]+):(\d+):\d+: \w+: .* \[([a-z-]+)\]$`)
	var got []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("unexpected output line %q", sc.Text())
		}
		got = append(got, m[1]+"\t"+m[2]+"\t"+m[3])
	}
	planted, err := os.ReadFile("../../testdata/articles/scraped-story.planted")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"wire-brief.html\t15\tplaceholder"}
	for _, l := range strings.Split(string(planted), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		want = append(want, "scraped-story.txt\t"+f[0]+"\t"+f[1])
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings (file, line, rule):\n%s\n\nwant (planted):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
