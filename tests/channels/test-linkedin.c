/* test-linkedin.c: connecting and posting to LinkedIn, against its fake
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-fake-linkedin.h"
#include "hd-test-channels.h"
#include "hd-text-counter.h"

#define DAY (24 * 60 * 60)

typedef struct
{
  TestEnv         env;
  HdFakeLinkedIn *fake;
  SoupSession    *browser;
  gboolean        browser_done;
  char           *authorization_uri;
  guint           port;
  GPtrArray      *channels;
  HdChannel      *channel;
  HdProvider     *provider;
} Fixture;

/* A port nobody listens on, so that parallel tests do not share the fixed redirect. */
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

/* The browser: follows LinkedIn's redirect to Herald's loopback listener. */
static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  g_free (fixture->authorization_uri);
  fixture->authorization_uri = g_strdup (uri);
  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_done, fixture);
}

static HdLinkedInConnect *
new_connect (Fixture        *fixture,
             HdLinkedInFlow  flow)
{
  HdLinkedInConnect *connect = hd_linkedin_connect_new (fixture->env.store, fixture->env.http);
  const char *url = hd_fake_linkedin_get_url (fixture->fake);
  g_autofree char *authorize = g_strconcat (url, "/oauth/v2/authorization", NULL);
  g_autofree char *token = g_strconcat (url, "/oauth/v2/accessToken", NULL);
  g_autofree char *redirect = NULL;

  hd_linkedin_connect_set_client_id (connect, fixture->fake->client_id);
  hd_linkedin_connect_set_flow (connect, flow);
  if (flow == HD_LINKEDIN_FLOW_CLIENT_SECRET)
    hd_linkedin_connect_set_client_secret (connect, fixture->fake->client_secret);
  hd_linkedin_connect_set_redirect_port (connect, fixture->port);
  hd_linkedin_connect_set_authorization_endpoint (connect, authorize);
  hd_linkedin_connect_set_token_endpoint (connect, token);
  hd_linkedin_connect_set_api_base (connect, url);
  hd_linkedin_connect_set_open_uri_func (connect, open_in_browser, fixture, NULL);

  redirect = hd_linkedin_connect_dup_redirect_uri (connect);
  g_free (fixture->fake->registered_redirect);
  fixture->fake->registered_redirect = g_steal_pointer (&redirect);

  return connect;
}

static GPtrArray *
authorize (Fixture            *fixture,
           HdLinkedInConnect  *connect,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GPtrArray *accounts;

  fixture->browser_done = FALSE;
  hd_linkedin_connect_authorize_async (connect, NULL, test_store_result, &result);
  accounts = hd_linkedin_connect_authorize_finish (connect, test_wait (&result), error);
  while (!fixture->browser_done)
    g_main_context_iteration (NULL, TRUE);

  return accounts;
}

static GPtrArray *
save (HdLinkedInConnect  *connect,
      GPtrArray          *accounts,
      GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_linkedin_connect_save_async (connect, (HdLinkedInAccount * const *) accounts->pdata,
                                  accounts->len, NULL, test_store_result, &result);
  return hd_linkedin_connect_save_finish (connect, test_wait (&result), error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->fake = hd_fake_linkedin_new ();
  fixture->fake->now = TEST_NOW;
  fixture->browser = soup_session_new ();
  fixture->port = free_port ();
}

static void
use_channel (Fixture *fixture,
             guint    index)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->provider);
  g_set_object (&fixture->channel, g_ptr_array_index (fixture->channels, index));
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
  g_assert_true (HD_IS_LINKEDIN_PROVIDER (fixture->provider));
}

