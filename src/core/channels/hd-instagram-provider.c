/* hd-instagram-provider.c
 *
 * Instagram fetches every picture itself from a public address (image_url), and a desktop
 * computer has none to offer. Herald uploads the picture as an unpublished, temporary photo
 * on the Page the account is linked to and hands Instagram that photo's own address
 * (GET /{photo-id}?fields=images, largest first). The requests go to graph.facebook.com
 * with the Page token, as Facebook Login for Business requires (reference/channel-apis.md
 * §4).
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-facebook-provider.h"
#include "hd-graph-comments.h"
#include "hd-instagram-connect.h"
#include "hd-instagram-provider.h"
#include "hd-media-library.h"
#include "hd-provider-private.h"
#include "hd-secrets.h"
#include "hd-text-counter.h"

#define PLATFORM "Instagram"

/* Polling a container: first after this long, then twice as long each time up to the cap,
 * for at most this many tries (Meta advises once a minute for videos; pictures are quick). */
#define POLL_INTERVAL_MS 1000
#define POLL_INTERVAL_MAX_MS 60000
#define POLL_TRIES 20

#define LOOKUP_SLACK (5 * 60)

/* The publishing quota is per rolling 24 hours; an hour later some of it is usually back. */
#define QUOTA_WAIT (60 * 60)

static const char * const jpeg_only[] = { "image/jpeg", NULL };

struct _HdInstagramProvider
{
  GObject         parent_instance;

  HdHttp         *http;
  HdStore        *store;
  HdChannel      *channel;

  HdProviderCaps  caps;
  char           *access_token;
  char           *page_id;
  guint           poll_interval_ms;
  /* idempotency key to container id */
  GHashTable     *containers;
};

static void provider_iface_init (HdProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdInstagramProvider, hd_instagram_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_PROVIDER, provider_iface_init))

typedef void (*TokenReady) (GTask *task);

typedef struct
{
  HdProviderPost *post;
  SoupMessage    *message;
  TokenReady      next;

  guint           media_index;
  char           *photo_id;
  GPtrArray      *image_urls;
  GPtrArray      *children;
  char           *container;
  guint           polls;
  guint           poll_ms;
  /* the container comes from an earlier attempt */
  gboolean        reused;
  /* that container was never published, so nothing of this post is out: no need to search
   * the account before making a new one */
  gboolean        nothing_out;
  /* the task looks the post up for reconciliation and publishes nothing */
  gboolean        looking_up;

  /* the inbox: only comments made from this instant on are new */
  gint64          since;

  /* replies, hiding and metrics: the comment or medium they are about */
  char           *remote_id;
  char           *text;
  gboolean        hidden;

  /* metrics: the rows of the table asked for, one at a time once Graph refuses one */
  GPtrArray      *metrics;
  guint           metric_index;
  gboolean        one_by_one;
  gboolean        account_metrics;
  GPtrArray      *found;
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->post, hd_provider_post_unref);
  g_clear_object (&op->message);
  g_free (op->photo_id);
  g_clear_pointer (&op->image_urls, g_ptr_array_unref);
  g_clear_pointer (&op->children, g_ptr_array_unref);
  g_free (op->container);
  g_free (op->remote_id);
  g_free (op->text);
  g_clear_pointer (&op->metrics, g_ptr_array_unref);
  g_clear_pointer (&op->found, g_ptr_array_unref);
  g_free (op);
}

static GTask *
op_task_new (HdInstagramProvider  *self,
             gpointer              source_tag,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data,
             Op                  **op_out)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  *op_out = op;

  return task;
}

