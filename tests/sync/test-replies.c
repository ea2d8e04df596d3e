/* test-replies.c: answers written in the inbox and sent through the outbox against the
 * fakes: written offline they wait and then go once, a restart never sends one twice where
 * the platform gives Herald a guard, done and undo, hiding, refusals, saved replies
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <string.h>

#include "hd-test-channels.h"
#include "hd-fake-facebook.h"
#include "hd-fake-mastodon.h"
#include "hd-inbox-puller.h"
#include "hd-reply-sender.h"
#include "hd-store-inbox.h"
#include "hd-store-outbox.h"
#include "hd-store-private.h"

#define MASTODON_TOKEN "mastodon-token-9e2a44"
#define STATUSES "/api/v1/statuses"

typedef struct
{
  TestEnv         env;
  HdFakeMastodon *mastodon_fake;
  HdFakeFacebook *facebook_fake;
  HdChannel      *channel;
  HdSender       *sender;
  HdReplySender  *replies;
  /* the comment or mention to answer, as the inbox keeps it */
  HdInboxItem    *question;
  char           *page_post;
} Fixture;

static void
store_token (HdChannel  *channel,
             const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_secrets_store_async (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald: access token", token, NULL, test_store_result, &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);
}

/* Reads the inbox once and keeps the item with @remote_id. */
static void
pull_question (Fixture    *fixture,
               const char *remote_id)
{
  g_autoptr(HdInboxPuller) puller = hd_inbox_puller_new (fixture->env.store, fixture->env.http);
  g_autoptr(HdInboxPullReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  hd_inbox_puller_pull_async (puller, fixture->env.now, NULL, test_store_result, &result);
  report = hd_inbox_puller_pull_finish (puller, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, >=, 1);

  items = hd_store_list_inbox_filtered (fixture->env.store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(HdInboxItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (hd_inbox_item_get_remote_id (item), remote_id) == 0)
        fixture->question = g_steal_pointer (&item);
    }
  g_assert_nonnull (fixture->question);
}

static void
new_senders (Fixture *fixture)
{
  g_clear_object (&fixture->replies);
  g_clear_object (&fixture->sender);
  fixture->sender = hd_sender_new (fixture->env.store, fixture->env.http);
  fixture->replies = hd_reply_sender_new (fixture->sender);
}

static void
mastodon_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *question;

  test_env_init (&fixture->env);
  fixture->mastodon_fake = hd_fake_mastodon_new ();
  fixture->mastodon_fake->now = TEST_NOW;
  fixture->mastodon_fake->access_token = g_strdup (MASTODON_TOKEN);

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (fixture->channel, "Corner Bakery");
  hd_channel_set_handle (fixture->channel, "@bakery@bakery.example");
  hd_channel_set_base_url (fixture->channel, hd_fake_mastodon_get_url (fixture->mastodon_fake));
  hd_channel_set_remote_account_id (fixture->channel, fixture->mastodon_fake->account_id);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, fixture->channel, &error);
  g_assert_no_error (error);
  store_token (fixture->channel, MASTODON_TOKEN);

  question = hd_fake_mastodon_add_notification (fixture->mastodon_fake, "mention",
                                                "alice@crumbs.example", "Alice",
                                                "@bakery open on Sunday?", NULL,
                                                TEST_NOW - 60);
  pull_question (fixture, question);
  new_senders (fixture);
}

