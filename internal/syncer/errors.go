package syncer

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Exit codes of `kgraph sync`, documented in its help. Errors returned by
// Run carry theirs through an ExitCode method.
const (
	ExitOK           = 0
	ExitPartial      = 1
	ExitUsage        = 2
	ExitUnavailable  = 3
	ExitLocked       = 4
	ExitPruneRefused = 6
	ExitInterrupted  = 130
)

// Sentinel errors, for errors.Is.
var (
	// ErrLocked: another run holds the lock of the same (database, source).
	ErrLocked = errors.New("another sync holds the lock")
	// ErrPartial: some articles failed; the rest were loaded.
	ErrPartial = errors.New("some articles failed")
	// ErrInterrupted: the run was stopped (signal) between articles.
	ErrInterrupted = errors.New("sync interrupted")
	// ErrLockLost: the lock's lease could not be renewed and may now be held
	// by another run, so this one stopped writing.
	ErrLockLost = errors.New("sync lock lost")
	// ErrPruneRefused: Prune would have retracted more than PruneMax of the
	// source (or everything, because nothing was found), so it retracted
	// nothing.
	ErrPruneRefused = errors.New("prune refused")
)

// Holder describes who holds a lock, as far as the store could tell.
type Holder struct {
	Owner   string    // raw owner string; "" if unknown
	Host    string    // from an OwnerID owner
	PID     int       // from an OwnerID owner
	Started time.Time // the holder process's start; zero if unknown
	Expires time.Time // end of the current lease; zero if unknown
}

func newHolder(owner string, expires time.Time) Holder {
	h := Holder{Owner: owner, Expires: expires}
	if host, pid, started, ok := ParseOwner(owner); ok {
		h.Host, h.PID, h.Started = host, pid, started
	}
	return h
}

// String is the holder for messages, e.g. `host "web1", pid 4242, running
// since 2026-12-01T10:00:00Z; lease expires 2026-12-01T10:02:00Z (in 1m40s)`.
func (h Holder) String() string {
	if h.Owner == "" {
		return "unknown"
	}
	var b strings.Builder
	if h.PID != 0 {
		fmt.Fprintf(&b, "host %q, pid %d, running since %s", h.Host, h.PID, h.Started.UTC().Format(time.RFC3339))
	} else {
		fmt.Fprintf(&b, "owner %q", h.Owner)
	}
	if !h.Expires.IsZero() {
		left := time.Until(h.Expires).Round(time.Second)
		fmt.Fprintf(&b, "; lease expires %s", h.Expires.UTC().Format(time.RFC3339))
		if left > 0 {
			fmt.Fprintf(&b, " (in %s) unless renewed", left)
		} else {
			b.WriteString(" (already expired)")
		}
	}
	return b.String()
}

// LockedError is returned when the lock stayed taken for the whole wait.
type LockedError struct {
	Name   string
	Waited time.Duration
	Holder Holder // who holds it, if the Locker could tell
}

func (e *LockedError) Error() string {
	msg := fmt.Sprintf("%v: lock %q still taken after waiting %s", ErrLocked, e.Name, e.Waited)
	if e.Holder.Owner != "" {
		msg += "; held by " + e.Holder.String()
	}
	return msg
}
func (e *LockedError) Is(target error) bool { return target == ErrLocked }
func (e *LockedError) ExitCode() int        { return ExitLocked }

// PruneRefusedError is returned when the prune guard stopped a prune.
// Everything else the run did (new and changed articles) stands.
type PruneRefusedError struct {
	Source  string
	Retract int     // articles the prune would have retracted
	Stored  int     // articles stored under Source at the start
	Walked  int     // articles found under the paths
	Max     float64 // the PruneMax in force
}

func (e *PruneRefusedError) Error() string {
	if e.Walked == 0 {
		return fmt.Sprintf("%v: no articles found under the paths, but %d are stored under source %q (is the folder empty or a volume not mounted?); "+
			"nothing was retracted; to retract them all, pass --prune-max 100%%", ErrPruneRefused, e.Stored, e.Source)
	}
	pct := int(math.Ceil(100 * float64(e.Retract) / float64(e.Stored)))
	return fmt.Sprintf("%v: %d of the %d articles stored under source %q (%d%%) are no longer under the paths, more than --prune-max %s; "+
		"nothing was retracted; check with --dry-run, then pass --prune-max %d%% to allow it",
		ErrPruneRefused, e.Retract, e.Stored, e.Source, pct, FormatPercent(e.Max), pct)
}
func (e *PruneRefusedError) Is(target error) bool { return target == ErrPruneRefused }
func (e *PruneRefusedError) ExitCode() int        { return ExitPruneRefused }

// FormatPercent writes a share in [0, 1] as a percentage, e.g. "10%".
func FormatPercent(f float64) string {
	return strconv.FormatFloat(f*100, 'f', -1, 64) + "%"
}

// ParsePercent reads "10%" (or "2.5%") as 0.1 (0.025). It must be more
// than 0% and at most 100%.
func ParsePercent(s string) (float64, error) {
	t := strings.TrimSpace(s)
	num, ok := strings.CutSuffix(t, "%")
	if !ok {
		return 0, fmt.Errorf("%q: want a percentage such as 10%% or 100%%", s)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || math.IsNaN(f) || f <= 0 || f > 100 {
		return 0, fmt.Errorf("%q: want a percentage above 0%% and at most 100%%", s)
	}
	return f / 100, nil
}

// PartialError is returned when Failed articles failed and the others were
// synced.
type PartialError struct{ Failed int }

func (e *PartialError) Error() string        { return fmt.Sprintf("%v: %d failed", ErrPartial, e.Failed) }
func (e *PartialError) Is(target error) bool { return target == ErrPartial }
func (e *PartialError) ExitCode() int        { return ExitPartial }

// UsageError is a bad argument or setting.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }
func (e *UsageError) ExitCode() int { return ExitUsage }

// interruptedError is how Run reports a stop by its context.
type interruptedError struct{ cause error }

func (e *interruptedError) Error() string        { return fmt.Sprintf("%v: %v", ErrInterrupted, e.cause) }
func (e *interruptedError) Unwrap() error        { return e.cause }
func (e *interruptedError) Is(target error) bool { return target == ErrInterrupted }
func (e *interruptedError) ExitCode() int        { return ExitInterrupted }
