package syncer

import (
	"context"
	"errors"
	"time"
)

// RunEvery syncs now and then every interval, start to start (a run that
// overruns is followed at once by the next), until ctx is cancelled. report
// gets each run's summary and error. A failed run — locked, store down —
// does not end the loop: a scheduler that gives up on the first outage is of
// little use. RunEvery returns nil when ctx is cancelled, after the run in
// progress has stopped between articles and released its lock; it returns
// early only for errors no later run can get past (usage errors).
func (s *Syncer) RunEvery(ctx context.Context, interval time.Duration, report func(Summary, error)) error {
	if interval <= 0 {
		return &UsageError{Err: errors.New("sync interval must be positive")}
	}
	for {
		start := time.Now()
		sum, err := s.Run(ctx)
		report(sum, err)
		var usage *UsageError
		if errors.As(err, &usage) {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
		wait := time.Until(start.Add(interval))
		s.log.Info("next sync", "in", wait.Round(time.Second).String())
		if wait <= 0 {
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}
