/* test-fault-matrix.c: a whole publishing session on each platform, run once clean to count
 * its requests, then again for every request and every way an answer goes wrong (a 500, a 429
 * with Retry-After, an answer later than the timeout, a reset connection, a cut-off body, a
 * body that is not JSON, JSON of the wrong shape, an answer that never ends), with only that
 * one request struck, once. Each session must end with every post published exactly once and
 * known to be, or set aside with a sentence the user can read; never lost, never twice.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-channels.h"
#include "hd-fake-bluesky.h"
#include "hd-fake-facebook.h"
#include "hd-fake-instagram.h"
#include "hd-fake-linkedin.h"
#include "hd-fake-mastodon.h"
#include "hd-fake-x.h"
#include "hd-sender.h"
#include "hd-store-private.h"

/* The first post carries a picture, so that the session uploads media as well; the second
 * is text only. Two posts make every kind of request a session makes, in fewer of them. */
#define N_POSTS 2
/* A session that never settles is a bug; this many rounds prove it. */
#define MAX_ROUNDS 60
/* Longer than any wait of a session (LinkedIn's daily limit makes a row wait until midnight
 * UTC), so that the rounds can go straight from one row's turn to the next: the posts that
 * were due before are late, not missed, as they are with `herald sync --daemon` running. */
#define LATE_GRACE (2 * 24 * 60 * 60)
/* Longer than the short timeout of set_short_timeout(), so the client gives up first. */
#define LATE_MS 1300

/* A 1×1 JPEG: every platform takes it, Instagram only takes JPEG. */
#define TEST_JPEG_BASE64 \
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////" \
  "////////////////////////////////////2wBDAf//////////////////////////////////////////" \
  "////////////////////////////////////////////wAARCAABAAEDASIAAhEBAxEB/8QAFAABAAAAAAAA" \
  "AAAAAAAAAAAAA//EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAA" \
  "AAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AP//Z"

typedef struct _Fixture Fixture;

typedef struct
{
  const char *name;
  /* makes the platform's fake and connects a channel to it, as the user would */
  void      (*open)            (Fixture    *fixture);
  void      (*close)           (Fixture    *fixture);
  void      (*set_now)         (Fixture    *fixture,
                                gint64      now);
  /* how many posts the platform published with @text */
  guint     (*count_published) (Fixture    *fixture,
                                const char *text);
  /* Instagram takes no post without a picture. */
  gboolean    every_post_has_picture;
} Platform;

typedef struct
{
  const char          *name;
  HdFakeFaultKind      kind;
  guint                status;
  const char          *body;
  const char * const  *headers;
  guint                delay_ms;
} Fault;

static const char * const retry_after[] = { "Retry-After", "90", NULL };

static const Fault faults[] = {
  { "500", HD_FAKE_FAULT_STATUS, 500,
    "<html><body>We're sorry, but something went wrong.</body></html>", NULL, 0 },
  { "429", HD_FAKE_FAULT_STATUS, 429, "{\"error\":\"Too many requests\"}", retry_after, 0 },
  { "timeout", HD_FAKE_FAULT_SLOW, 0, NULL, NULL, LATE_MS },
  { "reset", HD_FAKE_FAULT_RESET, 0, NULL, NULL, 0 },
  { "truncated", HD_FAKE_FAULT_TRUNCATED, 0, NULL, NULL, 0 },
  { "invalid-json", HD_FAKE_FAULT_MALFORMED, 0, NULL, NULL, 0 },
  { "wrong-shape-array", HD_FAKE_FAULT_WRONG_SHAPE, 0, "[]", NULL, 0 },
  { "wrong-shape-number-id", HD_FAKE_FAULT_WRONG_SHAPE, 0, "{\"id\":42}", NULL, 0 },
  { "huge", HD_FAKE_FAULT_HUGE, 0, NULL, NULL, 0 },
};

struct _Fixture
{
  TestEnv         env;
  const Platform *platform;
  gpointer        fake;
  HdFakeServer   *server;
  SoupSession    *browser;
  gboolean        browser_done;
  /* X's and LinkedIn's registered loopback redirect */
  guint           port;
  HdChannel      *channel;
  HdSender       *sender;
  GPtrArray      *posts;
  char           *picture;
  /* what struck, for the messages of a failed assertion */
  char           *label;
};

typedef struct
{
  const Platform *platform;
  const Fault    *fault;
} Case;

