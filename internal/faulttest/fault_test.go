package faulttest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kgraph/kgraph/graph/neo4j"
)

const (
	exitUnavailable = 3
	exitLocked      = 4

	corpusSize = 600 // articles: enough that a run is still going when the fault hits
	killAfter  = 10  // articles committed before the fault
)

// --- environment -----------------------------------------------------------

// server is a Neo4j the tests talk to.
type server struct {
	uri, user, password string
}

// env is what kgraph needs to reach s; none of it for the zero server.
func (s server) env() []string {
	if s.uri == "" {
		return nil
	}
	return []string{"NEO4J_URI=" + s.uri, "NEO4J_USERNAME=" + s.user, "NEO4J_PASSWORD=" + s.password}
}

func (s server) open(tb testing.TB) *neo4j.Store {
	tb.Helper()
	st, err := neo4j.Open(context.Background(), neo4j.Config{URI: s.uri, Username: s.user, Password: s.password})
	if err != nil {
		tb.Fatalf("open %s: %v", s.uri, err)
	}
	tb.Cleanup(func() { st.Close(context.Background()) })
	return st
}

func skipOrFail(tb testing.TB, why string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s (CI=true: the fault tests must run; use scripts/test)", why)
	}
	tb.Skip(why + "; run the fault tests with scripts/test")
}

// shared is the test database of scripts/test.
func shared(tb testing.TB) server {
	tb.Helper()
	if testing.Short() {
		tb.Skip("fault tests build and run kgraph")
	}
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		skipOrFail(tb, "NEO4J_URI not set")
	}
	return server{uri: uri, user: os.Getenv("NEO4J_USERNAME"), password: os.Getenv("NEO4J_PASSWORD")}
}

// --- kgraph ----------------------------------------------------------------

var buildKgraph = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "kgraph-fault-test")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "kgraph")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/kgraph")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/kgraph: %v\n%s", err, out)
	}
	return bin, nil
})

