package config

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bytes"

	"github.com/spf13/pflag"
)

// clearEnv unsets every variable Load reads, so the caller's environment
// cannot leak into a test.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, s := range settings {
		unsetenv(t, s.env)
	}
	unsetenv(t, EnvConfig)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
}

// unsetenv removes k for the test; t.Setenv restores it afterwards.
func unsetenv(t *testing.T, k string) {
	t.Helper()
	t.Setenv(k, "")
	os.Unsetenv(k)
}

func flags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	AddGlobalFlags(fs)
	fs.String(FlagBatchSize, "", "")
	fs.String(FlagSource, "", "")
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

func writeFile(t *testing.T, dir, body string) string {
	t.Helper()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPrecedence(t *testing.T) {
	const file = "neo4j:\n  uri: bolt://file:7687\n  username: fileuser\nbatch_size: 10\nlog_format: json\nsource: filesource\n"
	tests := []struct {
		name  string
		file  string
		env   map[string]string
		args  []string
		check func(Config) error
	}{
		{"defaults", "", nil, nil, func(c Config) error {
			return want(c.Neo4j.URI == "bolt://127.0.0.1:7687" && c.Neo4j.Username == "neo4j" && c.BatchSize == 50 &&
				c.LogFormat == "text" && c.LogLevel == "info" && c.Source == "" && c.File == "", c)
		}},
		{"file over default", file, nil, nil, func(c Config) error {
			return want(c.Neo4j.URI == "bolt://file:7687" && c.Neo4j.Username == "fileuser" && c.BatchSize == 10 &&
				c.LogFormat == "json" && c.LogLevel == "info" && c.Source == "filesource" && strings.HasSuffix(c.File, FileName), c)
		}},
		{"env over file", file, map[string]string{"NEO4J_URI": "neo4j://env:7687", "KGRAPH_BATCH_SIZE": "20", "NEO4J_PASSWORD": "pw"}, nil, func(c Config) error {
			return want(c.Neo4j.URI == "neo4j://env:7687" && c.BatchSize == 20 && c.Neo4j.Username == "fileuser" && c.Neo4j.Password == "pw", c)
		}},
		{"flag over env", file, map[string]string{"NEO4J_URI": "neo4j://env:7687", "KGRAPH_LOG_LEVEL": "debug"},
			[]string{"--neo4j-uri", "neo4j+s://flag.example", "--batch-size=30", "--log-level", "WARN"}, func(c Config) error {
				return want(c.Neo4j.URI == "neo4j+s://flag.example" && c.BatchSize == 30 && c.LogLevel == "warn", c)
			}},
		{"unset flag does not override env", "", map[string]string{"NEO4J_DATABASE": "envdb"}, []string{"--log-format=json"}, func(c Config) error {
			return want(c.Neo4j.Database == "envdb" && c.LogFormat == "json", c)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			dir := t.TempDir()
			if tt.file != "" {
				writeFile(t, dir, tt.file)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := Load(Options{Flags: flags(t, tt.args...), Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.check(c); err != nil {
				t.Error(err)
			}
		})
	}
}

func want(ok bool, c Config) error {
	if ok {
		return nil
	}
	return fmt.Errorf("unexpected config %v", c)
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		env  map[string]string
		args []string
		want string
	}{
		{"env batch size", "", map[string]string{"KGRAPH_BATCH_SIZE": "abc"}, nil,
			`config: KGRAPH_BATCH_SIZE="abc" (from environment): not a whole number`},
		{"flag batch size", "", nil, []string{"--batch-size", "0"},
			`config: --batch-size="0" (from flag): must be between 1 and 100000`},
		{"file batch size with line", "neo4j:\n  uri: bolt://x:7687\nbatch_size: lots\n", nil, nil,
			`config: batch_size="lots" (from file DIR/kgraph.yaml:3): not a whole number`},
		{"file uri scheme", "neo4j:\n  uri: http://x:7474\n", nil, nil,
			`config: neo4j.uri="http://x:7474" (from file DIR/kgraph.yaml:2): scheme must be`},
		{"env log format", "", map[string]string{"KGRAPH_LOG_FORMAT": "xml"}, nil,
			`config: KGRAPH_LOG_FORMAT="xml" (from environment): must be "text" or "json"`},
		{"list where scalar wanted", "log_level: [debug, info]\n", nil, nil,
			`config: log_level="[debug info]" (from file DIR/kgraph.yaml:1): must be a single value`},
		{"unknown key", "batchsize: 3\n", nil, nil,
			`config: unknown key "batchsize" at DIR/kgraph.yaml:1`},
		{"missing explicit file", "", nil, []string{"--config", "DIR/nope.yaml"},
			`config: read DIR/nope.yaml`},
		{"bad yaml", "neo4j: [\n", nil, nil, `config: read DIR/kgraph.yaml`},
		{"env uri set but empty", "", map[string]string{"NEO4J_URI": ""}, nil,
			`config: NEO4J_URI="" (from environment): set but empty; unset it to use the default bolt://127.0.0.1:7687`},
		{"env uri blank", "", map[string]string{"NEO4J_URI": "  "}, nil, `config: NEO4J_URI="" (from environment): set but empty`},
		{"flag uri empty", "", nil, []string{"--neo4j-uri="}, `config: --neo4j-uri="" (from flag): empty`},
		{"port too big", "", map[string]string{"NEO4J_URI": "bolt://127.0.0.1:99999"}, nil,
			`config: NEO4J_URI="bolt://127.0.0.1:99999" (from environment): port "99999" is not a number from 1 to 65535`},
		{"port zero", "", nil, []string{"--neo4j-uri", "neo4j://db:0"}, `config: --neo4j-uri="neo4j://db:0" (from flag): port "0"`},
		{"port not a number", "", nil, []string{"--neo4j-uri", "bolt://db:http"}, `config: --neo4j-uri="bolt://db:http" (from flag): port "http"`},
		{"empty port", "", nil, []string{"--neo4j-uri", "bolt://db:"}, `config: --neo4j-uri="bolt://db:" (from flag): port ""`},
		{"max retry time", "", map[string]string{"KGRAPH_MAX_RETRY_TIME": "soon"}, nil,
			`config: KGRAPH_MAX_RETRY_TIME="soon" (from environment): not a duration`},
		{"bad article size", "", map[string]string{"KGRAPH_MAX_ARTICLE_BYTES": "2 megs"}, nil,
			`config: KGRAPH_MAX_ARTICLE_BYTES="2 megs" (from environment): not a size`},
		{"negative max retry time", "", nil, []string{"--max-retry-time", "-1s"}, `config: --max-retry-time="-1s" (from flag): must not be negative`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			dir := t.TempDir()
			if tt.file != "" {
				writeFile(t, dir, tt.file)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "DIR", dir)
			}
			_, err := Load(Options{Flags: flags(t, args...), Dir: dir})
			if err == nil {
				t.Fatal("no error")
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error %T is not a *config.Error", err)
			}
			if w := strings.ReplaceAll(tt.want, "DIR", dir); !strings.HasPrefix(err.Error(), w) {
				t.Errorf("error\n got %s\nwant %s...", err, w)
			}
		})
	}
}

func TestXDGFallback(t *testing.T) {
	clearEnv(t)
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	if err := os.MkdirAll(filepath.Join(xdg, "kgraph"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(xdg, "kgraph"), "source: xdg\n")
	c, err := Load(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if c.Source != "xdg" {
		t.Errorf("Source = %q, want the XDG file's", c.Source)
	}
	// ./kgraph.yaml wins over the XDG one.
	local := t.TempDir()
	writeFile(t, local, "source: local\n")
	if c, err = Load(Options{Dir: local}); err != nil || c.Source != "local" {
		t.Errorf("Source = %q, %v; want local", c.Source, err)
	}
}

func TestPasswordNeverShown(t *testing.T) {
	const secret = "s3cr3t-pa55"
	clearEnv(t)
	t.Setenv("NEO4J_PASSWORD", secret)
	t.Setenv("NEO4J_URI", "neo4j://bob:"+secret+"@db.example:7687")
	c, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Neo4j.Password != secret {
		t.Fatalf("password not loaded")
	}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "cfg", c, "neo4j", c.Neo4j)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "cfg", c)
	outputs := map[string]string{
		"String":   c.String(),
		"%v":       fmt.Sprintf("%v", c),
		"%+v":      fmt.Sprintf("%+v", c.Neo4j),
		"Redacted": fmt.Sprintf("%#v", c.Redacted()),
		"slog":     logs.String(),
	}
	for name, out := range outputs {
		if strings.Contains(out, secret) {
			t.Errorf("%s shows the password: %s", name, out)
		}
	}
	if !strings.Contains(outputs["slog"], "password_set") {
		t.Errorf("slog output lacks password_set: %s", outputs["slog"])
	}

	// A bad password-bearing URI must not echo the secret either.
	t.Setenv("NEO4J_URI", "http://bob:"+secret+"@db.example")
	_, err = Load(Options{})
	if err == nil {
		t.Fatal("want error for http URI")
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error shows the password: %v", err)
	}
}

func TestValidURIs(t *testing.T) {
	for _, uri := range []string{
		"bolt://127.0.0.1:7687", "neo4j+s://xxxx.databases.neo4j.io", "bolt://[::1]:7687", "bolt://[::1]",
		"neo4j://bob:s3:cr:et@db.example:7687", "bolt://db:65535/", "neo4j://db?policy=x",
	} {
		t.Run(uri, func(t *testing.T) {
			clearEnv(t)
			t.Setenv("NEO4J_URI", uri)
			c, err := Load(Options{Dir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if c.Neo4j.URI != uri || c.MaxRetryTime != 30*time.Second {
				t.Errorf("URI %q, MaxRetryTime %v; want %q, 30s", c.Neo4j.URI, c.MaxRetryTime, uri)
			}
		})
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1048576": 1 << 20, "2MiB": 2 << 20, "500KB": 500000, " 3 MB ": 3000000, "1GiB": 1 << 30, "12B": 12} {
		if got, err := ParseBytes(in); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "2.5MB", "MB", "2TB", "99999999999GiB"} {
		if _, err := ParseBytes(in); err == nil {
			t.Errorf("ParseBytes(%q) accepted", in)
		}
	}
}