/* Connecting, as the channel tests do it */

static void
on_browser_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  fixture->browser_done = TRUE;
}

static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_done, fixture);
}

static void
wait_for_browser (Fixture *fixture)
{
  while (!fixture->browser_done)
    g_main_context_iteration (NULL, TRUE);
}

/* A port nobody listens on, for a redirect registered in advance. */
static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static const char *
text_of (JsonNode   *node,
         const char *member)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), member, "");
}

static guint
count_text (GPtrArray  *objects,
            const char *member,
            const char *text)
{
  guint count = 0;

  for (guint i = 0; i < objects->len; i++)
    if (g_str_equal (text_of (g_ptr_array_index (objects, i), member), text))
      count++;

  return count;
}

/* Mastodon */

static void
mastodon_open (Fixture *fixture)
{
  HdFakeMastodon *fake = hd_fake_mastodon_new ();
  g_autoptr(HdMastodonConnect) connect = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fake->now = fixture->env.now;
  fixture->fake = fake;
  fixture->server = fake->server;
  connect = hd_mastodon_connect_new (fixture->env.http, fixture->env.store,
                                     hd_fake_mastodon_get_url (fake), &error);
  g_assert_no_error (error);
  hd_oauth_client_set_timeout (hd_mastodon_connect_get_oauth_client (connect), 10000);
  hd_mastodon_connect_authorize_async (connect, open_in_browser, fixture, NULL,
                                       test_store_result, &result);
  fixture->channel = hd_mastodon_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_no_error (error);
  wait_for_browser (fixture);
}

static void
mastodon_close (Fixture *fixture)
{
  hd_fake_mastodon_free (fixture->fake);
}

static void
mastodon_set_now (Fixture *fixture,
                  gint64   now)
{
  ((HdFakeMastodon *) fixture->fake)->now = now;
}

static guint
mastodon_count (Fixture    *fixture,
                const char *text)
{
  return hd_fake_mastodon_count_created (fixture->fake, text);
}

/* Bluesky */

static void
bluesky_open (Fixture *fixture)
{
  HdFakeBluesky *fake = hd_fake_bluesky_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fake->now = fixture->env.now;
  fixture->fake = fake;
  fixture->server = fake->server;
  hd_bluesky_connect_async (fixture->env.http, fixture->env.store,
                            hd_fake_bluesky_get_url (fake), HD_FAKE_BLUESKY_HANDLE,
                            HD_FAKE_BLUESKY_APP_PASSWORD, NULL, NULL, test_store_result,
                            &result);
  fixture->channel = hd_bluesky_connect_finish (test_wait (&result), &error);
  g_assert_no_error (error);
}

static void
bluesky_close (Fixture *fixture)
{
  hd_fake_bluesky_free (fixture->fake);
}

static void
bluesky_set_now (Fixture *fixture,
                 gint64   now)
{
  ((HdFakeBluesky *) fixture->fake)->now = now;
}

static guint
bluesky_count (Fixture    *fixture,
               const char *text)
{
  HdFakeBluesky *fake = fixture->fake;
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  g_hash_table_iter_init (&iter, fake->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *record = json_object_get_object_member (value, "value");

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "text", NULL),
                     text) == 0)
        count++;
    }

  return count;
}

/* Facebook Pages */

static void
facebook_open (Fixture *fixture)
{
  HdFakeFacebook *fake = hd_fake_facebook_new ();
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fake);
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fake);
  g_autoptr(HdFacebookConnect) connect = NULL;
  g_autoptr(GListModel) pages = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;

  fake->now = fixture->env.now;
  fixture->fake = fake;
  fixture->server = fake->server;
  connect = hd_facebook_connect_new (fixture->env.store, fixture->env.http);
  hd_facebook_connect_set_graph_base (connect, graph);
  hd_facebook_connect_set_authorization_endpoint (connect, dialog);
  hd_facebook_connect_set_client_id (connect, fake->client_id);
  hd_facebook_connect_set_client_secret (connect, fake->client_secret);
  hd_facebook_connect_set_open_uri_func (connect, open_in_browser, fixture, NULL);
  hd_oauth_client_set_timeout (hd_facebook_connect_get_oauth_client (connect), 10000);

  hd_facebook_connect_authorize_async (connect, NULL, test_store_result, &result);
  pages = hd_facebook_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_no_error (error);
  wait_for_browser (fixture);

  g_ptr_array_add (chosen, g_list_model_get_item (pages, 0));
  hd_facebook_connect_save_async (connect, chosen, NULL, test_store_result, &saved);
  g_assert_true (hd_facebook_connect_save_finish (connect, test_wait (&saved), &error));
  g_assert_no_error (error);
  fixture->channel = g_object_ref (g_ptr_array_index (chosen, 0));
}