// kgraph returns a kgraph command against s; stderr is collected in the
// returned builder.
func kgraph(tb testing.TB, s server, args ...string) (*exec.Cmd, *strings.Builder) {
	tb.Helper()
	bin, err := buildKgraph()
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	// No kgraph.yaml from the developer's directories, and only s's
	// connection settings.
	cmd.Dir = tb.TempDir()
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") && !strings.HasPrefix(kv, "KGRAPH_") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, s.env()...)
	cmd.Env = append(cmd.Env, "XDG_CONFIG_HOME="+cmd.Dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// exitCode waits for cmd and returns its exit code.
func exitCode(tb testing.TB, cmd *exec.Cmd, err error) int {
	tb.Helper()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	}
	tb.Fatalf("%v: %v", cmd.Args, err)
	return -1
}

func runKgraph(tb testing.TB, s server, args ...string) (int, string) {
	tb.Helper()
	cmd, stderr := kgraph(tb, s, args...)
	code := exitCode(tb, cmd, cmd.Run())
	return code, stderr.String()
}

func mustKgraph(tb testing.TB, s server, args ...string) {
	tb.Helper()
	if code, stderr := runKgraph(tb, s, args...); code != 0 {
		tb.Fatalf("kgraph %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
}

// --- corpus ----------------------------------------------------------------

// writeCorpus writes n articles made of the sample articles' lines,
// rotated, with a numbered closing line so every article differs.
func writeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	samples, _ := filepath.Glob(filepath.Join("..", "..", "examples", "articles", "*.txt"))
	var lines []string
	for _, p := range samples {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
	}
	if len(lines) < 4 {
		tb.Fatalf("too few sample lines in examples/articles (%d)", len(lines))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		var b strings.Builder
		for j := range 4 {
			b.WriteString(lines[(i*3+j*5)%len(lines)])
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "وهذا هو الخبر رقم %d.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("art-%04d.txt", i)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// facts extracts the corpus once per test binary into an exchange file.
var facts = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "kgraph-fault-corpus")
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "facts.jsonl"), nil
})

func factsFile(tb testing.TB) string {
	tb.Helper()
	path, err := facts()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(path); err == nil {
		return path
	}
	news := filepath.Join(filepath.Dir(path), "faultnews")
	writeCorpus(tb, news, corpusSize)
	mustKgraph(tb, server{}, "extract", "-q", news, "--out", path)
	return path
}

// --- graph state -------------------------------------------------------------

func articles(tb testing.TB, st *neo4j.Store) int64 {
	tb.Helper()
	_, rows, err := st.Query(context.Background(), `MATCH (a:Article) RETURN count(a)`, nil)
	if err != nil {
		tb.Fatalf("count articles: %v", err)
	}
	return rows[0][0].(int64)
}

func wipe(tb testing.TB, st *neo4j.Store) {
	tb.Helper()
	for {
		_, rows, err := st.Query(context.Background(), `
MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)`, nil)
		if err != nil {
			tb.Fatalf("wipe: %v", err)
		}
		if rows[0][0].(int64) == 0 {
			return
		}
	}
}

// state is the graph as comparable data: node and relationship counts per
// label and type, and a sha256 over every node's labels and properties and
// every relationship's type, ends and properties, in sorted order. Lock
// nodes and Article.loaded_at (a wall-clock time) are left out.
type state struct {
	counts string
	sum    string
	lines  []string
}

func snapshot(tb testing.TB, st *neo4j.Store) state {
	tb.Helper()
	ctx := context.Background()
	c, err := st.Counts(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	delete(c.Labels, "KgraphLock")
	var lines []string
	_, nodes, err := st.Query(ctx, `MATCH (n) WHERE NOT n:KgraphLock RETURN labels(n), properties(n)`, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for _, row := range nodes {
		labels := row[0].([]any)
		slices.SortFunc(labels, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
		props := row[1].(map[string]any)
		delete(props, "loaded_at")
		lines = append(lines, "node "+canonical(tb, labels)+" "+canonical(tb, props))
	}
	_, rels, err := st.Query(ctx, `
MATCH (a)-[r]->(b)
RETURN type(r), coalesce(a.id, elementId(a)), coalesce(b.id, elementId(b)), properties(r)`, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for _, row := range rels {
		lines = append(lines, fmt.Sprintf("rel %v %v->%v %s", row[0], row[1], row[2], canonical(tb, row[3])))
	}
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l+"\n")
	}
	return state{counts: c.String(), sum: hex.EncodeToString(h.Sum(nil)), lines: lines}
}

func canonical(tb testing.TB, v any) string {
	b, err := json.Marshal(v) // map keys sorted
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// equal reports how got differs from want, or "" if it does not.
func (want state) diff(got state) string {
	if want.counts == got.counts && want.sum == got.sum {
		return ""
	}
	var out []string
	for _, l := range want.lines {
		if !slices.Contains(got.lines, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range got.lines {
		if !slices.Contains(want.lines, l) {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 8 {
		out = append(out[:8], fmt.Sprintf("... %d more", len(out)-8))
	}
	return fmt.Sprintf("counts %s, want %s\n%s", got.counts, want.counts, strings.Join(out, "\n"))
}

// cleanLoad empties the database, loads the corpus in one undisturbed run
// and returns the resulting state.
func cleanLoad(tb testing.TB, s server, st *neo4j.Store) state {
	tb.Helper()
	wipe(tb, st)
	mustKgraph(tb, s, "load", "-q", factsFile(tb))
	return snapshot(tb, st)
}

// clean is cleanLoad's state on the shared database, computed once: the
// graph is the same on any server, and each load costs time.
var clean struct {
	once sync.Once
	st   state
}

func cleanState(tb testing.TB) state {
	tb.Helper()
	clean.once.Do(func() {
		s := shared(tb)
		clean.st = cleanLoad(tb, s, s.open(tb))
	})
	if clean.st.sum == "" {
		tb.Fatal("no clean load to compare with")
	}
	return clean.st
}

// startUntil starts cmd and returns once st holds at least n articles.
func startUntil(tb testing.TB, cmd *exec.Cmd, st *neo4j.Store, n int64) (exited chan error) {
	tb.Helper()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	exited = make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for articles(tb, st) < n {
		select {
		case err := <-exited:
			tb.Fatalf("%v ended (%v) before the fault; the corpus is too small for this machine", cmd.Args, err)
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			tb.Fatalf("%v wrote fewer than %d articles in 2 minutes", cmd.Args, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return exited
}

// --- a Neo4j of the test's own ------------------------------------------------

// instance is a Neo4j started by scripts/neo4j in a temporary state
// directory on free ports, so the test may kill it.
type instance struct {
	script   string
	env      []string
	state    string
	httpPort int
	server
}

// own is the one instance of this test binary, started on first use and
// stopped by TestMain: a Neo4j start costs 10-20 seconds.
var own struct {
	once sync.Once
	in   *instance
	err  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	if script := os.Getenv("KGRAPH_NEO4J_SCRIPT"); script != "" && os.Getenv("NEO4J_URI") != "" && !testing.Short() {
		// Start it now, while the first tests build kgraph and load the
		// shared database.
		go own.once.Do(func() { own.in, own.err = newInstance(script) })
	}
	code := m.Run()
	if own.in != nil {
		cmd := exec.Command(own.in.script, "stop")
		cmd.Env = own.in.env
		cmd.Run()
		os.RemoveAll(filepath.Dir(own.in.state))
	}
	os.Exit(code)
}

func ownInstance(tb testing.TB) *instance {
	tb.Helper()
	script := os.Getenv("KGRAPH_NEO4J_SCRIPT")
	if script == "" {
		skipOrFail(tb, "KGRAPH_NEO4J_SCRIPT not set")
	}
	own.once.Do(func() { own.in, own.err = newInstance(script) })
	if own.err != nil {
		tb.Fatal(own.err)
	}
	return own.in
}

func newInstance(script string) (*instance, error) {
	dir, err := os.MkdirTemp("", "kgraph-fault-neo4j")
	if err != nil {
		return nil, err
	}
	state := filepath.Join(dir, "neo4j")
	httpPort, err := freePort()
	if err != nil {
		return nil, err
	}
	boltPort, err := freePort()
	if err != nil {
		return nil, err
	}
	in := &instance{script: script, state: state, httpPort: httpPort}
	in.env = append(os.Environ(), "NEO4J_STATE_DIR="+state,
		"NEO4J_BOLT_PORT="+strconv.Itoa(boltPort), "NEO4J_HTTP_PORT="+strconv.Itoa(httpPort),
		"NEO4J_JAVA_OPTS=-Xms128m -Xmx512m", "NEO4J_STOP_GRACE=20")
	own.in = in // stopped by TestMain even if what follows fails
	if _, err := in.try("start"); err != nil {
		return nil, err
	}
	out, err := in.try("env")
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		switch {
		case !ok:
		case k == "NEO4J_URI":
			in.uri = v
		case k == "NEO4J_USERNAME":
			in.user = v
		case k == "NEO4J_PASSWORD":
			in.password = v
		}
	}
	if in.uri == "" || in.password == "" {
		return nil, errors.New("scripts/neo4j env printed no URI or password")
	}
	return in, nil
}

func (in *instance) try(verb string) (string, error) {
	cmd := exec.Command(in.script, verb)
	cmd.Env = in.env
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("scripts/neo4j %s: %v\n%s", verb, err, stderr.String())
	}
	return stdout.String(), nil
}

func (in *instance) run(tb testing.TB, verb string) string {
	tb.Helper()
	out, err := in.try(verb)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// kill SIGKILLs the Neo4j process and waits until it is gone.
func (in *instance) kill(tb testing.TB) {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(in.state, "neo4j.pid"))
	if err != nil {
		tb.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		tb.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		tb.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); syscall.Kill(pid, 0) == nil; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatalf("Neo4j pid %d still there 20s after SIGKILL", pid)
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// --- a proxy that can lose the connection ------------------------------------

// proxy forwards TCP to target; cut drops every connection and refuses new
// ones (a network failure, as the client sees it) until restore.
type proxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	down  bool
	conns []net.Conn
}

func newProxy(tb testing.TB, target string) *proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &proxy{ln: ln, target: target}
	tb.Cleanup(func() { ln.Close(); p.cut() })
	go p.serve()
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { io.Copy(up, c); up.Close() }()
		go func() { io.Copy(c, up); c.Close() }()
	}
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// viaProxy is s reached through p.
func viaProxy(tb testing.TB, s server) (server, *proxy) {
	tb.Helper()
	u, err := url.Parse(s.uri)
	if err != nil {
		tb.Fatal(err)
	}
	p := newProxy(tb, u.Host)
	u.Host = p.addr()
	// bolt://: the driver must not learn the server's own address from a
	// routing table and go around the proxy.
	u.Scheme = "bolt"
	s.uri = u.String()
	return s, p
}

// --- the tests ---------------------------------------------------------------

func TestNeo4jKilledMidLoad(t *testing.T) {
	shared(t) // same preconditions
	start := time.Now()
	phase := func(what string) { t.Logf("%5.1fs %s", time.Since(start).Seconds(), what) }
	want := cleanState(t)
	phase("clean load on the shared database")
	in := ownInstance(t)
	phase("own Neo4j up")
	st := in.open(t)
	file := factsFile(t)
	wipe(t, st)

	load, stderr := kgraph(t, in.server, "load", "-q", "--batch-size", "5", "--max-retry-time", "2s", file)
	exited := startUntil(t, load, st, killAfter)
	committed := articles(t, st)
	phase(fmt.Sprintf("%d articles committed; killing Neo4j", committed))
	in.kill(t)
	code := exitCode(t, load, <-exited)
	if code != exitUnavailable || !strings.Contains(stderr.String(), "neo4j unavailable") {
		t.Errorf("load with Neo4j killed: exit %d, want %d naming the database unavailable\n%s", code, exitUnavailable, stderr)
	}

	// The same store, recovered from its transaction log.
	phase("load gave up")
	in.run(t, "start")
	phase("Neo4j restarted on the same store")
	st = in.open(t)
	if after := articles(t, st); after < committed {
		t.Fatalf("%d articles after the restart, %d were committed before the kill", after, committed)
	}
	mustKgraph(t, in.server, "load", "-q", file)
	phase("reloaded")
	if d := want.diff(snapshot(t, st)); d != "" {
		t.Errorf("graph after kill, restart and reload differs from a clean load: %s", d)
	}
}

func TestConnectionLost(t *testing.T) {
	s := shared(t)
	st := s.open(t)
	file := factsFile(t)
	want := cleanState(t)

	t.Run("gives up after --max-retry-time", func(t *testing.T) {
		wipe(t, st)
		through, p := viaProxy(t, s)
		const retry = 3 * time.Second
		load, stderr := kgraph(t, through, "load", "-q", "--batch-size", "5", "--max-retry-time", retry.String(), file)
		exited := startUntil(t, load, st, killAfter)
		p.cut()
		cutAt := time.Now()
		committed := articles(t, st)
		code := exitCode(t, load, <-exited)
		took := time.Since(cutAt)
		if code != exitUnavailable || !strings.Contains(stderr.String(), "neo4j unavailable") || !strings.Contains(stderr.String(), "retry time") {
			t.Errorf("exit %d, want %d naming the database unavailable and the retry time\n%s", code, exitUnavailable, stderr)
		}
		t.Logf("message: %s", strings.TrimSpace(stderr.String()))
		if took < retry-500*time.Millisecond || took > retry+30*time.Second {
			t.Errorf("gave up %v after the connection was lost; want after retrying for about %v\n%s", took, retry, stderr)
		}
		if after := articles(t, st); after < committed {
			t.Errorf("%d articles after giving up, %d were committed before: a commit was undone", after, committed)
		}
		// Rerun with the connection back: the same graph as a clean load.
		mustKgraph(t, s, "load", "-q", file)
		if d := want.diff(snapshot(t, st)); d != "" {
			t.Errorf("graph after the lost connection and a rerun differs from a clean load: %s", d)
		}
	})

	t.Run("comes back within --max-retry-time", func(t *testing.T) {
		wipe(t, st)
		through, p := viaProxy(t, s)
		load, stderr := kgraph(t, through, "load", "-q", "--batch-size", "5", "--max-retry-time", "60s", file)
		exited := startUntil(t, load, st, killAfter)
		p.cut()
		time.Sleep(2 * time.Second)
		p.restore()
		if code := exitCode(t, load, <-exited); code != 0 {
			t.Fatalf("exit %d after the connection came back, want 0\n%s", code, stderr)
		}
		if d := want.diff(snapshot(t, st)); d != "" {
			t.Errorf("graph after a lost and restored connection differs from a clean load: %s", d)
		}
	})
}

func TestTwoSyncsAtOnce(t *testing.T) {
	s := shared(t)
	st := s.open(t)
	dir := filepath.Join(t.TempDir(), "twosyncs")
	writeCorpus(t, dir, 300)
	args := []string{"sync", "--lock-ttl", "10s", dir}

	wipe(t, st)
	mustKgraph(t, s, args...)
	want := snapshot(t, st)
	wipe(t, st)

	first, firstErr := kgraph(t, s, args...)
	exited := startUntil(t, first, st, 1)
	code, stderr := runKgraph(t, s, args...)
	if code != exitLocked {
		t.Errorf("second sync: exit %d, want %d\n%s", code, exitLocked, stderr)
	}
	host, _ := os.Hostname()
	for _, w := range []string{"held by host " + strconv.Quote(host), fmt.Sprintf("pid %d", first.Process.Pid), "running since", "lease expires"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("lock message lacks %q:\n%s", w, stderr)
		}
	}
	if code := exitCode(t, first, <-exited); code != 0 {
		t.Fatalf("first sync: exit %d\n%s", code, firstErr)
	}
	// One that waits runs after the first and finds nothing to do.
	code, stderr = runKgraph(t, s, append([]string{"--wait", "1m"}, args...)...)
	if code != 0 || !strings.Contains(stderr, "0 new, 0 changed, 300 unchanged") {
		t.Errorf("waiting sync: exit %d, want 0 with everything unchanged\n%s", code, stderr)
	}
	if d := want.diff(snapshot(t, st)); d != "" {
		t.Errorf("graph after two syncs at once differs from a single run's: %s", d)
	}
}
