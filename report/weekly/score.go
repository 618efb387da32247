package weekly

import (
	"fmt"
	"math"
)

// The quality score. Each document's findings are weighted by severity
// (error 10, warning 3, suggestion 1) and divided by its length in
// thousands of words, with the length taken as at least MinWords so that a
// single slip in a 60-word brief cannot sink it. The document's score is
//
//	score = 100 × 2^(−density / HalfLife)
//
// so a clean document scores 100 and the score halves with every 30
// weighted points per 1,000 words (3 errors, 10 warnings or 30
// suggestions). A period's score is the mean of its documents' scores
// weighted by their words, so a long feature counts for more than a brief,
// and fixing a document raises the period score by
// words × (100 − score) / total words.
const (
	ErrorWeight      = 10
	WarningWeight    = 3
	SuggestionWeight = 1
	MinWords         = 250
	HalfLife         = 30.0
)

// Score bands, for colour: good at or above GoodScore, fair at or above
// FairScore, poor below.
const (
	GoodScore = 90.0
	FairScore = 75.0
)

// NoBand is the headline's band when the period has no checks.
const NoBand = "none"

// ScoreMethod explains the score in one paragraph, for the report's
// footnote.
const ScoreMethod = "Quality score: each document's findings are weighted by severity (error 10, warning 3, " +
	"suggestion 1) per 1,000 words, counting a document as at least 250 words long so that one slip cannot " +
	"sink a brief; the document scores 100 × 2^(−weighted density ÷ 30), so a clean piece scores 100 and the " +
	"score halves with every 3 errors (or 10 warnings, or 30 suggestions) per 1,000 words. The period's score " +
	"is the word-weighted mean of its documents' scores. Bands: 90 and above good, 75 to 90 fair, below 75 poor. " +
	"Each document counts once, by its latest check in the period."

// WeightedDensity is a document's severity-weighted findings per 1,000
// words.
func WeightedDensity(words, errors, warnings, suggestions int) float64 {
	w := float64(max(words, MinWords))
	return float64(ErrorWeight*errors+WarningWeight*warnings+SuggestionWeight*suggestions) / w * 1000
}

// DocumentScore is a document's 0-100 quality score.
func DocumentScore(words, errors, warnings, suggestions int) float64 {
	return 100 * math.Exp2(-WeightedDensity(words, errors, warnings, suggestions)/HalfLife)
}

// Band names the score's band: "good", "fair" or "poor".
func Band(score float64) string {
	switch {
	case score >= GoodScore:
		return "good"
	case score >= FairScore:
		return "fair"
	}
	return "poor"
}

// The same score and weight as SQL expressions over a document row, for
// sums computed inside the history database.
var (
	weightSQL = "max(words, 1)"
	scoreSQL  = fmt.Sprintf("100 * pow(2, -((%d*errors + %d*warnings + %d*suggestions) * 1000.0 / max(words, %d)) / %g)",
		ErrorWeight, WarningWeight, SuggestionWeight, MinWords, HalfLife)
)