static void
facebook_close (Fixture *fixture)
{
  hd_fake_facebook_free (fixture->fake);
}

static void
facebook_set_now (Fixture *fixture,
                  gint64   now)
{
  ((HdFakeFacebook *) fixture->fake)->now = now;
}

static guint
facebook_count (Fixture    *fixture,
                const char *text)
{
  HdFakeFacebook *fake = fixture->fake;

  /* A photo with a message is a post of the page too. */
  return count_text (fake->posts, "message", text) + count_text (fake->scheduled, "message", text);
}

/* Instagram: a container, then media_publish */

static void
instagram_open (Fixture *fixture)
{
  HdFakeInstagram *fake = hd_fake_instagram_new ();
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fake->facebook);
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fake->facebook);
  g_autoptr(HdInstagramConnect) connect = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;

  fake->facebook->now = fixture->env.now;
  fixture->fake = fake;
  fixture->server = fake->facebook->server;
  connect = hd_instagram_connect_new (fixture->env.store, fixture->env.http);
  hd_instagram_connect_set_graph_base (connect, graph);
  hd_instagram_connect_set_authorization_endpoint (connect, dialog);
  hd_instagram_connect_set_client_id (connect, fake->facebook->client_id);
  hd_instagram_connect_set_client_secret (connect, fake->facebook->client_secret);
  hd_instagram_connect_set_open_uri_func (connect, open_in_browser, fixture, NULL);
  hd_oauth_client_set_timeout (hd_instagram_connect_get_oauth_client (connect), 10000);

  hd_instagram_connect_authorize_async (connect, NULL, test_store_result, &result);
  accounts = hd_instagram_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_no_error (error);
  wait_for_browser (fixture);

  g_ptr_array_add (chosen, g_list_model_get_item (accounts, 0));
  hd_instagram_connect_save_async (connect, chosen, NULL, test_store_result, &saved);
  g_assert_true (hd_instagram_connect_save_finish (connect, test_wait (&saved), &error));
  g_assert_no_error (error);
  fixture->channel = g_object_ref (g_ptr_array_index (chosen, 0));
}

static void
instagram_close (Fixture *fixture)
{
  hd_fake_instagram_free (fixture->fake);
}

static void
instagram_set_now (Fixture *fixture,
                   gint64   now)
{
  ((HdFakeInstagram *) fixture->fake)->facebook->now = now;
}

static guint
instagram_count (Fixture    *fixture,
                 const char *text)
{
  return count_text (((HdFakeInstagram *) fixture->fake)->media, "caption", text);
}

/* LinkedIn */

static void
linkedin_open (Fixture *fixture)
{
  HdFakeLinkedIn *fake = hd_fake_linkedin_new ();
  const char *url = hd_fake_linkedin_get_url (fake);
  g_autofree char *authorize = g_strconcat (url, "/oauth/v2/authorization", NULL);
  g_autofree char *token = g_strconcat (url, "/oauth/v2/accessToken", NULL);
  g_autoptr(HdLinkedInConnect) connect = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;

  fake->now = fixture->env.now;
  fixture->fake = fake;
  fixture->server = fake->server;
  fixture->port = free_port ();
  connect = hd_linkedin_connect_new (fixture->env.store, fixture->env.http);
  hd_linkedin_connect_set_client_id (connect, fake->client_id);
  hd_linkedin_connect_set_flow (connect, HD_LINKEDIN_FLOW_CLIENT_SECRET);
  hd_linkedin_connect_set_client_secret (connect, fake->client_secret);
  hd_linkedin_connect_set_redirect_port (connect, fixture->port);
  hd_linkedin_connect_set_authorization_endpoint (connect, authorize);
  hd_linkedin_connect_set_token_endpoint (connect, token);
  hd_linkedin_connect_set_api_base (connect, url);
  hd_linkedin_connect_set_open_uri_func (connect, open_in_browser, fixture, NULL);
  g_free (fake->registered_redirect);
  fake->registered_redirect = hd_linkedin_connect_dup_redirect_uri (connect);

  hd_linkedin_connect_authorize_async (connect, NULL, test_store_result, &result);
  accounts = hd_linkedin_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_no_error (error);
  wait_for_browser (fixture);

  hd_linkedin_connect_save_async (connect, (HdLinkedInAccount * const *) accounts->pdata,
                                  accounts->len, NULL, test_store_result, &saved);
  channels = hd_linkedin_connect_save_finish (connect, test_wait (&saved), &error);
  g_assert_no_error (error);
  /* The member's own profile; the organization is a second channel left idle. */
  fixture->channel = g_object_ref (g_ptr_array_index (channels, 0));
}

