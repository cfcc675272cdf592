package checker

import (
	"os"
	"path/filepath"
	"testing"
)

// Prepare builds the settings the files of a directory get when no
// override names them, and only those: a file an override names gets its
// own.
func TestPrepareBuildsTheSettingsFilesGet(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	writeFile(t, filepath.Join(root, ConfigFileName), "overrides:\n  - files: '**/blog/**'\n    rules:\n      test/options: off\n")
	r, err := NewResolver(testRegistry(), Flags{}, testAsOf)
	if err != nil {
		t.Fatal(err)
	}
	r.Prepare(root)
	if len(r.settings) != 1 {
		t.Fatalf("after Prepare: %d settings, want 1", len(r.settings))
	}
	page, err := r.SettingsFor(filepath.Join(root, "docs", "page.md"))
	if err != nil {
		t.Fatal(err)
	}
	post, err := r.SettingsFor(filepath.Join(root, "blog", "post.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.settings) != 2 || page == post {
		t.Errorf("got %d settings (page and post the same: %v), want 2 different", len(r.settings), page == post)
	}
	r.Prepare(filepath.Join(root, "missing"))
	if len(r.settings) != 2 {
		t.Errorf("Prepare on a missing path built settings")
	}
}