static void
hd_instagram_provider_dispose (GObject *object)
{
  HdInstagramProvider *self = (HdInstagramProvider *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (hd_instagram_provider_parent_class)->dispose (object);
}

static void
hd_instagram_provider_finalize (GObject *object)
{
  HdInstagramProvider *self = (HdInstagramProvider *)object;

  if (self->access_token != NULL)
    hd_secrets_free (g_steal_pointer (&self->access_token));
  g_free (self->page_id);
  g_clear_pointer (&self->containers, g_hash_table_unref);

  G_OBJECT_CLASS (hd_instagram_provider_parent_class)->finalize (object);
}

static void
hd_instagram_provider_class_init (HdInstagramProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_instagram_provider_dispose;
  object_class->finalize = hd_instagram_provider_finalize;
}

static void
hd_instagram_provider_init (HdInstagramProvider *self)
{
  /* The same rules as the composer's (hd-text-counter.h, hd_media_check_for_channel). */
  self->caps.text_counting = HD_CHANNEL_KIND_INSTAGRAM;
  self->caps.text_limit = hd_text_channel_default_limit (HD_CHANNEL_KIND_INSTAGRAM);
  _hd_provider_caps_take_media_limits (&self->caps, HD_CHANNEL_KIND_INSTAGRAM);
  self->caps.max_alt_text = 0;
  self->caps.mime_types = jpeg_only;
  self->caps.schedule_min_ahead = HD_PROVIDER_NO_SCHEDULING;
  self->caps.schedule_max_ahead = 0;
  self->caps.idempotency = HD_PROVIDER_IDEMPOTENCY_CONTAINER;
  self->caps.can_edit = FALSE;
  self->caps.can_delete = FALSE;
  self->poll_interval_ms = POLL_INTERVAL_MS;
  self->containers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static char *
page_id_of (HdChannel *channel)
{
  g_autoptr(JsonNode) limits = NULL;
  const char *text = hd_channel_get_limits (channel);
  const char *id;

  if (text == NULL || (limits = json_from_string (text, NULL)) == NULL)
    return NULL;

  id = _hd_json_string (_hd_json_root_object (limits), HD_INSTAGRAM_LIMIT_PAGE_ID);
  return id != NULL && *id != '\0' ? g_strdup (id) : NULL;
}

/**
 * hd_instagram_provider_new:
 * @channel: an Instagram channel: its base URL is the Graph address with the version, its
 *   remote account id the Instagram user id, its limits name the linked Page
 *
 * Returns: (transfer full): a provider publishing with the linked Page's token kept for
 *   @channel in the keyring
 */
HdInstagramProvider *
hd_instagram_provider_new (HdHttp    *http,
                           HdStore   *store,
                           HdChannel *channel)
{
  HdInstagramProvider *self;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (hd_channel_get_base_url (channel) != NULL, NULL);
  g_return_val_if_fail (hd_channel_get_remote_account_id (channel) != NULL, NULL);

  self = g_object_new (HD_TYPE_INSTAGRAM_PROVIDER, NULL);
  self->http = g_object_ref (http);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->channel = g_object_ref (channel);
  self->page_id = page_id_of (channel);

  return self;
}

void
hd_instagram_provider_set_poll_interval (HdInstagramProvider *self,
                                         guint                interval_ms)
{
  g_return_if_fail (HD_IS_INSTAGRAM_PROVIDER (self));
  g_return_if_fail (interval_ms > 0);

  self->poll_interval_ms = interval_ms;
}

const char *
hd_instagram_provider_get_container (HdInstagramProvider *self,
                                     const char          *idempotency_key)
{
  g_return_val_if_fail (HD_IS_INSTAGRAM_PROVIDER (self), NULL);

  return idempotency_key != NULL ? g_hash_table_lookup (self->containers, idempotency_key)
                                 : NULL;
}

static const char *
ig_user (HdInstagramProvider *self)
{
  return hd_channel_get_remote_account_id (self->channel);
}

/* Parsers */

/**
 * hd_instagram_parse_status_code:
 *
 * Returns: (transfer full) (nullable): FINISHED, IN_PROGRESS, ERROR, EXPIRED or PUBLISHED
 */
char *
hd_instagram_parse_status_code (JsonNode *node)
{
  static const char * const known[] = {
    "FINISHED", "IN_PROGRESS", "ERROR", "EXPIRED", "PUBLISHED", NULL,
  };
  const char *code = _hd_json_string (_hd_json_root_object (node), "status_code");

  return code != NULL && g_strv_contains (known, code) ? g_strdup (code) : NULL;
}

/**
 * hd_instagram_parse_publishing_limit:
 * @node: `{"data":[{"quota_usage":N,"config":{"quota_total":M,"quota_duration":86400}}]}`
 */
gboolean
hd_instagram_parse_publishing_limit (JsonNode *node,
                                     gint64   *quota_usage,
                                     gint64   *quota_total)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *data = root != NULL ? json_object_get_member (root, "data") : NULL;
  JsonNode *first;
  JsonObject *entry;

  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data)
      || json_array_get_length (json_node_get_array (data)) == 0)
    return FALSE;

  first = json_array_get_element (json_node_get_array (data), 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return FALSE;

  entry = json_node_get_object (first);
  *quota_usage = _hd_json_int (entry, "quota_usage", -1);
  *quota_total = _hd_json_int (_hd_json_object (entry, "config"), "quota_total", -1);

  return *quota_usage >= 0 && *quota_total > 0;
}

/**
 * hd_instagram_parse_image_source:
 * @node: a Page photo, `{"images":[{"source","width","height"}, …]}`
 *
 * Returns: (transfer full) (nullable): the address of the largest rendition
 */
char *
hd_instagram_parse_image_source (JsonNode *node)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *images = root != NULL ? json_object_get_member (root, "images") : NULL;
  const char *best = NULL;
  gint64 best_width = -1;
  JsonArray *array;

  if (images == NULL || !JSON_NODE_HOLDS_ARRAY (images))
    return NULL;

  array = json_node_get_array (images);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *source;
      gint64 width;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      source = _hd_json_string (json_node_get_object (element), "source");
      width = _hd_json_int (json_node_get_object (element), "width", 0);
      if (source != NULL && g_str_has_prefix (source, "http") && width > best_width)
        {
          best = source;
          best_width = width;
        }
    }

  return g_strdup (best);
}

/**
 * hd_instagram_parse_media:
 * @node: `{"data":[{"id","caption","permalink","timestamp"}, …]}`
 *
 * Returns: (transfer container) (nullable): HdProviderResult for each usable medium
 */
GPtrArray *
hd_instagram_parse_media (JsonNode *node)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *data = root != NULL ? json_object_get_member (root, "data") : NULL;
  GPtrArray *results;
  JsonArray *array;

  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return NULL;

  array = json_node_get_array (data);
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_provider_result_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *media;
      HdProviderResult *result;
      const char *id;
      const char *timestamp;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      media = json_node_get_object (element);
      if ((id = _hd_json_string (media, "id")) == NULL || *id == '\0')
        continue;

      result = hd_provider_result_new ();
      result->remote_id = g_strdup (id);
      result->remote_url = g_strdup (_hd_json_string (media, "permalink"));
      result->text = g_strdup (_hd_json_string (media, "caption"));
      if ((timestamp = _hd_json_string (media, "timestamp")) != NULL)
        result->published_at = MAX (0, _hd_iso8601_to_unix (timestamp));
      g_ptr_array_add (results, result);
    }

  return results;
}

