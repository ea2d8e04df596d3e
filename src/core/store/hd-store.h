/* hd-store.h: the local SQLite database every Herald edit lands in first.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_STORE_ERROR (hd_store_error_quark ())

typedef enum
{
  HD_STORE_ERROR_CORRUPT,    /* fails PRAGMA quick_check, or is not a database at all */
  HD_STORE_ERROR_TOO_NEW,    /* user_version is newer than this build knows */
  HD_STORE_ERROR_LOCKED,     /* another process holds the database */
  HD_STORE_ERROR_DISK_FULL,  /* SQLITE_FULL, or the disk refused to grow the file */
  HD_STORE_ERROR_READ_ONLY,  /* no permission to write the file or its directory */
  HD_STORE_ERROR_NOT_FOUND,  /* the row asked for does not exist */
  HD_STORE_ERROR_INVALID,    /* the caller passed something the schema refuses */
  HD_STORE_ERROR_FAILED,     /* anything else SQLite reports */
} HdStoreError;

GQuark hd_store_error_quark (void);

/* The newest schema this build knows (PRAGMA user_version). */
#define HD_STORE_SCHEMA_VERSION 8

#define HD_TYPE_STORE (hd_store_get_type ())
G_DECLARE_FINAL_TYPE (HdStore, hd_store, HD, STORE, GObject)

/* Where the database lives unless told otherwise: $HERALD_DATA_DIR if set, else
 * $XDG_DATA_HOME/herald. The sample workspace sits in its own file beside it. */
char        *hd_store_default_dir          (void);
char        *hd_store_default_path         (void);
char        *hd_store_sample_path          (void);

/* Opens (creating if needed, mode 0600, WAL, foreign keys on), checks and migrates. A file
 * that fails quick_check, is newer than this build, is locked or cannot be written is left
 * untouched and reported with its path in a sentence the user can act on. */
HdStore     *hd_store_open                 (const char   *path,
                                            GError      **error);
/* The same on a thread of its own, so a window can paint while a large file is checked. */
void         hd_store_open_async           (const char          *path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
HdStore     *hd_store_open_finish          (GAsyncResult        *result,
                                            GError             **error);
/* A second connection to @self's file, for work on another thread; not checked again. */
HdStore     *hd_store_open_another         (HdStore      *self,
                                            GError      **error);
const char  *hd_store_get_path             (HdStore      *self);
void         hd_store_release_memory       (HdStore      *self);
int          hd_store_get_schema_version   (HdStore      *self);

/* Every write to a table family emits ::changed with the family's name ("posts",
 * "channels", "campaigns", "ad-sets", "ads", "audiences", "inbox", "metrics", "media",
 * "labels", "outbox", "snippets", "feeds") so list models can refresh. The signal is detailed
 * by the same name ("changed::posts") and is emitted once the outermost transaction has
 * committed.
 *
 * Conventions of every model the store reads and writes: instants are Unix seconds (UTC)
 * with an IANA zone beside them, and 0 means "not set"; money is minor units (pence, cents)
 * with an ISO 4217 currency code. */
#define HD_STORE_FAMILY_POSTS     "posts"
#define HD_STORE_FAMILY_CHANNELS  "channels"
#define HD_STORE_FAMILY_CAMPAIGNS "campaigns"
#define HD_STORE_FAMILY_AD_SETS   "ad-sets"
#define HD_STORE_FAMILY_ADS       "ads"
#define HD_STORE_FAMILY_AUDIENCES "audiences"
#define HD_STORE_FAMILY_INBOX     "inbox"
#define HD_STORE_FAMILY_METRICS   "metrics"
#define HD_STORE_FAMILY_MEDIA     "media"
#define HD_STORE_FAMILY_LABELS    "labels"
#define HD_STORE_FAMILY_OUTBOX    "outbox"
#define HD_STORE_FAMILY_SNIPPETS  "snippets"
#define HD_STORE_FAMILY_FEEDS     "feeds"

/* One transaction around several writes. A nested begin opens a savepoint inside the outer
 * transaction: rolling it back undoes only the writes made since that begin, and nothing is
 * durable until the outermost commit. */
gboolean     hd_store_begin                (HdStore      *self,
                                            GError      **error);
gboolean     hd_store_commit               (HdStore      *self,
                                            GError      **error);
void         hd_store_rollback             (HdStore      *self);

/* TRUE when no post, channel, campaign or audience has been saved yet. */
gboolean     hd_store_is_empty             (HdStore      *self,
                                            gboolean     *empty,
                                            GError      **error);

/* Fills a fresh store with the sample workspace: posts across a few weeks around @now,
 * channels, labels, a campaign with an ad set and an audience, inbox items and metrics.
 * A store that already holds anything is refused with HD_STORE_ERROR_INVALID. */
gboolean     hd_store_seed_sample          (HdStore      *self,
                                            GDateTime    *now,
                                            GError      **error);

G_END_DECLS

#include "hd-store-audiences.h"
#include "hd-store-calendar.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-store-conflicts.h"
#include "hd-store-import.h"
#include "hd-store-inbox.h"
#include "hd-store-labels.h"
#include "hd-store-media.h"
#include "hd-store-metrics.h"
#include "hd-store-outbox.h"
#include "hd-store-posts.h"
#include "hd-store-queue.h"
#include "hd-store-snippets.h"