static void
linkedin_close (Fixture *fixture)
{
  hd_fake_linkedin_free (fixture->fake);
}

static void
linkedin_set_now (Fixture *fixture,
                  gint64   now)
{
  ((HdFakeLinkedIn *) fixture->fake)->now = now;
}

static guint
linkedin_count (Fixture    *fixture,
                const char *text)
{
  return count_text (((HdFakeLinkedIn *) fixture->fake)->posts, "commentary", text);
}

/* X */

static void
x_open (Fixture *fixture)
{
  HdFakeX *fake = hd_fake_x_new ();
  const char *url = hd_fake_x_get_url (fake);
  g_autofree char *authorize = g_strconcat (url, "/i/oauth2/authorize", NULL);
  g_autofree char *token = g_strconcat (url, "/2/oauth2/token", NULL);
  g_autoptr(HdXConnect) connect = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;

  fake->now = fixture->env.now;
  fixture->fake = fake;
  fixture->server = fake->server;
  fixture->port = free_port ();
  g_ptr_array_add (fake->callbacks,
                   g_strdup_printf ("http://127.0.0.1:%u/callback", fixture->port));
  connect = hd_x_connect_new (fixture->env.store, fixture->env.http);
  hd_x_connect_set_client_id (connect, fake->client_id);
  hd_x_connect_set_redirect_ports (connect, &fixture->port, 1);
  hd_x_connect_set_authorization_endpoint (connect, authorize);
  hd_x_connect_set_token_endpoint (connect, token);
  hd_x_connect_set_api_base (connect, url);
  hd_x_connect_set_open_uri_func (connect, open_in_browser, fixture, NULL);

  hd_x_connect_authorize_async (connect, NULL, test_store_result, &result);
  accounts = hd_x_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_no_error (error);
  wait_for_browser (fixture);

  hd_x_connect_save_async (connect, (HdXAccount * const *) accounts->pdata, accounts->len, NULL,
                           test_store_result, &saved);
  channels = hd_x_connect_save_finish (connect, test_wait (&saved), &error);
  g_assert_no_error (error);
  fixture->channel = g_object_ref (g_ptr_array_index (channels, 0));
}

static void
x_close (Fixture *fixture)
{
  hd_fake_x_free (fixture->fake);
}

static void
x_set_now (Fixture *fixture,
           gint64   now)
{
  ((HdFakeX *) fixture->fake)->now = now;
}

static guint
x_count (Fixture    *fixture,
         const char *text)
{
  return count_text (((HdFakeX *) fixture->fake)->tweets, "text", text);
}

static const Platform platforms[] = {
  { "mastodon", mastodon_open, mastodon_close, mastodon_set_now, mastodon_count, FALSE },
  { "bluesky", bluesky_open, bluesky_close, bluesky_set_now, bluesky_count, FALSE },
  { "facebook", facebook_open, facebook_close, facebook_set_now, facebook_count, FALSE },
  { "instagram", instagram_open, instagram_close, instagram_set_now, instagram_count, TRUE },
  { "linkedin", linkedin_open, linkedin_close, linkedin_set_now, linkedin_count, FALSE },
  { "x", x_open, x_close, x_set_now, x_count, FALSE },
};

/* A session */