/* Requests */

static void
send_message (GTask               *task,
              SoupMessage         *message,
              GAsyncReadyCallback  callback)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  g_set_object (&op->message, message);
  hd_http_send_json_async (self->http, message, hd_channel_get_id (self->channel),
                           g_task_get_cancellable (task), callback, task);
}

static JsonNode *
finish_request (GTask         *task,
                GAsyncResult  *result,
                GError       **error)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  return hd_graph_finish (self->http, self->store, self->channel, op->message, result,
                          PLATFORM, error);
}

static JsonNode *
finish_message (GTask        *task,
                GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = finish_request (task, result, &error);

  if (node == NULL)
    g_task_return_error (task, g_steal_pointer (&error));

  return node;
}

static void
return_invalid_answer (GTask *task)
{
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                           _("Instagram sent an answer Herald could not use. Herald will try "
                             "again later."));
}

/* The linked Page's token */

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  if (token == NULL)
    {
      g_autoptr(GError) auth = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                                                    _("Herald has no sign-in for this "
                                                      "Instagram account. Reconnect the "
                                                      "channel to go on posting."));

      _hd_provider_note_failure (self->store, self->channel, auth);
      g_task_return_error (task, g_steal_pointer (&auth));
      return;
    }

  if (self->access_token != NULL)
    hd_secrets_free (self->access_token);
  self->access_token = token;

  op->next (g_steal_pointer (&task));
}

static void
with_token (GTask      *task,
            TokenReady  next)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (self->access_token != NULL)
    {
      next (task);
      return;
    }

  op->next = next;
  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                           g_task_get_cancellable (task), token_cb, task);
}

/* Validation: the composer's counters and media rules */

static gboolean
instagram_validate (HdProvider     *provider,
                    HdProviderPost *post,
                    gint64          now,
                    GPtrArray      *problems)
{
  HdInstagramProvider *self = HD_INSTAGRAM_PROVIDER (provider);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdTextCount) count = NULL;
  const char *text = hd_provider_post_get_text (post);
  guint n_media = post->media != NULL ? post->media->len : 0;

  count = hd_text_count_new (HD_CHANNEL_KIND_INSTAGRAM, text, self->caps.text_limit);
  if (count->over)
    g_ptr_array_add (found, g_strdup (count->problem));

  hd_media_check_for_channel (HD_CHANNEL_KIND_INSTAGRAM,
                              n_media > 0 ? (HdMedia * const *) post->media->pdata : NULL,
                              n_media, found);

  for (guint i = 0; problems != NULL && i < found->len; i++)
    g_ptr_array_add (problems, g_strdup (g_ptr_array_index (found, i)));

  return found->len == 0;
}

/* Finding a medium already published, for a retry that lost its container and for
 * reconciliation */

static gboolean
captions_match (const char *ours,
                const char *theirs)
{
  g_autofree char *a = g_strstrip (g_strdup (ours != NULL ? ours : ""));
  g_autofree char *b = g_strstrip (g_strdup (theirs != NULL ? theirs : ""));

  return g_str_equal (a, b);
}

typedef void (*LookedUp) (GTask *task, HdProviderResult *found, GError *error);

static void
media_list_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  LookedUp done = g_object_get_data (G_OBJECT (task), "hd-looked-up");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      done (task, NULL, g_steal_pointer (&error));
      return;
    }

  media = hd_instagram_parse_media (node);
  for (guint i = 0; media != NULL && i < media->len; i++)
    {
      HdProviderResult *candidate = g_ptr_array_index (media, i);

      if (captions_match (hd_provider_post_get_text (op->post), candidate->text)
          && candidate->published_at + LOOKUP_SLACK >= op->post->queued_at)
        {
          done (task, g_ptr_array_steal_index (media, i), NULL);
          return;
        }
    }

  done (task, NULL, NULL);
}

static void
look_up (GTask    *task,
         LookedUp  done)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/media", ig_user (self));

  g_object_set_data (G_OBJECT (task), "hd-looked-up", done);
  message = hd_graph_message_new (self->channel, self->access_token, "GET", path,
                                  "fields=id,caption,permalink,timestamp&limit=25", NULL);
  send_message (task, message, media_list_cb);
}

/* Step 3: publishing the container */

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *published;
  char *id;

  if ((node = finish_message (task, result)) == NULL)
    return;

  if ((id = hd_graph_parse_id (node, "id")) == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  /* Published: a later change with the same key has nothing left to reuse. */
  g_hash_table_remove (self->containers, op->post->idempotency_key);

  published = hd_provider_result_new ();
  published->remote_id = id;
  published->record_key = g_strdup (op->container);
  published->text = g_strdup (hd_provider_post_get_text (op->post));
  published->published_at = hd_rate_limiter_now (hd_http_get_rate_limiter (self->http));
  g_task_return_pointer (task, published, (GDestroyNotify) hd_provider_result_free);
}

static void
publish_container (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/media_publish", ig_user (self));

  hd_graph_form_add (form, "creation_id", op->container);
  message = hd_graph_message_new (self->channel, self->access_token, "POST", path, NULL, form);
  send_message (task, message, published_cb);
}

