package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/kgraph/kgraph/config"
	neo4jstore "github.com/kgraph/kgraph/graph/neo4j"
	"github.com/kgraph/kgraph/internal/syncer"
)

// Exit codes. They are part of the interface: scripts and cron wrappers
// branch on them, so they are documented in the root help and the README.
const (
	exitOK           = 0   // all good
	exitFailed       = 1   // some articles failed, the rest loaded (or the run failed otherwise)
	exitUsage        = 2   // usage or configuration error
	exitUnavailable  = 3   // Neo4j unreachable, connection lost past --max-retry-time, or authentication failed
	exitLocked       = 4   // another run holds the lock
	exitCypher       = 5   // Neo4j rejected the Cypher statement (kgraph query)
	exitPruneRefused = 6   // the prune guard refused to retract (kgraph sync --prune)
	exitInterrupted  = 130 // interrupted by SIGINT (143 for SIGTERM)
)

const exitCodesHelp = `Exit codes:
  0    all good
  1    some articles failed (each is logged with its file name); the rest loaded
  2    usage or configuration error (also: a bad NEO4J_URI port, NEO4J_URI set but empty)
  3    Neo4j unreachable, the connection lost for longer than --max-retry-time,
       or authentication failed; what was committed before stays
  4    another run holds the lock (kgraph sync)
  5    Neo4j rejected the Cypher statement (kgraph query: syntax, a write
       without --write, a constraint)
  6    the prune guard refused (kgraph sync --prune: no articles, or more than
       --prune-max of the source would go); nothing was retracted
  130  interrupted (SIGINT); 143 for SIGTERM`

// cypherError is a statement Neo4j refused to run.
type cypherError struct {
	err  error
	hint string
}

func (e *cypherError) Error() string {
	if e.hint != "" {
		return e.err.Error() + " (" + e.hint + ")"
	}
	return e.err.Error()
}
func (e *cypherError) Unwrap() error { return e.err }
func (e *cypherError) ExitCode() int { return exitCypher }

// usageError is a mistake on the command line; its message gets a hint to
// run --help.
type usageError struct {
	err     error
	command string // e.g. "kgraph extract"
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }
func (e *usageError) ExitCode() int { return exitUsage }

func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// failedError reports that some articles failed while the others went
// through; the failures were logged one by one as they happened.
type failedError struct {
	failed, total int
	what          string // what failed; "articles" if empty
}

func (e *failedError) Error() string {
	what := e.what
	if what == "" {
		what = "articles"
	}
	return fmt.Sprintf("%d of %d %s failed; see the messages above", e.failed, e.total, what)
}
func (e *failedError) ExitCode() int { return exitFailed }

// exitCoder lets any package's error choose its exit code without this
// package importing it.
type exitCoder interface{ ExitCode() int }

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	var ec exitCoder
	var ce *config.Error
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, neo4jstore.ErrUnavailable), errors.Is(err, neo4jstore.ErrAuth):
		return exitUnavailable
	case errors.Is(err, syncer.ErrLocked):
		return exitLocked
	case errors.Is(err, syncer.ErrPruneRefused):
		return exitPruneRefused
	case errors.As(err, &ce):
		return exitUsage
	case errors.As(err, &ec):
		return ec.ExitCode()
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	return exitFailed
}
