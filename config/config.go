// Package config loads kgraph's settings from one YAML file (kgraph.yaml),
// the environment and command-line flags, with the precedence
//
//	flag > environment > file > default
//
// It is the only package that imports viper; everything else gets a plain
// Config struct.
//
// Neo4j settings use the environment names Neo4j's own tools use
// (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE); every other
// setting is KGRAPH_<KEY> (KGRAPH_BATCH_SIZE, KGRAPH_LOG_FORMAT, ...).
//
// The password is never printed: Config and Neo4j implement fmt.Stringer and
// slog.LogValuer with the password redacted, and errors never quote it.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"
)

// FileName is the name of the configuration file looked up by default.
const FileName = "kgraph.yaml"

// Neo4j holds the database connection settings.
type Neo4j struct {
	URI      string
	Username string
	Password string
	Database string // "" means the server's default database
}

// Config is the fully resolved configuration.
type Config struct {
	Neo4j     Neo4j
	BatchSize int    // articles per write transaction
	LogFormat string // "text" or "json"
	LogLevel  string // "debug", "info", "warn" or "error"
	Source    string // default Article.Source for ingested articles; "" means the root directory name
	// MaxRetryTime bounds how long one transaction is retried after a lost
	// connection or a transient error before the command gives up (exit 3).
	MaxRetryTime time.Duration
	// MaxArticleBytes bounds one article's text; a longer one is a per-file
	// error. 0 means no limit.
	MaxArticleBytes int64
	File            string // the configuration file that was read, "" if none
}

const redacted = "********"

// String describes n without its password.
func (n Neo4j) String() string {
	pw := ""
	if n.Password != "" {
		pw = redacted
	}
	return fmt.Sprintf("{URI:%s Username:%s Password:%s Database:%s}", redactURI(n.URI), n.Username, pw, n.Database)
}

// LogValue keeps the password out of slog output.
func (n Neo4j) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("uri", redactURI(n.URI)),
		slog.String("username", n.Username),
		slog.Bool("password_set", n.Password != ""),
		slog.String("database", n.Database),
	)
}

// Redacted returns a copy of c whose password is replaced by asterisks.
func (c Config) Redacted() Config {
	if c.Neo4j.Password != "" {
		c.Neo4j.Password = redacted
	}
	c.Neo4j.URI = redactURI(c.Neo4j.URI)
	return c
}

// String describes c without the password.
func (c Config) String() string {
	return fmt.Sprintf("{Neo4j:%v BatchSize:%d LogFormat:%s LogLevel:%s Source:%q MaxRetryTime:%v MaxArticleBytes:%d File:%q}",
		c.Neo4j, c.BatchSize, c.LogFormat, c.LogLevel, c.Source, c.MaxRetryTime, c.MaxArticleBytes, c.File)
}

// LogValue keeps the password out of slog output.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("neo4j", c.Neo4j),
		slog.Int("batch_size", c.BatchSize),
		slog.String("log_format", c.LogFormat),
		slog.String("log_level", c.LogLevel),
		slog.String("source", c.Source),
		slog.Duration("max_retry_time", c.MaxRetryTime),
		slog.Int64("max_article_bytes", c.MaxArticleBytes),
		slog.String("file", c.File),
	)
}

// redactURI hides a password embedded in a URI (neo4j://user:secret@host).
func redactURI(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), redacted)
	}
	return u.String()
}

// setting describes one configuration key and where it may come from.
type setting struct {
	key    string // key in kgraph.yaml, dotted for nesting
	env    string
	flag   string // long flag name; "" if none
	def    string
	secret bool
	// nonEmpty: an environment variable that is set but empty is an error
	// rather than "unset", because it is almost always a mistake (an empty
	// secret, an unexpanded variable) that would silently reach the default.
	nonEmpty bool
	apply    func(c *Config, v string) error
}

