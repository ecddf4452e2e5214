package faulttest

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLocalNeo4j checks what scripts/neo4j promises about the local Neo4j:
// authentication on with a private generated password, CORS only for
// Browser's own origin, Browser served with its telemetry off, and a store
// that reset deletes. It runs last: it resets the instance.
func TestLocalNeo4j(t *testing.T) {
	shared(t)
	in := ownInstance(t)
	base := "http://127.0.0.1:" + strconv.Itoa(in.httpPort)

	for path, want := range map[string]os.FileMode{in.state: 0o700, filepath.Join(in.state, "password"): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", path, fi.Mode().Perm(), want)
		}
	}
	if pw, _ := os.ReadFile(filepath.Join(in.state, "password")); strings.TrimSpace(string(pw)) != in.password || len(in.password) < 20 {
		t.Errorf("scripts/neo4j env prints a password that is not the file's, or a short one (%d characters)", len(in.password))
	}

	post := func(user, pw, origin string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", base+"/db/neo4j/tx/commit",
			strings.NewReader(`{"statements":[{"statement":"RETURN 1"}]}`))
		req.Header.Set("Content-Type", "application/json")
		if user != "" {
			req.SetBasicAuth(user, pw)
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	if resp := post("", "", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("Cypher over HTTP without credentials: %s, want 401", resp.Status)
	}
	if resp := post("neo4j", "neo4j", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("Cypher over HTTP with the default password: %s, want 401", resp.Status)
	}
	resp := post(in.user, in.password, "http://evil.example")
	if resp.StatusCode != http.StatusOK {
		t.Errorf("Cypher over HTTP with the password: %s", resp.Status)
	}
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != base {
		t.Errorf("Access-Control-Allow-Origin %q for another origin, want only Browser's own %q", got, base)
	}

	browser, err := http.Get(base + "/browser/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(browser.Body)
	browser.Body.Close()
	if browser.StatusCode != http.StatusOK || !strings.Contains(strings.ToLower(string(page)), "<html") {
		t.Errorf("Browser: %s, %d bytes", browser.Status, len(page))
	}
	if csp := browser.Header.Get("Content-Security-Policy"); strings.Contains(csp, "segment") || strings.Contains(csp, "canny") {
		t.Errorf("Browser's content policy still allows analytics hosts: %s", csp)
	}

	st := in.open(t)
	_, rows, err := st.Query(context.Background(), `
CALL dbms.listConfig() YIELD name, value
WHERE name IN ['client.allow_telemetry', 'dbms.usage_report.enabled', 'dbms.security.auth_enabled']
RETURN name, value ORDER BY name`, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"client.allow_telemetry": "false", "dbms.security.auth_enabled": "true", "dbms.usage_report.enabled": "false"}
	for _, r := range rows {
		if want[r[0].(string)] != r[1].(string) {
			t.Errorf("%s = %v, want %s", r[0], r[1], want[r[0].(string)])
		}
		delete(want, r[0].(string))
	}
	if len(want) > 0 {
		t.Errorf("settings not reported: %v", want)
	}

	// Restarting on the same store is TestNeo4jKilledMidLoad's; reset
	// deletes it, and keeps the password.
	st.Close(context.Background())
	in.run(t, "reset")
	if _, err := os.Stat(filepath.Join(in.state, "store")); !os.IsNotExist(err) {
		t.Errorf("store still there after reset: %v", err)
	}
	if pw, _ := os.ReadFile(filepath.Join(in.state, "password")); strings.TrimSpace(string(pw)) != in.password {
		t.Error("reset changed the password")
	}
}
