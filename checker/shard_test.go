package checker

import (
	"fmt"
	"testing"
)

func TestShard(t *testing.T) {
	for _, bad := range []string{"", "1", "0/2", "3/2", "1/0", "a/b", "-1/2"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
	var inputs []Input
	for i := 0; i < 1000; i++ {
		inputs = append(inputs, Input{Display: fmt.Sprintf("docs/%03d/page.md", i)})
	}
	seen := map[string]int{}
	for i := 1; i <= 4; i++ {
		s, err := ParseShard(fmt.Sprintf("%d/4", i))
		if err != nil {
			t.Fatal(err)
		}
		part := s.Select(inputs)
		if len(part) < 150 || len(part) > 350 {
			t.Errorf("shard %d/4 has %d of 1000 files", i, len(part))
		}
		for _, in := range part {
			seen[in.Display]++
		}
	}
	if len(seen) != len(inputs) {
		t.Errorf("the shards cover %d of %d files", len(seen), len(inputs))
	}
	for p, n := range seen {
		if n != 1 {
			t.Errorf("%s is in %d shards", p, n)
		}
	}
	if one, _ := ParseShard("1/1"); len(one.Select(inputs)) != len(inputs) {
		t.Error("1/1 is not everything")
	}
}
