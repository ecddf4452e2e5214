package syncer

import (
	"errors"
	"fmt"
	"time"
)

// Exit codes of `kgraph sync`, documented in its help. Errors returned by
// Run carry theirs through an ExitCode method.
const (
	ExitOK          = 0
	ExitPartial     = 1
	ExitUsage       = 2
	ExitUnavailable = 3
	ExitLocked      = 4
	ExitInterrupted = 130
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
)

// LockedError is returned when the lock stayed taken for the whole wait.
type LockedError struct {
	Name   string
	Waited time.Duration
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%v: lock %q still taken after waiting %s", ErrLocked, e.Name, e.Waited)
}
func (e *LockedError) Is(target error) bool { return target == ErrLocked }
func (e *LockedError) ExitCode() int        { return ExitLocked }

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
