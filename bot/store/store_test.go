package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/schedule/scheduletest"
	"github.com/briefbot/briefbot/bot/store"
)

var ctx = context.Background()

// mustOpen opens a database file in a new temporary folder, closed at the end.
func mustOpen(t *testing.T, path string, o store.Options) *store.DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "briefbot.db")
	}
	d, err := store.Open(ctx, path, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestStoreSuite(t *testing.T) {
	scheduletest.StoreSuite(t, func(t *testing.T) schedule.Store { return mustOpen(t, "", store.Options{}) })
}

func slot(i int) schedule.Slot {
	return schedule.Slot{Platform: "slack", Channel: "C1", Time: scheduletest.T0.Add(time.Duration(i) * time.Hour), Kind: schedule.Scheduled}
}

// claimed returns the IDs of the claimed slots of C1.
func claimed(t *testing.T, d *store.DB) map[string]bool {
	t.Helper()
	rs, err := d.Unmarked(ctx, "slack", "C1")
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]bool)
	for _, r := range rs {
		out[r.ID()] = true
	}
	return out
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	d, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Claim(ctx, schedule.Claim{Slot: slot(0), Owner: "a", At: scheduletest.T0}); err != nil {
		t.Fatal(err)
	}
	if err := d.Mark(ctx, slot(0).ID(), schedule.Mark{State: schedule.Posted, MessageID: "1.2", At: scheduletest.T0}); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d = mustOpen(t, path, store.Options{})
	r, ok, err := d.LastPosted(ctx, "slack", "C1")
	if err != nil || !ok || r.MessageID != "1.2" || !r.Slot.Time.Equal(scheduletest.T0) {
		t.Fatalf("after reopening: %+v %v %v", r, ok, err)
	}
	if v, err := d.Version(ctx); err != nil || v != store.SchemaVersion() || v < 1 {
		t.Fatalf("Version = %d, %v; want %d", v, err, store.SchemaVersion())
	}
}

func TestOpenRefusesPaths(t *testing.T) {
	for _, p := range []string{"", "briefbot.db?mode=ro", "file:briefbot.db"} {
		if _, err := store.Open(ctx, p, store.Options{}); err == nil || !strings.HasPrefix(err.Error(), "store: database path") {
			t.Errorf("Open(%q) = %v", p, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "missing", "folder", "briefbot.db")
	if _, err := store.Open(ctx, dir, store.Options{}); !errors.Is(err, store.ErrAccess) {
		t.Errorf("Open in a missing folder = %v, want ErrAccess", err)
	}
}

func TestCorruptFile(t *testing.T) {
	t.Run("not a database", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "briefbot.db")
		garbage := bytes.Repeat([]byte("not a database\x00\xff"), 512)
		if err := os.WriteFile(path, garbage, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := store.Open(ctx, path, store.Options{})
		if !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), path) {
			t.Fatalf("Open = %v, want ErrCorrupt naming the file", err)
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, garbage) {
			t.Fatal("Open changed the file")
		}
	})
	t.Run("damaged pages", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "briefbot.db")
		d, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 200 {
			if err := d.Claim(ctx, schedule.Claim{Slot: slot(i), Owner: strings.Repeat("o", 100), At: scheduletest.T0}); err != nil {
				t.Fatal(err)
			}
		}
		d.Close()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Overwrite everything after the first two pages (the header and the schema).
		for i := 2 * 4096; i < len(b); i++ {
			b[i] = 0x5a
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err = store.Open(ctx, path, store.Options{})
		if !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("Open = %v, want ErrCorrupt", err)
		}
	})
}

// TestLockedDatabase holds the write lock from another connection, as another
// process would, and checks that writes fail clearly after the busy timeout, reads go
// on, and nothing recorded is lost.
func TestLockedDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	d := mustOpen(t, path, store.Options{BusyTimeout: 50 * time.Millisecond})
	if err := d.Claim(ctx, schedule.Claim{Slot: slot(0), Owner: "a", At: scheduletest.T0}); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	err = d.Claim(ctx, schedule.Claim{Slot: slot(1), Owner: "a", At: scheduletest.T0})
	if !errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), "store: claiming "+slot(1).ID()) {
		t.Fatalf("Claim while locked = %v, want ErrLocked", err)
	}
	if _, err := d.AcquireLease(ctx, schedule.LeaseName, "a", scheduletest.T0, time.Minute); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("AcquireLease while locked = %v, want ErrLocked", err)
	}
	if got := claimed(t, d); !got[slot(0).ID()] || len(got) != 1 {
		t.Fatalf("reads while locked: %v", got)
	}
	// A second process opening the current database while the lock is held.
	d2, err := store.Open(ctx, path, store.Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatalf("Open beside a writer: %v", err)
	}
	d2.Close()

	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if err := d.Claim(ctx, schedule.Claim{Slot: slot(1), Owner: "a", At: scheduletest.T0}); err != nil {
		t.Fatalf("Claim after the lock: %v", err)
	}
	if got := claimed(t, d); len(got) != 2 {
		t.Fatalf("claimed %v, want both", got)
	}
}

func TestOpenLockedNewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	other, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(ctx, path, store.Options{BusyTimeout: 50 * time.Millisecond})
	if !errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), "migrating") {
		t.Fatalf("Open of a database to migrate while locked = %v, want ErrLocked", err)
	}
}

// TestFullDisk fills a database capped at a few pages: the write that does not fit
// fails with ErrFull, and every record written before it is there after reopening.
func TestFullDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	d, err := store.Open(ctx, path, store.WithPragma(store.Options{}, "max_page_count(22)"))
	if err != nil {
		t.Fatal(err)
	}
	owner := strings.Repeat("x", 300)
	var ok []string
	var fullErr error
	for i := 0; i < 1000 && fullErr == nil; i++ {
		err := d.Claim(ctx, schedule.Claim{Slot: slot(i), Owner: owner, At: scheduletest.T0})
		switch {
		case err == nil:
			ok = append(ok, slot(i).ID())
		case errors.Is(err, store.ErrFull):
			fullErr = err
		default:
			t.Fatalf("Claim %d: %v", i, err)
		}
	}
	if fullErr == nil || len(ok) == 0 {
		t.Fatalf("%d claims fit and none failed", len(ok))
	}
	if !strings.Contains(fullErr.Error(), "store: claiming") || !strings.Contains(fullErr.Error(), "no room left") {
		t.Fatalf("error %q does not say what failed", fullErr)
	}
	// Marking a slot rewrites its row in place; a growing reason may not fit.
	if err := d.Mark(ctx, ok[0], schedule.Mark{State: schedule.Posted, MessageID: "1.2", At: scheduletest.T0}); err != nil && !errors.Is(err, store.ErrFull) {
		t.Fatalf("Mark on a full database: %v", err)
	}
	if _, err := d.Miss(ctx, slot(5000), strings.Repeat("r", 5000), scheduletest.T0); !errors.Is(err, store.ErrFull) {
		t.Fatalf("Miss on a full database = %v, want ErrFull", err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	d = mustOpen(t, path, store.Options{})
	rs, err := d.Unmarked(ctx, "slack", "C1")
	if err != nil {
		t.Fatal(err)
	}
	posted, _, err := d.LastPosted(ctx, "slack", "C1")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{posted.ID(): posted.MessageID == "1.2"}
	for _, r := range rs {
		found[r.ID()] = true
	}
	for _, id := range ok {
		if !found[id] {
			t.Fatalf("slot %s was claimed before the disk filled and is gone", id)
		}
	}
	if len(rs)+1 != len(ok) && len(rs) != len(ok) {
		t.Fatalf("%d records after reopening, want %d", len(rs), len(ok))
	}
	// With room again, writing goes on.
	if err := d.Claim(ctx, schedule.Claim{Slot: slot(9999), Owner: "a", At: scheduletest.T0}); err != nil {
		t.Fatal(err)
	}
}

func TestMigrations(t *testing.T) {
	v1 := fstest.MapFS{"migrations/0001_a.sql": {Data: []byte("CREATE TABLE a (x INTEGER);")}}
	v2 := fstest.MapFS{
		"migrations/0001_a.sql": v1["migrations/0001_a.sql"],
		"migrations/0002_b.sql": {Data: []byte("CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (1);")},
	}
	broken := fstest.MapFS{
		"migrations/0001_a.sql": v1["migrations/0001_a.sql"],
		"migrations/0002_b.sql": {Data: []byte("CREATE TABLE c (z INTEGER); INSERT INTO nowhere VALUES (1);")},
	}
	gap := fstest.MapFS{
		"migrations/0001_a.sql": v1["migrations/0001_a.sql"],
		"migrations/0003_c.sql": {Data: []byte("SELECT 1;")},
	}
	// fresh returns a database whose version table says 0, for the test files above.
	fresh := func(t *testing.T) *store.DB {
		d := mustOpen(t, "", store.Options{})
		if err := store.Exec(ctx, d, "DELETE FROM schema_migrations"); err != nil {
			t.Fatal(err)
		}
		return d
	}
	t.Run("one at a time", func(t *testing.T) {
		d := fresh(t)
		if err := store.Migrate(ctx, d, v1); err != nil {
			t.Fatal(err)
		}
		if err := store.Migrate(ctx, d, v2); err != nil {
			t.Fatal(err)
		}
		if err := store.Migrate(ctx, d, v2); err != nil {
			t.Fatalf("again: %v", err)
		}
		if v, _ := d.Version(ctx); v != 2 {
			t.Fatalf("version %d, want 2", v)
		}
		if err := store.Exec(ctx, d, "INSERT INTO a VALUES (1)"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a failing migration leaves nothing", func(t *testing.T) {
		d := fresh(t)
		if err := store.Migrate(ctx, d, v1); err != nil {
			t.Fatal(err)
		}
		err := store.Migrate(ctx, d, broken)
		if err == nil || !strings.Contains(err.Error(), "migrating") || !strings.Contains(err.Error(), "0002_b.sql") {
			t.Fatalf("Migrate = %v", err)
		}
		if v, _ := d.Version(ctx); v != 1 {
			t.Fatalf("version %d, want 1", v)
		}
		if err := store.Exec(ctx, d, "INSERT INTO c VALUES (1)"); err == nil {
			t.Fatal("the failed migration's table exists")
		}
	})
	t.Run("newer schema", func(t *testing.T) {
		d := fresh(t)
		if err := store.Migrate(ctx, d, v2); err != nil {
			t.Fatal(err)
		}
		if err := store.Migrate(ctx, d, v1); !errors.Is(err, store.ErrNewerSchema) {
			t.Fatalf("Migrate to an older build = %v, want ErrNewerSchema", err)
		}
	})
	t.Run("Open refuses a newer schema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "briefbot.db")
		d := mustOpen(t, path, store.Options{})
		if err := store.Exec(ctx, d, "INSERT INTO schema_migrations VALUES (99, '0099_future.sql', 0)"); err != nil {
			t.Fatal(err)
		}
		d.Close()
		if _, err := store.Open(ctx, path, store.Options{}); !errors.Is(err, store.ErrNewerSchema) || !strings.Contains(err.Error(), "schema version 99") {
			t.Fatalf("Open = %v, want ErrNewerSchema", err)
		}
	})
	t.Run("a gap in the versions", func(t *testing.T) {
		if err := store.Migrate(ctx, fresh(t), gap); err == nil || !strings.Contains(err.Error(), "version 3, want 2") {
			t.Fatalf("Migrate = %v", err)
		}
	})
}

// BenchmarkClaimMark measures one slot's ledger writes on a file: the claim and the
// mark, each a committed transaction (synchronous=FULL).
func BenchmarkClaimMark(b *testing.B) {
	d, err := store.Open(ctx, filepath.Join(b.TempDir(), "briefbot.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	i := 0
	for b.Loop() {
		s := schedule.Slot{Platform: "slack", Channel: "C1", Time: scheduletest.T0.Add(time.Duration(i) * time.Minute), Kind: schedule.Scheduled}
		i++
		if err := d.Claim(ctx, schedule.Claim{Slot: s, Owner: "a", At: scheduletest.T0}); err != nil {
			b.Fatal(err)
		}
		if err := d.Mark(ctx, s.ID(), schedule.Mark{State: schedule.Posted, MessageID: "1.2", At: scheduletest.T0}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen measures Open of an existing database with a year of daily slots for
// 100 channels: the quick check and the schema check.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "briefbot.db")
	d, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for c := range 100 {
		for day := range 365 {
			s := schedule.Slot{Platform: "slack", Channel: fmt.Sprint("C", c), Time: scheduletest.T0.AddDate(0, 0, day), Kind: schedule.Scheduled}
			if _, err := d.Miss(ctx, s, "the grace window ran out", scheduletest.T0); err != nil {
				b.Fatal(err)
			}
		}
	}
	d.Close()
	for b.Loop() {
		d, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}
