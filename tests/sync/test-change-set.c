/* test-change-set.c: the Changes view's core: listing, discarding, checking offline, and
 * change files carried to another store, each on fresh stores with the real keyring
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-channels.h"
#include "hd-change-check.h"
#include "hd-change-set.h"
#include "hd-media-library.h"
#include "hd-store-changes.h"

#define MASTODON_HANDLE "@shop@example.social"
#define BLUESKY_HANDLE  "shop.bsky.social"
#define SECRET_TOKEN    "tok-5f1e9c0d-never-exported"

typedef struct
{
  TestEnv    env;
  HdChannel *mastodon;
  HdChannel *bluesky;
} Fixture;

static HdChannel *
add_channel (HdStore        *store,
             HdChannelKind   kind,
             const char     *handle,
             const char     *name,
             HdChannelState  state)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_base_url (channel, kind == HD_CHANNEL_KIND_MASTODON
                                    ? "https://example.social" : "https://bsky.social");
  hd_channel_set_remote_account_id (channel, "account-1");
  hd_channel_set_state (channel, state);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  return channel;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->mastodon = add_channel (fixture->env.store, HD_CHANNEL_KIND_MASTODON,
                                   MASTODON_HANDLE, "Shop on Mastodon",
                                   HD_CHANNEL_STATE_CONNECTED);
  fixture->bluesky = add_channel (fixture->env.store, HD_CHANNEL_KIND_BLUESKY, BLUESKY_HANDLE,
                                  "Shop on Bluesky", HD_CHANNEL_STATE_CONNECTED);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->mastodon);
  g_clear_object (&fixture->bluesky);
  test_env_clear (&fixture->env);
}

/* A post scheduled an hour after TEST_NOW on @channels (NULL-terminated). */
static HdPost *
schedule_post (HdStore    *store,
               const char *text,
               HdChannel **channels,
               const char *sha256)
{
  g_autoptr(GError) error = NULL;
  HdPost *post = hd_post_new ();
  const char *labels[] = { "spring", NULL };
  const char *media[] = { sha256, NULL };

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, TEST_NOW + 3600);
  hd_post_set_time_zone (post, "Europe/London");
  hd_post_set_labels (post, labels);

  for (guint i = 0; channels[i] != NULL; i++)
    {
      g_autoptr(HdVariant) variant = hd_variant_new ();

      hd_variant_set_channel_id (variant, hd_channel_get_id (channels[i]));
      hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
      if (sha256 != NULL)
        hd_variant_set_media (variant, media);
      hd_post_add_variant (post, variant);
    }

  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);

  return post;
}

static GPtrArray *
describe (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = hd_store_describe_changes (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);

  return changes;
}

static const HdChangeSummary *
find_summary (GPtrArray  *changes,
              const char *channel_id,
              const char *post_id)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const HdChangeSummary *change = g_ptr_array_index (changes, i);

      if (g_str_equal (change->channel_id, channel_id) && g_str_equal (change->post_id, post_id))
        return change;
    }

  return NULL;
}

/* A post that went out on Mastodon as remote id "109", then was taken off that channel. */
static HdPost *
remove_published (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channels[] = { fixture->mastodon, NULL };
  HdPost *post = schedule_post (fixture->env.store, "Last week's market stall", channels, NULL);
  HdVariant *variant = hd_post_find_variant (post, hd_channel_get_id (fixture->mastodon));

  hd_variant_set_remote_id (variant, "109");
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);

  hd_post_remove_variant (post, variant);
  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);

  return post;
}