// Flag names understood by Load. Commands declare the ones they offer;
// uriPort returns what follows the last colon of a URI's host part, if any,
// without relying on url.Parse, which rejects a bad port with a vaguer error.
func uriPort(v string) (string, bool) {
	rest := v
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasSuffix(rest, "]") { // [::1] without a port
		return "", false
	}
	i := strings.LastIndex(rest, ":")
	if i < 0 {
		return "", false
	}
	return rest[i+1:], true
}

// AddGlobalFlags declares the global ones.
const (
	FlagConfig        = "config"
	FlagNeo4jURI      = "neo4j-uri"
	FlagNeo4jUser     = "neo4j-user"
	FlagNeo4jPassword = "neo4j-password"
	FlagDatabase      = "database"
	FlagLogFormat     = "log-format"
	FlagLogLevel      = "log-level"
	FlagBatchSize     = "batch-size"
	FlagSource        = "source"
	FlagMaxRetryTime  = "max-retry-time"
	FlagMaxArticle    = "max-article-bytes"
)

// EnvConfig names the configuration file when --config is not given.
const EnvConfig = "KGRAPH_CONFIG"

var settings = []setting{
	{key: "neo4j.uri", env: "NEO4J_URI", flag: FlagNeo4jURI, def: "bolt://127.0.0.1:7687", nonEmpty: true,
		apply: func(c *Config, v string) error {
			if err := checkURI(v); err != nil {
				return err
			}
			c.Neo4j.URI = v
			return nil
		}},
	{key: "neo4j.username", env: "NEO4J_USERNAME", flag: FlagNeo4jUser, def: "neo4j",
		apply: func(c *Config, v string) error { c.Neo4j.Username = v; return nil }},
	{key: "neo4j.password", env: "NEO4J_PASSWORD", flag: FlagNeo4jPassword, secret: true,
		apply: func(c *Config, v string) error { c.Neo4j.Password = v; return nil }},
	{key: "neo4j.database", env: "NEO4J_DATABASE", flag: FlagDatabase,
		apply: func(c *Config, v string) error { c.Neo4j.Database = v; return nil }},
	{key: "batch_size", env: "KGRAPH_BATCH_SIZE", flag: FlagBatchSize, def: "50",
		apply: func(c *Config, v string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return errors.New("not a whole number")
			}
			if n < 1 || n > 100000 {
				return errors.New("must be between 1 and 100000")
			}
			c.BatchSize = n
			return nil
		}},
	{key: "log_format", env: "KGRAPH_LOG_FORMAT", flag: FlagLogFormat, def: "text",
		apply: func(c *Config, v string) error {
			v = strings.ToLower(strings.TrimSpace(v))
			if v != "text" && v != "json" {
				return errors.New(`must be "text" or "json"`)
			}
			c.LogFormat = v
			return nil
		}},
	{key: "log_level", env: "KGRAPH_LOG_LEVEL", flag: FlagLogLevel, def: "info",
		apply: func(c *Config, v string) error {
			v = strings.ToLower(strings.TrimSpace(v))
			switch v {
			case "debug", "info", "warn", "error":
			case "warning":
				v = "warn"
			default:
				return errors.New(`must be one of debug, info, warn, error`)
			}
			c.LogLevel = v
			return nil
		}},
	{key: "source", env: "KGRAPH_SOURCE", flag: FlagSource,
		apply: func(c *Config, v string) error { c.Source = strings.TrimSpace(v); return nil }},
	{key: "max_retry_time", env: "KGRAPH_MAX_RETRY_TIME", flag: FlagMaxRetryTime, def: "30s",
		apply: func(c *Config, v string) error {
			d, err := time.ParseDuration(strings.TrimSpace(v))
			if err != nil {
				return errors.New("not a duration such as 30s or 2m")
			}
			if d < 0 {
				return errors.New("must not be negative")
			}
			c.MaxRetryTime = d
			return nil
		}},
	{key: "max_article_bytes", env: "KGRAPH_MAX_ARTICLE_BYTES", flag: FlagMaxArticle, def: "2MiB",
		apply: func(c *Config, v string) error {
			n, err := ParseBytes(v)
			if err != nil {
				return err
			}
			c.MaxArticleBytes = n
			return nil
		}},
}