static void
connected_set_up (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdLinkedInConnect) connect = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  fixture_set_up (fixture, data);
  fixture->fake->issue_refresh_token = GPOINTER_TO_INT (data);
  connect = new_connect (fixture, HD_LINKEDIN_FLOW_CLIENT_SECRET);
  accounts = authorize (fixture, connect, &error);
  g_assert_no_error (error);
  fixture->channels = save (connect, accounts, &error);
  g_assert_no_error (error);
  use_channel (fixture, 0);
  hd_fake_server_clear_requests (fixture->fake->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->channel);
  g_clear_pointer (&fixture->channels, g_ptr_array_unref);
  g_clear_object (&fixture->browser);
  g_free (fixture->authorization_uri);
  hd_fake_linkedin_free (fixture->fake);
  test_env_clear (&fixture->env);
}

static HdProviderResult *
publish (Fixture         *fixture,
         HdProviderPost  *request,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_publish_async (fixture->provider, request, NULL, test_store_result, &result);
  return hd_provider_publish_finish (fixture->provider, test_wait (&result), error);
}

static HdProviderResult *
publish_text (Fixture     *fixture,
              const char  *text,
              GError     **error)
{
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, text);
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-1",
                                                          TEST_NOW);

  return publish (fixture, request, error);
}

static HdChannel *
reload_channel (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_store_load_channel (fixture->env.store,
                                              hd_channel_get_id (fixture->channel), &error);

  g_assert_no_error (error);
  return channel;
}

/* The little text format */