/* Step 2: waiting for the container */

static void check_container (GTask *task);

static gboolean
poll_again (gpointer user_data)
{
  check_container (user_data);
  return G_SOURCE_REMOVE;
}

static void
already_published_looked_up (GTask            *task,
                             HdProviderResult *found,
                             GError           *error)
{
  g_autoptr(GTask) owned = task;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (found == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                               _("Instagram says this post went out already, but Herald cannot "
                                 "find it on the account. Check the account before sending it "
                                 "again."));
      return;
    }

  g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
}

static void create_containers (GTask *task);
static void read_quota (GTask *task);
static void retry_looked_up (GTask *task, HdProviderResult *found, GError *error);
static void lookup_looked_up (GTask *task, HdProviderResult *found, GError *error);

/* The container of an earlier attempt was never published (it expired after a day, or
 * Instagram could not prepare it): nothing of the post went out, so a new one is safe. */
static void
forget_container (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  g_hash_table_remove (self->containers, op->post->idempotency_key);
  g_clear_pointer (&op->container, g_free);
  op->reused = FALSE;
  op->nothing_out = TRUE;
  op->polls = 0;
  op->poll_ms = 0;
}

/* Looking a post up: only a published container means the post is out. */
static void
container_looked_up (GTask      *task,
                     const char *status)
{
  if (g_str_equal (status, "PUBLISHED"))
    look_up (task, already_published_looked_up);
  else
    lookup_looked_up (task, NULL, NULL);
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      /* Graph does not know a container kept from an earlier attempt: whether it went out
       * is for the account's own posts to say. */
      if (op->reused && g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
        {
          op->reused = FALSE;
          g_clear_pointer (&op->container, g_free);
          look_up (g_steal_pointer (&task), op->looking_up ? lookup_looked_up
                                                           : retry_looked_up);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((status = hd_instagram_parse_status_code (node)) == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  if (op->looking_up)
    container_looked_up (g_steal_pointer (&task), status);
  else if (g_str_equal (status, "FINISHED"))
    publish_container (g_steal_pointer (&task));
  else if (g_str_equal (status, "PUBLISHED"))
    look_up (g_steal_pointer (&task), already_published_looked_up);
  else if ((g_str_equal (status, "EXPIRED") || g_str_equal (status, "ERROR")) && op->reused)
    {
      forget_container (task);
      read_quota (g_steal_pointer (&task));
    }
  else if (g_str_equal (status, "ERROR") || g_str_equal (status, "EXPIRED"))
    {
      HdInstagramProvider *self = g_task_get_source_object (task);

      g_hash_table_remove (self->containers, op->post->idempotency_key);
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               g_str_equal (status, "ERROR")
                               ? _("Instagram could not prepare this post from its pictures. "
                                   "Check that each is a JPEG between 4:5 and 1.91:1.")
                               : _("Instagram let this post expire before it was published. "
                                   "Send it again."));
    }
  else if (++op->polls >= POLL_TRIES)
    g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                             _("Instagram is still preparing this post. Herald will try again "
                               "later."));
  else
    {
      g_timeout_add (op->poll_ms, poll_again, g_steal_pointer (&task));
      op->poll_ms = MIN (op->poll_ms * 2, POLL_INTERVAL_MAX_MS);
    }
}

static void
check_container (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s", op->container);

  if (op->poll_ms == 0)
    op->poll_ms = self->poll_interval_ms;

  message = hd_graph_message_new (self->channel, self->access_token,
                                  "GET", path, "fields=status_code", NULL);
  send_message (task, message, status_cb);
}

/* Step 1: the containers */

static void make_next_container (GTask *task);

static void
container_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  char *id;

  if ((node = finish_message (task, result)) == NULL)
    return;

  if ((id = hd_graph_parse_id (node, "id")) == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  if (op->children != NULL && op->children->len < op->image_urls->len)
    {
      g_ptr_array_add (op->children, id);
      make_next_container (g_steal_pointer (&task));
      return;
    }

  /* The one container that gets published: kept before anything else happens, so that a
   * retry publishes it rather than a second one. */
  op->container = id;
  g_hash_table_replace (self->containers, g_strdup (op->post->idempotency_key),
                        g_strdup (id));
  if (op->post->record_key_made != NULL)
    op->post->record_key_made (id, op->post->record_key_made_data);
  check_container (g_steal_pointer (&task));
}

static void
make_next_container (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/media", ig_user (self));
  const char *caption = hd_provider_post_get_text (op->post);
  guint n = op->image_urls->len;

  if (n == 1 || (op->children != NULL && op->children->len < n))
    {
      guint index = n == 1 ? 0 : op->children->len;
      HdMedia *media = g_ptr_array_index (op->post->media, index);
      const char *alt = hd_media_get_alt_text (media);

      hd_graph_form_add (form, "image_url", g_ptr_array_index (op->image_urls, index));
      if (n > 1)
        hd_graph_form_add (form, "is_carousel_item", "true");
      else if (*caption != '\0')
        hd_graph_form_add (form, "caption", caption);
      if (alt != NULL && *alt != '\0')
        hd_graph_form_add (form, "alt_text", alt);
    }
  else
    {
      g_autoptr(GString) children = g_string_new (NULL);

      for (guint i = 0; i < op->children->len; i++)
        g_string_append_printf (children, "%s%s", i > 0 ? "," : "",
                                (const char *) g_ptr_array_index (op->children, i));

      hd_graph_form_add (form, "media_type", "CAROUSEL");
      hd_graph_form_add (form, "children", children->str);
      if (*caption != '\0')
        hd_graph_form_add (form, "caption", caption);
    }

  message = hd_graph_message_new (self->channel, self->access_token, "POST", path, NULL, form);
  send_message (task, message, container_cb);
}

/* Step 0: public addresses for the pictures, from unpublished photos on the linked Page */

static void upload_next_picture (GTask *task);

static void
photo_source_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  char *source;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      /* The picture was uploaded a moment ago: gone, it is Facebook's loss, not a post
       * deleted on Instagram, and uploading it again mends it. */
      if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("Facebook lost the picture Herald had just uploaded for "
                                 "Instagram. Herald will upload it again."));
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((source = hd_instagram_parse_image_source (node)) == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_ptr_array_add (op->image_urls, source);
  op->media_index++;
  upload_next_picture (g_steal_pointer (&task));
}

