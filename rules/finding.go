package rules

// Finding is a diagnostic placed in a file: what formatters print. Lines and
// columns are 1-based, columns count Unicode code points; offsets are bytes.
// End positions are exclusive.
type Finding struct {
	Path        string       `json:"path"`
	Rule        string       `json:"rule"`
	Category    Category     `json:"category"`
	Severity    Severity     `json:"severity"`
	Message     string       `json:"message"`
	Line        int          `json:"line"`
	Column      int          `json:"column"`
	EndLine     int          `json:"end_line"`
	EndColumn   int          `json:"end_column"`
	Offset      int          `json:"offset"`
	EndOffset   int          `json:"end_offset"`
	Match       string       `json:"match"`
	Fingerprint string       `json:"fingerprint"`
	Related     []Location   `json:"related"`
	Fixes       []FindingFix `json:"fixes"`
}

// Location is a placed range, for related locations and fix edits.
type Location struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	Message   string `json:"message,omitempty"`
}

// FindingFix is a fix with placed edits.
type FindingFix struct {
	Message string        `json:"message"`
	Edits   []FindingEdit `json:"edits"`
}

// FindingEdit replaces the text at Location with New.
type FindingEdit struct {
	Location
	New string `json:"new"`
}

// Summary totals a run.
type Summary struct {
	Files      int            `json:"files"`
	Words      int            `json:"words"`
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"by_severity"`
	ByRule     map[string]int `json:"by_rule"`
}

// DocumentInfo describes one checked document, for reports and history.
type DocumentInfo struct {
	Path     string `json:"path"`
	Hash     string `json:"hash"` // hex SHA-256 of the source bytes
	Words    int    `json:"words"`
	Title    string `json:"title,omitempty"`
	Section  string `json:"section,omitempty"`
	Author   string `json:"author,omitempty"`
	Date     string `json:"date,omitempty"`
	Encoding string `json:"encoding,omitempty"`
}

// FileError is a file that could not be checked.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Result is the outcome of a run: findings in deterministic order (path,
// line, column, rule), the documents checked, and per-file errors.
type Result struct {
	Findings  []Finding
	Documents []DocumentInfo
	Summary   Summary
	Errors    []FileError
	// Notes are per-file remarks that are not findings (binary file skipped,
	// read as Windows-1252), as "path: note".
	Notes []string
}
