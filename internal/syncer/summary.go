package syncer

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Summary is the one record every run ends with.
type Summary struct {
	Source      string
	DryRun      bool
	Started     time.Time
	Duration    time.Duration
	Interrupted bool

	New, Changed, Unchanged, Retracted, Failed int
	// PruneSkipped counts articles Prune would have retracted but did not,
	// because some files could not be read.
	PruneSkipped int
	// PruneRefused counts articles Prune would have retracted but did not,
	// because the prune guard (PruneMax) refused.
	PruneRefused int
	RetractedIDs []string

	// FactsAdded counts relations and attributes written; FactsRetracted
	// those removed from changed and pruned articles, when the store can
	// count them.
	FactsAdded, FactsRetracted int
	factsRetractedUnknown      bool

	Failures []Failure
	// Error is the error that ended the run early, if any.
	Error string
}

// Failure is one article or file that could not be synced.
type Failure struct {
	Path  string `json:"path,omitempty"`
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

// FactsRetractedKnown reports whether FactsRetracted is a real count.
func (s Summary) FactsRetractedKnown() bool { return !s.factsRetractedUnknown }

type summaryJSON struct {
	Time           time.Time `json:"time"`
	Level          string    `json:"level"`
	Msg            string    `json:"msg"`
	Source         string    `json:"source"`
	DryRun         bool      `json:"dry_run"`
	Started        time.Time `json:"started"`
	DurationMS     int64     `json:"duration_ms"`
	Interrupted    bool      `json:"interrupted,omitempty"`
	New            int       `json:"new"`
	Changed        int       `json:"changed"`
	Unchanged      int       `json:"unchanged"`
	Retracted      int       `json:"retracted"`
	Failed         int       `json:"failed"`
	PruneSkipped   int       `json:"prune_skipped,omitempty"`
	PruneRefused   int       `json:"prune_refused,omitempty"`
	FactsAdded     int       `json:"facts_added"`
	FactsRetracted *int      `json:"facts_retracted"` // null when the store cannot count them
	Failures       []Failure `json:"failures"`
	Error          string    `json:"error,omitempty"`
}

// MarshalJSON gives the summary's JSON record: one object with snake_case
// keys and "msg":"sync summary", with the time, level and msg keys of
// slog's JSON lines so that log pipelines take it like any other line. The
// level is WARN when something failed or the run stopped early.
func (s Summary) MarshalJSON() ([]byte, error) {
	level := "INFO"
	if s.Failed > 0 || s.Error != "" || s.Interrupted || s.PruneRefused > 0 {
		level = "WARN"
	}
	j := summaryJSON{
		Time: s.Started.Add(s.Duration).UTC(), Level: level, Msg: "sync summary", Source: s.Source, DryRun: s.DryRun, Started: s.Started.UTC(),
		DurationMS: s.Duration.Milliseconds(), Interrupted: s.Interrupted,
		New: s.New, Changed: s.Changed, Unchanged: s.Unchanged, Retracted: s.Retracted, Failed: s.Failed,
		PruneSkipped: s.PruneSkipped, PruneRefused: s.PruneRefused, FactsAdded: s.FactsAdded, Failures: s.Failures, Error: s.Error,
	}
	if j.Failures == nil {
		j.Failures = []Failure{}
	}
	if s.FactsRetractedKnown() {
		n := s.FactsRetracted
		j.FactsRetracted = &n
	}
	return json.Marshal(j)
}

// WriteText writes the summary for people: one line of counts, then one
// line per failure.
func (s Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	b.WriteString("sync")
	if s.DryRun {
		b.WriteString(" (dry run)")
	}
	fmt.Fprintf(&b, " %s: %d new, %d changed, %d unchanged, %d retracted, %d failed; facts +%d",
		s.Source, s.New, s.Changed, s.Unchanged, s.Retracted, s.Failed, s.FactsAdded)
	if s.FactsRetractedKnown() {
		fmt.Fprintf(&b, " -%d", s.FactsRetracted)
	}
	fmt.Fprintf(&b, "; %s", s.Duration.Round(time.Millisecond))
	if s.Interrupted {
		b.WriteString("; interrupted")
	}
	if s.PruneSkipped > 0 {
		fmt.Fprintf(&b, "; prune skipped (%d articles) because some files could not be read", s.PruneSkipped)
	}
	if s.PruneRefused > 0 {
		fmt.Fprintf(&b, "; prune refused (%d articles would go)", s.PruneRefused)
	}
	if s.Error != "" {
		fmt.Fprintf(&b, "; stopped: %s", s.Error)
	}
	b.WriteByte('\n')
	for _, f := range s.Failures {
		name := f.Path
		if name == "" {
			name = f.ID
		} else if f.ID != "" {
			name += " (" + f.ID + ")"
		}
		fmt.Fprintf(&b, "  failed %s: %s\n", name, f.Error)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the summary as one JSON line.
func (s Summary) WriteJSON(w io.Writer) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