static void
photo_uploaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;

  if ((node = finish_message (task, result)) == NULL)
    return;

  g_free (op->photo_id);
  if ((op->photo_id = hd_graph_parse_id (node, "id")) == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  path = g_strdup_printf ("/%s", op->photo_id);
  message = hd_graph_message_new (self->channel, self->access_token,
                                  "GET", path, "fields=images", NULL);
  send_message (g_steal_pointer (&task), message, photo_source_cb);
}

static void
upload_next_picture (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *photos = NULL;
  HdMedia *media;

  if (op->media_index >= op->post->media->len)
    {
      if (op->image_urls->len > 1)
        op->children = g_ptr_array_new_with_free_func (g_free);
      make_next_container (task);
      return;
    }

  media = g_ptr_array_index (op->post->media, op->media_index);
  path = self->store != NULL ? hd_store_get_media_file_path (self->store, media)
                             : g_strdup (hd_media_get_path (media));
  if (path == NULL || !_hd_read_file (path, &bytes, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                     _("Herald could not find a picture of this post in its "
                                       "data folder. Add the picture to the post again."));
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  filename = g_path_get_basename (path);
  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, "source", filename,
                                   hd_media_get_mime_type (media), bytes);
  soup_multipart_append_form_string (multipart, "published", "false");
  soup_multipart_append_form_string (multipart, "temporary", "true");

  photos = g_strdup_printf ("/%s/photos", self->page_id);
  uri = hd_graph_uri (self->channel, photos, NULL);
  message = soup_message_new_from_multipart (uri, multipart);
  hd_graph_authorize (message, self->access_token);
  send_message (task, message, photo_uploaded_cb);
}

static void
create_containers (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  op->media_index = 0;
  g_clear_pointer (&op->image_urls, g_ptr_array_unref);
  g_clear_pointer (&op->children, g_ptr_array_unref);
  op->image_urls = g_ptr_array_new_with_free_func (g_free);
  upload_next_picture (task);
}

/* Before anything: the container of an earlier attempt, a medium already out, the quota */

static void
retry_looked_up (GTask            *task,
                 HdProviderResult *found,
                 GError           *error)
{
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  else if (found != NULL)
    {
      g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
      g_object_unref (task);
    }
  else
    create_containers (task);
}

static void
quota_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  gint64 usage = 0;
  gint64 total = 0;

  if ((node = finish_message (task, result)) == NULL)
    return;

  if (!hd_instagram_parse_publishing_limit (node, &usage, &total))
    {
      return_invalid_answer (task);
      return;
    }

  if (usage >= total)
    {
      g_autofree char *wait = hd_http_describe_wait (QUOTA_WAIT);
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Instagram takes %" G_GINT64_FORMAT " post a day "
                                           "from apps, and this account has had it. Herald "
                                           "will try again in %s.",
                                           "Instagram takes %" G_GINT64_FORMAT " posts a day "
                                           "from apps, and this account has had them all. "
                                           "Herald will try again in %s.",
                                           (gulong) total),
                              total, wait);
      g_task_return_error (task, hd_provider_error_new_rate_limited (QUOTA_WAIT, text));
      return;
    }

  if (op->container != NULL)
    check_container (g_steal_pointer (&task));
  else if (op->post->retry && !op->nothing_out)
    look_up (g_steal_pointer (&task), retry_looked_up);
  else
    create_containers (g_steal_pointer (&task));
}

/* A new container counts against the publishing quota: read it first. */
static void
read_quota (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/content_publishing_limit", ig_user (self));

  message = hd_graph_message_new (self->channel, self->access_token,
                                  "GET", path, "fields=quota_usage,config", NULL);
  send_message (task, message, quota_cb);
}

/* The container that guards this post: the one the caller kept, even from another process,
 * or the one this process made; NULL when there is none. */
static const char *
known_container (HdInstagramProvider *self,
                 HdProviderPost      *post)
{
  if (post->record_key != NULL && *post->record_key != '\0')
    return post->record_key;

  return post->idempotency_key != NULL ? g_hash_table_lookup (self->containers,
                                                              post->idempotency_key)
                                       : NULL;
}

