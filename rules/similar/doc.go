// Package similar is copydesk's near-duplicate engine. It sketches each
// story (normalised body, exact body and paragraph hashes, word-shingle
// simhash and MinHash), finds candidate pairs through tables of those keys
// with capped buckets, verifies every candidate by exact Jaccard similarity
// and containment of the shingle sets, classifies the pair (duplicate,
// near-duplicate, contained, shared passage), clusters copies with
// union-find, aligns reused passages and diffs pairs word by word.
//
// Rules returns the cross-document rules of the duplicate category that
// run on these sketches in copydesk check; package archive stores sketches
// in an index of published stories.
package similar