// ParseBytes reads a size: a whole number of bytes, or one with a unit,
// KB/MB/GB (powers of 1000) or KiB/MiB/GiB (powers of 1024); "2MiB",
// "500KB", "1048576". 0 means no limit.
func ParseBytes(v string) (int64, error) {
	t := strings.TrimSpace(v)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if num, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(num), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, errors.New("not a size such as 2MiB, 500KB or 1048576")
	}
	return n * mult, nil
}

func checkURI(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty; give a URI such as bolt://127.0.0.1:7687")
	}
	if p, ok := uriPort(v); ok {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("port %q is not a number from 1 to 65535", p)
		}
	}
	u, err := url.Parse(v)
	if err != nil {
		return errors.New("not a URI")
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return errors.New("scheme must be bolt, bolt+s, bolt+ssc, neo4j, neo4j+s or neo4j+ssc")
	}
	if u.Host == "" {
		return errors.New("no host")
	}
	return nil
}

// AddGlobalFlags declares the flags every command shares. Load reads their
// values when they were set on the command line.
func AddGlobalFlags(fs *pflag.FlagSet) {
	fs.String(FlagConfig, "", "configuration file (default ./"+FileName+", then $XDG_CONFIG_HOME/kgraph/"+FileName+")")
	fs.String(FlagNeo4jURI, "", "Neo4j URI, e.g. neo4j+s://xxxx.databases.neo4j.io (env NEO4J_URI)")
	fs.String(FlagNeo4jUser, "", "Neo4j user name (env NEO4J_USERNAME)")
	fs.String(FlagNeo4jPassword, "", "Neo4j password; prefer env NEO4J_PASSWORD, flags show up in ps")
	fs.String(FlagDatabase, "", "Neo4j database (env NEO4J_DATABASE; default: the server's default)")
	fs.String(FlagLogFormat, "", `log format, "text" or "json" (env KGRAPH_LOG_FORMAT)`)
	fs.String(FlagLogLevel, "", "log level: debug, info, warn, error (env KGRAPH_LOG_LEVEL)")
	fs.String(FlagMaxRetryTime, "", "how long to retry a Neo4j transaction after a lost connection before exiting 3 (env KGRAPH_MAX_RETRY_TIME, default 30s)")
}

// Options say where Load looks.
type Options struct {
	// Flags holds the parsed command line; only flags the user set count.
	// May be nil.
	Flags *pflag.FlagSet
	// ConfigFile overrides the file lookup; when set, the file must exist.
	// If empty, Load uses --config, then $KGRAPH_CONFIG, then ./kgraph.yaml,
	// then $XDG_CONFIG_HOME/kgraph/kgraph.yaml.
	ConfigFile string
	// Dir is the directory ./kgraph.yaml is looked up in; "" means the
	// working directory.
	Dir string
}

// Error is a configuration error. Its message names the key and where the
// bad value came from, and never contains a secret.
type Error struct {
	Key    string // as the user wrote it: flag, env var or file key
	Value  string // "" for secrets
	Origin string // "flag", "environment", "file kgraph.yaml:3", "default"
	Err    error
}