static void
publish_with_token (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->container = g_strdup (known_container (self, op->post));

  /* A container already made needs no quota check before it is published: it counts once,
   * when it goes out, and checking first would hold back a post Instagram may have. */
  if (op->container != NULL)
    {
      op->reused = TRUE;
      check_container (task);
      return;
    }

  read_quota (task);
}

static void
instagram_publish_async (HdProvider          *provider,
                         HdProviderPost      *post,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  HdInstagramProvider *self = HD_INSTAGRAM_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  Op *op;

  task = op_task_new (self, instagram_publish_async, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);

  if (!instagram_validate (provider, post, 0, problems))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, "%s",
                               (const char *) g_ptr_array_index (problems, 0));
      return;
    }

  if (self->page_id == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                               _("Herald does not know which Facebook Page this Instagram "
                                 "account is linked to. Reconnect the channel."));
      return;
    }

  with_token (g_steal_pointer (&task), publish_with_token);
}

static void
instagram_schedule_async (HdProvider          *provider,
                          HdProviderPost      *post,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);

  g_task_set_source_tag (task, instagram_schedule_async);
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                           _("Instagram does not schedule posts itself. Herald publishes the "
                             "post at its time while the computer is on."));
}

static HdProviderResult *
instagram_result_finish (HdProvider    *provider,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
instagram_boolean_finish (HdProvider    *provider,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static GPtrArray *
instagram_array_finish (HdProvider    *provider,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Look up, for reconciliation */

static void
lookup_looked_up (GTask            *task,
                  HdProviderResult *found,
                  GError           *error)
{
  g_autoptr(GTask) owned = task;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
}

/* The container kept for the post says first whether it went out; the caption search is
 * for a post whose container is not known. */
static void
lookup_with_token (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->container = g_strdup (known_container (self, op->post));
  if (op->container == NULL)
    {
      look_up (task, lookup_looked_up);
      return;
    }

  op->reused = TRUE;
  op->looking_up = TRUE;
  check_container (task);
}

static void
instagram_lookup_async (HdProvider          *provider,
                        HdProviderPost      *post,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Op *op;

  task = op_task_new (HD_INSTAGRAM_PROVIDER (provider), instagram_lookup_async, cancellable,
                      callback, user_data, &op);
  op->post = hd_provider_post_ref (post);
  with_token (task, lookup_with_token);
}

/* What the content publishing API does not offer, or Herald not yet */

static void
return_unsupported (HdProvider          *provider,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  _hd_provider_return_unsupported (task, PLATFORM);
}

static void
instagram_delete_async (HdProvider            *provider,
                        const char            *remote_id,
                        HdProviderDeleteFlags  flags,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  return_unsupported (provider, instagram_delete_async, cancellable, callback, user_data);
}

static void
instagram_fetch_inbox_async (HdProvider          *provider,
                             gint64               since,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  return_unsupported (provider, instagram_fetch_inbox_async, cancellable, callback, user_data);
}

/* Comments: the inbox of an Instagram account is the comments on the media Herald published
 * there. GET /{ig-media-id}/comments lists them, POST /{ig-comment-id}/replies {message}
 * answers one and POST /{ig-comment-id} hide=true hides it (reference/channel-apis.md §4;
 * FBCG IGMedia.json and IGComment.json, which also name the fields read here). The listing
 * takes no since, so every look reads it whole, and that shows which comments vanished. */

#define COMMENT_QUERY "fields=id,text,timestamp,username&limit=50"

static HdInboxItem *
item_from_comment (HdChannel  *channel,
                   const char *media_id,
                   const char *local_post_id,
                   JsonObject *comment,
                   gint64      at)
{
  HdInboxItem *item = hd_inbox_item_new ();

  hd_inbox_item_set_channel_id (item, hd_channel_get_id (channel));
  hd_inbox_item_set_kind (item, HD_INBOX_KIND_COMMENT);
  hd_inbox_item_set_remote_id (item, _hd_json_string (comment, "id"));
  hd_inbox_item_set_thread_id (item, media_id);
  hd_inbox_item_set_parent_id (item, media_id);
  /* An Instagram comment names its author by username only. */
  hd_inbox_item_set_author_name (item, _hd_json_string (comment, "username"));
  hd_inbox_item_set_author_handle (item, _hd_json_string (comment, "username"));
  hd_inbox_item_set_text (item, _hd_json_string (comment, "text"));
  hd_inbox_item_set_received_at (item, at);
  hd_inbox_item_set_post_id (item, local_post_id);

  return item;
}

/* Replies go to the comment's own replies edge and hiding sets hide=true, which Herald takes
 * as done once Graph answers without an error. */
static const HdGraphCommentEdges comment_edges = {
  .platform = PLATFORM,
  .list_query = COMMENT_QUERY,
  .lists_since = FALSE,
  .time_member = "timestamp",
  .drops_odd_ids = TRUE,
  .to_item = item_from_comment,
  .reply_edge = "replies",
  .hide_field = "hide",
  .hide_says_success = FALSE,
};

GPtrArray *
_hd_instagram_parse_comments (HdChannel   *channel,
                              const char  *media_id,
                              const char  *local_post_id,
                              JsonNode    *node,
                              gint64       since,
                              GHashTable  *known,
                              char       **after)
{
  return hd_graph_parse_comments (&comment_edges, channel, media_id, local_post_id, node,
                                  since, known, after);
}

static void
pull_inbox_with_token (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  hd_graph_pull_comments (&comment_edges, self->http, self->store, self->channel,
                          self->access_token, op->since, task);
}

static void
instagram_pull_inbox_async (HdProvider          *provider,
                            gint64               since,
                            const char          *cursor,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  HdInstagramProvider *self = HD_INSTAGRAM_PROVIDER (provider);
  GTask *task;
  Op *op;

  task = op_task_new (self, instagram_pull_inbox_async, cancellable, callback, user_data, &op);
  op->since = since;
  with_token (task, pull_inbox_with_token);
}

static HdProviderInbox *
instagram_pull_inbox_finish (HdProvider    *provider,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Graph keeps no idempotency key for replies: what keeps a resend from answering twice is the
 * outbox, where an answer left in flight when Herald stopped waits for the user instead of
 * going again. */

static void
reply_with_token (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  hd_graph_reply_to_comment (&comment_edges, self->http, self->store, self->channel,
                             self->access_token, op->remote_id, op->text, task);
}

static gboolean
check_comment_id (GTask       *task,
                  HdInboxItem *item)
{
  const char *remote_id = hd_inbox_item_get_remote_id (item);

  if (hd_graph_is_object_id (remote_id))
    return TRUE;

  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                           _("“%s” is not the id of an Instagram comment."),
                           remote_id != NULL ? remote_id : "");
  return FALSE;
}

static void
instagram_reply_async (HdProvider          *provider,
                       HdInboxItem         *item,
                       const char          *text,
                       const char          *idempotency_key,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  HdInstagramProvider *self = HD_INSTAGRAM_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, instagram_reply_async, cancellable, callback, user_data, &op);
  if (!check_comment_id (task, item))
    return;

  op->remote_id = g_strdup (hd_inbox_item_get_remote_id (item));
  op->text = g_strdup (text);
  with_token (g_steal_pointer (&task), reply_with_token);
}

static void
hide_with_token (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  hd_graph_hide_comment (&comment_edges, self->http, self->store, self->channel,
                         self->access_token, op->remote_id, op->hidden, task);
}

static void
instagram_hide_async (HdProvider          *provider,
                      HdInboxItem         *item,
                      gboolean             hidden,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  HdInstagramProvider *self = HD_INSTAGRAM_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, instagram_hide_async, cancellable, callback, user_data, &op);
  if (!check_comment_id (task, item))
    return;

  op->remote_id = g_strdup (hd_inbox_item_get_remote_id (item));
  op->hidden = hidden;
  with_token (g_steal_pointer (&task), hide_with_token);
}

/* Metrics: fields of the medium and of the account, GET /{id}?fields=… (FBCG IGMedia.json
 * like_count and comments_count, IGUser.json followers_count). Reading fields rather than
 * /insights keeps Herald off the insight names Meta keeps retiring; a field Graph no longer
 * knows is refused with code 100, and Herald then asks for each alone to see which. */

typedef struct
{
  /* Graph's name, which Meta renames and retires */
  const char *platform;
  /* Herald's name, which the Reports page reads */
  const char *herald;
  gboolean    of_account;
} MetricField;

/* The one place Instagram's names are kept. Graph gives no views or reposts as fields. */
static const MetricField metric_fields[] = {
  { "like_count", HD_METRIC_REACTIONS, FALSE },
  { "comments_count", HD_METRIC_REPLIES, FALSE },
  { "followers_count", HD_METRIC_FOLLOWERS, TRUE },
};

static void metrics_request (GTask *task);

static HdMetric *
metric_for (HdInstagramProvider *self,
            Op                  *op,
            const MetricField   *field,
            gint64               value)
{
  gint64 now = hd_rate_limiter_now (hd_http_get_rate_limiter (self->http));
  g_autofree char *post_id = NULL;

  if (op->account_metrics)
    return _hd_provider_metric_new (self->channel, HD_METRIC_SUBJECT_CHANNEL,
                                    hd_channel_get_id (self->channel), field->herald, value,
                                    now);

  /* Reports read a post's history by its local id. */
  post_id = _hd_provider_find_local_post (self->store, self->channel, op->remote_id);
  return _hd_provider_metric_new (self->channel, HD_METRIC_SUBJECT_POST,
                                  post_id != NULL ? post_id : op->remote_id, field->herald,
                                  value, now);
}

static gboolean
is_unknown_field (JsonNode *error_body)
{
  JsonObject *envelope = _hd_json_object (_hd_json_root_object (error_body), "error");

  return _hd_json_int (envelope, "code", 0) == HD_GRAPH_ERROR_PARAMETER;
}

gint64
_hd_instagram_parse_count (JsonNode   *node,
                           const char *field)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *member = root != NULL ? json_object_get_member (root, field) : NULL;

  /* A count the owner chose to hide is simply left out of the answer. */
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
      && json_node_get_value_type (member) == G_TYPE_INT64)
    return MAX (json_node_get_int (member), -1);

  return -1;
}

