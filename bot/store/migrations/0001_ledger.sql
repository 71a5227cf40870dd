-- The ledger of scheduled briefings (package schedule): one row per slot, the time of
-- one channel's briefing. Times are Unix milliseconds, UTC.
CREATE TABLE slots (
	id           TEXT PRIMARY KEY,     -- "slack/C123/2026-12-02T07:00:00Z", the idempotency key
	platform     TEXT NOT NULL,
	channel_id   TEXT NOT NULL,
	slot_at      INTEGER NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('scheduled', 'manual')),
	state        TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'missed', 'skipped')),
	owner        TEXT NOT NULL DEFAULT '',
	attempts     INTEGER NOT NULL DEFAULT 0,
	maybe_posted INTEGER NOT NULL DEFAULT 0 CHECK (maybe_posted IN (0, 1)),
	retry_at     INTEGER,              -- while claimed: no attempt before; NULL: at once
	message_id   TEXT NOT NULL DEFAULT '',
	reason       TEXT NOT NULL DEFAULT '',
	claimed_at   INTEGER,              -- NULL for a missed slot
	updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX slots_by_channel ON slots (platform, channel_id, slot_at);
CREATE INDEX slots_claimed ON slots (platform, channel_id, slot_at) WHERE state = 'claimed';

-- Named leases: the one scheduler holds "scheduler" and renews it before it expires.
CREATE TABLE leases (
	name       TEXT PRIMARY KEY,
	owner      TEXT NOT NULL,
	expires_at INTEGER NOT NULL
) STRICT;