static void
facebook_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HdProvider) provider = NULL;
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autofree char *graph = NULL;
  HdVariant *variant;
  const char *question;

  test_env_init (&fixture->env);
  fixture->facebook_fake = hd_fake_facebook_new ();
  fixture->facebook_fake->now = TEST_NOW;
  graph = hd_fake_facebook_get_graph_base (fixture->facebook_fake);

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (fixture->channel, fixture->facebook_fake->page_name);
  hd_channel_set_base_url (fixture->channel, graph);
  hd_channel_set_remote_account_id (fixture->channel, fixture->facebook_fake->page_id);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, fixture->channel, &error);
  g_assert_no_error (error);
  store_token (fixture->channel, fixture->facebook_fake->page_token);

  provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                          fixture->channel, &error);
  g_assert_no_error (error);
  post = test_save_draft (&fixture->env, fixture->channel, "Rye and spelt are back.");
  request = test_provider_post (post, fixture->channel, "publish-key-1", TEST_NOW);
  hd_provider_publish_async (provider, request, NULL, test_store_result, &result);
  published = hd_provider_publish_finish (provider, test_wait (&result), &error);
  g_assert_no_error (error);
  variant = hd_post_find_variant (post, hd_channel_get_id (fixture->channel));
  hd_variant_set_remote_id (variant, published->remote_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_published_at (post, TEST_NOW);
  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);
  fixture->page_post = g_strdup (published->remote_id);

  question = hd_fake_facebook_add_comment (fixture->facebook_fake, fixture->page_post, "302",
                                           "Alice", "Open on Sunday?", TEST_NOW + 60);
  fixture->env.now = TEST_NOW + 600;
  pull_question (fixture, question);
  new_senders (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->replies);
  g_clear_object (&fixture->sender);
  g_clear_object (&fixture->question);
  g_clear_object (&fixture->channel);
  g_clear_pointer (&fixture->mastodon_fake, hd_fake_mastodon_free);
  g_clear_pointer (&fixture->facebook_fake, hd_fake_facebook_free);
  g_free (fixture->page_post);
  test_env_clear (&fixture->env);
}