func (e *Error) Error() string {
	if e.Key == "" {
		return "config: " + e.Err.Error()
	}
	return fmt.Sprintf("config: %s=%q (from %s): %v", e.Key, e.Value, e.Origin, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Load resolves the configuration.
func Load(opts Options) (Config, error) {
	path, explicit, err := findFile(opts)
	if err != nil {
		return Config{}, err
	}
	v := viper.New()
	v.SetConfigType("yaml")
	var lines map[string]int
	if path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			if explicit || !errors.Is(err, os.ErrNotExist) {
				return Config{}, &Error{Err: fmt.Errorf("read %s: %w", path, err)}
			}
			path = ""
		} else {
			lines, err = keyLines(path)
			if err != nil {
				return Config{}, &Error{Err: fmt.Errorf("read %s: %w", path, err)}
			}
			if err := checkKeys(path, lines); err != nil {
				return Config{}, err
			}
		}
	}
	cfg := Config{File: path}
	for _, s := range settings {
		if s.def != "" {
			v.SetDefault(s.key, s.def)
		}
		if err := v.BindEnv(s.key, s.env); err != nil {
			return Config{}, &Error{Err: err}
		}
		if opts.Flags != nil && s.flag != "" {
			if f := opts.Flags.Lookup(s.flag); f != nil {
				if err := v.BindPFlag(s.key, f); err != nil {
					return Config{}, &Error{Err: err}
				}
			}
		}
	}
	for _, s := range settings {
		key, origin := s.key, "default"
		if env, set := os.LookupEnv(s.env); s.nonEmpty && set && strings.TrimSpace(env) == "" &&
			(opts.Flags == nil || s.flag == "" || !opts.Flags.Changed(s.flag)) {
			return Config{}, &Error{Key: s.env, Origin: "environment",
				Err: fmt.Errorf("set but empty; unset it to use the default %s, or give a value", s.def)}
		}
		switch {
		case opts.Flags != nil && s.flag != "" && opts.Flags.Changed(s.flag):
			key, origin = "--"+s.flag, "flag"
		case os.Getenv(s.env) != "":
			key, origin = s.env, "environment"
		case v.InConfig(s.key):
			origin = "file " + path
			if n := lines[s.key]; n > 0 {
				origin = fmt.Sprintf("file %s:%d", path, n)
			}
		}
		raw, err := scalar(v.Get(s.key))
		if err == nil {
			err = s.apply(&cfg, raw)
		}
		if err != nil {
			if s.secret {
				raw = redacted
			} else {
				raw = redactURI(raw)
			}
			return Config{}, &Error{Key: key, Value: raw, Origin: origin, Err: err}
		}
	}
	return cfg, nil
}

// scalar turns what viper holds into the string the user wrote.
func scalar(x any) (string, error) {
	switch x := x.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case int, int64, float64, bool:
		return fmt.Sprint(x), nil
	default:
		return fmt.Sprint(x), errors.New("must be a single value, not a list or map")
	}
}

func findFile(opts Options) (path string, explicit bool, err error) {
	if opts.ConfigFile != "" {
		return opts.ConfigFile, true, nil
	}
	if opts.Flags != nil {
		if f := opts.Flags.Lookup(FlagConfig); f != nil && f.Value.String() != "" {
			return f.Value.String(), true, nil
		}
	}
	if p := os.Getenv(EnvConfig); p != "" {
		return p, true, nil
	}
	local := filepath.Join(opts.Dir, FileName)
	if _, err := os.Stat(local); err == nil {
		return local, false, nil
	}
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if xdg == "" {
		if home, err := os.UserHomeDir(); err == nil {
			xdg = filepath.Join(home, ".config")
		}
	}
	if xdg != "" {
		p := filepath.Join(xdg, "kgraph", FileName)
		if _, err := os.Stat(p); err == nil {
			return p, false, nil
		}
	}
	return "", false, nil
}

// keyLines maps each dotted key of a YAML file to its line, so errors can
// point at it.
func keyLines(path string) (map[string]int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	lines := map[string]int{}
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		if n.Kind == yaml.DocumentNode {
			for _, c := range n.Content {
				walk(c, prefix)
			}
			return
		}
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			key := strings.ToLower(k.Value)
			if prefix != "" {
				key = prefix + "." + key
			}
			lines[key] = k.Line
			walk(val, key)
		}
	}
	walk(&doc, "")
	return lines, nil
}

// checkKeys rejects keys kgraph does not know, so a typo does not silently
// fall back to a default.
func checkKeys(path string, lines map[string]int) error {
	known := map[string]bool{"neo4j": true}
	var names []string
	for _, s := range settings {
		known[s.key] = true
		names = append(names, s.key)
	}
	var unknown []string
	for k := range lines {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Slice(unknown, func(i, j int) bool { return lines[unknown[i]] < lines[unknown[j]] })
	k := unknown[0]
	return &Error{Err: fmt.Errorf("unknown key %q at %s:%d (known keys: %s)", k, path, lines[k], strings.Join(names, ", "))}
}
