/* hd-store-migrations.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include "hd-store-private.h"

/* The channel_mask of the post with id @post: one bit (1 << HdChannelKind) per kind of
 * channel its variants go to. The order follows HdChannelKind. */
#define KIND_BIT(kind) \
  "CASE " kind " WHEN 'mastodon' THEN 1 WHEN 'bluesky' THEN 2 WHEN 'facebook-page' THEN 4" \
  " WHEN 'instagram' THEN 8 WHEN 'linkedin' THEN 16 WHEN 'x' THEN 32 ELSE 0 END"
#define CHANNEL_MASK_OF(post) \
  "(SELECT coalesce (sum (DISTINCT " KIND_BIT ("channels.kind") "), 0)" \
  "  FROM post_variants JOIN channels ON channels.id = post_variants.channel_id" \
  "  WHERE post_variants.post_id = " post ")"

/* A version 4 UUID, as g_uuid_string_random writes them. */
#define RANDOM_UUID \
  "(lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4' ||" \
  " substr (lower (hex (randomblob (2))), 2) || '-' ||" \
  " substr ('89ab', 1 + abs (random ()) % 4, 1) || substr (lower (hex (randomblob (2))), 2) ||" \
  " '-' || lower (hex (randomblob (6))))"

/* Step N brings user_version N - 1 to N. A shipped step never changes: later features add a
 * new step that adds columns or tables. The CHECK lists spell the GEnum nicks of hd-types.h,
 * which is what the store writes. */
