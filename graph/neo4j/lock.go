package neo4j

import (
	"context"
	"errors"
	"fmt"
	"time"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ErrLockLost is returned by RefreshLock when the lock is no longer ours
// (it expired and another run took it, or it was released).
var ErrLockLost = errors.New("lock lost")

// The lock is a (:KgraphLock {name, owner, expires}) node; expires is a
// server-side datetime, so clocks of the competing hosts do not matter.
// Writing the node first takes Neo4j's exclusive lock on it, and only then
// are owner and expires read: of two racing runs the second blocks until
// the first commits and then sees its claim.
const acquireLock = `
MERGE (l:KgraphLock {name: $name})
SET l.claiming = $owner
WITH l
WITH l, (l.owner IS NULL OR l.owner = $owner OR l.expires IS NULL OR l.expires < datetime()) AS free
REMOVE l.claiming
SET l.owner = CASE WHEN free THEN $owner ELSE l.owner END,
    l.expires = CASE WHEN free THEN datetime() + duration({milliseconds: $ttl}) ELSE l.expires END
RETURN free`

// AcquireLock takes the named lock for owner for ttl. It reports true if the
// lock was free, expired, or already owner's; false if someone else holds it.
func (s *Store) AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	if owner == "" {
		return false, errors.New("acquire lock: empty owner")
	}
	if err := s.ensureLockSchema(ctx); err != nil {
		return false, err
	}
	ok, err := write(ctx, s, func(tx neo4jdriver.ManagedTransaction) (bool, error) {
		recs, err := collect(ctx, tx, acquireLock, map[string]any{"name": name, "owner": owner, "ttl": ttl.Milliseconds()})
		if err != nil {
			return false, err
		}
		return len(recs) == 1 && recs[0].Values[0] == true, nil
	})
	return ok, s.wrap(fmt.Sprintf("acquire lock %q", name), err)
}

// RefreshLock extends owner's lock by ttl from now. It fails with
// ErrLockLost if the lock is not owner's anymore.
func (s *Store) RefreshLock(ctx context.Context, name, owner string, ttl time.Duration) error {
	n, err := write(ctx, s, func(tx neo4jdriver.ManagedTransaction) (int, error) {
		recs, err := collect(ctx, tx, `
MATCH (l:KgraphLock {name: $name, owner: $owner})
SET l.expires = datetime() + duration({milliseconds: $ttl})
RETURN l.name`, map[string]any{"name": name, "owner": owner, "ttl": ttl.Milliseconds()})
		return len(recs), err
	})
	if err != nil {
		return s.wrap(fmt.Sprintf("refresh lock %q", name), err)
	}
	if n == 0 {
		return fmt.Errorf("refresh lock %q for %s: %w", name, owner, ErrLockLost)
	}
	return nil
}

// ReleaseLock gives up owner's lock. Releasing a lock owner does not hold
// is not an error.
func (s *Store) ReleaseLock(ctx context.Context, name, owner string) error {
	_, err := write(ctx, s, func(tx neo4jdriver.ManagedTransaction) (struct{}, error) {
		return struct{}{}, run(ctx, tx, `
MATCH (l:KgraphLock {name: $name, owner: $owner})
DELETE l`, map[string]any{"name": name, "owner": owner})
	})
	return s.wrap(fmt.Sprintf("release lock %q", name), err)
}

// ensureLockSchema creates the uniqueness constraint that makes concurrent
// MERGEs of one lock meet on one node, even if CreateSchema never ran.
func (s *Store) ensureLockSchema(ctx context.Context) error {
	s.lockSchemaMu.Lock()
	defer s.lockSchemaMu.Unlock()
	if s.lockSchemaDone {
		return nil
	}
	if err := s.autoCommit(ctx, lockConstraint); err != nil {
		return s.wrap("lock schema", err)
	}
	s.lockSchemaDone = true
	return nil
}

// LockHolder returns who holds the named lock and when the lease ends;
// owner is "" when nobody holds it or the lease ran out.
func (s *Store) LockHolder(ctx context.Context, name string) (owner string, expires time.Time, err error) {
	type holder struct {
		owner   string
		expires time.Time
	}
	h, err := read(ctx, s, func(tx neo4jdriver.ManagedTransaction) (holder, error) {
		recs, err := collect(ctx, tx, `
MATCH (l:KgraphLock {name: $name})
WHERE l.owner IS NOT NULL AND l.expires >= datetime()
RETURN l.owner, l.expires`, map[string]any{"name": name})
		if err != nil || len(recs) == 0 {
			return holder{}, err
		}
		o, _ := recs[0].Values[0].(string)
		e, _ := recs[0].Values[1].(time.Time)
		return holder{o, e}, nil
	})
	if err != nil {
		return "", time.Time{}, s.wrap(fmt.Sprintf("read lock %q", name), err)
	}
	return h.owner, h.expires, nil
}