static void
test_escape_table (void)
{
  static const struct { const char *text; const char *escaped; } cases[] = {
    { "Fresh bread today", "Fresh bread today" },
    { "50% off (today only)", "50% off \\(today only\\)" },
    { "Email me @ shop", "Email me \\@ shop" },
    { "a\\b|c{d}e[f]g<h>i*j_k~l", "a\\\\b\\|c\\{d\\}e\\[f\\]g\\<h\\>i\\*j\\_k\\~l" },
    { "#sourdough is back", "{hashtag|\\#|sourdough} is back" },
    { "Try #rye_bread!", "Try {hashtag|\\#|rye\\_bread}!" },
    { "Ce matin: #pâtisserie", "Ce matin: {hashtag|\\#|pâtisserie}" },
    { "Number #1 and # alone", "Number {hashtag|\\#|1} and \\# alone" },
    { "C# code and a##b", "C\\# code and a\\#\\#b" },
    { "(#bakery)", "\\({hashtag|\\#|bakery}\\)" },
    { "Smile 😀 <3", "Smile 😀 \\<3" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = hd_linkedin_escape_commentary (cases[i].text);
      g_autofree char *rendered = hd_fake_linkedin_render (escaped);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
      /* What members see is what the user wrote, never cut short. */
      g_assert_cmpstr (rendered, ==, cases[i].text);
    }

  /* Without escaping LinkedIn cuts the post short, which is what the table guards against. */
  {
    g_autofree char *cut = hd_fake_linkedin_render ("Open (9-5) daily");

    g_assert_cmpstr (cut, ==, "Open ");
  }
}

static void
test_next_utc_midnight (void)
{
  g_assert_cmpint (hd_linkedin_next_utc_midnight (TEST_NOW), ==, TEST_NOW + 14 * 60 * 60);
  g_assert_cmpint (hd_linkedin_next_utc_midnight (TEST_NOW - 10 * 60 * 60), ==,
                   TEST_NOW + 14 * 60 * 60);
  g_assert_cmpint (hd_linkedin_next_utc_midnight (TEST_NOW + 14 * 60 * 60 - 1), ==,
                   TEST_NOW + 14 * 60 * 60);
}

/* The Comments API's URNs and answers */

static void
test_comment_urns (void)
{
  g_autoptr(JsonNode) empty = json_node_new (JSON_NODE_NULL);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *thread = NULL;
  g_autofree char *from_header = NULL;
  g_autofree char *from_body = NULL;
  g_autofree char *from_urn_header = NULL;

  g_assert_true (hd_linkedin_is_comment_urn ("urn:li:comment:(urn:li:activity:7095684521727016961,"
                                             "7095684947448897536)"));
  g_assert_false (hd_linkedin_is_comment_urn ("urn:li:share:7095684521727016961"));
  g_assert_false (hd_linkedin_is_comment_urn ("urn:li:comment:(urn:li:activity:1,)"));
  g_assert_false (hd_linkedin_is_comment_urn ("urn:li:comment:(urn:li:activity:1,2)/../x"));
  g_assert_false (hd_linkedin_is_comment_urn ("urn:li:comment:(urn:li:activity:1,2)?x=1"));
  g_assert_false (hd_linkedin_is_comment_urn (NULL));

  thread = hd_linkedin_comment_thread ("urn:li:comment:(urn:li:activity:71,72)");
  g_assert_cmpstr (thread, ==, "urn:li:activity:71");

  /* The new comment: from the body where it names itself, else from x-restli-id. */
  from_header = _hd_linkedin_parse_created_comment (empty, "6643206422739898368",
                                                    "urn:li:activity:71");
  g_assert_cmpstr (from_header, ==, "urn:li:comment:(urn:li:activity:71,6643206422739898368)");
  body = json_from_string ("{\"id\":\"99\",\"$URN\":\"urn:li:comment:(urn:li:activity:71,99)\","
                           "\"object\":\"urn:li:activity:71\"}", NULL);
  from_body = _hd_linkedin_parse_created_comment (body, "99", "urn:li:activity:71");
  g_assert_cmpstr (from_body, ==, "urn:li:comment:(urn:li:activity:71,99)");
  from_urn_header = _hd_linkedin_parse_created_comment (empty,
                                                        "urn:li:comment:(urn:li:activity:71,5)",
                                                        "urn:li:activity:71");
  g_assert_cmpstr (from_urn_header, ==, "urn:li:comment:(urn:li:activity:71,5)");
  g_assert_null (_hd_linkedin_parse_created_comment (empty, NULL, "urn:li:activity:71"));
  g_assert_null (_hd_linkedin_parse_created_comment (empty, "12/../34", "urn:li:activity:71"));
}

/* Connecting */

static void
test_connect_client_secret (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdLinkedInConnect) connect = new_connect (fixture, HD_LINKEDIN_FLOW_CLIENT_SECRET);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_redirect = g_strdup_printf ("http://127.0.0.1:%u/callback",
                                                        fixture->port);
  HdLinkedInAccount *member;
  HdLinkedInAccount *organization;
  GHashTable *query;

  accounts = authorize (fixture, connect, &error);
  g_assert_no_error (error);

  /* The documented 3-legged request, on the registered fixed port. */
  query = fixture->fake->authorize_query;
  g_assert_cmpstr (g_hash_table_lookup (query, "redirect_uri"), ==, expected_redirect);
  g_assert_null (g_hash_table_lookup (query, "code_challenge"));
  g_assert_cmpstr (g_hash_table_lookup (query, "scope"), ==, HD_LINKEDIN_SCOPES_ORGANIZATIONS);
  /* A Page's share statistics and follower count need rw_organization_admin. */
  g_assert_nonnull (strstr (g_hash_table_lookup (query, "scope"), " rw_organization_admin"));

  g_assert_cmpuint (accounts->len, ==, 2);
  member = g_ptr_array_index (accounts, 0);
  g_assert_cmpstr (member->urn, ==, "urn:li:person:782bbtaQ");
  g_assert_cmpstr (member->name, ==, "Ada Baker");
  g_assert_false (member->is_organization);
  organization = g_ptr_array_index (accounts, 1);
  g_assert_cmpstr (organization->urn, ==, HD_FAKE_LINKEDIN_ORGANIZATION);
  g_assert_cmpstr (organization->name, ==, "Corner Bakery Ltd");
  g_assert_cmpstr (organization->handle, ==, "corner-bakery");
  g_assert_true (organization->is_organization);

  /* Nothing is stored before the user chooses. */
  {
    g_autoptr(GListModel) none = hd_store_list_channels (fixture->env.store, &error);

    g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  }

  channels = save (connect, accounts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 2);

  for (guint i = 0; i < channels->len; i++)
    {
      HdChannel *channel = g_ptr_array_index (channels, i);
      g_autofree char *client_id = test_lookup_secret (hd_channel_get_id (channel),
                                                       HD_SECRET_KIND_CLIENT_ID);
      g_autofree char *secret = test_lookup_secret (hd_channel_get_id (channel),
                                                    HD_SECRET_KIND_CLIENT_SECRET);
      g_autofree char *token = test_lookup_secret (hd_channel_get_id (channel),
                                                   HD_SECRET_KIND_ACCESS_TOKEN);

      g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_LINKEDIN);
      g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_CONNECTED);
      g_assert_cmpstr (client_id, ==, fixture->fake->client_id);
      g_assert_cmpstr (secret, ==, fixture->fake->client_secret);
      g_assert_cmpstr (token, ==, fixture->fake->access_token);
      /* 60-day tokens: the Channels page warns in the last week. */
      g_assert_cmpint (hd_channel_get_token_expires_at (channel), ==, TEST_NOW + 60 * DAY);
      g_assert_false (hd_channel_is_expiring_soon (channel, TEST_NOW + 52 * DAY));
      g_assert_true (hd_channel_is_expiring_soon (channel, TEST_NOW + 54 * DAY));
    }

  g_assert_cmpstr (hd_channel_get_remote_account_id (g_ptr_array_index (channels, 1)), ==,
                   HD_FAKE_LINKEDIN_ORGANIZATION);
  g_assert_cmpstr (hd_channel_get_display_name (g_ptr_array_index (channels, 1)), ==,
                   "Corner Bakery Ltd");
  test_assert_not_in_database (&fixture->env, fixture->fake->access_token);
  test_assert_not_in_database (&fixture->env, fixture->fake->client_secret);
}

