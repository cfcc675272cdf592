package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestActionYAML checks the composite action parses, declares the inputs
// the README documents, and refers only to inputs it declares; inputs
// reach shell scripts through env, never pasted into the script.
func TestActionYAML(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Name   string
		Inputs map[string]struct {
			Description string
			Default     *string
		}
		Runs struct {
			Using string
			Steps []struct {
				Uses string
				Run  string
			}
		}
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	for _, in := range []string{"paths", "fail-on", "config", "baseline", "changed-since", "upload-sarif"} {
		if _, ok := action.Inputs[in]; !ok {
			t.Errorf("action.yml lacks input %q", in)
		}
	}
	for name, in := range action.Inputs {
		if in.Description == "" || in.Default == nil {
			t.Errorf("input %q needs a description and a default", name)
		}
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(string(data), -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses undeclared input %q", m[1])
		}
	}
	uploads := false
	for _, s := range action.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("a run script pastes an expression in; pass it through env:\n%s", s.Run)
		}
		uploads = uploads || strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@")
	}
	if !uploads {
		t.Error("action.yml has no upload-sarif step")
	}
	if !strings.Contains(string(data), "go install") {
		t.Error("action.yml does not install healthlint with go install")
	}
}

func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Name, Entry, Language, Files string
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) == 0 || hooks[0].ID != "healthlint" {
		t.Fatalf("hooks: %+v", hooks)
	}
	for _, h := range hooks {
		if h.Language != "golang" || !strings.HasPrefix(h.Entry, "healthlint check") {
			t.Errorf("hook %s: language %q, entry %q", h.ID, h.Language, h.Entry)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil || !re.MatchString("docs/page.md") || re.MatchString("main.go") {
			t.Errorf("hook %s: files %q does not pick Markdown", h.ID, h.Files)
		}
	}
}

func TestCIExamplesParse(t *testing.T) {
	for _, p := range []string{"../../examples/ci/gitlab-ci.yml", "../../examples/ci/github-workflow.yml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := yaml.Unmarshal(data, &v); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		if !strings.Contains(string(data), "healthlint") {
			t.Errorf("%s does not run healthlint", p)
		}
	}
}