static char *
import_picture (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *jpeg = NULL;
  gsize length = 0;
  g_autofree char *path = g_build_filename (fixture->env.dir, "loaf.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HdMedia) media = NULL;

  jpeg = g_base64_decode (TEST_JPEG_BASE64, &length);
  g_assert_true (g_file_set_contents (path, (const char *) jpeg, length, NULL));
  media = hd_store_import_media (fixture->env.store, file, NULL, &error);
  g_assert_no_error (error);
  hd_media_set_alt_text (media, "A loaf on the counter");
  hd_store_save_media (fixture->env.store, media, &error);
  g_assert_no_error (error);

  return g_strdup (hd_media_get_sha256 (media));
}

/* Due a minute before the session starts, a second apart, as the composer saves them. */
static void
schedule_posts (Fixture *fixture)
{
  const char *media[] = { fixture->picture, NULL };

  for (guint i = 0; i < N_POSTS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdVariant) variant = hd_variant_new ();
      g_autofree char *text = g_strdup_printf ("Market stall %u: sourdough, rye and buns", i + 1);
      HdPost *post = hd_post_new ();

      hd_post_set_text (post, text);
      hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
      hd_post_set_scheduled_at (post, fixture->env.now - 60 - N_POSTS + i);
      hd_post_set_time_zone (post, "Europe/London");
      hd_variant_set_channel_id (variant, hd_channel_get_id (fixture->channel));
      hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
      if (i == 0 || fixture->platform->every_post_has_picture)
        hd_variant_set_media (variant, media);
      hd_post_add_variant (post, variant);
      hd_store_save_post (fixture->env.store, post, &error);
      g_assert_no_error (error);
      g_ptr_array_add (fixture->posts, post);
    }
}

/* Migrating a new database takes longer than the rest of a session, so each session starts
 * from a copy of one database migrated at the start. */
static char *template_dir;
static char *template_path;

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  HdStore *store;

  template_dir = g_dir_make_tmp ("herald-fault-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  template_path = g_build_filename (template_dir, "herald.db", NULL);
  store = hd_store_open (template_path, &error);
  g_assert_no_error (error);
  /* Closed, the database is whole in its one file. */
  g_assert_finalize_object (store);
}

static void
remove_template (void)
{
  test_remove_tree (template_dir);
  g_clear_pointer (&template_dir, g_free);
  g_clear_pointer (&template_path, g_free);
}

/* The sessions commit thousands of transactions between them; in memory they do not wait for
 * the disk to sync each, which is not what this test is about. */
static char *
make_session_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_build_filename ("/dev/shm", "herald-fault-matrix-XXXXXX", NULL);
  char *dir;

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_mkdtemp (template) != NULL)
    return g_steal_pointer (&template);

  dir = g_dir_make_tmp ("herald-fault-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

/* As test_env_init(), from the template. */
static void
session_env_init (TestEnv *env)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length = 0;

  env->dir = make_session_dir ();
  path = g_build_filename (env->dir, "herald.db", NULL);
  g_assert_true (g_file_get_contents (template_path, &contents, &length, NULL));
  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  env->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  env->http = hd_http_new ();
  /* The store stamps the queue with the real time, and the platforms' lookups search from
   * there: the session starts now, and the test's clock runs ahead of it from here. */
  env->now = g_get_real_time () / G_USEC_PER_SEC;
  hd_rate_limiter_set_clock (hd_http_get_rate_limiter (env->http), test_clock, env);
}

static void
fixture_open (Fixture        *fixture,
              const Platform *platform)
{
  session_env_init (&fixture->env);
  fixture->platform = platform;
  fixture->browser = soup_session_new ();
  fixture->posts = g_ptr_array_new_with_free_func (g_object_unref);

  platform->open (fixture);
  fixture->picture = import_picture (fixture);
  schedule_posts (fixture);
  hd_fake_server_clear_requests (fixture->server);
  fixture->sender = hd_sender_new (fixture->env.store, fixture->env.http);
  hd_sender_set_late_grace (fixture->sender, LATE_GRACE);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->sender);
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->browser);
  g_clear_pointer (&fixture->posts, g_ptr_array_unref);
  g_clear_pointer (&fixture->picture, g_free);
  g_clear_pointer (&fixture->label, g_free);
  /* Connections still open to the fake, such as one it floods, end before it goes. */
  soup_session_abort (hd_http_get_session (fixture->env.http));
  fixture->platform->close (fixture);
  fixture->fake = NULL;
  fixture->server = NULL;
  test_env_clear (&fixture->env);
}

/* A second instead of Herald's half a minute, so the test does not wait that long. */
static void
set_short_timeout (Fixture *fixture)
{
  SoupSession *session = hd_http_get_session (fixture->env.http);

  soup_session_set_timeout (session, 1);
  /* The connection kept alive from connecting has the old timeout. */
  soup_session_abort (session);
}

