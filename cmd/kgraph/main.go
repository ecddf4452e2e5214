// Command kgraph builds a knowledge graph from news articles and loads it
// into Neo4j. Run "kgraph --help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A batch run allocates briefly-lived records at a high rate and
		// keeps little: collecting less often buys about a tenth of the
		// extraction time for a few megabytes. GOGC still overrides.
		debug.SetGCPercent(400)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		// A second signal kills the process the default way.
		signal.Stop(sigs)
		cancel(&signalError{sig})
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Soft limits of the Go heap (see limitHeap).
const (
	// Load holds one group of batches at a time, so its live heap is a few
	// tens of MB whatever the file's size; without a limit the collector
	// lets the heap grow to twice its largest transient peak (a busy
	// entity's line), and the peak RSS with it.
	loadMemoryLimit = 64 << 20
	// Extraction keeps the tagger models and caches (about 70 MB) and the
	// resolver's keys and names, about 90 MB live for a few thousand
	// articles and about 105 MB for 20,000. Under GOGC=400 the heap would
	// grow to five times that before a collection, so the peak RSS would
	// follow the corpus; the limit keeps it near this figure instead, with
	// the collector working harder only as the live heap approaches it.
	extractMemoryLimit = 384 << 20
)

// limitHeap sets the heap's soft limit for one command and returns the
// function that restores the previous one. A GOMEMLIMIT in the environment
// wins.
func limitHeap(limit int64) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string {
	if e.sig == syscall.SIGTERM {
		return "stopped by SIGTERM"
	}
	return "interrupted (SIGINT)"
}
func (e *signalError) ExitCode() int {
	if e.sig == syscall.SIGTERM {
		return 128 + int(syscall.SIGTERM)
	}
	return exitInterrupted
}

// run executes one kgraph command line and returns the exit code. Errors are
// printed as one line, "kgraph: <message>", with a --help hint for usage
// mistakes and never a stack trace or usage dump.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := newGlobals(stdin, stdout, stderr)
	return execute(ctx, g, newRootCmd(g, commands...), args)
}

// execute runs root with args and turns the outcome into an exit code.
func execute(ctx context.Context, g *globals, root *cobra.Command, args []string) int {
	stderr := g.stderr
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if cause := context.Cause(ctx); cause != nil && ctx.Err() != nil {
		err = cause
	}
	if !g.started {
		// cobra refused the command line before any command ran.
		var ue *usageError
		if !errors.As(err, &ue) {
			err = &usageError{err: err}
		}
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "kgraph: %v\nRun '%s --help' for usage.\n", err, cmd.CommandPath())
	} else {
		fmt.Fprintf(stderr, "kgraph: %v\n", err)
	}
	return exitCode(err)
}
