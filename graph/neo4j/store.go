// Package neo4j is the Neo4j sink of the knowledge graph: it loads
// graph.Batches idempotently, retracts articles, and answers the queries the
// CLI needs. The graph model it writes is described in MODEL.md.
//
// Every write is parameterised Cypher over UNWIND $rows inside a transaction
// function, so the driver retries transient errors. Labels, relationship
// types and attribute property keys are checked against the vocabulary
// before they are spliced into a query string.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kgraph/kgraph/graph"
	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Sentinel errors for errors.Is; the CLI maps both to exit code 3.
var (
	ErrUnavailable = errors.New("neo4j unavailable")
	ErrAuth        = errors.New("neo4j authentication failed")
)

// DefaultBatchSize is the number of articles written per transaction when
// Config.BatchSize is not set.
const DefaultBatchSize = 50

// Config says where the database is. An empty Username means no auth.
type Config struct {
	URI, Username, Password, Database string
	BatchSize                         int // articles per transaction; DefaultBatchSize if <= 0
	// MaxRetryTime bounds how long a transaction is retried after transient
	// errors and lost connections; the driver's default (30s) if <= 0.
	MaxRetryTime time.Duration
}

// Store is a graph.Sink, graph.Retracter and graph.SchemaCreator on Neo4j.
// It is safe for concurrent use.
type Store struct {
	driver    neo4jdriver.DriverWithContext
	database  string
	batchSize int
	password  string
	uri       string        // redacted
	maxRetry  time.Duration // see Config.MaxRetryTime

	lockSchemaMu   sync.Mutex
	lockSchemaDone bool
}

var (
	_ graph.Sink          = (*Store)(nil)
	_ graph.Retracter     = (*Store)(nil)
	_ graph.SchemaCreator = (*Store)(nil)
)

// Open connects and verifies connectivity. Failures wrap ErrUnavailable or
// ErrAuth; a malformed URI is a plain error (a configuration mistake).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s := &Store{
		database:  cfg.Database,
		batchSize: cfg.BatchSize,
		password:  cfg.Password,
		uri:       redactURI(cfg.URI),
	}
	if s.batchSize <= 0 {
		s.batchSize = DefaultBatchSize
	}
	s.maxRetry = cfg.MaxRetryTime
	if s.maxRetry <= 0 {
		s.maxRetry = defaultMaxRetryTime
	}
	auth := neo4jdriver.NoAuth()
	if cfg.Username != "" {
		auth = neo4jdriver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := neo4jdriver.NewDriverWithContext(cfg.URI, auth, func(c *neo4jconfig.Config) {
		if cfg.MaxRetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.MaxRetryTime
		}
	})
	if err != nil {
		return nil, s.redact(fmt.Errorf("neo4j uri %q: %w", s.uri, err))
	}
	s.driver = d
	if err := d.VerifyConnectivity(ctx); err != nil {
		_ = d.Close(ctx)
		if isAuthError(err) {
			return nil, s.wrap("connect to "+s.uri, err)
		}
		// Whatever else stops the first connection (refused, DNS, TLS,
		// routing table, timeout) means the database cannot be used.
		return nil, s.redact(fmt.Errorf("connect to %s: %w: %v", s.uri, ErrUnavailable, err))
	}
	return s, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// wrap adds context to a driver error, marks connectivity and auth failures
// with the package sentinels and scrubs the password from the message.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	switch {
	case isAuthError(err):
		err = fmt.Errorf("%s: %w: %v", op, ErrAuth, err)
	case isConnectivityError(err):
		err = fmt.Errorf("%s: %w: %v", op, ErrUnavailable, err)
	default:
		err = fmt.Errorf("%s: %w", op, err)
	}
	return s.redact(err)
}

func isAuthError(err error) bool {
	var n4j *neo4jdriver.Neo4jError
	var invalid *neo4jdriver.InvalidAuthenticationError
	var expired *neo4jdriver.TokenExpiredError
	return errors.As(err, &n4j) && n4j.HasSecurityCode() && n4j.Code != "Neo.ClientError.Security.Forbidden" ||
		errors.As(err, &invalid) || errors.As(err, &expired)
}

func isConnectivityError(err error) bool {
	var conn *neo4jdriver.ConnectivityError
	if errors.As(err, &conn) {
		return true
	}
	// A transaction function that kept losing its connection until the
	// retry time ran out: the database is unavailable, not the data wrong.
	var limit *neo4jdriver.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if errors.As(e, &conn) {
				return true
			}
		}
	}
	return false
}

