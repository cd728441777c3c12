package assets

import (
	"io/fs"
	"os"
	"strings"
	"testing"
)

// Every embedded file must be described in README.md (source, licence, how it
// was made), and every digit attribute must be explained there.
func TestReadmeDescribesEveryFile(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	err = fs.WalkDir(files, ".", func(path string, entry fs.DirEntry, err error) error {
		if err == nil && !entry.IsDir() && !strings.Contains(text, "`"+path+"`") {
			t.Errorf("README.md does not describe %s", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	table, err := DigitAttributes()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range table.Names {
		if !strings.Contains(text, "`"+name+"`") {
			t.Errorf("README.md does not explain attribute %s", name)
		}
	}
}
