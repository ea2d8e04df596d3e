/* hd-store-import.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-core-enums.h"
#include "hd-csv.h"
#include "hd-ical.h"
#include "hd-media-library.h"
#include "hd-store-private.h"

struct _HdImportReport
{
  GObject parent_instance;

  /* HdCsvPost, in file order */
  GPtrArray *rows;
  /* per row: the store's channel ids, and the media as absolute paths (NULL for a bad row) */
  GPtrArray *channel_ids;
  GPtrArray *media_paths;
  guint n_valid;
};

G_DEFINE_FINAL_TYPE (HdImportReport, hd_import_report, G_TYPE_OBJECT)

static void
hd_import_report_finalize (GObject *object)
{
  HdImportReport *self = (HdImportReport *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->channel_ids, g_ptr_array_unref);
  g_clear_pointer (&self->media_paths, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_import_report_parent_class)->finalize (object);
}

static void
hd_import_report_class_init (HdImportReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_import_report_finalize;
}

static void
hd_import_report_init (HdImportReport *self)
{
  self->channel_ids = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  self->media_paths = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
}

guint
hd_import_report_get_n_rows (HdImportReport *self)
{
  g_return_val_if_fail (HD_IS_IMPORT_REPORT (self), 0);

  return self->rows->len;
}

guint
hd_import_report_get_n_valid (HdImportReport *self)
{
  g_return_val_if_fail (HD_IS_IMPORT_REPORT (self), 0);

  return self->n_valid;
}

guint
hd_import_report_get_n_invalid (HdImportReport *self)
{
  g_return_val_if_fail (HD_IS_IMPORT_REPORT (self), 0);

  return self->rows->len - self->n_valid;
}

void
hd_import_report_get_row (HdImportReport  *self,
                          guint            index,
                          guint           *line,
                          gboolean        *valid,
                          const char     **reason,
                          gint64          *instant,
                          const char     **text)
{
  const HdCsvPost *row;

  g_return_if_fail (HD_IS_IMPORT_REPORT (self));
  g_return_if_fail (index < self->rows->len);

  row = g_ptr_array_index (self->rows, index);
  if (line != NULL)
    *line = row->line;
  if (valid != NULL)
    *valid = row->valid;
  if (reason != NULL)
    *reason = row->reason;
  if (instant != NULL)
    *instant = row->instant;
  if (text != NULL)
    *text = row->text;
}

/* The names a file may use for each channel, and the one an export writes. */
typedef struct
{
  GArray     *csv_channels;  /* HdCsvChannel, names borrowed from @names */
  GPtrArray  *names;         /* owned strings */
  GHashTable *ids_by_name;   /* name → channel id */
  GHashTable *names_by_id;   /* channel id → the name an export writes */
} ChannelNames;

static void
channel_names_clear (ChannelNames *names)
{
  g_clear_pointer (&names->csv_channels, g_array_unref);
  g_clear_pointer (&names->ids_by_name, g_hash_table_unref);
  g_clear_pointer (&names->names_by_id, g_hash_table_unref);
  g_clear_pointer (&names->names, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChannelNames, channel_names_clear)

static void
add_channel_name (ChannelNames  *names,
                  GHashTable    *counts,
                  const char    *name,
                  HdChannelKind  kind,
                  const char    *id)
{
  g_autofree char *folded = NULL;
  HdCsvChannel channel = { 0, };
  char *owned;

  if (name == NULL || name[0] == '\0')
    return;

  /* A name two channels share (two Mastodon accounts both answer to "mastodon") picks
   * neither: the file must say which it means. */
  folded = g_utf8_casefold (name, -1);
  if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, folded)) > 1)
    return;
  if (g_hash_table_contains (names->ids_by_name, folded))
    return;

  owned = g_strdup (name);
  g_ptr_array_add (names->names, owned);
  channel.name = owned;
  channel.kind = kind;
  g_array_append_val (names->csv_channels, channel);
  g_hash_table_insert (names->ids_by_name, g_steal_pointer (&folded), g_strdup (id));
  if (!g_hash_table_contains (names->names_by_id, id))
    g_hash_table_insert (names->names_by_id, g_strdup (id), g_strdup (name));
}