// redact replaces the password in err's message, wherever a server or the
// driver might have echoed it.
func (s *Store) redact(err error) error {
	if err == nil || len(s.password) < 2 || !strings.Contains(err.Error(), s.password) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), s.password, "***"), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redactURI drops any user:password@ from a URI for messages.
func redactURI(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		if i := strings.Index(raw, "@"); i >= 0 {
			if j := strings.Index(raw, "://"); j >= 0 && j < i {
				return raw[:j+3] + raw[i+1:]
			}
		}
		return raw
	}
	u.User = nil
	return u.String()
}

func (s *Store) session(ctx context.Context, mode neo4jdriver.AccessMode) neo4jdriver.SessionWithContext {
	return s.driver.NewSession(ctx, neo4jdriver.SessionConfig{DatabaseName: s.database, AccessMode: mode})
}

// defaultMaxRetryTime is the driver's own default.
const defaultMaxRetryTime = 30 * time.Second

// write runs work in one retried write transaction. Besides the driver's
// retries of transient errors, a transaction whose connection was lost
// during its commit is run again, until MaxRetryTime: the driver leaves
// that one alone because its outcome is unknown, but every kgraph write is
// idempotent (MERGE on constrained keys, an article's contribution replaced
// whole), so running it twice does no harm, and giving up at the first lost
// connection would make a brief network blip fail a whole load.
func write[T any](ctx context.Context, s *Store, work func(tx neo4jdriver.ManagedTransaction) (T, error)) (T, error) {
	start := time.Now()
	pause := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		sess := s.session(ctx, neo4jdriver.AccessModeWrite)
		v, err := neo4jdriver.ExecuteWrite(ctx, sess, work)
		sess.Close(ctx)
		var limit *neo4jdriver.TransactionExecutionLimit
		if err == nil || !isConnectivityError(err) || errors.As(err, &limit) || ctx.Err() != nil {
			// A TransactionExecutionLimit: the driver already retried for
			// the whole MaxRetryTime.
			return v, err
		}
		if time.Since(start)+pause > s.maxRetry {
			return v, fmt.Errorf("gave up after retrying for %v (max retry time %v, %d attempts): %w",
				time.Since(start).Round(100*time.Millisecond), s.maxRetry, attempt, err)
		}
		select {
		case <-ctx.Done():
			return v, err
		case <-time.After(pause):
		}
		pause = min(2*pause, 5*time.Second)
	}
}

// read runs work in one retried read transaction.
func read[T any](ctx context.Context, s *Store, work func(tx neo4jdriver.ManagedTransaction) (T, error)) (T, error) {
	sess := s.session(ctx, neo4jdriver.AccessModeRead)
	defer sess.Close(ctx)
	return neo4jdriver.ExecuteRead(ctx, sess, work)
}