static HdSendReport *
send_due (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdSendReport *report = NULL;

  hd_reply_sender_send_due_async (fixture->replies, fixture->env.now, NULL, test_store_result,
                                  &result);
  g_assert_true (hd_reply_sender_send_due_finish (fixture->replies, test_wait (&result),
                                                  &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static char *
write_reply (Fixture    *fixture,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  char *id;

  id = hd_store_queue_inbox_reply (fixture->env.store, hd_inbox_item_get_id (fixture->question),
                                   text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

/* The one outbox row of the answer @reply_id. */
static HdChange *
change_of (Fixture    *fixture,
           const char *reply_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt = NULL;
  HdChange *change;

  g_assert_cmpint (sqlite3_prepare_v2 (_hd_store_get_db (fixture->env.store),
                                       "SELECT id FROM outbox WHERE subject_kind = 'inbox-item'"
                                       " AND subject_id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, reply_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  change = hd_store_load_change (fixture->env.store, id, &error);
  g_assert_no_error (error);

  return change;
}

static HdReplyState
reply_state_of (Fixture    *fixture,
                const char *id)
{
  g_autoptr(HdInboxItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = hd_store_load_inbox_item (fixture->env.store, id, &error);
  g_assert_no_error (error);

  return hd_inbox_item_get_reply_state (item);
}

static guint
count_unanswered (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  hd_store_count_unanswered_inbox (fixture->env.store, NULL, &n, &error);
  g_assert_no_error (error);

  return n;
}

static void
get_status (Fixture       *fixture,
            const char    *id,
            HdInboxStatus *status)
{
  g_autoptr(GError) error = NULL;

  hd_store_get_inbox_status (fixture->env.store, id, status, &error);
  g_assert_no_error (error);
}

/* Written with the network gone, the answer waits in the thread as pending; back online it
 * goes once, with the row's key, and the question counts as replied. */
static void
test_offline_then_once (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HdSendReport) offline = NULL;
  g_autoptr(HdSendReport) online = NULL;
  g_autoptr(HdSendReport) after = NULL;
  g_autoptr(HdChange) change = NULL;
  g_autoptr(HdChange) done = NULL;
  g_autoptr(HdInboxItem) answer = NULL;
  g_autoptr(GListModel) thread = NULL;
  g_auto(HdInboxStatus) status = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_id = NULL;
  const HdSendItem *item;
  HdFakeRequest *request;
  guint n_statuses = fixture->mastodon_fake->statuses->len;

  hd_fake_server_set_listening (fixture->mastodon_fake->server, FALSE);
  reply_id = write_reply (fixture, "@alice@crumbs.example From 8 until noon!");
  change = change_of (fixture, reply_id);

  /* In the thread at once, pending; the question no longer waits for an answer. */
  thread = hd_store_list_inbox_thread (fixture->env.store,
                                       hd_inbox_item_get_id (fixture->question), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (thread), ==, 2);
  answer = g_list_model_get_item (thread, 1);
  g_assert_cmpstr (hd_inbox_item_get_id (answer), ==, reply_id);
  g_assert_cmpint (hd_inbox_item_get_kind (answer), ==, HD_INBOX_KIND_REPLY);
  g_assert_cmpstr (hd_inbox_item_get_parent_id (answer), ==,
                   hd_inbox_item_get_remote_id (fixture->question));
  g_assert_cmpstr (hd_inbox_item_get_author_name (answer), ==, "Corner Bakery");
  get_status (fixture, reply_id, &status);
  g_assert_true (status.outgoing);
  g_assert_cmpint (status.send_state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (count_unanswered (fixture), ==, 0);

  offline = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (offline), ==, 1);
  item = hd_send_report_get_item (offline, 0);
  g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpstr (item->excerpt, ==, "@alice@crumbs.example From 8 until noon!");
  g_assert_cmpstr (item->channel_name, ==, "Corner Bakery");
  g_assert_cmpint (item->next_attempt_at, >, fixture->env.now);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, n_statuses);
  g_assert_cmpint (reply_state_of (fixture, hd_inbox_item_get_id (fixture->question)), ==,
                   HD_REPLY_STATE_UNREAD);

  /* Back, and its next attempt has come. */
  hd_fake_server_set_listening (fixture->mastodon_fake->server, TRUE);
  fixture->env.now = item->next_attempt_at;
  online = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (online), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (online, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, n_statuses + 1);
  g_assert_cmpuint (hd_fake_mastodon_count_keyed (fixture->mastodon_fake,
                                                  change->idempotency_key), ==, 1);
  request = hd_fake_server_last (fixture->mastodon_fake->server, "POST", STATUSES);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Idempotency-Key"), ==,
                   change->idempotency_key);

  done = hd_store_load_change (fixture->env.store, change->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->state, ==, HD_OUTBOX_STATE_DONE);
  g_clear_object (&answer);
  answer = hd_store_load_inbox_item (fixture->env.store, reply_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hd_inbox_item_get_remote_id (answer));
  g_assert_cmpstr (hd_inbox_item_get_remote_id (answer), ==, done->remote_id);
  g_assert_nonnull (hd_fake_mastodon_find_status (fixture->mastodon_fake,
                                                  hd_inbox_item_get_remote_id (answer)));
  g_assert_cmpint (reply_state_of (fixture, hd_inbox_item_get_id (fixture->question)), ==,
                   HD_REPLY_STATE_REPLIED);

  /* Nothing is left to send. */
  fixture->env.now += 3600;
  after = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (after), ==, 0);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, n_statuses + 1);
}

/* The answer reached Mastodon but Herald stopped before it heard back: the next process
 * sends it again with the same key, which the instance recognises, so there is one. */
static void
test_restart_mastodon_once (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) change = NULL;
  g_autoptr(HdChange) done = NULL;
  g_autoptr(HdProvider) provider = NULL;
  g_autoptr(HdProviderResult) reached = NULL;
  g_autoptr(HdInboxItem) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_id = NULL;
  guint n_statuses = fixture->mastodon_fake->statuses->len;

  reply_id = write_reply (fixture, "@alice@crumbs.example Yes, 8 to noon.");
  change = change_of (fixture, reply_id);

  /* What the process that died did: in flight, then the request, whose answer it lost. */
  hd_store_begin_sending_inbox_change (fixture->env.store, change->id, fixture->env.now,
                                       &error);
  g_assert_no_error (error);
  provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                          fixture->channel, &error);
  g_assert_no_error (error);
  hd_provider_reply_async (provider, fixture->question, "@alice@crumbs.example Yes, 8 to noon.",
                           change->idempotency_key, NULL, test_store_result, &result);
  reached = hd_provider_reply_finish (provider, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, n_statuses + 1);

  /* A new process, ten minutes later. */
  new_senders (fixture);
  fixture->env.now += 600;
  report = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, n_statuses + 1);
  g_assert_cmpuint (hd_fake_mastodon_count_keyed (fixture->mastodon_fake,
                                                  change->idempotency_key), ==, 1);

  done = hd_store_load_change (fixture->env.store, change->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->state, ==, HD_OUTBOX_STATE_DONE);
  answer = hd_store_load_inbox_item (fixture->env.store, reply_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_inbox_item_get_remote_id (answer), ==, reached->remote_id);
}

