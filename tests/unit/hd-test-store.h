/* hd-test-store.h: a fresh store in a temporary folder, and small builders, for the store tests.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "hd-core.h"
#include "hd-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  HdStore *store;
} Fixture;

/* The post and every variant in @state, as the composer saves them. */
static inline void
set_post_state (HdPost      *post,
                HdPostState  state)
{
  GListModel *variants = hd_post_get_variants (post);

  hd_post_set_state (post, state);
  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (variants, i);

      hd_variant_set_state (variant, state);
    }
}

static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("herald-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "herald.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static inline gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (_hd_store_get_db (fixture->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

static inline HdChannel *
save_channel (Fixture       *fixture,
              HdChannelKind  kind,
              const char    *name)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_store_save_channel (fixture->store, channel, &error);
  g_assert_no_error (error);

  return channel;
}

/* A post in @state at @instant (0: undated) going to each channel of the NULL-terminated
 * list that follows. */
static inline HdPost *
new_post_on (const char  *text,
             HdPostState  state,
             gint64       instant,
             ...)
{
  HdPost *post = hd_post_new ();
  HdChannel *channel;
  va_list args;

  hd_post_set_text (post, text);
  hd_post_set_state (post, state);
  hd_post_set_scheduled_at (post, instant);
  if (instant != 0)
    hd_post_set_time_zone (post, "Europe/London");

  va_start (args, instant);
  while ((channel = va_arg (args, HdChannel *)) != NULL)
    {
      g_autoptr(HdVariant) variant = hd_variant_new ();

      hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
      /* As the composer leaves them: each channel in the state of the post. */
      hd_variant_set_state (variant, state);
      hd_post_add_variant (post, variant);
    }
  va_end (args);

  return post;
}

static inline void
save_post (Fixture *fixture,
           HdPost  *post)
{
  g_autoptr(GError) error = NULL;

  hd_store_save_post (fixture->store, post, &error);
  g_assert_no_error (error);
}

G_END_DECLS