static void
add_metrics (HdInstagramProvider *self,
             Op                  *op,
             JsonNode            *node)
{
  guint first = op->one_by_one ? op->metric_index : 0;
  guint last = op->one_by_one ? op->metric_index + 1 : op->metrics->len;

  for (guint i = first; i < last; i++)
    {
      const MetricField *field = g_ptr_array_index (op->metrics, i);

      g_ptr_array_add (op->found, metric_for (self, op, field,
                                              _hd_instagram_parse_count (node,
                                                                         field->platform)));
    }
}

static void
return_metrics (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&op->found),
                         (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
fields_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) http_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error;

  node = hd_http_send_json_finish (self->http, result, &error_body, &http_error);
  if (node == NULL && is_unknown_field (error_body))
    {
      if (!op->one_by_one && op->metrics->len > 1)
        {
          op->one_by_one = TRUE;
          op->metric_index = 0;
          metrics_request (task);
          return;
        }

      g_debug ("Instagram no longer gives a metric: %s",
               _hd_json_string (_hd_json_object (_hd_json_root_object (error_body), "error"),
                                "message"));
      add_metrics (self, op, NULL);
    }
  else if (node == NULL)
    {
      guint retry_after = hd_rate_limiter_get_wait (hd_http_get_rate_limiter (self->http),
                                                    hd_channel_get_id (self->channel));

      error = hd_graph_error_new (http_error, soup_message_get_status (op->message),
                                  error_body, retry_after, PLATFORM);
      _hd_provider_note_failure (self->store, self->channel, error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  else
    add_metrics (self, op, node);

  if (op->one_by_one && ++op->metric_index < op->metrics->len)
    {
      metrics_request (task);
      return;
    }

  return_metrics (task);
}

static void
metrics_request (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GString) query = g_string_new ("fields=");
  g_autofree char *path = g_strdup_printf ("/%s", op->remote_id);
  gboolean first = TRUE;

  if (op->metrics->len == 0)
    {
      return_metrics (task);
      return;
    }

  for (guint i = 0; i < op->metrics->len; i++)
    {
      const MetricField *field = g_ptr_array_index (op->metrics, i);

      if (op->one_by_one && i != op->metric_index)
        continue;
      g_string_append_printf (query, "%s%s", first ? "" : ",", field->platform);
      first = FALSE;
    }

  message = hd_graph_message_new (self->channel, self->access_token, "GET", path, query->str,
                                  NULL);
  send_message (task, message, fields_cb);
}