static void
set_now (Fixture *fixture,
         gint64   now)
{
  fixture->env.now = now;
  fixture->platform->set_now (fixture, now);
}

/* What went wrong in the sessions of the case being run. Each session goes on to its end and
 * the next one runs, so that one case lists every request that Herald handles badly. */
static GPtrArray *problems;

static void note_problem (Fixture    *fixture,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

static void
note_problem (Fixture    *fixture,
              const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_test_message ("Problem: %s: %s", fixture->label, text);
  g_ptr_array_add (problems, g_strdup_printf ("%s: %s", fixture->label, text));
}

/* Words that mean something to a programmer, not to the owner of a bakery. */
static const char * const jargon[] = {
  "JSON", "json", "<data>", "Parse error", "parser", "(null)", "GLib", "GError", "Soup",
  "g-io-error", "quark", "errno", "%s", "%u", "Unexpected token", "Expected", "member",
  "gchararray", "gint64", "NULL",
};

/* The same sentence twice in a row reads as a mistake. */
static gboolean
repeats_itself (const char *text)
{
  g_auto(GStrv) sentences = g_strsplit (text, ". ", -1);

  for (guint i = 1; sentences[i] != NULL; i++)
    {
      g_autofree char *previous = g_strconcat (sentences[i - 1], ".", NULL);

      /* The last one keeps its full stop; the others lost it to the split. */
      if (g_str_equal (sentences[i - 1], sentences[i]) || g_str_equal (previous, sentences[i]))
        return TRUE;
    }

  return FALSE;
}

/* One or more sentences the user can read: words, ending as a sentence ends. */
static void
assert_sentence (Fixture    *fixture,
                 const char *what,
                 const char *text)
{
  gsize length;
  gunichar first;
  const char *last;

  if (text == NULL || *text == '\0')
    {
      note_problem (fixture, "%s is empty", what);
      return;
    }

  length = strlen (text);
  first = g_utf8_get_char (text);
  last = g_utf8_find_prev_char (text, text + length);
  /* A closing quote or bracket may follow the full stop. */
  while (last != NULL && last > text && strchr ("\"')]", *last) != NULL)
    last = g_utf8_find_prev_char (text, last);
  if (length < 8 || !(g_unichar_isupper (first) || g_unichar_isdigit (first))
      || last == NULL || strchr (".!?", *last) == NULL || g_utf8_strchr (text, -1, '\n') != NULL)
    note_problem (fixture, "%s is not a sentence: “%s”", what, text);

  for (guint i = 0; i < G_N_ELEMENTS (jargon); i++)
    if (strstr (text, jargon[i]) != NULL)
      note_problem (fixture, "%s speaks of “%s”: “%s”", what, jargon[i], text);

  /* Such as "Herald will try again in …" added to a reason that says so already. */
  if (repeats_itself (text))
    note_problem (fixture, "%s says the same twice: “%s”", what, text);
}

static HdSendReport *
send_due (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdSendReport *report = NULL;

  hd_sender_send_due_async (fixture->sender, fixture->env.now, NULL, test_store_result,
                            &result);
  g_assert_true (hd_sender_send_due_finish (fixture->sender, test_wait (&result), &report,
                                            &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);

  for (guint i = 0; i < hd_send_report_get_n_items (report); i++)
    {
      const char *sentence = hd_send_report_get_item (report, i)->sentence;

      g_test_message ("%s", sentence);
      assert_sentence (fixture, "what the run said", sentence);
    }

  return report;
}

/* Answers the fake still holds back reach it before anything is counted. */
static void
let_late_answers_arrive (Fixture *fixture)
{
  while (hd_fake_server_get_n_delayed (fixture->server) > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* When the next row gets its turn, or 0 when none is left. */
static gint64
next_attempt (Fixture *fixture)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next;

  stmt = _hd_store_prepare (fixture->env.store,
                            "SELECT count(*),"
                            "  min(next_attempt_at) FILTER (WHERE next_attempt_at > ?1)"
                            " FROM outbox WHERE state IN ('pending', 'in-flight', 'unconfirmed')",
                            "test", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, fixture->env.now);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) == 0)
    return 0;
  if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    return fixture->env.now + 1;
  next = sqlite3_column_int64 (stmt, 1);

  return MAX (next, fixture->env.now + 1);
}

static gboolean
channel_needs_reconnect (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = hd_store_load_channel (fixture->env.store,
                                                        hd_channel_get_id (fixture->channel),
                                                        &error);

  g_assert_no_error (error);
  return hd_channel_get_state (channel) == HD_CHANNEL_STATE_NEEDS_RECONNECT;
}

/* `herald sync --daemon` as it runs: a round at the next row's turn (the rounds it runs in
 * between find nothing to do), until no row waits or the channel waits for the user. */
static void
send_until_settled (Fixture *fixture)
{
  guint n_rounds = 0;
  gint64 next;

  do
    {
      g_autoptr(HdSendReport) report = NULL;

      if (++n_rounds > MAX_ROUNDS)
        {
          note_problem (fixture, "the outbox did not settle in %u rounds", MAX_ROUNDS);
          return;
        }
      report = send_due (fixture);
      let_late_answers_arrive (fixture);
      if (channel_needs_reconnect (fixture))
        break;
      next = next_attempt (fixture);
      if (next != 0)
        set_now (fixture, next);
    }
  while (next != 0);
}

static HdChange *
row_of (Fixture *fixture,
        HdPost  *post)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  HdChange *change;

  stmt = _hd_store_prepare (fixture->env.store, "SELECT id FROM outbox WHERE subject_id = ?1",
                            "test", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, hd_post_get_id (post), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  change = hd_store_load_change (fixture->env.store, (const char *) sqlite3_column_text (stmt, 0),
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  return change;
}

/* Published once and known to be; or not published, kept, with a sentence saying why. A post
 * out on the platform that Herald believes failed is a post the user will send twice. */
static void
assert_post_settled (Fixture *fixture,
                     HdPost  *post)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) loaded = hd_store_load_post (fixture->env.store, hd_post_get_id (post),
                                                 &error);
  g_autoptr(HdChange) row = NULL;
  const char *text = hd_post_get_text (post);
  guint n_published = fixture->platform->count_published (fixture, text);
  HdVariant *variant;

  if (loaded == NULL)
    {
      note_problem (fixture, "“%s” is gone from the store: %s", text, error->message);
      return;
    }
  variant = hd_post_find_variant (loaded, hd_channel_get_id (fixture->channel));
  g_assert_nonnull (variant);
  g_assert_cmpstr (hd_post_get_text (loaded), ==, text);
  row = row_of (fixture, post);

  if (n_published > 1)
    {
      note_problem (fixture, "“%s” was published %u times", text, n_published);
      return;
    }

  if (hd_post_get_state (loaded) == HD_POST_STATE_PUBLISHED)
    {
      if (n_published != 1)
        note_problem (fixture, "“%s” is published in the store but not on the platform", text);
      if (hd_variant_get_remote_id (variant) == NULL)
        note_problem (fixture, "“%s” is published without its remote id", text);
      g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_DONE);
      return;
    }

  /* Where the platform gives no way to check, Herald sets the post aside and asks the user to
   * look rather than risk it twice: out once, and a sentence saying to check first. */
  if (n_published == 1)
    {
      if (row->state != HD_OUTBOX_STATE_FAILED)
        {
          note_problem (fixture, "“%s” went out, but the store has the post in state %d "
                        "(row %d): “%s”", text, hd_post_get_state (loaded), row->state,
                        row->last_error != NULL ? row->last_error : "");
          return;
        }
      g_test_message ("Set aside though it went out: “%s”: %s", text, row->last_error);
    }

  /* Set aside with its reason, or waiting for the user to reconnect. Herald ran all along, so
   * no post missed its time. */
  switch (row->state)
    {
    case HD_OUTBOX_STATE_FAILED:
      if (hd_post_get_state (loaded) != HD_POST_STATE_NEEDS_ATTENTION)
        note_problem (fixture, "“%s” failed, but the post is in state %d", text,
                      hd_post_get_state (loaded));
      break;

    case HD_OUTBOX_STATE_PENDING:
    case HD_OUTBOX_STATE_UNCONFIRMED:
      if (!channel_needs_reconnect (fixture))
        note_problem (fixture, "“%s” still waits (row %d)", text, row->state);
      break;

    case HD_OUTBOX_STATE_MISSED:
    case HD_OUTBOX_STATE_IN_FLIGHT:
    case HD_OUTBOX_STATE_DONE:
    default:
      note_problem (fixture, "“%s” is not published, but its row is in state %d", text,
                    row->state);
      return;
    }
  assert_sentence (fixture, "the reason kept", row->last_error);
}

