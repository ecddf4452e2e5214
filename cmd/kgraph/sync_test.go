package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kgraph/internal/syncer"
)

func TestSyncFlags(t *testing.T) {
	ttl := syncer.DefaultLockTTL
	tests := []struct {
		args     []string
		want     syncOptions
		code     int
		errMatch string
	}{
		{[]string{"sync", "news"}, syncOptions{Paths: []string{"news"}, LockTTL: ttl, PruneMax: "10%"}, 0, ""},
		{[]string{"sync", "--prune", "--dry-run", "a", "b"}, syncOptions{Paths: []string{"a", "b"}, Prune: true, DryRun: true, LockTTL: ttl, PruneMax: "10%"}, 0, ""},
		{[]string{"sync", "--every", "1h", "--wait", "10m", "--lock-ttl", "30s", "--source", "feed", "d"},
			syncOptions{Paths: []string{"d"}, Every: time.Hour, Wait: 10 * time.Minute, LockTTL: 30 * time.Second, PruneMax: "10%"}, 0, ""},
		{[]string{"sync", "--prune", "--prune-max", "100%", "d"}, syncOptions{Paths: []string{"d"}, Prune: true, LockTTL: ttl, PruneMax: "100%"}, 0, ""},
		{[]string{"sync", "--prune-max", "25", "d"}, syncOptions{}, exitUsage, `--prune-max "25": want a percentage such as 10% or 100%`},
		{[]string{"sync", "--prune-max", "0%", "d"}, syncOptions{}, exitUsage, `--prune-max "0%": want a percentage above 0% and at most 100%`},
		{[]string{"sync", "--prune-max", "150%", "d"}, syncOptions{}, exitUsage, `at most 100%`},
		{[]string{"sync"}, syncOptions{}, exitUsage, "kgraph: kgraph sync needs at least one PATH"},
		{[]string{"sync", "--wait", "-1s", "d"}, syncOptions{}, exitUsage, "--wait must not be negative"},
		{[]string{"sync", "--every", "soon", "d"}, syncOptions{}, exitUsage, `invalid argument "soon"`},
		{[]string{"sync", "--lock-ttl", "1s", "d"}, syncOptions{}, exitUsage, "--lock-ttl must be at least 3s"},
		{[]string{"sync", "--dry-run", "--every", "1h", "d"}, syncOptions{}, exitUsage, "--dry-run and --every do not go together"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got, code, stderr := parse(t, newSyncCmd, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.code == 0 && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options %+v, want %+v", got, tt.want)
			}
			if !strings.Contains(stderr, tt.errMatch) {
				t.Errorf("stderr %q, want it to contain %q", stderr, tt.errMatch)
			}
		})
	}
}

func TestSyncSource(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"news/2024", "sports"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		configured string
		paths      []string
		want       string
		wantErr    bool
	}{
		{"feed", []string{dir + "/a", "/elsewhere/b"}, "feed", false},
		{"", []string{dir + "/news"}, "news", false},
		{"", []string{dir + "/news/2024", dir + "/news/2024/"}, "2024", false},
		{"", []string{dir + "/news", dir + "/sports"}, "", true},
	}
	for _, tt := range tests {
		got, err := syncSource(tt.configured, tt.paths)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("syncSource(%q, %v) = %q, %v; want %q (error %v)", tt.configured, tt.paths, got, err, tt.want, tt.wantErr)
		}
	}
}
