package similar

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	base := prose(1, 4)
	changed := append([]string{}, base...)
	ws := strings.Fields(changed[2])
	old := ws[3]
	ws[3] = "REPLACED"
	changed[2] = strings.Join(ws, " ")
	got := Diff(parse(t, "a.txt", text("H", base...)), parse(t, "b.txt", text("H", changed...)), DiffOptions{Indent: "  ", Width: 60})
	if !strings.Contains(got, "[-"+old+"-] {+REPLACED+}") {
		t.Errorf("diff does not mark the changed word:\n%s", got)
	}
	if !strings.Contains(got, "unchanged words …]") {
		t.Errorf("long unchanged runs not folded:\n%s", got)
	}
	for _, line := range strings.Split(strings.TrimRight(got, "\n"), "\n") {
		if !strings.HasPrefix(line, "  ") || len([]rune(line)) > 60 && strings.Count(line, " ") > 2 {
			t.Errorf("line not indented or not wrapped: %q", line)
		}
	}
	if same := Diff(parse(t, "a.txt", text("H", base...)), parse(t, "b.txt", text("Other", base...)), DiffOptions{}); same != "(the same words)\n" {
		t.Errorf("identical bodies give changes:\n%s", same)
	}
}