static void
test_connect_native_pkce (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(HdLinkedInConnect) connect = new_connect (fixture, HD_LINKEDIN_FLOW_NATIVE_PKCE);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  GHashTable *query;

  hd_linkedin_connect_set_include_organizations (connect, FALSE);
  accounts = authorize (fixture, connect, &error);
  g_assert_no_error (error);

  query = fixture->fake->authorize_query;
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
  g_assert_cmpstr (g_hash_table_lookup (query, "scope"), ==, HD_LINKEDIN_SCOPES_MEMBER);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "GET",
                                          "/rest/organizationAcls"), ==, 0);

  channels = save (connect, accounts, &error);
  g_assert_no_error (error);
  secret = test_lookup_secret (hd_channel_get_id (g_ptr_array_index (channels, 0)),
                               HD_SECRET_KIND_CLIENT_SECRET);
  g_assert_null (secret);
}

static void
test_connect_organizations_forbidden (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(HdLinkedInConnect) connect = new_connect (fixture, HD_LINKEDIN_FLOW_CLIENT_SECRET);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  fixture->fake->organizations_forbidden = TRUE;
  accounts = authorize (fixture, connect, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpstr (((HdLinkedInAccount *) g_ptr_array_index (accounts, 0))->urn, ==,
                   "urn:li:person:782bbtaQ");
}

static void
test_connect_wrong_secret (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdLinkedInConnect) connect = new_connect (fixture, HD_LINKEDIN_FLOW_CLIENT_SECRET);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) channels = NULL;

  hd_linkedin_connect_set_client_secret (connect, "not-the-secret");
  accounts = authorize (fixture, connect, &error);
  g_assert_null (accounts);
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_CLIENT);
  g_clear_error (&error);

  channels = hd_store_list_channels (fixture->env.store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 0);
}

/* Publishing */

static void
assert_rest_headers (HdFakeRequest *request)
{
  g_autofree char *bearer = NULL;

  g_assert_nonnull (request);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "LinkedIn-Version"), ==,
                   HD_LINKEDIN_VERSION);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers,
                                                 "X-Restli-Protocol-Version"), ==, "2.0.0");
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (request->headers,
                                                                 "Authorization"), "Bearer "));
}

