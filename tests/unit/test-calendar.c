/* test-calendar.c: the calendar's query, flights, rescheduling, the outbox rule, snippets and
 * the posting queue.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <string.h>

#include "hd-test-store.h"

/* 2030-01-01 00:00 UTC: far enough ahead that "scheduled" stays in the future. */
#define JAN_2030 G_GINT64_CONSTANT (1893456000)
#define DAY (24 * 60 * 60)

static GArray *
query (Fixture            *fixture,
       const HdPostFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (HdCalendarEntry));

  hd_store_query_calendar (fixture->store, filter, entries, &error);
  g_assert_no_error (error);

  return entries;
}

static const char *
entry_id (GArray *entries,
          guint   index)
{
  return g_array_index (entries, HdCalendarEntry, index).id;
}

static void
test_calendar_query (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Sky");
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdPost) first = new_post_on ("Spring sale starts today", HD_POST_STATE_SCHEDULED,
                                         JAN_2030 + DAY, mastodon, bluesky, NULL);
  g_autoptr(HdPost) second = new_post_on ("Meet the CAFÉ team", HD_POST_STATE_DRAFT,
                                          JAN_2030 + 2 * DAY, bluesky, NULL);
  g_autoptr(HdPost) tie = new_post_on ("Same minute as the second", HD_POST_STATE_SCHEDULED,
                                       JAN_2030 + 2 * DAY, mastodon, NULL);
  g_autoptr(HdPost) edge = new_post_on ("Exactly at the end", HD_POST_STATE_SCHEDULED,
                                        JAN_2030 + 31 * DAY, mastodon, NULL);
  g_autoptr(HdPost) undated = new_post_on ("An idea", HD_POST_STATE_IDEA, 0, mastodon, NULL);
  g_autoptr(HdVariant) override = hd_variant_new ();
  g_autoptr(GArray) entries = NULL;
  HdPostFilter filter = { JAN_2030, JAN_2030 + 31 * DAY, };
  const char *ids[] = { NULL, NULL };
  const char *labels[] = { "offers", NULL };
  HdCalendarEntry *entry;

  hd_campaign_set_name (campaign, "Spring");
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  hd_store_save_campaign (fixture->store, campaign, &error);
  g_assert_no_error (error);

  hd_post_set_campaign_id (first, hd_campaign_get_id (campaign));
  hd_post_set_labels (first, (const char *[]) { "Offers", NULL });
  save_post (fixture, first);
  /* Only the Bluesky variant says "giveaway": a search finds variant text too. */
  hd_variant_set_channel_id (override, hd_channel_get_id (bluesky));
  hd_variant_set_text (override, "Giveaway for our Bluesky friends");
  hd_post_add_variant (second, override);
  save_post (fixture, second);
  save_post (fixture, tie);
  save_post (fixture, edge);
  save_post (fixture, undated);

  /* [from, to): the post at @to belongs to the next range; undated ones never show. */
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (entry_id (entries, 0), ==, hd_post_get_id (first));
  /* Same instant: first saved first, so the order never flickers between refreshes. */
  g_assert_cmpstr (entry_id (entries, 1), ==, hd_post_get_id (second));
  g_assert_cmpstr (entry_id (entries, 2), ==, hd_post_get_id (tie));

  entry = &g_array_index (entries, HdCalendarEntry, 0);
  g_assert_cmpint (entry->scheduled_at, ==, JAN_2030 + DAY);
  g_assert_cmpint (entry->state, ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpuint (entry->channel_kinds, ==,
                    (1u << HD_CHANNEL_KIND_MASTODON) | (1u << HD_CHANNEL_KIND_BLUESKY));
  g_assert_cmpstr (entry->excerpt, ==, "Spring sale starts today");
  g_assert_cmpstr (entry->campaign_id, ==, hd_campaign_get_id (campaign));

  filter.from = JAN_2030 + DAY + 1;
  filter.to = JAN_2030 + 31 * DAY + 1;
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (entry_id (entries, 2), ==, hd_post_get_id (edge));
  filter.from = JAN_2030;
  filter.to = JAN_2030 + 31 * DAY;

  /* By channel. */
  ids[0] = hd_channel_get_id (bluesky);
  filter.channel_ids = ids;
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (entry_id (entries, 0), ==, hd_post_get_id (first));
  g_assert_cmpstr (entry_id (entries, 1), ==, hd_post_get_id (second));
  filter.channel_ids = NULL;

  /* By label, whatever its case. */
  filter.labels = labels;
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry_id (entries, 0), ==, hd_post_get_id (first));
  filter.labels = NULL;

  /* By state. */
  filter.state_mask = 1u << HD_POST_STATE_DRAFT;
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry_id (entries, 0), ==, hd_post_get_id (second));
  filter.state_mask = (1u << HD_POST_STATE_DRAFT) | (1u << HD_POST_STATE_SCHEDULED);
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 3);
  filter.state_mask = 1u << HD_POST_STATE_PUBLISHED;
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 0);
  filter.state_mask = 0;

  /* By campaign. */
  filter.campaign_id = hd_campaign_get_id (campaign);
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry_id (entries, 0), ==, hd_post_get_id (first));
  filter.campaign_id = NULL;

  /* By text: any case, accented letters too, in the master text or a variant's. */
  filter.text = "café";
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry_id (entries, 0), ==, hd_post_get_id (second));
  filter.text = "GIVEAWAY";
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry_id (entries, 0), ==, hd_post_get_id (second));
  filter.text = "nothing like this";
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 0);
  filter.text = "";
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 3);

  /* Several filters at once narrow together. */
  ids[0] = hd_channel_get_id (mastodon);
  filter.channel_ids = ids;
  filter.state_mask = 1u << HD_POST_STATE_SCHEDULED;
  filter.text = "spring";
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry_id (entries, 0), ==, hd_post_get_id (first));

  /* A channel's kind lives in the chips: removing the channel takes its bit away. */
  hd_store_delete_channel (fixture->store, hd_channel_get_id (bluesky), &error);
  g_assert_no_error (error);
  memset (&filter, 0, sizeof filter);
  filter.from = JAN_2030;
  filter.to = JAN_2030 + DAY + 1;
  g_clear_pointer (&entries, g_array_unref);
  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpuint (g_array_index (entries, HdCalendarEntry, 0).channel_kinds, ==,
                    1u << HD_CHANNEL_KIND_MASTODON);
}