/* Left in flight longer ago than Mastodon keeps the key, a resend could post twice: the
 * answer waits for the user instead. */
static void
test_restart_mastodon_key_forgotten (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) change = NULL;
  g_autoptr(HdChange) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_id = NULL;
  guint n_statuses = fixture->mastodon_fake->statuses->len;

  reply_id = write_reply (fixture, "@alice@crumbs.example Yes!");
  change = change_of (fixture, reply_id);
  hd_store_begin_sending_inbox_change (fixture->env.store, change->id, fixture->env.now,
                                       &error);
  g_assert_no_error (error);

  new_senders (fixture);
  fixture->env.now += 2 * 3600;
  report = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_FAILED);
  g_assert_nonnull (strstr (hd_send_report_get_item (report, 0)->sentence, "Mastodon"));
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, n_statuses);

  failed = hd_store_load_change (fixture->env.store, change->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (failed->state, ==, HD_OUTBOX_STATE_FAILED);
}

/* Facebook takes no key: an answer found in flight after a stop is not sent again. */
static void
test_restart_facebook_waits_for_user (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) change = NULL;
  g_auto(HdInboxStatus) status = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_id = NULL;

  reply_id = write_reply (fixture, "From 8 until noon!");
  change = change_of (fixture, reply_id);
  hd_store_begin_sending_inbox_change (fixture->env.store, change->id, fixture->env.now,
                                       &error);
  g_assert_no_error (error);
  hd_fake_server_clear_requests (fixture->facebook_fake->server);

  new_senders (fixture);
  report = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_FAILED);
  g_assert_cmpuint (hd_fake_server_count (fixture->facebook_fake->server, "POST", "/"), ==, 0);

  get_status (fixture, reply_id, &status);
  g_assert_cmpint (status.send_state, ==, HD_OUTBOX_STATE_FAILED);
  g_assert_nonnull (strstr (status.last_error,
                            "cannot tell whether it reached the platform (Facebook"));
}