static void
test_publish_text (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *text = "Open (8-4) today! #sourdough & rye_bread @ the corner <3";
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  JsonObject *stored;

  result = publish_text (fixture, text, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (result->remote_id, "urn:li:share:"));
  g_assert_true (g_str_has_prefix (result->remote_url, "https://www.linkedin.com/feed/update/"));
  stored = hd_fake_linkedin_find_post (fixture->fake, result->remote_id);
  g_assert_nonnull (stored);
  /* Members see the whole text, the hashtag as a hashtag. */
  g_assert_cmpstr (json_object_get_string_member (stored, "rendered"), ==, text);
  g_assert_cmpstr (json_object_get_string_member (stored, "author"), ==,
                   "urn:li:person:782bbtaQ");
  g_assert_cmpstr (json_object_get_string_member (stored, "visibility"), ==, "PUBLIC");
  g_assert_false (json_object_has_member (stored, "content"));

  request = hd_fake_server_last (fixture->fake->server, "POST", "/rest/posts");
  assert_rest_headers (request);
}

static void
test_publish_as_organization_with_image (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(HdMedia) media = test_import_png (&fixture->env, "A sourdough loaf");
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) init = NULL;
  JsonObject *stored;
  JsonObject *media_object;
  JsonObject *upload;

  use_channel (fixture, 1);
  post = test_save_draft (&fixture->env, fixture->channel, "Our new loaf");
  request = test_provider_post (post, fixture->channel, "key-image", TEST_NOW);
  hd_provider_post_add_media (request, media);

  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  /* The owner of the upload is the author, the organization. */
  init = hd_fake_request_get_json (hd_fake_server_last (fixture->fake->server, "POST",
                                                       "/rest/images"));
  assert_rest_headers (hd_fake_server_last (fixture->fake->server, "POST", "/rest/images"));
  upload = json_object_get_object_member (json_node_get_object (init), "initializeUploadRequest");
  g_assert_cmpstr (json_object_get_string_member (upload, "owner"), ==,
                   HD_FAKE_LINKEDIN_ORGANIZATION);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "PUT", "/dms-uploads/"), ==, 1);

  stored = hd_fake_linkedin_find_post (fixture->fake, result->remote_id);
  g_assert_cmpstr (json_object_get_string_member (stored, "author"), ==,
                   HD_FAKE_LINKEDIN_ORGANIZATION);
  media_object = json_object_get_object_member (json_object_get_object_member (stored, "content"),
                                                "media");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (media_object, "id"),
                                   "urn:li:image:"));
  g_assert_cmpstr (json_object_get_string_member (media_object, "altText"), ==,
                   "A sourdough loaf");
}

static void
test_publish_two_images (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HdMedia) media = test_import_png (&fixture->env, "Loaf");
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Two views");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-two",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *stored;
  JsonObject *content;
  JsonArray *images;

  hd_provider_post_add_media (request, media);
  hd_provider_post_add_media (request, media);
  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  stored = hd_fake_linkedin_find_post (fixture->fake, result->remote_id);
  content = json_object_get_object_member (stored, "content");
  images = json_object_get_array_member (json_object_get_object_member (content, "multiImage"),
                                         "images");
  g_assert_cmpuint (json_array_get_length (images), ==, 2);
}

static void
test_no_native_scheduling (Fixture       *fixture,
                           gconstpointer  data)
{
  const HdProviderCaps *caps = hd_provider_get_caps (fixture->provider);
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Later");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-later",
                                                          TEST_NOW);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderResult) scheduled = NULL;

  /* Posts wait in Herald's own scheduler. */
  g_assert_cmpint (caps->schedule_min_ahead, ==, HD_PROVIDER_NO_SCHEDULING);
  g_assert_false (hd_provider_can_schedule_at (fixture->provider, TEST_NOW + DAY, TEST_NOW));

  request->scheduled_at = TEST_NOW + DAY;
  hd_provider_schedule_async (fixture->provider, request, NULL, test_store_result, &result);
  scheduled = hd_provider_schedule_finish (fixture->provider, test_wait (&result), &error);
  g_assert_null (scheduled);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_cmpuint (hd_fake_server_get_requests (fixture->fake->server)->len, ==, 0);
}