static void
test_describe (Fixture       *fixture,
               gconstpointer  data)
{
  HdChannel *both[] = { fixture->mastodon, fixture->bluesky, NULL };
  g_autoptr(HdPost) added = schedule_post (fixture->env.store,
                                           "Spring opening:\nnew seeds in store", both, NULL);
  g_autoptr(HdPost) removed = remove_published (fixture);
  g_autoptr(GPtrArray) changes = describe (fixture->env.store);
  const HdChangeSummary *change;

  g_assert_cmpuint (changes->len, ==, 3);

  /* Grouped by channel, channels by name: Bluesky's before Mastodon's. */
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->channel_id, ==, hd_channel_get_id (fixture->bluesky));
  g_assert_cmpstr (change->channel_name, ==, "Shop on Bluesky");
  for (guint i = 1; i < changes->len; i++)
    g_assert_cmpstr (((HdChangeSummary *) g_ptr_array_index (changes, i))->channel_id, ==,
                     hd_channel_get_id (fixture->mastodon));

  change = find_summary (changes, hd_channel_get_id (fixture->mastodon), hd_post_get_id (added));
  g_assert_nonnull (change);
  g_assert_cmpint (change->kind, ==, HD_CHANGE_KIND_ADDED);
  g_assert_cmpstr (change->state, ==, HD_CHANGE_STATE_PENDING);
  g_assert_cmpstr (change->excerpt, ==, "Spring opening: new seeds in store");
  g_assert_cmpint (change->instant, ==, TEST_NOW + 3600);
  g_assert_cmpstr (change->time_zone, ==, "Europe/London");
  g_assert_cmpstr (change->channel_handle, ==, MASTODON_HANDLE);

  change = find_summary (changes, hd_channel_get_id (fixture->mastodon), hd_post_get_id (removed));
  g_assert_nonnull (change);
  g_assert_cmpint (change->kind, ==, HD_CHANGE_KIND_REMOVED);
  g_assert_cmpstr (change->excerpt, ==, "Last week's market stall");
}

static void
test_discard_publish_and_undo (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HdChannel *one[] = { fixture->mastodon, NULL };
  g_autoptr(HdPost) post = schedule_post (fixture->env.store, "Tulips are in", one, NULL);
  g_autoptr(HdPost) reloaded = NULL;
  g_autoptr(HdDiscardedChange) discarded = NULL;
  g_autoptr(GPtrArray) before = describe (fixture->env.store);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  g_autofree char *change_id = NULL;

  g_assert_cmpuint (before->len, ==, 1);
  change_id = g_strdup (((HdChangeSummary *) g_ptr_array_index (before, 0))->change_id);

  g_assert_true (hd_store_discard_change (fixture->env.store, change_id, &discarded, &error));
  g_assert_no_error (error);

  after = describe (fixture->env.store);
  g_assert_cmpuint (after->len, ==, 0);

  /* Nothing is lost: the post is a draft again with its words. */
  reloaded = hd_store_load_post (fixture->env.store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_state (reloaded), ==, HD_POST_STATE_DRAFT);
  g_assert_cmpstr (hd_post_get_text (reloaded), ==, "Tulips are in");
  g_clear_object (&reloaded);

  g_assert_true (hd_store_undo_discard (fixture->env.store, discarded, &error));
  g_assert_no_error (error);

  restored = describe (fixture->env.store);
  g_assert_cmpuint (restored->len, ==, 1);
  g_assert_cmpstr (((HdChangeSummary *) g_ptr_array_index (restored, 0))->change_id, ==,
                   change_id);
  reloaded = hd_store_load_post (fixture->env.store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_state (reloaded), ==, HD_POST_STATE_SCHEDULED);
}

static void
test_discard_keeps_other_channels (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HdChannel *both[] = { fixture->mastodon, fixture->bluesky, NULL };
  g_autoptr(HdPost) post = schedule_post (fixture->env.store, "Both channels", both, NULL);
  g_autoptr(HdPost) reloaded = NULL;
  g_autoptr(GPtrArray) changes = describe (fixture->env.store);
  g_autoptr(GPtrArray) left = NULL;
  const HdChangeSummary *bluesky;

  bluesky = find_summary (changes, hd_channel_get_id (fixture->bluesky), hd_post_get_id (post));
  g_assert_true (hd_store_discard_change (fixture->env.store, bluesky->change_id, NULL, &error));
  g_assert_no_error (error);

  left = describe (fixture->env.store);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (((HdChangeSummary *) g_ptr_array_index (left, 0))->channel_id, ==,
                   hd_channel_get_id (fixture->mastodon));

  /* Saving the post again must not bring the discarded channel back on its own. */
  reloaded = hd_store_load_post (fixture->env.store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_state (reloaded), ==, HD_POST_STATE_SCHEDULED);
  hd_store_save_post (fixture->env.store, reloaded, &error);
  g_assert_no_error (error);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = describe (fixture->env.store);
  g_assert_cmpuint (left->len, ==, 1);
}