static void
test_calendar_excerpt (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Line one\nline two ");
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GArray) entries = NULL;
  HdPostFilter filter = { JAN_2030, JAN_2030 + DAY, };
  const char *excerpt;

  /* Two-byte letters and four-byte emoji, so a cut in the wrong place splits a character. */
  for (guint i = 0; i < 40; i++)
    g_string_append (text, "żółw 🐢 ");

  post = new_post_on (text->str, HD_POST_STATE_DRAFT, JAN_2030 + 60, NULL);
  save_post (fixture, post);

  entries = query (fixture, &filter);
  g_assert_cmpuint (entries->len, ==, 1);
  excerpt = g_array_index (entries, HdCalendarEntry, 0).excerpt;
  g_assert_true (g_utf8_validate (excerpt, -1, NULL));
  g_assert_cmpuint (strlen (excerpt), <, 96);
  g_assert_true (g_str_has_prefix (excerpt, "Line one line two żółw 🐢"));
  g_assert_true (g_str_has_suffix (excerpt, "…"));
  g_assert_null (strchr (excerpt, '\n'));
}

static void
save_flight (Fixture    *fixture,
             HdCampaign *campaign,
             const char *name,
             gint64      starts_at,
             gint64      ends_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();

  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, name);
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_starts_at (ad_set, starts_at);
  hd_ad_set_set_ends_at (ad_set, ends_at);
  hd_ad_set_set_time_zone (ad_set, "Europe/London");
  hd_store_save_ad_set (fixture->store, ad_set, &error);
  g_assert_no_error (error);
}

static void
test_flights (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(GArray) flights = g_array_new (FALSE, TRUE, sizeof (HdCalendarFlight));
  HdCalendarFlight *flight;

  hd_campaign_set_name (campaign, "Spring sale");
  hd_campaign_set_objective (campaign, "OUTCOME_SALES");
  hd_store_save_campaign (fixture->store, campaign, &error);
  g_assert_no_error (error);

  save_flight (fixture, campaign, "Before", JAN_2030 - 10 * DAY, JAN_2030);
  save_flight (fixture, campaign, "Across the start", JAN_2030 - DAY, JAN_2030 + DAY);
  save_flight (fixture, campaign, "Open ended", JAN_2030 + 5 * DAY, 0);
  save_flight (fixture, campaign, "After", JAN_2030 + 31 * DAY, JAN_2030 + 40 * DAY);
  save_flight (fixture, campaign, "Never started", 0, 0);

  hd_store_query_flights (fixture->store, JAN_2030, JAN_2030 + 31 * DAY, flights, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flights->len, ==, 2);

  flight = &g_array_index (flights, HdCalendarFlight, 0);
  g_assert_cmpstr (flight->name, ==, "Spring sale · Across the start");
  g_assert_cmpint (flight->starts_at, ==, JAN_2030 - DAY);
  g_assert_cmpint (flight->ends_at, ==, JAN_2030 + DAY);
  flight = &g_array_index (flights, HdCalendarFlight, 1);
  g_assert_cmpstr (flight->name, ==, "Spring sale · Open ended");
  g_assert_cmpint (flight->ends_at, ==, 0);
}

