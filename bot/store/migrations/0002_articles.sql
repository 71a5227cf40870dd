-- The news read from feeds and pages (package feeds). Times are Unix milliseconds, UTC.

-- An article, stored once however many feeds and outlets carried it: its text and its
-- first copy. seen_at is when briefbot first saw it: windows of briefings and the
-- retention count from it.
CREATE TABLE articles (
	id           INTEGER PRIMARY KEY,
	text         TEXT NOT NULL,
	title        TEXT NOT NULL DEFAULT '',
	outlet       TEXT NOT NULL DEFAULT '',
	url          TEXT NOT NULL DEFAULT '',
	feed         TEXT NOT NULL DEFAULT '',
	published_at INTEGER,              -- NULL when unknown
	seen_at      INTEGER NOT NULL,
	simhash      INTEGER NOT NULL      -- the uint64 SimHash's bits
) STRICT;

CREATE INDEX articles_by_seen ON articles (seen_at);

-- Every copy of an article: the feed (or page) it came through, its URL, outlet and title.
CREATE TABLE article_copies (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	url        TEXT NOT NULL,
	feed       TEXT NOT NULL,
	outlet     TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article_id, url)
) STRICT;

CREATE INDEX article_copies_by_feed ON article_copies (feed, article_id);

-- The items of each feed already seen: by GUID, or else by canonical link.
CREATE TABLE seen (
	feed    TEXT NOT NULL,
	key     TEXT NOT NULL,
	seen_at INTEGER NOT NULL,
	PRIMARY KEY (feed, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX seen_by_time ON seen (seen_at);

-- What each feed's last read left: validators for a conditional request, and when it
-- was first read (seeded).
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	seeded_at     INTEGER,
	checked_at    INTEGER
) STRICT;