static const char * const migrations[] = {
  /* 1: the whole schema. */
  "CREATE TABLE channels ("
  "  id                TEXT PRIMARY KEY NOT NULL,"
  "  kind              TEXT NOT NULL CHECK (kind IN ('mastodon', 'bluesky', 'facebook-page',"
  "                                               'instagram', 'linkedin', 'x')),"
  "  display_name      TEXT NOT NULL DEFAULT '',"
  "  handle            TEXT,"
  "  base_url          TEXT,"
  "  remote_account_id TEXT,"
  "  state             TEXT NOT NULL DEFAULT 'disconnected'"
  "                    CHECK (state IN ('connected', 'needs-reconnect', 'disconnected')),"
  "  created_at        INTEGER NOT NULL,"
  "  updated_at        INTEGER NOT NULL"
  ");"

  "CREATE TABLE labels ("
  "  id    TEXT PRIMARY KEY NOT NULL,"
  "  name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (name) > 0),"
  "  color TEXT"
  ");"

  "CREATE TABLE media ("
  "  sha256     TEXT PRIMARY KEY NOT NULL CHECK (length (sha256) = 64),"
  "  path       TEXT NOT NULL,"
  "  mime_type  TEXT NOT NULL,"
  "  width      INTEGER NOT NULL DEFAULT 0 CHECK (width >= 0),"
  "  height     INTEGER NOT NULL DEFAULT 0 CHECK (height >= 0),"
  "  alt_text   TEXT,"
  "  bytes      INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),"
  "  created_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE campaigns ("
  "  id                    TEXT PRIMARY KEY NOT NULL,"
  "  ad_account_id         TEXT,"
  "  name                  TEXT NOT NULL,"
  "  objective             TEXT NOT NULL CHECK (objective IN ('OUTCOME_AWARENESS',"
  "                          'OUTCOME_TRAFFIC', 'OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS',"
  "                          'OUTCOME_APP_PROMOTION', 'OUTCOME_SALES')),"
  "  special_ad_categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (special_ad_categories)),"
  "  status                TEXT NOT NULL DEFAULT 'paused'"
  "                        CHECK (status IN ('paused', 'active', 'archived')),"
  "  bid_strategy          TEXT,"
  "  remote_id             TEXT,"
  "  created_at            INTEGER NOT NULL,"
  "  updated_at            INTEGER NOT NULL"
  ");"

  "CREATE TABLE posts ("
  "  id           TEXT PRIMARY KEY NOT NULL,"
  "  text         TEXT NOT NULL DEFAULT '',"
  "  state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('idea', 'draft', 'scheduled',"
  "                 'publishing', 'published', 'failed', 'needs-attention')),"
  "  scheduled_at INTEGER,"
  "  time_zone    TEXT,"
  "  campaign_id  TEXT REFERENCES campaigns (id) ON DELETE SET NULL,"
  "  notes        TEXT,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL,"
  "  published_at INTEGER,"
  /* An instant without the zone the user meant cannot survive a DST change. */
  "  CHECK (scheduled_at IS NULL OR time_zone IS NOT NULL)"
  ");"

  "CREATE TABLE post_labels ("
  "  post_id  TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  label_id TEXT NOT NULL REFERENCES labels (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (post_id, label_id)"
  ") WITHOUT ROWID;"

  "CREATE TABLE post_variants ("
  "  id            TEXT PRIMARY KEY NOT NULL,"
  "  post_id       TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  channel_id    TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
  "  text          TEXT,"
  "  first_comment TEXT,"
  "  remote_id     TEXT,"
  "  remote_url    TEXT,"
  "  state         TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('idea', 'draft', 'scheduled',"
  "                  'publishing', 'published', 'failed', 'needs-attention')),"
  "  UNIQUE (post_id, channel_id)"
  ");"

  "CREATE TABLE variant_media ("
  "  variant_id TEXT NOT NULL REFERENCES post_variants (id) ON DELETE CASCADE,"
  "  position   INTEGER NOT NULL CHECK (position >= 0),"
  "  sha256     TEXT NOT NULL REFERENCES media (sha256) ON DELETE RESTRICT,"
  "  PRIMARY KEY (variant_id, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE audiences ("
  "  id             TEXT PRIMARY KEY NOT NULL,"
  "  name           TEXT NOT NULL,"
  "  spec           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (spec)),"
  "  estimated_size INTEGER CHECK (estimated_size IS NULL OR estimated_size >= 0),"
  "  estimated_at   INTEGER,"
  "  created_at     INTEGER NOT NULL,"
  "  updated_at     INTEGER NOT NULL"
  ");"

  "CREATE TABLE ad_sets ("
  "  id                TEXT PRIMARY KEY NOT NULL,"
  "  campaign_id       TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
  "  name              TEXT NOT NULL,"
  "  budget_kind       TEXT NOT NULL DEFAULT 'daily' CHECK (budget_kind IN ('daily', 'lifetime')),"
  "  budget_minor      INTEGER NOT NULL DEFAULT 0 CHECK (budget_minor >= 0),"
  "  currency          TEXT NOT NULL CHECK (length (currency) = 3 AND currency = upper (currency)),"
  "  starts_at         INTEGER,"
  "  ends_at           INTEGER CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at),"
  "  time_zone         TEXT,"
  "  optimization_goal TEXT,"
  "  billing_event     TEXT,"
  "  audience_id       TEXT REFERENCES audiences (id) ON DELETE RESTRICT,"
  "  placements        TEXT CHECK (placements IS NULL OR json_valid (placements)),"
  "  dayparting        TEXT CHECK (dayparting IS NULL OR json_valid (dayparting)),"
  "  status            TEXT NOT NULL DEFAULT 'paused'"
  "                    CHECK (status IN ('paused', 'active', 'archived')),"
  "  remote_id         TEXT,"
  "  created_at        INTEGER NOT NULL,"
  "  updated_at        INTEGER NOT NULL"
  ");"

  "CREATE TABLE ads ("
  "  id             TEXT PRIMARY KEY NOT NULL,"
  "  ad_set_id      TEXT NOT NULL REFERENCES ad_sets (id) ON DELETE CASCADE,"
  "  post_id        TEXT REFERENCES posts (id) ON DELETE SET NULL,"
  "  name           TEXT NOT NULL,"
  "  headline       TEXT,"
  "  link           TEXT,"
  "  call_to_action TEXT,"
  "  status         TEXT NOT NULL DEFAULT 'paused'"
  "                 CHECK (status IN ('paused', 'active', 'archived')),"
  "  remote_id      TEXT,"
  "  created_at     INTEGER NOT NULL,"
  "  updated_at     INTEGER NOT NULL"
  ");"

  "CREATE TABLE inbox_items ("
  "  id            TEXT PRIMARY KEY NOT NULL,"
  "  channel_id    TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('comment', 'reply', 'mention', 'message')),"
  "  remote_id     TEXT,"
  "  thread_id     TEXT,"
  "  parent_id     TEXT,"
  "  author_name   TEXT,"
  "  author_handle TEXT,"
  "  text          TEXT NOT NULL DEFAULT '',"
  "  received_at   INTEGER NOT NULL,"
  "  post_id       TEXT REFERENCES posts (id) ON DELETE SET NULL,"
  "  reply_state   TEXT NOT NULL DEFAULT 'unread'"
  "                CHECK (reply_state IN ('unread', 'read', 'replied', 'done'))"
  ");"

  /* Metrics name their subject by kind and id rather than by foreign key, so the history of a
   * deleted post still counts towards its channel. */
  "CREATE TABLE metrics ("
  "  id           INTEGER PRIMARY KEY,"
  "  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('post', 'channel', 'campaign', 'ad-set',"
  "                                                     'ad')),"
  "  subject_id   TEXT NOT NULL,"
  "  channel_id   TEXT REFERENCES channels (id) ON DELETE CASCADE,"
  "  name         TEXT NOT NULL CHECK (length (name) > 0),"
  "  value        INTEGER NOT NULL,"
  "  measured_at  INTEGER NOT NULL"
  ");"

  "CREATE TABLE outbox ("
  "  id              TEXT PRIMARY KEY NOT NULL,"
  "  subject_kind    TEXT NOT NULL CHECK (subject_kind IN ('post', 'variant', 'campaign',"
  "                    'ad-set', 'ad', 'audience', 'inbox-item')),"
  "  subject_id      TEXT NOT NULL,"
  "  channel_id      TEXT REFERENCES channels (id) ON DELETE CASCADE,"
  "  operation       TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'reply')),"
  "  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in-flight',"
  "                    'done', 'failed', 'unconfirmed')),"
  "  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
  "  next_attempt_at INTEGER,"
  "  last_error      TEXT,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  remote_id       TEXT,"
  "  created_at      INTEGER NOT NULL,"
  "  updated_at      INTEGER NOT NULL"
  ");"

  "CREATE INDEX posts_by_scheduled_at ON posts (scheduled_at);"
  "CREATE INDEX posts_by_state ON posts (state, scheduled_at);"
  "CREATE INDEX posts_by_campaign ON posts (campaign_id) WHERE campaign_id IS NOT NULL;"
  "CREATE INDEX post_labels_by_label ON post_labels (label_id);"
  "CREATE INDEX post_variants_by_channel ON post_variants (channel_id);"
  "CREATE UNIQUE INDEX post_variants_by_remote_id ON post_variants (channel_id, remote_id)"
  "  WHERE remote_id IS NOT NULL;"
  "CREATE INDEX variant_media_by_media ON variant_media (sha256);"
  "CREATE INDEX ad_sets_by_campaign ON ad_sets (campaign_id);"
  "CREATE INDEX ad_sets_by_flight ON ad_sets (starts_at, ends_at);"
  "CREATE INDEX ad_sets_by_audience ON ad_sets (audience_id) WHERE audience_id IS NOT NULL;"
  "CREATE INDEX ads_by_ad_set ON ads (ad_set_id);"
  "CREATE INDEX ads_by_post ON ads (post_id) WHERE post_id IS NOT NULL;"
  "CREATE INDEX inbox_items_by_channel ON inbox_items (channel_id, received_at);"
  "CREATE INDEX inbox_items_by_reply_state ON inbox_items (reply_state);"
  "CREATE UNIQUE INDEX inbox_items_by_remote_id ON inbox_items (channel_id, remote_id)"
  "  WHERE remote_id IS NOT NULL;"
  "CREATE INDEX metrics_by_subject ON metrics (subject_kind, subject_id, name, measured_at);"
  "CREATE INDEX metrics_by_channel ON metrics (channel_id, name, measured_at)"
  "  WHERE channel_id IS NOT NULL;"
  "CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);"
  "CREATE INDEX outbox_by_channel ON outbox (channel_id, state, created_at);",

  /* 2: the calendar, composer and ideas. */
  "CREATE TABLE snippets ("
  "  id         TEXT PRIMARY KEY NOT NULL,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('hashtags', 'signature')),"
  "  name       TEXT NOT NULL CHECK (length (name) > 0),"
  "  text       TEXT NOT NULL CHECK (length (text) > 0),"
  "  position   INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"

  /* hd_queue_slots_format text; NULL when the channel has no posting times. */
  "ALTER TABLE channels ADD COLUMN queue_slots TEXT;"

  /* The kinds of channel a post goes to, one bit per HdChannelKind, set by
   * hd_store_save_post once its variants are written and kept by the triggers below, so the
   * calendar reads a month of chips from the posts table alone, in one range scan of
   * posts_by_scheduled_at. No index holds it: it is rewritten on every save, and an import
   * saves thousands. */
  "ALTER TABLE posts ADD COLUMN channel_mask INTEGER NOT NULL DEFAULT 0;"
  "UPDATE posts SET channel_mask = " CHANNEL_MASK_OF ("posts.id") ";"
  "CREATE TRIGGER post_variants_mask_delete AFTER DELETE ON post_variants BEGIN"
  "  UPDATE posts SET channel_mask = " CHANNEL_MASK_OF ("OLD.post_id") " WHERE id = OLD.post_id;"
  " END;"
  "CREATE TRIGGER post_variants_mask_update AFTER UPDATE OF post_id, channel_id ON post_variants"
  " BEGIN"
  "  UPDATE posts SET channel_mask = " CHANNEL_MASK_OF ("OLD.post_id") " WHERE id = OLD.post_id;"
  "  UPDATE posts SET channel_mask = " CHANNEL_MASK_OF ("NEW.post_id") " WHERE id = NEW.post_id;"
  " END;"
  "CREATE TRIGGER channels_mask_update AFTER UPDATE OF kind ON channels BEGIN"
  "  UPDATE posts SET channel_mask = " CHANNEL_MASK_OF ("posts.id")
  "  WHERE id IN (SELECT post_id FROM post_variants WHERE channel_id = NEW.id);"
  " END;"

  /* Scheduled posts go out through 'publish' rows; SQLite cannot widen a CHECK in place, so
   * the table is rebuilt with every row kept. Nothing refers to outbox rows. The new table is
   * created under its own name so its schema reads as a fresh one does. */
  "ALTER TABLE outbox RENAME TO outbox_v1;"
  "CREATE TABLE outbox ("
  "  id              TEXT PRIMARY KEY NOT NULL,"
  "  subject_kind    TEXT NOT NULL CHECK (subject_kind IN ('post', 'variant', 'campaign',"
  "                    'ad-set', 'ad', 'audience', 'inbox-item')),"
  "  subject_id      TEXT NOT NULL,"
  "  channel_id      TEXT REFERENCES channels (id) ON DELETE CASCADE,"
  "  operation       TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'reply',"
  "                    'publish')),"
  "  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in-flight',"
  "                    'done', 'failed', 'unconfirmed')),"
  "  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
  "  next_attempt_at INTEGER,"
  "  last_error      TEXT,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  remote_id       TEXT,"
  "  created_at      INTEGER NOT NULL,"
  "  updated_at      INTEGER NOT NULL"
  ");"
  "INSERT INTO outbox SELECT id, subject_kind, subject_id, channel_id, operation, state,"
  "  attempts, next_attempt_at, last_error, idempotency_key, remote_id, created_at, updated_at"
  "  FROM outbox_v1;"
  "DROP TABLE outbox_v1;"
  "CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);"
  "CREATE INDEX outbox_by_channel ON outbox (channel_id, state, created_at);"
  /* The outbox rule: one publish row per post and channel waiting to go, never two. */
  "CREATE UNIQUE INDEX outbox_one_publish ON outbox (subject_id, channel_id)"
  "  WHERE subject_kind = 'post' AND operation = 'publish' AND state IN ('pending', 'failed');"
  /* Posts scheduled before the rule existed still have to go out. */
  "INSERT INTO outbox (id, subject_kind, subject_id, channel_id, operation, state,"
  "  idempotency_key, created_at, updated_at)"
  " SELECT " RANDOM_UUID ", 'post', posts.id, post_variants.channel_id, 'publish', 'pending',"
  "  " RANDOM_UUID ", CAST (strftime ('%s', 'now') AS INTEGER),"
  "  CAST (strftime ('%s', 'now') AS INTEGER)"
  " FROM posts JOIN post_variants ON post_variants.post_id = posts.id"
  " WHERE posts.state = 'scheduled' AND post_variants.remote_id IS NULL;"

  "CREATE TABLE feeds ("
  "  id              TEXT PRIMARY KEY NOT NULL,"
  "  url             TEXT UNIQUE NOT NULL,"
  "  title           TEXT,"
  "  site_url        TEXT,"
  "  etag            TEXT,"
  "  last_modified   TEXT,"
  "  last_fetched_at INTEGER,"
  "  last_error      TEXT,"
  "  created_at      INTEGER"
  ");"
  "CREATE TABLE feed_items ("
  "  id           TEXT PRIMARY KEY NOT NULL,"
  "  feed_id      TEXT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,"
  "  guid         TEXT NOT NULL,"
  "  title        TEXT,"
  "  link         TEXT,"
  "  summary      TEXT,"
  "  published_at INTEGER,"
  "  fetched_at   INTEGER,"
  "  used_post_id TEXT REFERENCES posts (id) ON DELETE SET NULL,"
  "  dismissed    INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (feed_id, guid)"
  ");"
  "CREATE INDEX feed_items_by_feed ON feed_items (feed_id, published_at);"
  "CREATE INDEX feed_items_by_post ON feed_items (used_post_id) WHERE used_post_id IS NOT NULL;",

  /* 3: connected channels. What the account's server allows (a JSON object, see
   * hd-channel.h), the account's picture, and when its credentials run out: NULL when they do
   * not. Never a token: those live in the keyring. */
  "ALTER TABLE channels ADD COLUMN limits TEXT CHECK (limits IS NULL OR json_valid (limits));"
  "ALTER TABLE channels ADD COLUMN avatar_url TEXT;"
  "ALTER TABLE channels ADD COLUMN token_expires_at INTEGER"
  "  CHECK (token_expires_at IS NULL OR token_expires_at > 0);",

  /* 4: offline-first sending. A publish row whose time passed while Herald was not running
   * waits for the user as 'missed' instead of going out hours late; send_late is the user's
   * word that it may go late once. record_key keeps the platform object that guards a retry
   * (Instagram's media container) the moment it exists, so a restart reuses it.
   * remote_scheduled says the remote id names a post the platform holds for later (handed
   * over for native scheduling): its delete goes to the platform's scheduled posts. The CHECK
   * on state widens, so the table is rebuilt as in step 2. */
  "ALTER TABLE outbox RENAME TO outbox_v3;"
  "DROP INDEX outbox_one_publish;"
  "CREATE TABLE outbox ("
  "  id               TEXT PRIMARY KEY NOT NULL,"
  "  subject_kind     TEXT NOT NULL CHECK (subject_kind IN ('post', 'variant', 'campaign',"
  "                     'ad-set', 'ad', 'audience', 'inbox-item')),"
  "  subject_id       TEXT NOT NULL,"
  "  channel_id       TEXT REFERENCES channels (id) ON DELETE CASCADE,"
  "  operation        TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'reply',"
  "                     'publish')),"
  "  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in-flight',"
  "                     'done', 'failed', 'unconfirmed', 'missed')),"
  "  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
  "  next_attempt_at  INTEGER,"
  "  last_error       TEXT,"
  "  idempotency_key  TEXT NOT NULL UNIQUE,"
  "  remote_id        TEXT,"
  "  created_at       INTEGER NOT NULL,"
  "  updated_at       INTEGER NOT NULL,"
  "  send_late        INTEGER NOT NULL DEFAULT 0 CHECK (send_late IN (0, 1)),"
  "  record_key       TEXT,"
  "  remote_scheduled INTEGER NOT NULL DEFAULT 0 CHECK (remote_scheduled IN (0, 1))"
  ");"
  "INSERT INTO outbox (id, subject_kind, subject_id, channel_id, operation, state, attempts,"
  "  next_attempt_at, last_error, idempotency_key, remote_id, created_at, updated_at)"
  " SELECT id, subject_kind, subject_id, channel_id, operation, state, attempts,"
  "  next_attempt_at, last_error, idempotency_key, remote_id, created_at, updated_at"
  " FROM outbox_v3;"
  "DROP TABLE outbox_v3;"
  "CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);"
  "CREATE INDEX outbox_by_channel ON outbox (channel_id, state, created_at);"
  "CREATE UNIQUE INDEX outbox_one_publish ON outbox (subject_id, channel_id)"
  "  WHERE subject_kind = 'post' AND operation = 'publish'"
  "   AND state IN ('pending', 'failed', 'missed');"

  /* At most one process sends: the one whose row this is. pid, host and boot_id let another
   * process on the same computer see that the owner died; heartbeat_at lets one anywhere see
   * that it stopped answering. */
  "CREATE TABLE sync_lock ("
  "  id           INTEGER PRIMARY KEY CHECK (id = 1),"
  "  owner        TEXT NOT NULL,"
  "  pid          INTEGER NOT NULL,"
  "  host         TEXT NOT NULL,"
  "  boot_id      TEXT,"
  "  heartbeat_at INTEGER NOT NULL"
  ");",

  /* 5: reading posts back from the platforms. conflict says the platform holds something
   * else than Herald sent: 'edited' there (remote_text is the platform's text) or 'deleted'
   * there; NULL when they agree. pulled_at is when the variant was last read back. removed
   * is the user's word that the variant is gone from its channel (taking the platform's
   * delete), so the calendar stops showing it as published there; the post stays. */
  "ALTER TABLE post_variants ADD COLUMN conflict TEXT"
  "  CHECK (conflict IS NULL OR conflict IN ('edited', 'deleted'));"
  "ALTER TABLE post_variants ADD COLUMN remote_text TEXT;"
  "ALTER TABLE post_variants ADD COLUMN pulled_at INTEGER;"
  "ALTER TABLE post_variants ADD COLUMN removed INTEGER NOT NULL DEFAULT 0"
  "  CHECK (removed IN (0, 1));"
  "CREATE INDEX post_variants_in_conflict ON post_variants (channel_id)"
  "  WHERE conflict IS NOT NULL;",

  /* 6: a post's outbox rows are looked up by the post on every send, done ones included, and
   * the outbox keeps every row it ever had. */
  "CREATE INDEX outbox_by_subject ON outbox (subject_id, subject_kind);",

  /* 7: paid campaigns sent to the Meta Marketing API. An ad account is reached through the
   * token of one Facebook channel and goes with it; "act_" and digits is how Meta names
   * accounts. The minimum daily budgets are minor units from GET /act_{id}/minimum_budgets,
   * 0 while not known. */
  "CREATE TABLE ad_accounts ("
  "  id                           TEXT PRIMARY KEY NOT NULL,"
  "  channel_id                   TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
  "  remote_id                    TEXT NOT NULL CHECK (remote_id GLOB 'act_[0-9]*'"
  "                                 AND NOT remote_id GLOB 'act_*[^0-9]*'),"
  "  name                         TEXT NOT NULL DEFAULT '',"
  "  currency                     TEXT NOT NULL CHECK (length (currency) = 3"
  "                                 AND currency GLOB '[A-Z][A-Z][A-Z]'),"
  "  time_zone                    TEXT,"
  "  min_daily_budget_imp         INTEGER NOT NULL DEFAULT 0 CHECK (min_daily_budget_imp >= 0),"
  "  min_daily_budget_video_views INTEGER NOT NULL DEFAULT 0"
  "                                 CHECK (min_daily_budget_video_views >= 0),"
  "  min_daily_budget_high_freq   INTEGER NOT NULL DEFAULT 0"
  "                                 CHECK (min_daily_budget_high_freq >= 0),"
  "  min_daily_budget_low_freq    INTEGER NOT NULL DEFAULT 0"
  "                                 CHECK (min_daily_budget_low_freq >= 0),"
  "  fetched_at                   INTEGER,"
  "  UNIQUE (channel_id, remote_id)"
  ");"

  /* The free-text ad_account_id of step 1 cannot become a foreign key in place: SQLite only
   * adds REFERENCES with a new column, and rebuilding campaigns means renaming a table that
   * posts and ad_sets point at, which rewrites their references to the old name. So
   * account_id is the link, and ad_account_id keeps Meta's "act_…" id beside it (what an
   * import names), from which a campaign is linked once its account has been fetched. An
   * account that goes away leaves its campaigns as drafts without an account. */
  "ALTER TABLE campaigns ADD COLUMN account_id TEXT"
  "  REFERENCES ad_accounts (id) ON DELETE SET NULL;"
  "CREATE INDEX campaigns_by_account ON campaigns (account_id) WHERE account_id IS NOT NULL;"

  /* synced: the Marketing API parameters Meta last confirmed, so an edit sends only what
   * changed and a pull sees what was changed in Ads Manager. conflict: the parameters Meta
   * holds differently, with Meta's values, until the user picks one side. */
  "ALTER TABLE campaigns ADD COLUMN synced TEXT CHECK (synced IS NULL OR json_valid (synced));"
  "ALTER TABLE campaigns ADD COLUMN conflict TEXT"
  "  CHECK (conflict IS NULL OR json_valid (conflict));"

  /* The bid cap in minor units, and Meta's destination_type. The dayparting column already
   * holds Meta's adset_schedule blocks, each with its timezone_type. */
  "ALTER TABLE ad_sets ADD COLUMN bid_amount INTEGER CHECK (bid_amount IS NULL OR bid_amount > 0);"
  "ALTER TABLE ad_sets ADD COLUMN destination_type TEXT;"
  "ALTER TABLE ad_sets ADD COLUMN synced TEXT CHECK (synced IS NULL OR json_valid (synced));"
  "ALTER TABLE ad_sets ADD COLUMN conflict TEXT"
  "  CHECK (conflict IS NULL OR json_valid (conflict));"

  /* The creative: its text, the picture from the media library (kept while an ad shows it,
   * as a post's variant keeps its pictures), the Page it runs as, and Meta's creative. */
  "ALTER TABLE ads ADD COLUMN body TEXT;"
  "ALTER TABLE ads ADD COLUMN image_sha256 TEXT REFERENCES media (sha256) ON DELETE RESTRICT;"
  "ALTER TABLE ads ADD COLUMN page_remote_id TEXT;"
  "ALTER TABLE ads ADD COLUMN creative_remote_id TEXT;"
  "ALTER TABLE ads ADD COLUMN synced TEXT CHECK (synced IS NULL OR json_valid (synced));"
  "ALTER TABLE ads ADD COLUMN conflict TEXT CHECK (conflict IS NULL OR json_valid (conflict));"
  "CREATE INDEX ads_by_image ON ads (image_sha256) WHERE image_sha256 IS NOT NULL;"

  /* Meta's reach estimate is a range: estimated_size is its lower bound. The Advantage
   * audience choice lives in the spec (targeting_automation), as Meta takes it. */
  "ALTER TABLE audiences ADD COLUMN estimated_upper INTEGER"
  "  CHECK (estimated_upper IS NULL OR estimated_upper >= 0);"

  /* Targeting search answers (kind is Meta's search type, such as 'adinterest'; query is the
   * search folded to lower case), so the audience builder finds interests offline. */
  "CREATE TABLE targeting_cache ("
  "  kind       TEXT NOT NULL CHECK (length (kind) > 0),"
  "  query      TEXT NOT NULL CHECK (query = lower (query)),"
  "  results    TEXT NOT NULL CHECK (json_valid (results)),"
  "  fetched_at INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, query)"
  ") WITHOUT ROWID;",

  /* 8: the inbox kept between looks. Local state the platforms know nothing of: hidden (the
   * user hid the comment, on the platform too where it allows), deleted (its author deleted
   * it there; the row stays so the thread still reads), outgoing (an answer written in
   * Herald, sent through the outbox; reply_to is the item it answers), draft (an answer
   * being written to the item) and state_before_done (what "Undo" after "Done" goes back to). */
  "ALTER TABLE inbox_items ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));"
  "ALTER TABLE inbox_items ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0"
  "  CHECK (deleted IN (0, 1));"
  "ALTER TABLE inbox_items ADD COLUMN outgoing INTEGER NOT NULL DEFAULT 0"
  "  CHECK (outgoing IN (0, 1));"
  "ALTER TABLE inbox_items ADD COLUMN reply_to TEXT"
  "  REFERENCES inbox_items (id) ON DELETE CASCADE;"
  "ALTER TABLE inbox_items ADD COLUMN draft TEXT;"
  /* When an outgoing answer last left for its platform: a platform that remembers a request
   * key for a while (Mastodon, an hour) recognises a resend only within that while. */
  "ALTER TABLE inbox_items ADD COLUMN sent_at INTEGER;"
  "ALTER TABLE inbox_items ADD COLUMN state_before_done TEXT"
  "  CHECK (state_before_done IS NULL OR state_before_done IN ('unread', 'read', 'replied'));"
  "CREATE INDEX inbox_items_by_thread ON inbox_items (channel_id, thread_id)"
  "  WHERE thread_id IS NOT NULL;"
  "CREATE INDEX inbox_items_by_post ON inbox_items (post_id) WHERE post_id IS NOT NULL;"
  "CREATE INDEX inbox_items_by_reply_to ON inbox_items (reply_to) WHERE reply_to IS NOT NULL;"

  /* Where the next look at a channel's inbox starts: fetched_until is the newest instant seen
   * there (platforms that page by time), cursor the platform's own (those that page by id).
   * notice is the sentence of a channel that offers Herald no inbox. */
  "CREATE TABLE inbox_cursors ("
  "  channel_id    TEXT PRIMARY KEY NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
  "  fetched_until INTEGER NOT NULL DEFAULT 0 CHECK (fetched_until >= 0),"
  "  cursor        TEXT,"
  "  notice        TEXT,"
  "  fetched_at    INTEGER"
  ") WITHOUT ROWID;"

  /* Answers to common questions (opening hours, prices), inserted with a click. Kept apart
   * from the composer's snippets, whose kinds are fixed by a CHECK. */
  "CREATE TABLE saved_replies ("
  "  id         TEXT PRIMARY KEY NOT NULL,"
  "  name       TEXT NOT NULL CHECK (length (name) > 0),"
  "  text       TEXT NOT NULL CHECK (length (text) > 0),"
  "  position   INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == HD_STORE_SCHEMA_VERSION);

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      /* The caller knows the path and turns this into a sentence for the user. */
      g_set_error (error, HD_STORE_ERROR,
                   (rc & 0xff) == SQLITE_FULL ? HD_STORE_ERROR_DISK_FULL :
                   (rc & 0xff) == SQLITE_BUSY ? HD_STORE_ERROR_LOCKED :
                   (rc & 0xff) == SQLITE_READONLY ? HD_STORE_ERROR_READ_ONLY :
                   (rc & 0xff) == SQLITE_CORRUPT ? HD_STORE_ERROR_CORRUPT :
                   HD_STORE_ERROR_FAILED,
                   "%s", sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

gboolean
_hd_store_migrate_to (sqlite3  *db,
                      int       version,
                      GError  **error)
{
  int current;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (version >= 0 && version <= HD_STORE_SCHEMA_VERSION, FALSE);

  current = read_user_version (db);
  if (current < 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return FALSE;
    }

  for (int step = current; step < version; step++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", step + 1);

      g_debug ("Migrating the database from version %d to %d", step, step + 1);

      if (!exec_sql (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!exec_sql (db, migrations[step], error) || !exec_sql (db, bump, error) ||
          !exec_sql (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}