/* Counts how many channels answer to each name; a channel's own names count once even when
 * two of them are the same word ("mastodon", "Mastodon"). */
static void
count_names (GHashTable         *counts,
             const char * const *names,
             guint               n_names)
{
  g_autoptr(GHashTable) own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer folded;

  for (guint i = 0; i < n_names; i++)
    {
      if (names[i] != NULL && names[i][0] != '\0')
        g_hash_table_add (own, g_utf8_casefold (names[i], -1));
    }

  g_hash_table_iter_init (&iter, own);
  while (g_hash_table_iter_next (&iter, &folded, NULL))
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, folded));

      g_hash_table_insert (counts, g_strdup (folded), GUINT_TO_POINTER (count + 1));
    }
}

static gboolean
read_channel_names (HdStore       *self,
                    ChannelNames  *names,
                    GError       **error)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  channels = hd_store_list_channels (self, error);
  if (channels == NULL)
    return FALSE;

  names->csv_channels = g_array_new (FALSE, TRUE, sizeof (HdCsvChannel));
  names->names = g_ptr_array_new_with_free_func (g_free);
  names->ids_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  names->names_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  n = g_list_model_get_n_items (channels);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
      HdChannelKind kind = hd_channel_get_kind (channel);

      const char *own_names[] = {
        hd_channel_get_display_name (channel),
        hd_channel_get_handle (channel),
        hd_enum_to_nick (HD_TYPE_CHANNEL_KIND, kind),
        hd_channel_kind_to_label (kind),
      };

      count_names (counts, own_names, G_N_ELEMENTS (own_names));
    }

  /* Most specific first, so an export writes the name a person recognises. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
      HdChannelKind kind = hd_channel_get_kind (channel);
      const char *id = hd_channel_get_id (channel);

      add_channel_name (names, counts, hd_channel_get_display_name (channel), kind, id);
      add_channel_name (names, counts, hd_channel_get_handle (channel), kind, id);
      add_channel_name (names, counts, hd_enum_to_nick (HD_TYPE_CHANNEL_KIND, kind), kind, id);
      add_channel_name (names, counts, hd_channel_kind_to_label (kind), kind, id);
      /* A channel whose every name is shared still exports as something. */
      if (!g_hash_table_contains (names->names_by_id, id))
        g_hash_table_insert (names->names_by_id, g_strdup (id), g_strdup (id));
    }

  return TRUE;
}

static char *
local_zone_name (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  return g_strdup (g_time_zone_get_identifier (zone));
}

static char *
check_media (const char  *base_dir,
             char       **media,
             char      ***paths)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; media != NULL && media[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (g_path_is_absolute (media[i]))
        path = g_strdup (media[i]);
      else
        path = g_build_filename (base_dir, media[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_strdup_printf (_("The picture “%s” does not exist; check its path."), media[i]);

      g_strv_builder_add (builder, path);
    }

  *paths = g_strv_builder_end (builder);

  return NULL;
}

static gboolean
check_csv (HdStore          *self,
           GBytes           *bytes,
           const char       *base_dir,
           const char       *default_zone,
           HdImportReport  **report,
           GError          **error)
{
  g_auto(ChannelNames) names = { 0, };
  g_autoptr(HdImportReport) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *zone = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!read_channel_names (self, &names, error))
    return FALSE;

  zone = default_zone != NULL ? g_strdup (default_zone) : local_zone_name ();

  result = g_object_new (HD_TYPE_IMPORT_REPORT, NULL);
  result->rows = hd_csv_read_posts (data != NULL ? data : "", size, zone,
                                    (const HdCsvChannel *)(gpointer)names.csv_channels->data,
                                    names.csv_channels->len, &local_error);
  if (result->rows == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not read the file as a list of posts: %s"),
                   local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < result->rows->len; i++)
    {
      HdCsvPost *row = g_ptr_array_index (result->rows, i);
      g_auto(GStrv) paths = NULL;
      GStrv ids = NULL;

      if (row->valid)
        {
          char *reason = check_media (base_dir, row->media, &paths);

          if (reason != NULL)
            {
              row->valid = FALSE;
              row->reason = reason;
            }
        }

      if (row->valid)
        {
          guint n = g_strv_length (row->channels);

          ids = g_new0 (char *, n + 1);
          for (guint c = 0; c < n; c++)
            {
              g_autofree char *folded = g_utf8_casefold (row->channels[c], -1);

              ids[c] = g_strdup (g_hash_table_lookup (names.ids_by_name, folded));
            }
          result->n_valid++;
        }

      g_ptr_array_add (result->channel_ids, ids);
      g_ptr_array_add (result->media_paths, g_steal_pointer (&paths));
    }

  *report = g_steal_pointer (&result);

  return TRUE;
}