/* What the platform saw, for a session that went wrong. */
static void
list_requests (Fixture *fixture)
{
  GPtrArray *requests = hd_fake_server_get_requests (fixture->server);

  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (requests, i);

      g_test_message ("Request %u: %s %s%s%s, %" G_GSIZE_FORMAT " bytes", i, request->method,
                      request->path, request->query != NULL ? "?" : "",
                      request->query != NULL ? request->query : "",
                      g_bytes_get_size (request->body));
    }
}

/* Runs the session with @fault at request @index, or clean when @fault is NULL, and checks
 * how it ended. Returns how many requests the platform saw. */
static guint
run_session (const Platform *platform,
             const Fault    *fault,
             guint           index)
{
  Fixture fixture = { 0 };
  guint n_problems_before = problems->len;
  guint n_requests;

  fixture_open (&fixture, platform);
  fixture.label = fault != NULL
                  ? g_strdup_printf ("%s, request %u answered with %s", platform->name, index,
                                     fault->name)
                  : g_strdup_printf ("%s, clean", platform->name);
  g_test_message ("%s", fixture.label);

  if (fault != NULL)
    {
      if (fault->kind == HD_FAKE_FAULT_SLOW)
        set_short_timeout (&fixture);
      hd_fake_server_add_fault_at (fixture.server, index, fault->kind, fault->status,
                                   fault->body, fault->headers, fault->delay_ms);
    }

  send_until_settled (&fixture);

  /* Every index below the clean count is made again, faults or not. */
  if (fault != NULL && hd_fake_server_get_n_faults (fixture.server) != 0)
    note_problem (&fixture, "the session never made request %u", index);
  for (guint i = 0; i < fixture.posts->len; i++)
    assert_post_settled (&fixture, g_ptr_array_index (fixture.posts, i));

  n_requests = hd_fake_server_get_requests (fixture.server)->len;
  if (problems->len > n_problems_before)
    list_requests (&fixture);
  fixture_close (&fixture);

  return n_requests;
}