static void
test_discard_removal_and_refusal (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) removed = remove_published (fixture);
  g_autoptr(GPtrArray) changes = describe (fixture->env.store);
  g_autoptr(GPtrArray) left = NULL;
  HdChannel *one[] = { fixture->bluesky, NULL };
  g_autoptr(HdPost) sending = NULL;
  g_autoptr(GPtrArray) now = NULL;
  const HdChangeSummary *change;

  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_true (hd_store_discard_change (fixture->env.store, change->change_id, NULL, &error));
  g_assert_no_error (error);
  left = describe (fixture->env.store);
  g_assert_cmpuint (left->len, ==, 0);

  /* A change on its way cannot be taken back. */
  sending = schedule_post (fixture->env.store, "On its way", one, NULL);
  now = describe (fixture->env.store);
  change = g_ptr_array_index (now, 0);
  hd_store_begin_sending_change (fixture->env.store, change->change_id, &error);
  g_assert_no_error (error);
  g_assert_false (hd_store_discard_change (fixture->env.store, change->change_id, NULL, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_pointer (&now, g_ptr_array_unref);
  now = describe (fixture->env.store);
  g_assert_cmpuint (now->len, ==, 1);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  HdChannel *bluesky[] = { fixture->bluesky, NULL };
  HdChannel *mastodon[] = { fixture->mastodon, NULL };
  g_autoptr(HdPost) too_long = NULL;
  g_autoptr(HdPost) fine = NULL;
  g_autoptr(GHashTable) problems = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const HdChangeSummary *change;
  GPtrArray *found;

  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "Fresh bread ");
  too_long = schedule_post (fixture->env.store, long_text->str, bluesky, NULL);
  fine = schedule_post (fixture->env.store, "Short and fine", mastodon, NULL);

  changes = describe (fixture->env.store);
  problems = hd_changes_check (fixture->env.store, fixture->env.http, changes, TEST_NOW, &error);
  g_assert_no_error (error);

  change = find_summary (changes, hd_channel_get_id (fixture->bluesky), hd_post_get_id (too_long));
  found = g_hash_table_lookup (problems, change->change_id);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, >=, 1);
  change = find_summary (changes, hd_channel_get_id (fixture->mastodon), hd_post_get_id (fine));
  g_assert_null (g_hash_table_lookup (problems, change->change_id));

  /* A channel that needs reconnecting is a problem of every change waiting on it. */
  hd_channel_set_state (fixture->mastodon, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  hd_store_save_channel (fixture->env.store, fixture->mastodon, &error);
  g_assert_no_error (error);
  g_clear_pointer (&problems, g_hash_table_unref);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = describe (fixture->env.store);
  problems = hd_changes_check (fixture->env.store, fixture->env.http, NULL, TEST_NOW, &error);
  g_assert_no_error (error);
  change = find_summary (changes, hd_channel_get_id (fixture->mastodon), hd_post_get_id (fine));
  found = g_hash_table_lookup (problems, change->change_id);
  g_assert_nonnull (found);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==,
                   "Reconnect Mastodon (@shop@example.social) before sending.");
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  hd_secrets_store_finish (result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static HdMedia *
import_picture (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *png = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  HdMedia *media;
  gsize length;
  int fd;

  png = g_base64_decode (TEST_PNG_BASE64, &length);
  fd = g_file_open_tmp ("herald-test-XXXXXX.png", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, (const char *) png, length, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  media = hd_store_import_media (store, file, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);

  hd_media_set_alt_text (media, "A white pixel on the shop counter");
  hd_store_save_media (store, media, &error);
  g_assert_no_error (error);

  return media;
}

static void
count_outbox (HdStore *store,
              guint   *n_pending)
{
  g_autoptr(GError) error = NULL;

  hd_store_count_pending_changes (store, n_pending, &error);
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdMedia) media = import_picture (fixture->env.store);
  HdChannel *both[] = { fixture->mastodon, fixture->bluesky, NULL };
  g_autoptr(HdPost) post = schedule_post (fixture->env.store, "Spring opening on Saturday",
                                          both, hd_media_get_sha256 (media));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HdChangeSet) set = NULL;
  g_autoptr(HdPost) imported = NULL;
  g_autoptr(HdMedia) imported_media = NULL;
  g_autoptr(HdChannel) here = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  TestEnv other;
  HdVariant *variant;
  gboolean stored = FALSE;
  guint n_changes = 0;
  guint n_pending = 0;
  int mastodon_index = -1;
  int bluesky_index = -1;

  hd_secrets_store_async (hd_channel_get_id (fixture->mastodon), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald test", SECRET_TOKEN, NULL, stored_cb, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);

  bytes = hd_change_set_export (fixture->env.store, NULL, &n_changes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               SECRET_TOKEN));
  /* Nor anything else that only makes sense on this computer. */
  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               hd_channel_get_id (fixture->mastodon)));

  /* The other computer has the Mastodon account under its own id, and no Bluesky. */
  test_env_init (&other);
  g_clear_object (&here);
  here = add_channel (other.store, HD_CHANNEL_KIND_MASTODON, "@SHOP@example.social",
                      "Shop", HD_CHANNEL_STATE_CONNECTED);

  set = hd_change_set_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hd_change_set_get_n_changes (set), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const HdIncomingChange *change = hd_change_set_get_change (set, i);

      g_assert_cmpint (change->kind, ==, HD_CHANGE_KIND_ADDED);
      g_assert_cmpstr (change->excerpt, ==, "Spring opening on Saturday");
      if (change->channel_kind == HD_CHANNEL_KIND_MASTODON)
        mastodon_index = i;
      else
        bluesky_index = i;
    }
  g_assert_cmpint (mastodon_index, >=, 0);
  g_assert_cmpint (bluesky_index, >=, 0);

  g_assert_null (hd_change_set_find_channel (set, bluesky_index, other.store));
  g_assert_false (hd_change_set_accept (set, bluesky_index, other.store, &error));
  g_assert_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_NOT_APPLICABLE);
  g_clear_error (&error);
  count_outbox (other.store, &n_pending);
  g_assert_cmpuint (n_pending, ==, 0);

  g_assert_true (hd_change_set_accept (set, mastodon_index, other.store, &error));
  g_assert_no_error (error);

  imported = hd_store_load_post (other.store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_post_get_text (imported), ==, "Spring opening on Saturday");
  g_assert_cmpint (hd_post_get_scheduled_at (imported), ==, TEST_NOW + 3600);
  g_assert_cmpstr (hd_post_get_time_zone (imported), ==, "Europe/London");
  g_assert_true (hd_post_has_label (imported, "spring"));
  variant = hd_post_find_variant (imported, hd_channel_get_id (here));
  g_assert_nonnull (variant);
  g_assert_cmpstr (hd_variant_get_media (variant)[0], ==, hd_media_get_sha256 (media));
  imported_media = hd_store_load_media (other.store, hd_media_get_sha256 (media), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_media_get_alt_text (imported_media), ==,
                   "A white pixel on the shop counter");

  /* Queued by the outbox rule, as if written on this computer. */
  changes = describe (other.store);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((HdChangeSummary *) g_ptr_array_index (changes, 0))->channel_id, ==,
                   hd_channel_get_id (here));

  test_env_clear (&other);
}

