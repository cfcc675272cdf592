package checker

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one part of a deterministic partition of the files to check,
// for CI matrices: shard I of N (1 ≤ I ≤ N) takes the files whose path
// hash is I-1 modulo N. Every file falls in exactly one shard, so the
// union of all N shards is the unsharded run, and a file stays in its
// shard however other files come and go.
type Shard struct {
	Index, Count int // Index is 1-based
}

// ParseShard reads "I/N".
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("--shard %q: use I/N with 1 ≤ I ≤ N, e.g. 2/4 for the second of four shards", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// Keeps reports whether the file shown as displayPath belongs to the
// shard. The display path (relative to the working directory, forward
// slashes) is the same on every machine that runs from the repository
// root.
func (s Shard) Keeps(displayPath string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(displayPath))
	return h.Sum64()%uint64(s.Count) == uint64(s.Index-1)
}

// Select returns the inputs that belong to the shard, in order.
func (s Shard) Select(inputs []Input) []Input {
	var out []Input
	for _, in := range inputs {
		if s.Keeps(in.Display) {
			out = append(out, in)
		}
	}
	return out
}