/* How many requests the clean session makes, counted once per platform. */
static guint
count_clean_requests (const Platform *platform)
{
  static guint counted[G_N_ELEMENTS (platforms)];
  guint i = platform - platforms;

  if (counted[i] == 0)
    {
      counted[i] = run_session (platform, NULL, 0);
      g_test_message ("%s: a clean session makes %u requests", platform->name, counted[i]);
    }

  return counted[i];
}

static void
report_problems (void)
{
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("# %s\n", (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    g_test_fail_printf ("%u problems, the first: %s", problems->len,
                        (const char *) g_ptr_array_index (problems, 0));
  g_ptr_array_set_size (problems, 0);
}

static void
test_clean (gconstpointer data)
{
  const Platform *platform = data;

  /* Every post went out once (checked in the session), through a request of its own at
   * least. */
  g_assert_cmpuint (count_clean_requests (platform), >=, N_POSTS);
  report_problems ();
}

static void
test_fault (gconstpointer data)
{
  const Case *fault_case = data;
  guint n_requests = count_clean_requests (fault_case->platform);

  for (guint index = 0; index < n_requests; index++)
    run_session (fault_case->platform, fault_case->fault, index);
  report_problems ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  problems = g_ptr_array_new_with_free_func (g_free);
  make_template ();

  for (guint p = 0; p < G_N_ELEMENTS (platforms); p++)
    {
      g_autofree char *path = g_strdup_printf ("/herald/sync/fault-matrix/%s/clean",
                                               platforms[p].name);

      g_test_add_data_func (path, &platforms[p], test_clean);
      for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
        {
          Case *fault_case = g_new0 (Case, 1);
          g_autofree char *fault_path = g_strdup_printf ("/herald/sync/fault-matrix/%s/%s",
                                                         platforms[p].name, faults[f].name);

          fault_case->platform = &platforms[p];
          fault_case->fault = &faults[f];
          g_ptr_array_add (cases, fault_case);
          g_test_add_data_func (fault_path, fault_case, test_fault);
        }
    }

  status = g_test_run ();
  remove_template ();
  g_ptr_array_unref (problems);

  return status;
}
