package neo4j

import (
	"context"
	"testing"
	"time"
)

// TestReadQueryRefusesWrites: kgraph query's default session must not write,
// and the refusal must be told apart from other failures.
func TestReadQueryRefusesWrites(t *testing.T) {
	s := openClean(t)
	ctx := context.Background()
	if _, _, err := s.ReadQuery(ctx, `CREATE (:Scratch {v: 1})`, nil); err == nil || !IsWriteRefused(err) || !IsCypherError(err) {
		t.Fatalf("ReadQuery CREATE: err = %v, want a refused write", err)
	}
	if _, rows, err := s.ReadQuery(ctx, `MATCH (n:Scratch) RETURN count(n)`, nil); err != nil || rows[0][0] != int64(0) {
		t.Fatalf("after refused write: rows %v, err %v; want 0 nodes", rows, err)
	}
	if _, _, err := s.Query(ctx, `CREATE (:Scratch {v: 1})`, nil); err != nil {
		t.Fatalf("Query CREATE: %v", err)
	}
	_, _, err := s.ReadQuery(ctx, `MATCH (n RETURN n`, nil)
	if !IsCypherError(err) || IsWriteRefused(err) {
		t.Errorf("syntax error: %v, want a Cypher error that is not a refused write", err)
	}
	if _, _, err := s.Query(ctx, `MATCH (n:Scratch) DETACH DELETE n`, nil); err != nil {
		t.Fatal(err)
	}
}

func TestLockHolder(t *testing.T) {
	s := openClean(t)
	ctx := context.Background()
	if owner, _, err := s.LockHolder(ctx, "sync:holder"); err != nil || owner != "" {
		t.Fatalf("free lock: owner %q, err %v", owner, err)
	}
	if ok, err := s.AcquireLock(ctx, "sync:holder", "host:1:2026-12-01T00:00:00.000000000Z", time.Minute); err != nil || !ok {
		t.Fatalf("acquire: %v %v", ok, err)
	}
	owner, expires, err := s.LockHolder(ctx, "sync:holder")
	if err != nil || owner != "host:1:2026-12-01T00:00:00.000000000Z" {
		t.Fatalf("holder %q, err %v", owner, err)
	}
	if left := time.Until(expires); left < 30*time.Second || left > 2*time.Minute {
		t.Errorf("lease ends in %v, want about a minute", left)
	}
	if err := s.ReleaseLock(ctx, "sync:holder", owner); err != nil {
		t.Fatal(err)
	}
}