gboolean
hd_store_check_csv (HdStore          *self,
                    GBytes           *bytes,
                    const char       *default_zone,
                    HdImportReport  **report,
                    GError          **error)
{
  g_autofree char *cwd = g_get_current_dir ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (report != NULL && *report == NULL, FALSE);

  return check_csv (self, bytes, cwd, default_zone, report, error);
}

gboolean
hd_store_check_csv_file (HdStore          *self,
                         GFile            *file,
                         const char       *default_zone,
                         HdImportReport  **report,
                         GError          **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base_dir = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (report != NULL && *report == NULL, FALSE);

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not read “%s” (%s). Check that the file is there and that "
                     "you may read it."), name, local_error->message);
      return FALSE;
    }

  parent = g_file_get_parent (file);
  base_dir = parent != NULL ? g_file_get_path (parent) : NULL;
  if (base_dir == NULL)
    base_dir = g_get_current_dir ();

  return check_csv (self, bytes, base_dir, default_zone, report, error);
}

static HdMedia *
import_media_cached (HdStore     *self,
                     GHashTable  *imported,
                     const char  *path,
                     guint        line,
                     GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  HdMedia *media = g_hash_table_lookup (imported, path);

  if (media != NULL)
    return media;

  file = g_file_new_for_path (path);
  media = hd_store_import_media (self, file, NULL, &local_error);
  if (media == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Line %u: %s"), line, local_error->message);
      return NULL;
    }

  g_hash_table_insert (imported, g_strdup (path), media);

  return media;
}

/* What an import looks up once instead of once a row. */
typedef struct
{
  GHashTable *media;        /* path → HdMedia, imported */
  GHashTable *kinds;        /* channel id → HdChannelKind + 1 */
  GHashTable *labels;       /* name, ASCII letters lowered as the NOCASE column compares → id */
  gint64      now;
  guint64     uuid_time;    /* milliseconds, for time-ordered ids */
  guint32     uuid_count;
} ImportState;

/* A time-ordered UUID (version 7, RFC 9562): the import's start in milliseconds, then a count,
 * then random bits. Thousands of rows with ascending keys go to the end of each index instead
 * of to random pages all over it, which is most of what writing them costs. */
static void
set_next_uuid (ImportState *state,
               char         uuid[37])
{
  guint32 count = state->uuid_count++;

  g_snprintf (uuid, 37, "%08x-%04x-7%03x-%04x-%04x%08x",
              (guint32) (state->uuid_time >> 16), (guint32) (state->uuid_time & 0xffff),
              (count >> 18) & 0xfff, 0x8000 | ((count >> 4) & 0x3fff),
              ((count & 0xf) << 12) | (g_random_int () & 0xfff), g_random_int ());
}

