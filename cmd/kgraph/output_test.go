package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// extractTo runs kgraph extract on one small article with --out out.
func extractTo(t *testing.T, out string) (int, string) {
	t.Helper()
	isolateConfig(t)
	dir := writeTree(t, map[string]string{"a.txt": "The minister met the delegation in Rabat.\n"})
	code, _, stderr := runCLI(t, "", "extract", "-q", filepath.Join(dir, "a.txt"), "--out", out)
	return code, stderr
}

func TestExtractOutTargets(t *testing.T) {
	t.Run("new path, folder created", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "sub", "facts.jsonl")
		if code, stderr := extractTo(t, out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		assertRecords(t, out)
	})
	t.Run("regular file replaced, permissions kept", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "facts.jsonl")
		if err := os.WriteFile(out, []byte("old\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if code, stderr := extractTo(t, out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		assertRecords(t, out)
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want the old file's 0600", fi.Mode().Perm())
		}
	})
	t.Run("symlink followed, link kept", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "real.jsonl")
		os.WriteFile(target, []byte("old\n"), 0o644)
		link := filepath.Join(dir, "link.jsonl")
		if err := os.Symlink("real.jsonl", link); err != nil {
			t.Fatal(err)
		}
		if code, stderr := extractTo(t, link); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("the symlink was replaced: %v %v", fi.Mode(), err)
		}
		assertRecords(t, target)
	})
	t.Run("dangling symlink creates its target", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "link.jsonl")
		os.Symlink(filepath.Join(dir, "later", "new.jsonl"), link)
		if code, stderr := extractTo(t, link); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
			t.Error("the symlink was replaced")
		}
		assertRecords(t, filepath.Join(dir, "later", "new.jsonl"))
	})
	t.Run("FIFO streamed to, not replaced", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "pipe")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		got := make(chan []byte, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			got <- b
		}()
		if code, stderr := extractTo(t, fifo); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		select {
		case b := <-got:
			if !bytes.Contains(b, []byte(`"kind":"article"`)) {
				t.Errorf("reader got %q, want the records", b)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("nothing read from the FIFO")
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("FIFO replaced: mode %v, %v", fi.Mode(), err)
		}
	})
	t.Run("directory is an error", func(t *testing.T) {
		dir := t.TempDir()
		code, stderr := extractTo(t, dir)
		if code == 0 || !strings.Contains(stderr, "is a directory") {
			t.Errorf("exit %d, stderr %q; want an error naming the directory", code, stderr)
		}
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			t.Error("the directory was replaced")
		}
	})
	t.Run("dash is stdout", func(t *testing.T) {
		isolateConfig(t)
		dir := writeTree(t, map[string]string{"a.txt": "The minister met the delegation in Rabat.\n"})
		code, stdout, _ := runCLI(t, "", "extract", "-q", filepath.Join(dir, "a.txt"), "-o", "-")
		if code != 0 || !strings.Contains(stdout, `"kind":"article"`) {
			t.Errorf("exit %d, stdout %q", code, stdout)
		}
		if _, err := os.Stat("-"); err == nil {
			t.Error(`a file named "-" was created`)
		}
	})
}

func TestOutputKind(t *testing.T) {
	for _, tt := range []struct {
		mode fs.FileMode
		want outputKind
	}{
		{0o644, outputFile},
		{fs.ModeDir | 0o755, outputDir},
		{fs.ModeDevice | fs.ModeCharDevice | 0o666, outputStream}, // /dev/null
		{fs.ModeDevice | 0o660, outputStream},                     // a block device
		{fs.ModeNamedPipe | 0o600, outputStream},
		{fs.ModeSocket | 0o600, outputStream},
	} {
		if got := outputKindOf(tt.mode); got != tt.want {
			t.Errorf("outputKindOf(%v) = %v, want %v", tt.mode, got, tt.want)
		}
	}
	for path, want := range map[string]bool{
		"/dev/stdout": true, "/dev/fd/1": true, "/proc/self/fd/1": true, "/dev/shm/x.jsonl": false, "out.jsonl": false,
	} {
		if got := isSpecialPath(path); got != want {
			t.Errorf("isSpecialPath(%q) = %v, want %v", path, got, want)
		}
	}
}

func assertRecords(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("%s: %v, %v; want a regular file", path, fi, err)
	}
	b, _ := os.ReadFile(path)
	if !bytes.Contains(b, []byte(`"kind":"article"`)) || bytes.Contains(b, []byte("old\n")) {
		t.Errorf("%s holds %q, want the new records", path, b)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