static gint64
count_outbox (Fixture    *fixture,
              HdPost     *post,
              const char *operation,
              HdChannel  *channel)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE subject_kind = 'post'"
                         " AND subject_id = '%s' AND operation = '%s' AND state = 'pending'"
                         " AND ('%s' = '' OR channel_id = '%s')",
                         hd_post_get_id (post), operation,
                         channel != NULL ? hd_channel_get_id (channel) : "",
                         channel != NULL ? hd_channel_get_id (channel) : "");

  return count_rows (fixture, sql);
}

static guint
pending_changes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  hd_store_count_pending_changes (fixture->store, &n, &error);
  g_assert_no_error (error);

  return n;
}

static void
test_outbox_rule (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Sky");
  g_autoptr(HdPost) post = new_post_on ("Doors open at nine", HD_POST_STATE_DRAFT,
                                        JAN_2030, mastodon, bluesky, NULL);
  g_autoptr(HdPost) other = new_post_on ("Another", HD_POST_STATE_SCHEDULED, JAN_2030 + DAY,
                                         mastodon, NULL);
  g_autofree char *key = NULL;
  g_autofree char *key_after = NULL;
  HdVariant *on_bluesky;

  /* Drafts have nothing to send. */
  save_post (fixture, post);
  g_assert_cmpuint (pending_changes (fixture), ==, 0);

  /* Scheduling queues one publish per channel. */
  set_post_state (post, HD_POST_STATE_SCHEDULED);
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "publish", mastodon), ==, 1);
  g_assert_cmpint (count_outbox (fixture, post, "publish", bluesky), ==, 1);
  g_assert_cmpuint (pending_changes (fixture), ==, 2);
  key = g_strdup_printf ("%" G_GINT64_FORMAT,
                         count_rows (fixture, "SELECT sum(length(idempotency_key) * rowid)"
                                              " FROM outbox"));

  /* Editing updates those rows in place: same rows, same idempotency keys. */
  hd_post_set_text (post, "Doors open at half past nine");
  save_post (fixture, post);
  g_assert_cmpuint (pending_changes (fixture), ==, 2);
  key_after = g_strdup_printf ("%" G_GINT64_FORMAT,
                               count_rows (fixture, "SELECT sum(length(idempotency_key) * rowid)"
                                                    " FROM outbox"));
  g_assert_cmpstr (key, ==, key_after);

  /* A second post has rows of its own. */
  save_post (fixture, other);
  g_assert_cmpuint (pending_changes (fixture), ==, 3);

  /* Removing a channel removes its row only. */
  on_bluesky = hd_post_find_variant (post, hd_channel_get_id (bluesky));
  hd_post_remove_variant (post, on_bluesky);
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "publish", bluesky), ==, 0);
  g_assert_cmpint (count_outbox (fixture, post, "publish", mastodon), ==, 1);
  g_assert_cmpuint (pending_changes (fixture), ==, 2);

  /* Back to draft: nothing of it is left to send. */
  set_post_state (post, HD_POST_STATE_DRAFT);
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "publish", NULL), ==, 0);
  g_assert_cmpuint (pending_changes (fixture), ==, 1);

  /* Deleting a scheduled post takes its rows with it. */
  hd_store_delete_post (fixture->store, hd_post_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending_changes (fixture), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox"), ==, 0);
}

/* A channel the composer held back (its text is over the limit) stays a draft inside the
 * scheduled post: the other channels go ahead, and it has nothing to send until it is
 * scheduled itself. */