static void
import_state_clear (ImportState *state)
{
  g_clear_pointer (&state->media, g_hash_table_unref);
  g_clear_pointer (&state->kinds, g_hash_table_unref);
  g_clear_pointer (&state->labels, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportState, import_state_clear)

static gboolean
read_channel_kinds (HdStore      *self,
                    ImportState  *state,
                    GError      **error)
{
  g_autoptr(GListModel) channels = hd_store_list_channels (self, error);

  if (channels == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      g_hash_table_insert (state->kinds, g_strdup (hd_channel_get_id (channel)),
                           GINT_TO_POINTER (hd_channel_get_kind (channel) + 1));
    }

  return TRUE;
}

/* The id of the label @name, made the first time a file names it. */
static const char *
ensure_label (HdStore      *self,
              ImportState  *state,
              const char   *name,
              const char   *action,
              GError      **error)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  g_autofree char *id = NULL;
  const char *known = g_hash_table_lookup (state->labels, key);
  sqlite3_stmt *stmt;
  int rc;

  if (known != NULL)
    return known;

  stmt = _hd_store_prepare_cached (self,
                                   "INSERT INTO labels (id, name) VALUES (?1, ?2)"
                                   " ON CONFLICT (name) DO NOTHING",
                                   action, error);
  if (stmt == NULL)
    return NULL;
  id = g_uuid_string_random ();
  _hd_bind_text (stmt, 1, id);
  _hd_bind_text (stmt, 2, name);
  if (!_hd_store_step (self, stmt, action, error))
    return NULL;
  if (sqlite3_changes (_hd_store_get_db (self)) > 0)
    _hd_store_mark_changed (self, HD_STORE_FAMILY_LABELS);
  g_clear_pointer (&id, g_free);

  /* Made now, or there already under another case. */
  stmt = _hd_store_prepare_cached (self, "SELECT id FROM labels WHERE name = ?1", action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (id == NULL)
    {
      _hd_store_set_error (self, error, rc == SQLITE_ROW ? SQLITE_ERROR : rc, action);
      return NULL;
    }

  known = id;
  g_hash_table_insert (state->labels, g_steal_pointer (&key), g_steal_pointer (&id));

  return known;
}

static gboolean
insert_variant (HdStore      *self,
                ImportState  *state,
                HdPost       *post,
                const char   *channel_id,
                char        **media,
                const char   *action,
                GError      **error)
{
  g_autoptr(HdVariant) variant = hd_variant_new ();
  char id[37];
  sqlite3_stmt *stmt;

  set_next_uuid (state, id);
  hd_variant_set_id (variant, id);

  stmt = _hd_store_prepare_cached (self,
                                   "INSERT INTO post_variants (id, post_id, channel_id, state)"
                                   " VALUES (?1, ?2, ?3, ?4)",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, hd_variant_get_id (variant));
  _hd_bind_text (stmt, 2, hd_post_get_id (post));
  _hd_bind_text (stmt, 3, channel_id);
  _hd_bind_enum (stmt, 4, HD_TYPE_POST_STATE, hd_post_get_state (post));
  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  for (guint i = 0; media != NULL && media[i] != NULL; i++)
    {
      stmt = _hd_store_prepare_cached (self,
                                       "INSERT INTO variant_media (variant_id, position, sha256)"
                                       " VALUES (?1, ?2, ?3)",
                                       action, error);
      if (stmt == NULL)
        return FALSE;
      _hd_bind_text (stmt, 1, hd_variant_get_id (variant));
      sqlite3_bind_int (stmt, 2, i);
      _hd_bind_text (stmt, 3, media[i]);
      if (!_hd_store_step (self, stmt, action, error))
        return FALSE;
    }

  /* The outbox rule reads the post's variants: their channels and state. */
  hd_variant_set_post_id (variant, hd_post_get_id (post));
  hd_variant_set_channel_id (variant, channel_id);
  hd_variant_set_state (variant, hd_post_get_state (post));
  hd_post_add_variant (post, variant);

  return TRUE;
}

/* One valid row as a new post, written straight as the rows a fresh post has: everything an
 * import needs is known up front (the channels' kinds, the labels' ids), so nothing is read
 * back, upserted or recomputed per row. */
static gboolean
import_row (HdStore         *self,
            HdImportReport  *report,
            guint            index,
            ImportState     *state,
            GError         **error)
{
  const HdCsvPost *row = g_ptr_array_index (report->rows, index);
  char **ids = g_ptr_array_index (report->channel_ids, index);
  char **paths = g_ptr_array_index (report->media_paths, index);
  const char *action = _("import the posts");
  g_autoptr(GStrvBuilder) media_builder = g_strv_builder_new ();
  g_auto(GStrv) media = NULL;
  g_autoptr(HdPost) post = hd_post_new ();
  guint32 mask = 0;
  char id[37];
  sqlite3_stmt *stmt;

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      HdMedia *item = import_media_cached (self, state->media, paths[i], row->line, error);

      if (item == NULL)
        return FALSE;
      g_strv_builder_add (media_builder, hd_media_get_sha256 (item));
    }
  media = g_strv_builder_end (media_builder);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      int kind = GPOINTER_TO_INT (g_hash_table_lookup (state->kinds, ids[i])) - 1;

      if (kind >= 0)
        mask |= 1u << kind;
    }

  /* What the posts table's CHECK would refuse: a time without the zone it is meant in. */
  if (row->instant != 0 && (row->zone == NULL || row->zone[0] == '\0'))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Line %u: the time has no time zone. Add a zone column, such as "
                     "Europe/London."), row->line);
      return FALSE;
    }

  set_next_uuid (state, id);
  hd_post_set_id (post, id);

  /* The post as written, for the outbox rule to read. A time already gone cannot be
   * scheduled; the post waits as a draft with its date. */
  hd_post_set_text (post, row->text);
  hd_post_set_scheduled_at (post, row->instant);
  hd_post_set_time_zone (post, row->zone);
  hd_post_set_state (post, row->instant > state->now ? HD_POST_STATE_SCHEDULED
                                                     : HD_POST_STATE_DRAFT);
  hd_post_set_labels (post, (const char * const *) row->labels);
  hd_post_set_created_at (post, state->now);
  hd_post_set_updated_at (post, state->now);

  stmt = _hd_store_prepare_cached (self,
                                   "INSERT INTO posts (id, text, state, scheduled_at, time_zone,"
                                   "  created_at, updated_at, channel_mask)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, hd_post_get_id (post));
  _hd_bind_text (stmt, 2, row->text != NULL ? row->text : "");
  _hd_bind_enum (stmt, 3, HD_TYPE_POST_STATE, hd_post_get_state (post));
  _hd_bind_instant (stmt, 4, row->instant);
  _hd_bind_text (stmt, 5, row->zone);
  sqlite3_bind_int64 (stmt, 6, state->now);
  sqlite3_bind_int64 (stmt, 7, mask);
  if (!_hd_store_step (self, stmt, action, error))
    goto failed;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      gboolean repeated = FALSE;

      /* A file may name a channel twice ("mastodon;Bakery on Mastodon"): one variant. */
      for (guint k = 0; k < i && !repeated; k++)
        repeated = g_strcmp0 (ids[k], ids[i]) == 0;
      if (!repeated && !insert_variant (self, state, post, ids[i], media, action, error))
        goto failed;
    }

  for (guint i = 0; row->labels != NULL && row->labels[i] != NULL; i++)
    {
      const char *label_id;

      /* The labels table refuses an empty name; "bread;;cakes" means two labels. */
      if (row->labels[i][0] == '\0')
        continue;
      label_id = ensure_label (self, state, row->labels[i], action, error);
      if (label_id == NULL)
        goto failed;
      stmt = _hd_store_prepare_cached (self,
                                       "INSERT OR IGNORE INTO post_labels (post_id, label_id)"
                                       " VALUES (?1, ?2)",
                                       action, error);
      if (stmt == NULL)
        goto failed;
      _hd_bind_text (stmt, 1, hd_post_get_id (post));
      _hd_bind_text (stmt, 2, label_id);
      if (!_hd_store_step (self, stmt, action, error))
        goto failed;
    }

  if (!_hd_store_queue_new_post (self, post, state->now, error))
    goto failed;

  return TRUE;