// run executes one statement and discards its records.
func run(ctx context.Context, tx neo4jdriver.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// collect executes one statement and returns its records.
func collect(ctx context.Context, tx neo4jdriver.ManagedTransaction, cypher string, params map[string]any) ([]*neo4jdriver.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// ArticleHashes returns article id -> sha256 for the articles of source, or
// of every source when source is "".
func (s *Store) ArticleHashes(ctx context.Context, source string) (map[string]string, error) {
	out, err := read(ctx, s, func(tx neo4jdriver.ManagedTransaction) (map[string]string, error) {
		recs, err := collect(ctx, tx, `
MATCH (a:Article)
WHERE $source = '' OR a.source = $source
RETURN a.id AS id, coalesce(a.sha256, '') AS sha256`, map[string]any{"source": source})
		if err != nil {
			return nil, err
		}
		m := make(map[string]string, len(recs))
		for _, r := range recs {
			m[str(r.Values[0])] = str(r.Values[1])
		}
		return m, nil
	})
	return out, s.wrap("article hashes", err)
}

// Entities returns every entity with its names, to seed a resolver.
func (s *Store) Entities(ctx context.Context) ([]graph.Entity, error) {
	out, err := read(ctx, s, func(tx neo4jdriver.ManagedTransaction) ([]graph.Entity, error) {
		recs, err := collect(ctx, tx, `
MATCH (e:Entity)
RETURN e.id, e.type, e.name, e.name_ar, e.name_en, e.aliases
ORDER BY e.id`, nil)
		if err != nil {
			return nil, err
		}
		es := make([]graph.Entity, 0, len(recs))
		for _, r := range recs {
			v := r.Values
			es = append(es, graph.Entity{
				ID: str(v[0]), Type: str(v[1]), Name: str(v[2]), NameAR: str(v[3]), NameEN: str(v[4]),
				Aliases: strs(v[5]),
			})
		}
		return es, nil
	})
	return out, s.wrap("read entities", err)
}

// Query runs a user's Cypher statement in one auto-commit transaction and
// returns its columns and rows. Nodes, relationships and paths come back as
// plain maps and lists, temporal values as ISO 8601 strings.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error) {
	return s.query(ctx, neo4jdriver.AccessModeWrite, cypher, params)
}

// ReadQuery is Query in a read-only session: the server refuses a statement
// that would write (see IsWriteRefused).
func (s *Store) ReadQuery(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error) {
	return s.query(ctx, neo4jdriver.AccessModeRead, cypher, params)
}

// IsCypherError reports whether err is the server rejecting the statement
// itself (syntax, semantics, types, a constraint, a refused write), as
// opposed to the connection or authentication failing.
func IsCypherError(err error) bool {
	var n4j *neo4jdriver.Neo4jError
	return errors.As(err, &n4j) && n4j.Classification() == "ClientError" && !n4j.HasSecurityCode()
}

// IsWriteRefused reports whether err is the server refusing a write in a
// read-only session.
func IsWriteRefused(err error) bool {
	var n4j *neo4jdriver.Neo4jError
	return errors.As(err, &n4j) && (n4j.Code == "Neo.ClientError.Statement.AccessMode" ||
		n4j.Code == "Neo.ClientError.Security.Forbidden" && strings.Contains(n4j.Msg, "read"))
}

func (s *Store) query(ctx context.Context, mode neo4jdriver.AccessMode, cypher string, params map[string]any) ([]string, [][]any, error) {
	sess := s.session(ctx, mode)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, params)
	if err != nil {
		return nil, nil, s.wrap("query", err)
	}
	keys, err := res.Keys()
	if err != nil {
		return nil, nil, s.wrap("query", err)
	}
	var out [][]any
	for res.Next(ctx) {
		vals := res.Record().Values
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i] = plain(v)
		}
		out = append(out, row)
	}
	if err := res.Err(); err != nil {
		return nil, nil, s.wrap("query", err)
	}
	return keys, out, nil
}

// plain turns driver values into maps, lists and scalars.
func plain(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		return map[string]any{"labels": x.Labels, "properties": plainMap(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"type": x.Type, "properties": plainMap(x.Props)}
	case dbtype.Path:
		items := make([]any, 0, len(x.Nodes)+len(x.Relationships))
		for i, n := range x.Nodes {
			items = append(items, plain(n))
			if i < len(x.Relationships) {
				items = append(items, plain(x.Relationships[i]))
			}
		}
		return items
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		return plainMap(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Date:
		return x.String()
	case dbtype.LocalDateTime:
		return x.String()
	case dbtype.LocalTime:
		return x.String()
	case dbtype.Time:
		return x.String()
	case dbtype.Duration:
		return x.String()
	default:
		return v
	}
}

func plainMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = plain(v)
	}
	return out
}

// Counts is the size of the graph.
type Counts struct {
	Nodes         int64
	Relationships int64
	Labels        map[string]int64 // nodes by label (a node counts once per label)
	Types         map[string]int64 // relationships by type
}

// Counts counts nodes by label and relationships by type.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	c, err := read(ctx, s, func(tx neo4jdriver.ManagedTransaction) (Counts, error) {
		c := Counts{Labels: map[string]int64{}, Types: map[string]int64{}}
		recs, err := collect(ctx, tx, `MATCH (n) RETURN count(n)`, nil)
		if err != nil {
			return c, err
		}
		c.Nodes = recs[0].Values[0].(int64)
		if recs, err = collect(ctx, tx, `MATCH ()-[r]->() RETURN count(r)`, nil); err != nil {
			return c, err
		}
		c.Relationships = recs[0].Values[0].(int64)
		if recs, err = collect(ctx, tx, `MATCH (n) UNWIND labels(n) AS l RETURN l, count(*)`, nil); err != nil {
			return c, err
		}
		for _, r := range recs {
			c.Labels[str(r.Values[0])] = r.Values[1].(int64)
		}
		if recs, err = collect(ctx, tx, `MATCH ()-[r]->() RETURN type(r), count(*)`, nil); err != nil {
			return c, err
		}
		for _, r := range recs {
			c.Types[str(r.Values[0])] = r.Values[1].(int64)
		}
		return c, nil
	})
	return c, s.wrap("count", err)
}

// String renders counts in a stable order, for summaries and test failures.
func (c Counts) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "nodes=%d relationships=%d", c.Nodes, c.Relationships)
	for _, m := range []map[string]int64{c.Labels, c.Types} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%d", k, m[k])
		}
	}
	return b.String()
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