static void
test_validate_counts_like_composer (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *fits = g_strnfill (3000, 'a');
  g_autofree char *over = g_strnfill (3001, 'a');
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, fits);
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-v",
                                                          TEST_NOW);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdTextCount) count = NULL;

  g_assert_true (hd_provider_validate (fixture->provider, request, TEST_NOW, problems));
  hd_post_set_text (post, over);
  g_assert_false (hd_provider_validate (fixture->provider, request, TEST_NOW, problems));
  count = hd_text_count_new (HD_CHANNEL_KIND_LINKEDIN, over, 0);
  g_assert_true (count->over);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, count->problem);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;

  result = publish_text (fixture, "Gone soon", &error);
  g_assert_no_error (error);

  hd_provider_delete_async (fixture->provider, result->remote_id, HD_PROVIDER_DELETE_NONE, NULL,
                            test_store_result, &deleted);
  hd_provider_delete_finish (fixture->provider, test_wait (&deleted), &error);
  g_assert_no_error (error);
  g_assert_null (hd_fake_linkedin_find_post (fixture->fake, result->remote_id));

  request = hd_fake_server_last (fixture->fake->server, "DELETE", "/rest/posts/");
  assert_rest_headers (request);
}

static void
keep_mark (const char *record_key,
           gpointer    user_data)
{
  char **kept = user_data;

  g_free (*kept);
  *kept = g_strdup (record_key);
}

static void
test_retry_asks_the_user (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Maybe sent");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-r",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mark = NULL;

  /* The post was marked as sent before an earlier POST left, and its answer was lost. No
   * idempotency key and no way to list the member's posts: never post blindly twice. */
  request->retry = TRUE;
  request->record_key = g_strdup ("linkedin:post-sent");
  result = publish (fixture, request, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST", "/rest/posts"), ==, 0);

  /* An earlier attempt that never got as far as the POST (or that LinkedIn refused) goes
   * again; the mark is handed back before the POST leaves. */
  g_clear_error (&error);
  g_clear_pointer (&request->record_key, g_free);
  request->record_key_made = keep_mark;
  request->record_key_made_data = &mark;
  result = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mark, ==, "linkedin:post-sent");
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST", "/rest/posts"), ==, 1);
}

/* Errors */

static void
test_error_unauthorized (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) stored = NULL;

  /* The member revoked the app on linkedin.com. */
  g_free (fixture->fake->access_token);
  fixture->fake->access_token = g_strdup ("another-token");
  result = publish_text (fixture, "Hello", &error);
  g_assert_null (result);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);

  stored = reload_channel (fixture);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_NEEDS_RECONNECT);
}

static void
test_error_expired (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Past the 60 days, without a refresh token, nothing is sent: the user reconnects. */
  fixture->env.now = TEST_NOW + 61 * DAY;
  fixture->fake->now = fixture->env.now;
  result = publish_text (fixture, "Hello", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST", "/rest/posts"), ==, 0);
}

static void
test_error_daily_limit (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(HdProviderResult) again = NULL;
  g_autoptr(GError) error = NULL;

  fixture->fake->calls_left_today = 0;
  result = publish_text (fixture, "Hello", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  /* 10:00 UTC: the limit starts again in 14 hours. */
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 14 * 60 * 60);
  g_clear_error (&error);

  /* Herald holds back until then instead of asking again. */
  fixture->fake->calls_left_today = -1;
  fixture->env.now += 60 * 60;
  again = publish_text (fixture, "Hello again", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 13 * 60 * 60);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST", "/rest/posts"), ==, 1);
}

static void
test_error_duplicate (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(HdProviderResult) second = NULL;
  g_autoptr(GError) error = NULL;

  first = publish_text (fixture, "Same words", &error);
  g_assert_no_error (error);
  second = publish_text (fixture, "Same words", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, first->remote_id));
}