failed:
  g_prefix_error (error, _("Line %u: "), row->line);
  return FALSE;
}

/* The connection's cache_size as the pragma reads it: pages, or KiB when negative. */
static int
read_cache_size (HdStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = _hd_store_prepare (self, "PRAGMA cache_size",
                                                    _("import the posts"), NULL);

  if (stmt == NULL || !_hd_store_step (self, stmt, _("import the posts"), NULL))
    return -HD_STORE_CACHE_KIB;

  return sqlite3_column_int (stmt, 0);
}

gboolean
hd_store_import_csv (HdStore          *self,
                     HdImportReport   *report,
                     guint            *n_imported,
                     GError          **error)
{
  g_auto(ImportState) state = { 0, };
  g_autofree char *restore_cache = NULL;
  gboolean ok;
  guint count = 0;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_IMPORT_REPORT (report), FALSE);

  /* The store's own connection and another one keep caches of different sizes. */
  restore_cache = g_strdup_printf ("PRAGMA cache_size = %d", read_cache_size (self));

  state.media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  state.kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state.labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state.now = _hd_store_now ();
  state.uuid_time = (guint64) (g_get_real_time () / 1000);

  if (!hd_store_begin (self, error))
    return FALSE;

  /* SQLite checks a CHECK (x IN (...)) of more than two values by building a temporary table
   * for every row written, which doubles what an import costs. Every value those constraints
   * guard is written here from the enums themselves, and the two that come from the file (a
   * zone for every time, a name for every label) are checked as the rows are written; the
   * checks are back before anything else can write. */
  if (!_hd_store_exec (self, "PRAGMA ignore_check_constraints = ON", _("import the posts"),
                       error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  /* Every page the import writes stays dirty until it commits: with the everyday cache they
   * would be spilled to the log and read back again and again. */
  _hd_store_exec (self, "PRAGMA cache_size = -" G_STRINGIFY (HD_STORE_IMPORT_CACHE_KIB),
                  _("import the posts"), NULL);

  ok = read_channel_kinds (self, &state, error);
  for (guint i = 0; ok && i < report->rows->len; i++)
    {
      const HdCsvPost *row = g_ptr_array_index (report->rows, i);

      if (!row->valid)
        continue;

      ok = import_row (self, report, i, &state, error);
      count++;
    }

  ok &= _hd_store_exec (self, "PRAGMA ignore_check_constraints = OFF", _("import the posts"),
                        ok ? error : NULL);
  _hd_store_exec (self, restore_cache, _("import the posts"), NULL);
  if (!ok)
    {
      hd_store_rollback (self);
      return FALSE;
    }

  if (count > 0)
    _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);

  if (!hd_store_commit (self, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = count;

  return TRUE;
}

/* A dated post as export rows need it. */
typedef struct
{
  HdCsvPost  csv;
  char      *id;
  HdPostState state;
  gint64      updated_at;
  char       *url;
} ExportedPost;

static void
exported_post_free (gpointer data)
{
  ExportedPost *post = data;

  g_free (post->csv.zone);
  g_free (post->csv.text);
  g_strfreev (post->csv.channels);
  g_strfreev (post->csv.media);
  g_strfreev (post->csv.labels);
  g_free (post->id);
  g_free (post->url);
  g_free (post);
}

static char **
read_strings (HdStore     *self,
              const char  *sql,
              const char  *id,
              GHashTable  *map,
              const char  *action,
              GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self, sql, action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *)sqlite3_column_text (stmt, 0);

      if (map != NULL)
        value = g_hash_table_lookup (map, value);
      if (value != NULL)
        g_strv_builder_add (builder, value);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

static GPtrArray *
read_dated_posts (HdStore     *self,
                  gint64       from,
                  gint64       to,
                  gboolean     scheduled_only,
                  GError     **error)
{
  g_auto(ChannelNames) names = { 0, };
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (exported_post_free);
  g_autoptr(GHashTable) media_paths = NULL;
  const char *action = _("export the posts");
  sqlite3_stmt *stmt;
  int rc;

  if (!read_channel_names (self, &names, error))
    return NULL;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT id, scheduled_at, time_zone, text, state, updated_at,"
                                   "  (SELECT remote_url FROM post_variants"
                                   "   WHERE post_id = posts.id AND remote_url IS NOT NULL"
                                   "   ORDER BY rowid LIMIT 1)"
                                   " FROM posts"
                                   " WHERE scheduled_at IS NOT NULL AND scheduled_at >= ?1"
                                   "  AND scheduled_at < ?2 AND (?3 = 0 OR state = 'scheduled')"
                                   " ORDER BY scheduled_at, id",
                                   action, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int (stmt, 3, scheduled_only);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExportedPost *post = g_new0 (ExportedPost, 1);

      post->id = g_strdup (_hd_column_text (stmt, 0));
      post->csv.valid = TRUE;
      post->csv.instant = sqlite3_column_int64 (stmt, 1);
      post->csv.zone = g_strdup (_hd_column_text (stmt, 2));
      post->csv.text = g_strdup (_hd_column_text (stmt, 3));
      post->state = _hd_column_enum (stmt, 4, HD_TYPE_POST_STATE);
      post->updated_at = sqlite3_column_int64 (stmt, 5);
      post->url = g_strdup (_hd_column_text (stmt, 6));
      g_ptr_array_add (posts, post);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  media_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < posts->len; i++)
    {
      ExportedPost *post = g_ptr_array_index (posts, i);
      g_auto(GStrv) shas = NULL;
      g_autoptr(GStrvBuilder) media = g_strv_builder_new ();

      post->csv.channels = read_strings (self,
                                         "SELECT channel_id FROM post_variants WHERE post_id = ?1"
                                         " ORDER BY rowid",
                                         post->id, names.names_by_id, action, error);
      post->csv.labels = read_strings (self,
                                       "SELECT labels.name FROM post_labels"
                                       " JOIN labels ON labels.id = post_labels.label_id"
                                       " WHERE post_labels.post_id = ?1"
                                       " ORDER BY labels.name COLLATE NOCASE",
                                       post->id, NULL, action, error);
      /* One list of pictures per row: every variant's, first use first. */
      shas = read_strings (self,
                           "SELECT m.sha256 FROM variant_media m"
                           " JOIN post_variants v ON v.id = m.variant_id"
                           " WHERE v.post_id = ?1 GROUP BY m.sha256"
                           " ORDER BY min (v.rowid * 1000 + m.position)",
                           post->id, NULL, action, error);
      if (post->csv.channels == NULL || post->csv.labels == NULL || shas == NULL)
        return NULL;

      for (guint m = 0; shas[m] != NULL; m++)
        {
          const char *path = g_hash_table_lookup (media_paths, shas[m]);

          if (path == NULL)
            {
              g_autoptr(HdMedia) item = hd_store_load_media (self, shas[m], error);

              if (item == NULL)
                return NULL;
              path = hd_store_get_media_file_path (self, item);
              g_hash_table_insert (media_paths, g_strdup (shas[m]), (char *)path);
            }
          g_strv_builder_add (media, path);
        }
      post->csv.media = g_strv_builder_end (media);
    }

  return g_steal_pointer (&posts);
}

gboolean
hd_store_export_csv (HdStore  *self,
                     gint64    from,
                     gint64    to,
                     GString  *out,
                     GError  **error)
{
  g_autoptr(GPtrArray) posts = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  posts = read_dated_posts (self, from, to, FALSE, error);
  if (posts == NULL)
    return FALSE;

  hd_csv_append_post_header (out);
  for (guint i = 0; i < posts->len; i++)
    {
      ExportedPost *post = g_ptr_array_index (posts, i);

      hd_csv_append_post (out, &post->csv);
    }

  return TRUE;
}

/**
 * hd_store_export_ics:
 *
 * Returns: (transfer full): the calendar text, or %NULL with @error set
 */
char *
hd_store_export_ics (HdStore  *self,
                     gint64    from,
                     gint64    to,
                     gint64    now,
                     GError  **error)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) events = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  posts = read_dated_posts (self, from, to, TRUE, error);
  if (posts == NULL)
    return NULL;

  events = g_array_sized_new (FALSE, TRUE, sizeof (HdIcalEvent), posts->len);
  for (guint i = 0; i < posts->len; i++)
    {
      ExportedPost *post = g_ptr_array_index (posts, i);
      HdIcalEvent event = { 0, };
      /* The post's id never changes, so a calendar updates the event on a later import. */
      char *uid = g_strdup_printf ("%s@herald.heraldapp.github.io", post->id);

      g_ptr_array_add (uids, uid);
      event.uid = uid;
      event.instant = post->csv.instant;
      event.zone = post->csv.zone;
      event.text = post->csv.text;
      event.channels = (const char * const *)post->csv.channels;
      event.url = post->url;
      event.last_modified = post->updated_at;
      g_array_append_val (events, event);
    }

  return hd_ical_write ((const HdIcalEvent *)(gpointer)events->data, events->len, now);
}
