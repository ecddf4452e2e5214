package syncer

import (
	"context"
	"fmt"
	"time"
)

// lock takes the source's lock, waiting up to Wait, and keeps its lease
// alive until release is called. The returned context is cancelled with
// ErrLockLost if the lease cannot be renewed before it runs out, so a run
// that lost its lock stops writing.
func (s *Syncer) lock(ctx context.Context) (release func(), lockCtx context.Context, err error) {
	name := LockName(s.opts.Source)
	deadline := time.Now().Add(s.opts.Wait)
	for {
		ok, err := s.opts.Locker.AcquireLock(ctx, name, s.opts.Owner, s.opts.LockTTL)
		if err != nil {
			return nil, nil, fmt.Errorf("acquire lock %q: %w", name, err)
		}
		if ok {
			break
		}
		left := time.Until(deadline)
		holder := s.holder(ctx, name)
		if left <= 0 {
			return nil, nil, &LockedError{Name: name, Waited: s.opts.Wait, Holder: holder}
		}
		s.log.Info("waiting for another sync to finish", "lock", name, "holder", holder.String(), "left", left.Round(time.Second))
		select {
		case <-ctx.Done():
			return nil, nil, &interruptedError{cause: fmt.Errorf("waiting for lock %q: %w", name, context.Cause(ctx))}
		case <-time.After(min(s.opts.LockPoll, left)):
		}
	}
	s.log.Debug("lock acquired", "lock", name, "owner", s.opts.Owner)

	lockCtx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s.heartbeat(lockCtx, name, done, cancel)
	}()
	release = func() {
		close(done)
		<-stopped
		cancel(nil)
		// The run's context may be cancelled (a signal): release anyway.
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer rcancel()
		if err := s.opts.Locker.ReleaseLock(rctx, name, s.opts.Owner); err != nil {
			s.log.Warn("cannot release lock; it expires by itself", "lock", name, "ttl", s.opts.LockTTL, "err", err)
			return
		}
		s.log.Debug("lock released", "lock", name)
	}
	return release, lockCtx, nil
}

// holder asks the Locker who holds name, if it can tell; the zero Holder
// otherwise.
func (s *Syncer) holder(ctx context.Context, name string) Holder {
	li, ok := s.opts.Locker.(LockInspector)
	if !ok {
		return Holder{}
	}
	owner, expires, err := li.LockHolder(ctx, name)
	if err != nil {
		s.log.Debug("cannot read the lock's holder", "lock", name, "err", err)
		return Holder{}
	}
	return newHolder(owner, expires)
}

// heartbeat renews the lease every TTL/3 until done is closed. A failed
// renewal is retried at the next beat; once the lease has run out without
// one, the run is cancelled with ErrLockLost. Failures are not told apart:
// the lock can only have passed to another run after the lease ran out,
// which is exactly when this one gives up.
func (s *Syncer) heartbeat(ctx context.Context, name string, done <-chan struct{}, cancel context.CancelCauseFunc) {
	ttl := s.opts.LockTTL
	tick := time.NewTicker(ttl / 3)
	defer tick.Stop()
	renewed := time.Now()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		// Renewal must go through even while a stopping run finishes its
		// last article.
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), ttl/3)
		attempt := time.Now()
		err := s.opts.Locker.RefreshLock(rctx, name, s.opts.Owner, ttl)
		rcancel()
		switch {
		case err == nil:
			renewed = attempt
		case time.Since(renewed) >= ttl:
			s.log.Error("lock lease ran out; stopping", "lock", name, "err", err)
			cancel(fmt.Errorf("%w: %w", ErrLockLost, err))
			return
		default:
			s.log.Warn("cannot renew lock; will retry", "lock", name, "err", err)
		}
	}
}