/* A comment deleted before the answer went: the platform's refusal is kept on the answer. */
static void
test_refused_answer_failed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_auto(HdInboxStatus) status = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_id = NULL;
  guint n_pending = G_MAXUINT;

  hd_fake_facebook_delete_comment (fixture->facebook_fake,
                                   hd_inbox_item_get_remote_id (fixture->question));
  reply_id = write_reply (fixture, "Hello?");
  report = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_FAILED);

  get_status (fixture, reply_id, &status);
  g_assert_cmpint (status.send_state, ==, HD_OUTBOX_STATE_FAILED);
  g_assert_nonnull (status.last_error);
  g_assert_cmpint (reply_state_of (fixture, hd_inbox_item_get_id (fixture->question)), ==,
                   HD_REPLY_STATE_UNREAD);

  /* The user gives up on it: the answer and its row go, and the question waits again. */
  g_assert_cmpuint (count_unanswered (fixture), ==, 0);
  hd_store_discard_inbox_reply (fixture->env.store, reply_id, &error);
  g_assert_no_error (error);
  hd_store_count_pending_changes (fixture->env.store, &n_pending, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pending, ==, 0);
  g_assert_cmpuint (count_unanswered (fixture), ==, 1);
  g_assert_null (hd_store_load_inbox_item (fixture->env.store, reply_id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

/* An answer to Facebook comes back as the Page's comment with the id Herald recorded. */
static void
test_facebook_answer (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdInboxItem) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_id = NULL;
  JsonObject *comment;

  reply_id = write_reply (fixture, "From 8 until noon!");
  report = send_due (fixture);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);

  answer = hd_store_load_inbox_item (fixture->env.store, reply_id, &error);
  g_assert_no_error (error);
  comment = hd_fake_facebook_find_comment (fixture->facebook_fake,
                                           hd_inbox_item_get_remote_id (answer));
  g_assert_nonnull (comment);
  g_assert_cmpstr (json_object_get_string_member (comment, "message"), ==, "From 8 until noon!");
  g_assert_cmpstr (json_object_get_string_member (comment, "parent_id"), ==,
                   hd_inbox_item_get_remote_id (fixture->question));
  g_assert_cmpint (reply_state_of (fixture, hd_inbox_item_get_id (fixture->question)), ==,
                   HD_REPLY_STATE_REPLIED);

  /* Out there already: not withdrawn in Herald alone. */
  g_assert_false (hd_store_discard_inbox_reply (fixture->env.store, reply_id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
}

/* Done takes an item off the unanswered list; undo puts it back as it was, or as replied
 * when an answer went out meanwhile. */
static void
test_done_and_undo (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_id = NULL;
  const char *id = hd_inbox_item_get_id (fixture->question);

  hd_store_mark_inbox_item_read (fixture->env.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply_state_of (fixture, id), ==, HD_REPLY_STATE_READ);
  g_assert_cmpuint (count_unanswered (fixture), ==, 1);

  hd_store_set_inbox_item_done (fixture->env.store, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply_state_of (fixture, id), ==, HD_REPLY_STATE_DONE);
  g_assert_cmpuint (count_unanswered (fixture), ==, 0);
  /* Twice done is done, and remembers the first state. */
  hd_store_set_inbox_item_done (fixture->env.store, id, TRUE, &error);
  g_assert_no_error (error);

  hd_store_set_inbox_item_done (fixture->env.store, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply_state_of (fixture, id), ==, HD_REPLY_STATE_READ);
  g_assert_cmpuint (count_unanswered (fixture), ==, 1);

  /* Marked done, then answered: the answer does not undo "done", but undo finds it. */
  hd_store_set_inbox_item_done (fixture->env.store, id, TRUE, &error);
  g_assert_no_error (error);
  reply_id = write_reply (fixture, "@alice@crumbs.example Yes!");
  report = send_due (fixture);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpint (reply_state_of (fixture, id), ==, HD_REPLY_STATE_DONE);
  hd_store_set_inbox_item_done (fixture->env.store, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply_state_of (fixture, id), ==, HD_REPLY_STATE_REPLIED);

  hd_store_set_inbox_item_done (fixture->env.store, "no-such-item", TRUE, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

/* Hidden in Herald at once, and on Facebook when the outbox gets there; shown again the same
 * way. A hidden comment waits for no answer. */
static void
test_hidden (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HdSendReport) hidden = NULL;
  g_autoptr(HdSendReport) shown = NULL;
  g_auto(HdInboxStatus) status = { 0, };
  g_autoptr(GError) error = NULL;
  const char *id = hd_inbox_item_get_id (fixture->question);
  const char *remote_id = hd_inbox_item_get_remote_id (fixture->question);

  g_assert_cmpuint (count_unanswered (fixture), ==, 1);
  hd_store_set_inbox_item_hidden (fixture->env.store, id, TRUE, TRUE, &error);
  g_assert_no_error (error);
  get_status (fixture, id, &status);
  g_assert_true (status.hidden);
  g_assert_cmpuint (count_unanswered (fixture), ==, 0);
  g_assert_false (json_object_get_boolean_member (
                    hd_fake_facebook_find_comment (fixture->facebook_fake, remote_id),
                    "is_hidden"));

  hidden = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (hidden), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (hidden, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_true (json_object_get_boolean_member (
                   hd_fake_facebook_find_comment (fixture->facebook_fake, remote_id),
                   "is_hidden"));

  hd_store_set_inbox_item_hidden (fixture->env.store, id, FALSE, TRUE, &error);
  g_assert_no_error (error);
  shown = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (shown), ==, 1);
  g_assert_false (json_object_get_boolean_member (
                    hd_fake_facebook_find_comment (fixture->facebook_fake, remote_id),
                    "is_hidden"));
  g_assert_cmpuint (count_unanswered (fixture), ==, 1);
}

/* Bad input gets a sentence and leaves nothing half-written; a draft survives until sent. */
static void
test_bad_answers_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(HdInboxStatus) status = { 0, };
  g_autofree char *reply_id = NULL;
  g_autofree char *again = NULL;
  const char *id = hd_inbox_item_get_id (fixture->question);
  guint n_pending = 0;

  hd_store_set_inbox_draft (fixture->env.store, id, "Half a thought", &error);
  g_assert_no_error (error);

  g_assert_null (hd_store_queue_inbox_reply (fixture->env.store, id, "  \n ", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  hd_store_count_pending_changes (fixture->env.store, &n_pending, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pending, ==, 0);
  get_status (fixture, id, &status);
  g_assert_cmpstr (status.draft, ==, "Half a thought");
  hd_inbox_status_clear (&status);

  reply_id = write_reply (fixture, "A whole thought");
  get_status (fixture, id, &status);
  g_assert_null (status.draft);

  /* One's own answer is not answered. */
  again = hd_store_queue_inbox_reply (fixture->env.store, reply_id, "Me again", &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_null (again);
}

/* Saved replies for common questions, in the order the user gave them. */
static void
test_saved_replies (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(HdSnippet) hours = hd_snippet_new ();
  g_autoptr(HdSnippet) prices = hd_snippet_new ();
  g_autoptr(HdSnippet) empty = hd_snippet_new ();
  g_autoptr(HdSnippet) first = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) snippets = NULL;
  g_autoptr(GError) error = NULL;

  hd_snippet_set_name (hours, "Opening hours");
  hd_snippet_set_text (hours, "We are open 8–14, Tuesday to Sunday.");
  hd_snippet_set_position (hours, 1);
  hd_snippet_set_name (prices, "Prices");
  hd_snippet_set_text (prices, "A loaf is £4.50.");
  hd_snippet_set_position (prices, 0);
  hd_store_save_saved_reply (fixture->env.store, hours, &error);
  g_assert_no_error (error);
  hd_store_save_saved_reply (fixture->env.store, prices, &error);
  g_assert_no_error (error);

  hd_snippet_set_name (empty, "Nothing");
  g_assert_false (hd_store_save_saved_reply (fixture->env.store, empty, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  list = hd_store_list_saved_replies (fixture->env.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (hd_snippet_get_name (first), ==, "Prices");
  g_assert_cmpstr (hd_snippet_get_text (first), ==, "A loaf is £4.50.");

  /* Not among the composer's hashtags and signatures. */
  snippets = hd_store_list_snippets (fixture->env.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (snippets), ==, 0);

  hd_store_delete_saved_reply (fixture->env.store, hd_snippet_get_id (prices), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, set_up) \
  g_test_add ("/herald/sync/replies/" path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("offline-then-once", test_offline_then_once, mastodon_set_up);
  ADD ("restart-mastodon-once", test_restart_mastodon_once, mastodon_set_up);
  ADD ("restart-mastodon-key-forgotten", test_restart_mastodon_key_forgotten, mastodon_set_up);
  ADD ("restart-facebook-waits-for-user", test_restart_facebook_waits_for_user,
       facebook_set_up);
  ADD ("refused-answer-failed", test_refused_answer_failed, facebook_set_up);
  ADD ("facebook-answer", test_facebook_answer, facebook_set_up);
  ADD ("done-and-undo", test_done_and_undo, mastodon_set_up);
  ADD ("hidden", test_hidden, facebook_set_up);
  ADD ("bad-answers-refused", test_bad_answers_refused, mastodon_set_up);
  ADD ("saved-replies", test_saved_replies, mastodon_set_up);

#undef ADD

  return g_test_run ();
}