static void
test_outbox_held_back_variant (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Sky");
  g_autoptr(HdPost) post = new_post_on ("Long story about our sourdough",
                                        HD_POST_STATE_SCHEDULED, JAN_2030, mastodon, bluesky,
                                        NULL);
  g_autoptr(HdPost) fresh = new_post_on ("Saved once, held back at once",
                                         HD_POST_STATE_SCHEDULED, JAN_2030 + DAY, mastodon,
                                         bluesky, NULL);
  HdVariant *on_bluesky = hd_post_find_variant (post, hd_channel_get_id (bluesky));

  /* Held back before the first save. */
  hd_variant_set_state (hd_post_find_variant (fresh, hd_channel_get_id (bluesky)),
                        HD_POST_STATE_DRAFT);
  save_post (fixture, fresh);
  g_assert_cmpint (count_outbox (fixture, fresh, "publish", mastodon), ==, 1);
  g_assert_cmpint (count_outbox (fixture, fresh, "publish", bluesky), ==, 0);

  /* Scheduled on both, then one held back on a later save: its row goes, the other stays. */
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "publish", bluesky), ==, 1);
  hd_variant_set_state (on_bluesky, HD_POST_STATE_DRAFT);
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "publish", mastodon), ==, 1);
  g_assert_cmpint (count_outbox (fixture, post, "publish", bluesky), ==, 0);
  g_assert_cmpint (count_outbox (fixture, post, "delete", NULL), ==, 0);

  /* Fixed and scheduled: it is queued like the others. */
  hd_variant_set_state (on_bluesky, HD_POST_STATE_SCHEDULED);
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "publish", bluesky), ==, 1);
  g_assert_cmpuint (pending_changes (fixture), ==, 3);
}

static void
test_outbox_remote_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Sky");
  g_autoptr(HdPost) post = new_post_on ("Handed to Mastodon already", HD_POST_STATE_SCHEDULED,
                                        JAN_2030, mastodon, bluesky, NULL);
  HdVariant *on_mastodon = hd_post_find_variant (post, hd_channel_get_id (mastodon));

  /* Mastodon scheduled it natively and gave it an id; Bluesky still waits for Herald. */
  hd_variant_set_remote_id (on_mastodon, "109876");
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "publish", mastodon), ==, 0);
  g_assert_cmpint (count_outbox (fixture, post, "publish", bluesky), ==, 1);

  /* Taking Mastodon off the post must remove it there too. */
  hd_post_remove_variant (post, on_mastodon);
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "delete", mastodon), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE operation = 'delete'"
                                        " AND remote_id = '109876'"), ==, 1);

  /* Saving again does not ask twice. */
  save_post (fixture, post);
  g_assert_cmpint (count_outbox (fixture, post, "delete", mastodon), ==, 1);

  /* Deleting a post that exists remotely queues its removal. */
  hd_variant_set_remote_id (hd_post_find_variant (post, hd_channel_get_id (bluesky)), "at://x");
  save_post (fixture, post);
  hd_store_delete_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_outbox (fixture, post, "delete", bluesky), ==, 1);
  g_assert_cmpint (count_outbox (fixture, post, "publish", NULL), ==, 0);
}