static void
test_hostile_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new ("{\"format\":\"herald-changes\",\"version\":1,"
                                          "\"changes\":");
  const char *damaged[] = {
    "",
    "not json at all",
    "[1, 2, 3]",
    "{\"format\":\"something-else\",\"version\":1,\"changes\":[]}",
    "{\"format\":\"herald-changes\",\"version\":\"1\",\"changes\":[]}",
    "{\"format\":\"herald-changes\",\"version\":1}",
    "{\"format\":\"herald-changes\",\"version\":1,\"changes\":[{\"id\":\"a\"}]}",
    "{\"format\":\"herald-changes\",\"version\":1,\"changes\":[{\"id\":\"a\","
    "\"operation\":\"publish\",\"kind\":\"exploded\",\"channel\":{\"kind\":\"mastodon\"},"
    "\"post\":{\"id\":\"p\",\"text\":\"t\"}}]}",
    "{\"format\":\"herald-changes\",\"version\":1,\"changes\":[{\"id\":\"a\","
    "\"operation\":\"publish\",\"kind\":\"added\",\"channel\":{\"kind\":\"myspace\"},"
    "\"post\":{\"id\":\"p\",\"text\":\"t\"}}]}",
    "{\"format\":\"herald-changes\",\"version\":1,\"changes\":[{\"id\":\"a\","
    "\"operation\":\"publish\",\"kind\":\"added\",\"channel\":{\"kind\":\"mastodon\"},"
    "\"post\":{\"id\":\"p\",\"text\":\"t\",\"scheduled_at\":5,\"time_zone\":\"Mars/Olympus\"}}]}",
    "{\"format\":\"herald-changes\",\"version\":1,\"changes\":[{\"id\":\"a\","
    "\"operation\":\"publish\",\"kind\":\"added\",\"channel\":{\"kind\":\"mastodon\"},"
    "\"post\":{\"id\":\"p\",\"text\":\"t\",\"variant\":{\"media\":[\""
    "0000000000000000000000000000000000000000000000000000000000000000\"]}}}]}",
    "{\"format\":\"herald-changes\",\"version\":1,\"changes\":[],\"media\":[{\"sha256\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\","
    "\"data\":\"" TEST_PNG_BASE64 "\"}]}",
    "{\"format\":\"herald-changes\",\"version\":1,\"changes\":[{\"id\":\"a\","
    "\"operation\":\"delete\",\"kind\":\"added\",\"channel\":{\"kind\":\"mastodon\"},"
    "\"post\":{\"id\":\"p\",\"text\":\"t\"}}]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChangeSet) set = NULL;
  g_autoptr(GBytes) too_new = NULL;
  g_autoptr(GBytes) nested = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (damaged[i], strlen (damaged[i]));

      set = hd_change_set_parse (bytes, &error);
      g_assert_null (set);
      g_assert_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Nothing was imported"));
      g_clear_error (&error);
    }

  too_new = g_bytes_new_static ("{\"format\":\"herald-changes\",\"version\":2,\"changes\":[]}",
                                strlen ("{\"format\":\"herald-changes\",\"version\":2,"
                                        "\"changes\":[]}"));
  set = hd_change_set_parse (too_new, &error);
  g_assert_null (set);
  g_assert_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer Herald"));
  g_clear_error (&error);

  /* Nesting a recursive parser would drown in. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  nested = g_bytes_new (deep->str, deep->len);
  set = hd_change_set_parse (nested, &error);
  g_assert_null (set);
  g_assert_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/sync/changes/describe", Fixture, NULL, fixture_set_up, test_describe,
              fixture_tear_down);
  g_test_add ("/herald/sync/changes/discard-and-undo", Fixture, NULL, fixture_set_up,
              test_discard_publish_and_undo, fixture_tear_down);
  g_test_add ("/herald/sync/changes/discard-one-channel", Fixture, NULL, fixture_set_up,
              test_discard_keeps_other_channels, fixture_tear_down);
  g_test_add ("/herald/sync/changes/discard-removal", Fixture, NULL, fixture_set_up,
              test_discard_removal_and_refusal, fixture_tear_down);
  g_test_add ("/herald/sync/changes/check", Fixture, NULL, fixture_set_up, test_check,
              fixture_tear_down);
  g_test_add ("/herald/sync/changes/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/herald/sync/changes/hostile-files", Fixture, NULL, fixture_set_up,
              test_hostile_files, fixture_tear_down);

  return g_test_run ();
}