static void
instagram_fetch_metrics_async (HdProvider          *provider,
                               const char          *remote_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  HdInstagramProvider *self = HD_INSTAGRAM_PROVIDER (provider);
  GTask *task;
  Op *op;

  task = op_task_new (self, instagram_fetch_metrics_async, cancellable, callback, user_data,
                      &op);
  if (!hd_graph_is_object_id (remote_id))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("“%s” is not the id of an Instagram post."),
                               remote_id != NULL ? remote_id : "");
      g_object_unref (task);
      return;
    }

  op->remote_id = g_strdup (remote_id);
  op->account_metrics = g_strcmp0 (remote_id, ig_user (self)) == 0;
  op->found = g_ptr_array_new_with_free_func (g_object_unref);
  op->metrics = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (metric_fields); i++)
    {
      if (metric_fields[i].of_account == op->account_metrics)
        g_ptr_array_add (op->metrics, (gpointer) &metric_fields[i]);
    }

  with_token (task, metrics_request);
}

/* The Page token does not expire and has no refresh grant: refreshing checks Graph still
 * takes it. */

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  if ((node = finish_message (task, result)) == NULL)
    return;

  g_task_return_boolean (task, TRUE);
}

static void
refresh_with_token (GTask *task)
{
  HdInstagramProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s", ig_user (self));

  message = hd_graph_message_new (self->channel, self->access_token,
                                  "GET", path, "fields=id,username", NULL);
  send_message (task, message, verify_cb);
}

static void
instagram_refresh_credentials_async (HdProvider          *provider,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  Op *op;

  task = op_task_new (HD_INSTAGRAM_PROVIDER (provider), instagram_refresh_credentials_async,
                      cancellable, callback, user_data, &op);
  with_token (task, refresh_with_token);
}

static const HdProviderCaps *
instagram_get_caps (HdProvider *provider)
{
  return &HD_INSTAGRAM_PROVIDER (provider)->caps;
}

static HdChannel *
instagram_get_channel (HdProvider *provider)
{
  return HD_INSTAGRAM_PROVIDER (provider)->channel;
}

static void
provider_iface_init (HdProviderInterface *iface)
{
  iface->get_caps = instagram_get_caps;
  iface->get_channel = instagram_get_channel;
  iface->validate = instagram_validate;
  iface->publish_async = instagram_publish_async;
  iface->publish_finish = instagram_result_finish;
  iface->schedule_async = instagram_schedule_async;
  iface->schedule_finish = instagram_result_finish;
  iface->delete_async = instagram_delete_async;
  iface->delete_finish = instagram_boolean_finish;
  iface->lookup_async = instagram_lookup_async;
  iface->lookup_finish = instagram_result_finish;
  iface->fetch_inbox_async = instagram_fetch_inbox_async;
  iface->fetch_inbox_finish = instagram_array_finish;
  iface->reply_async = instagram_reply_async;
  iface->reply_finish = instagram_result_finish;
  iface->fetch_metrics_async = instagram_fetch_metrics_async;
  iface->fetch_metrics_finish = instagram_array_finish;
  iface->pull_inbox_async = instagram_pull_inbox_async;
  iface->pull_inbox_finish = instagram_pull_inbox_finish;
  iface->hide_async = instagram_hide_async;
  iface->hide_finish = instagram_boolean_finish;
  iface->refresh_credentials_async = instagram_refresh_credentials_async;
  iface->refresh_credentials_finish = instagram_boolean_finish;
}