static void
test_error_invalid (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_fake_server_add_fault (fixture->fake->server, "POST", "/rest/posts", HD_FAKE_FAULT_STATUS,
                            400, "{\"status\":400,\"code\":\"INVALID_FIELD_VALUE\",\"message\":"
                            "\"/commentary is too long\"}", NULL, 0);
  result = publish_text (fixture, "Hello", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/commentary is too long"));
}

static void
test_error_server (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_fake_server_add_fault (fixture->fake->server, "POST", "/rest/posts", HD_FAKE_FAULT_STATUS,
                            504, "{\"status\":504,\"message\":\"Gateway timeout\"}", NULL, 0);
  result = publish_text (fixture, "Hello", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
}

/* Refreshing, for programmatic-refresh partners */

static void
test_refresh_in_last_week (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) stored = NULL;
  g_autofree char *token = NULL;
  g_autofree char *refresh = NULL;

  fixture->env.now = TEST_NOW + 55 * DAY;
  fixture->fake->now = fixture->env.now;
  result = publish_text (fixture, "Still here", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->refreshes, ==, 1);

  token = test_lookup_secret (hd_channel_get_id (fixture->channel), HD_SECRET_KIND_ACCESS_TOKEN);
  refresh = test_lookup_secret (hd_channel_get_id (fixture->channel),
                                HD_SECRET_KIND_REFRESH_TOKEN);
  g_assert_cmpstr (token, ==, fixture->fake->access_token);
  g_assert_cmpstr (refresh, ==, fixture->fake->refresh_token);
  stored = reload_channel (fixture);
  g_assert_cmpint (hd_channel_get_token_expires_at (stored), ==, fixture->env.now + 60 * DAY);
  g_assert_false (hd_channel_is_expiring_soon (stored, fixture->env.now));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, set_up, data, func) \
  g_test_add ("/herald/channels/linkedin/" path, Fixture, data, set_up, func, fixture_tear_down)

  g_test_add_func ("/herald/channels/linkedin/little-text-format", test_escape_table);
  g_test_add_func ("/herald/channels/linkedin/next-utc-midnight", test_next_utc_midnight);
  g_test_add_func ("/herald/channels/linkedin/comment-urns", test_comment_urns);
  ADD ("connect/client-secret", fixture_set_up, NULL, test_connect_client_secret);
  ADD ("connect/native-pkce", fixture_set_up, NULL, test_connect_native_pkce);
  ADD ("connect/organizations-forbidden", fixture_set_up, NULL,
       test_connect_organizations_forbidden);
  ADD ("connect/wrong-secret-stores-nothing", fixture_set_up, NULL, test_connect_wrong_secret);
  ADD ("publish/text-escaped", connected_set_up, NULL, test_publish_text);
  ADD ("publish/organization-image", connected_set_up, NULL,
       test_publish_as_organization_with_image);
  ADD ("publish/two-images", connected_set_up, NULL, test_publish_two_images);
  ADD ("publish/retry-asks-the-user", connected_set_up, NULL, test_retry_asks_the_user);
  ADD ("validate/counts-like-composer", connected_set_up, NULL,
       test_validate_counts_like_composer);
  ADD ("schedule/not-native", connected_set_up, NULL, test_no_native_scheduling);
  ADD ("delete", connected_set_up, NULL, test_delete);
  ADD ("errors/401-needs-reconnect", connected_set_up, NULL, test_error_unauthorized);
  ADD ("errors/expired-after-60-days", connected_set_up, NULL, test_error_expired);
  ADD ("errors/429-until-midnight-utc", connected_set_up, NULL, test_error_daily_limit);
  ADD ("errors/422-duplicate", connected_set_up, NULL, test_error_duplicate);
  ADD ("errors/400-invalid", connected_set_up, NULL, test_error_invalid);
  ADD ("errors/5xx-transient", connected_set_up, NULL, test_error_server);
  ADD ("refresh/last-week", connected_set_up, GINT_TO_POINTER (TRUE),
       test_refresh_in_last_week);

#undef ADD

  return g_test_run ();
}