static void
test_reschedule (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(HdPost) post = new_post_on ("Moving day", HD_POST_STATE_SCHEDULED, JAN_2030,
                                        mastodon, NULL);
  g_autoptr(HdPost) loaded = NULL;
  g_autoptr(HdPost) draft = new_post_on ("Undated", HD_POST_STATE_DRAFT, 0, mastodon, NULL);
  gint64 previous = -1;
  gint64 updated_before;

  save_post (fixture, post);
  updated_before = count_rows (fixture, "SELECT updated_at FROM outbox");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox"), ==, 1);

  hd_store_reschedule_post (fixture->store, hd_post_get_id (post), JAN_2030 + 3 * DAY,
                            NULL, &previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (previous, ==, JAN_2030);

  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_scheduled_at (loaded), ==, JAN_2030 + 3 * DAY);
  g_assert_cmpstr (hd_post_get_time_zone (loaded), ==, "Europe/London");
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_SCHEDULED);
  /* Still one row to send, touched by the move. */
  g_assert_cmpint (count_outbox (fixture, post, "publish", mastodon), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT updated_at FROM outbox"), >=, updated_before);

  /* Undo puts it back, in another zone when asked. */
  hd_store_reschedule_post (fixture->store, hd_post_get_id (post), previous, "America/New_York",
                            &previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (previous, ==, JAN_2030 + 3 * DAY);
  g_clear_object (&loaded);
  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_scheduled_at (loaded), ==, JAN_2030);
  g_assert_cmpstr (hd_post_get_time_zone (loaded), ==, "America/New_York");

  /* A draft dragged onto the calendar stays a draft, and undo makes it undated again. */
  save_post (fixture, draft);
  hd_store_reschedule_post (fixture->store, hd_post_get_id (draft), JAN_2030, NULL, &previous,
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (previous, ==, 0);
  g_assert_cmpint (count_outbox (fixture, draft, "publish", NULL), ==, 0);
  hd_store_reschedule_post (fixture->store, hd_post_get_id (draft), 0, NULL, &previous, &error);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = hd_store_load_post (fixture->store, hd_post_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_scheduled_at (loaded), ==, 0);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_DRAFT);

  hd_store_reschedule_post (fixture->store, "no-such-post", JAN_2030, NULL, NULL, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

static void
test_snippets (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(HdSnippet) signature = hd_snippet_new ();
  g_autoptr(HdSnippet) tags = hd_snippet_new ();
  g_autoptr(HdSnippet) empty = hd_snippet_new ();
  g_autoptr(HdSnippet) first = NULL;
  g_autoptr(HdSnippet) second = NULL;

  list = hd_store_list_snippets (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  hd_snippet_set_kind (signature, HD_SNIPPET_KIND_SIGNATURE);
  hd_snippet_set_name (signature, "Sign-off");
  hd_snippet_set_text (signature, "— Ana at the bakery 🥐");
  hd_store_save_snippet (fixture->store, signature, &error);
  g_assert_no_error (error);

  hd_snippet_set_kind (tags, HD_SNIPPET_KIND_HASHTAGS);
  hd_snippet_set_name (tags, "Bakery tags");
  hd_snippet_set_text (tags, "#sourdough #bakery");
  hd_snippet_set_position (tags, 3);
  hd_store_save_snippet (fixture->store, tags, &error);
  g_assert_no_error (error);

  /* The list follows the store; hashtag groups come first. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  first = g_list_model_get_item (list, 0);
  second = g_list_model_get_item (list, 1);
  g_assert_cmpstr (hd_snippet_get_id (first), ==, hd_snippet_get_id (tags));
  g_assert_cmpint (hd_snippet_get_position (first), ==, 3);
  g_assert_cmpstr (hd_snippet_get_text (second), ==, "— Ana at the bakery 🥐");
  g_assert_cmpint (hd_snippet_get_kind (second), ==, HD_SNIPPET_KIND_SIGNATURE);

  /* Editing keeps one row. */
  hd_snippet_set_text (tags, "#sourdough #bakery #bread");
  hd_store_save_snippet (fixture->store, tags, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM snippets"), ==, 2);
  g_clear_object (&first);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (hd_snippet_get_text (first), ==, "#sourdough #bakery #bread");

  hd_snippet_set_name (empty, "Nothing");
  g_assert_false (hd_store_save_snippet (fixture->store, empty, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  hd_store_delete_snippet (fixture->store, hd_snippet_get_id (signature), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  hd_store_delete_snippet (fixture->store, hd_snippet_get_id (signature), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

static gint64
wall (const char *zone_name,
      int         year,
      int         month,
      int         day,
      int         hour,
      int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  g_autoptr(GDateTime) time = g_date_time_new (zone, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
test_queue_slots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Sky");
  g_autoptr(HdPost) taken = NULL;
  g_autoptr(HdPost) draft = NULL;
  g_autofree char *slots = NULL;
  const char *both[] = { hd_channel_get_id (mastodon), hd_channel_get_id (bluesky), NULL };
  const char *only_mastodon[] = { hd_channel_get_id (mastodon), NULL };
  gint64 slot = 0;

  slots = hd_store_get_queue_slots (fixture->store, hd_channel_get_id (mastodon), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (slots, ==, "");

  /* A channel without posting times says what to do. */
  g_assert_false (hd_store_next_queue_slot (fixture->store, only_mastodon, "Europe/London",
                                            wall ("Europe/London", 2030, 3, 29, 12, 0), &slot,
                                            &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Set posting times for Mastodon first, in Channels.");
  g_clear_error (&error);

  g_assert_false (hd_store_set_queue_slots (fixture->store, hd_channel_get_id (mastodon),
                                            "Mon–Fri at tea time", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  hd_store_set_queue_slots (fixture->store, hd_channel_get_id (mastodon),
                            "mon-fri 09:30 and 13:00", &error);
  g_assert_no_error (error);
  g_clear_pointer (&slots, g_free);
  slots = hd_store_get_queue_slots (fixture->store, hd_channel_get_id (mastodon), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (slots, ==, "Mon–Fri 09:30 and 13:00");

  /* Friday 2030-03-29, 14:00 in London: the next slot is Monday 09:30, which is BST after the
   * clocks go forward on Sunday 31 March, still 09:30 on the wall. */
  hd_store_next_queue_slot (fixture->store, only_mastodon, "Europe/London",
                            wall ("Europe/London", 2030, 3, 29, 14, 0), &slot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (slot, ==, wall ("Europe/London", 2030, 4, 1, 9, 30));
  g_assert_cmpint (slot, ==, wall ("UTC", 2030, 4, 1, 8, 30));

  /* A scheduled post there takes the slot; the next is 13:00 the same day. Drafts do not. */
  taken = new_post_on ("Taken", HD_POST_STATE_SCHEDULED, slot, mastodon, NULL);
  save_post (fixture, taken);
  draft = new_post_on ("Draft", HD_POST_STATE_DRAFT, wall ("Europe/London", 2030, 4, 1, 13, 0),
                       mastodon, NULL);
  save_post (fixture, draft);
  hd_store_next_queue_slot (fixture->store, only_mastodon, "Europe/London",
                            wall ("Europe/London", 2030, 3, 29, 14, 0), &slot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (slot, ==, wall ("Europe/London", 2030, 4, 1, 13, 0));

  /* New York's clocks go back on 3 November 2030: 09:30 stays 09:30, now EST. */
  hd_store_next_queue_slot (fixture->store, only_mastodon, "America/New_York",
                            wall ("America/New_York", 2030, 11, 1, 14, 0), &slot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (slot, ==, wall ("America/New_York", 2030, 11, 4, 9, 30));
  g_assert_cmpint (slot, ==, wall ("UTC", 2030, 11, 4, 14, 30));

  /* Several channels: every one needs posting times, and a slot taken on one is taken. */
  g_assert_false (hd_store_next_queue_slot (fixture->store, both, "Europe/London",
                                            wall ("Europe/London", 2030, 3, 29, 14, 0), &slot,
                                            &error));
  g_assert_cmpstr (error->message, ==, "Set posting times for Sky first, in Channels.");
  g_clear_error (&error);
  hd_store_set_queue_slots (fixture->store, hd_channel_get_id (bluesky), "Mon 09:30", &error);
  g_assert_no_error (error);
  hd_store_next_queue_slot (fixture->store, both, "Europe/London",
                            wall ("Europe/London", 2030, 3, 29, 14, 0), &slot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (slot, ==, wall ("Europe/London", 2030, 4, 1, 13, 0));

  /* Clearing the slots. */
  hd_store_set_queue_slots (fixture->store, hd_channel_get_id (bluesky), "", &error);
  g_assert_no_error (error);
  g_clear_pointer (&slots, g_free);
  slots = hd_store_get_queue_slots (fixture->store, hd_channel_get_id (bluesky), &error);
  g_assert_cmpstr (slots, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/store/calendar/query", Fixture, NULL, fixture_set_up,
              test_calendar_query, fixture_tear_down);
  g_test_add ("/herald/store/calendar/excerpt", Fixture, NULL, fixture_set_up,
              test_calendar_excerpt, fixture_tear_down);
  g_test_add ("/herald/store/calendar/flights", Fixture, NULL, fixture_set_up, test_flights,
              fixture_tear_down);
  g_test_add ("/herald/store/calendar/reschedule", Fixture, NULL, fixture_set_up,
              test_reschedule, fixture_tear_down);
  g_test_add ("/herald/store/outbox/rule", Fixture, NULL, fixture_set_up, test_outbox_rule,
              fixture_tear_down);
  g_test_add ("/herald/store/outbox/held-back-variant", Fixture, NULL, fixture_set_up,
              test_outbox_held_back_variant, fixture_tear_down);
  g_test_add ("/herald/store/outbox/remote-delete", Fixture, NULL, fixture_set_up,
              test_outbox_remote_delete, fixture_tear_down);
  g_test_add ("/herald/store/snippets", Fixture, NULL, fixture_set_up, test_snippets,
              fixture_tear_down);
  g_test_add ("/herald/store/queue-slots", Fixture, NULL, fixture_set_up, test_queue_slots,
              fixture_tear_down);

  return g_test_run ();
}
