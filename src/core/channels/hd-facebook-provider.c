/* hd-facebook-provider.c
 *
 * Every request carries the Page token in an Authorization header rather than the
 * access_token parameter of Meta's examples, which Graph takes as well, so that tokens never
 * sit in a URL that a proxy or a log could keep.
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
#include "hd-media-library.h"
#include "hd-provider-private.h"
#include "hd-secrets.h"
#include "hd-text-counter.h"

#define PLATFORM "Facebook"

/* A post found by text counts as ours only if it was made after the change was queued, give
 * or take a clock that is off by this much. */
#define LOOKUP_SLACK (5 * 60)
#define LOOKUP_LIMIT "25"

struct _HdFacebookProvider
{
  GObject         parent_instance;

  HdHttp         *http;
  HdStore        *store;
  HdChannel      *channel;

  HdProviderCaps  caps;
  char           *access_token;
};

static void provider_iface_init (HdProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdFacebookProvider, hd_facebook_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_PROVIDER, provider_iface_init))

typedef void (*TokenReady) (GTask *task);

typedef struct
{
  HdProviderPost        *post;
  SoupMessage           *message;
  TokenReady             next;

  GPtrArray             *photo_ids;
  guint                  media_index;
  gboolean               scheduling;

  char                  *remote_id;
  char                  *text;
  gint64                 at;

  /* the inbox: only comments made from this instant on are new */
  gint64                 since;

  /* metrics: the rows of the table asked for, one request at a time once one is retired */
  GPtrArray             *metrics;
  guint                  metric_index;
  gboolean               one_by_one;
  gboolean               channel_metrics;
  GPtrArray             *found;

  gboolean               hidden;
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->post, hd_provider_post_unref);
  g_clear_object (&op->message);
  g_clear_pointer (&op->photo_ids, g_ptr_array_unref);
  g_free (op->remote_id);
  g_free (op->text);
  g_clear_pointer (&op->metrics, g_ptr_array_unref);
  g_clear_pointer (&op->found, g_ptr_array_unref);
  g_free (op);
}

static GTask *
op_task_new (HdFacebookProvider  *self,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             Op                 **op_out)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  *op_out = op;

  return task;
}

static void
hd_facebook_provider_dispose (GObject *object)
{
  HdFacebookProvider *self = (HdFacebookProvider *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (hd_facebook_provider_parent_class)->dispose (object);
}

static void
hd_facebook_provider_finalize (GObject *object)
{
  HdFacebookProvider *self = (HdFacebookProvider *)object;

  if (self->access_token != NULL)
    hd_secrets_free (g_steal_pointer (&self->access_token));

  G_OBJECT_CLASS (hd_facebook_provider_parent_class)->finalize (object);
}

static void
hd_facebook_provider_class_init (HdFacebookProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_facebook_provider_dispose;
  object_class->finalize = hd_facebook_provider_finalize;
}

static void
hd_facebook_provider_init (HdFacebookProvider *self)
{
  /* Text and pictures follow the rules the composer counts with (hd-text-counter.h,
   * hd_media_check_for_channel); these caps only repeat them for callers that ask. */
  self->caps.text_counting = HD_CHANNEL_KIND_FACEBOOK_PAGE;
  self->caps.text_limit = hd_text_channel_default_limit (HD_CHANNEL_KIND_FACEBOOK_PAGE);
  _hd_provider_caps_take_media_limits (&self->caps, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  self->caps.max_alt_text = 0;
  self->caps.mime_types = NULL;
  self->caps.schedule_min_ahead = HD_FACEBOOK_SCHEDULE_MIN_AHEAD;
  self->caps.schedule_max_ahead = HD_FACEBOOK_SCHEDULE_MAX_AHEAD;
  self->caps.idempotency = HD_PROVIDER_IDEMPOTENCY_NONE;
  self->caps.can_edit = TRUE;
  self->caps.can_delete = TRUE;
}

/**
 * hd_facebook_provider_new:
 * @channel: a Facebook Page channel: its base URL is the Graph address with the version,
 *   its remote account id the Page id
 *
 * Returns: (transfer full): a provider posting to the Page with the Page token kept for
 *   @channel in the keyring
 */
HdFacebookProvider *
hd_facebook_provider_new (HdHttp    *http,
                          HdStore   *store,
                          HdChannel *channel)
{
  HdFacebookProvider *self;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (hd_channel_get_base_url (channel) != NULL, NULL);
  g_return_val_if_fail (hd_channel_get_remote_account_id (channel) != NULL, NULL);

  self = g_object_new (HD_TYPE_FACEBOOK_PROVIDER, NULL);
  self->http = g_object_ref (http);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->channel = g_object_ref (channel);

  return self;
}

static gint64
now_seconds (HdFacebookProvider *self)
{
  return hd_rate_limiter_now (hd_http_get_rate_limiter (self->http));
}

static const char *
page_id (HdFacebookProvider *self)
{
  return hd_channel_get_remote_account_id (self->channel);
}

static HdProviderResult *
result_from_post (JsonObject *post,
                  gboolean    scheduled)
{
  HdProviderResult *result;
  const char *id = _hd_json_string (post, "id");
  const char *created;

  if (id == NULL || *id == '\0')
    return NULL;

  result = hd_provider_result_new ();
  result->remote_id = g_strdup (id);
  result->remote_url = g_strdup (_hd_json_string (post, "permalink_url"));
  result->text = g_strdup (_hd_json_string (post, "message"));
  result->scheduled = scheduled;
  result->scheduled_at = _hd_json_int (post, "scheduled_publish_time", 0);
  if ((created = _hd_json_string (post, "created_time")) != NULL && !scheduled)
    result->published_at = MAX (0, _hd_iso8601_to_unix (created));

  return result;
}

/**
 * hd_facebook_parse_posts:
 * @node: a Graph list, `{"data":[{id, message, created_time, permalink_url,
 *   scheduled_publish_time}, …]}`
 *
 * Returns: (transfer full) (nullable): HdProviderResult for each usable post
 */
GPtrArray *
hd_facebook_parse_posts (JsonNode *node,
                         gboolean  scheduled)
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
      HdProviderResult *result;

      if (JSON_NODE_HOLDS_OBJECT (element)
          && (result = result_from_post (json_node_get_object (element), scheduled)) != NULL)
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
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  g_set_object (&op->message, message);
  hd_http_send_json_async (self->http, message, hd_channel_get_id (self->channel),
                           g_task_get_cancellable (task), callback, task);
}

/* Finishes the request of @task: the answer, or NULL with the mapped error in @error and the
 * channel parked when the sign-in is gone. */
static JsonNode *
finish_request (GTask         *task,
                GAsyncResult  *result,
                GError       **error)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
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
                           _("Facebook sent an answer Herald could not use. Herald will try "
                             "again later."));
}

/* The Page token */

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdFacebookProvider *self = g_task_get_source_object (task);
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
                                                    _("Herald has no sign-in for this Facebook "
                                                      "Page. Reconnect the channel to go on "
                                                      "posting."));

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
  HdFacebookProvider *self = g_task_get_source_object (task);
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

/* Validation: the same rules as the composer's counters and media checks */

static gboolean
check_schedule_window (gint64      scheduled_at,
                       gint64      now,
                       GPtrArray  *problems)
{
  if (scheduled_at - now < HD_FACEBOOK_SCHEDULE_MIN_AHEAD
      || scheduled_at - now > HD_FACEBOOK_SCHEDULE_MAX_AHEAD)
    {
      _hd_provider_add_problem (problems, _("Facebook schedules posts from 10 minutes to 30 "
                                            "days ahead; pick a time in that window, or "
                                            "publish now."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
facebook_validate (HdProvider     *provider,
                   HdProviderPost *post,
                   gint64          now,
                   GPtrArray      *problems)
{
  HdFacebookProvider *self = HD_FACEBOOK_PROVIDER (provider);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdTextCount) count = NULL;
  const char *text = hd_provider_post_get_text (post);
  guint n_media = post->media != NULL ? post->media->len : 0;

  count = hd_text_count_new (HD_CHANNEL_KIND_FACEBOOK_PAGE, text, self->caps.text_limit);
  if (count->over)
    g_ptr_array_add (found, g_strdup (count->problem));

  if (*text == '\0' && n_media == 0)
    g_ptr_array_add (found, g_strdup_printf (_("The post for %s has neither text nor a "
                                               "picture."), PLATFORM));

  hd_media_check_for_channel (HD_CHANNEL_KIND_FACEBOOK_PAGE,
                              n_media > 0 ? (HdMedia * const *) post->media->pdata : NULL,
                              n_media, found);

  if (post->scheduled_at != 0)
    check_schedule_window (post->scheduled_at, now, found);

  for (guint i = 0; problems != NULL && i < found->len; i++)
    g_ptr_array_add (problems, g_strdup (g_ptr_array_index (found, i)));

  return found->len == 0;
}

static gboolean
check_post (HdFacebookProvider  *self,
            HdProviderPost      *post,
            GTask               *task)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (facebook_validate (HD_PROVIDER (self), post, now_seconds (self), problems))
    return TRUE;

  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, "%s",
                           (const char *) g_ptr_array_index (problems, 0));
  return FALSE;
}

/* Looking a post up: Facebook has no idempotency key, so a retry first reads back what the
 * Page holds */

static gboolean
texts_match (const char *ours,
             const char *theirs)
{
  g_autofree char *a = g_strstrip (g_strdup (ours != NULL ? ours : ""));
  g_autofree char *b = g_strstrip (g_strdup (theirs != NULL ? theirs : ""));

  return g_str_equal (a, b);
}

typedef void (*LookedUp) (GTask *task, HdProviderResult *found, GError *error);

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  LookedUp done = g_object_get_data (G_OBJECT (task), "hd-looked-up");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = hd_provider_post_get_text (op->post);

  node = finish_request (task, result, &error);
  if (node == NULL)
    {
      done (task, NULL, g_steal_pointer (&error));
      return;
    }

  posts = hd_facebook_parse_posts (node, op->scheduling);
  for (guint i = 0; posts != NULL && i < posts->len; i++)
    {
      HdProviderResult *candidate = g_ptr_array_index (posts, i);

      if (texts_match (text, candidate->text)
          && (candidate->scheduled || candidate->published_at == 0
              || candidate->published_at + LOOKUP_SLACK >= op->post->queued_at))
        {
          done (task, g_ptr_array_steal_index (posts, i), NULL);
          return;
        }
    }

  done (task, NULL, NULL);
}

static void
look_up (GTask    *task,
         LookedUp  done)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;

  g_object_set_data (G_OBJECT (task), "hd-looked-up", done);

  if (op->scheduling)
    {
      path = g_strdup_printf ("/%s/scheduled_posts", page_id (self));
      query = g_strdup ("fields=id,message,scheduled_publish_time,created_time,permalink_url"
                        "&limit=" LOOKUP_LIMIT);
    }
  else
    {
      path = g_strdup_printf ("/%s/feed", page_id (self));
      query = g_strdup_printf ("fields=id,message,created_time,permalink_url&limit="
                               LOOKUP_LIMIT "&since=%" G_GINT64_FORMAT,
                               MAX (0, op->post->queued_at - LOOKUP_SLACK));
    }

  message = hd_graph_message_new (self->channel, self->access_token, "GET", path, query, NULL);
  send_message (task, message, lookup_cb);
}

/* Publishing and scheduling */

static void
return_posted (GTask      *task,
               const char *remote_id)
{
  Op *op = g_task_get_task_data (task);
  HdProviderResult *result = hd_provider_result_new ();

  result->remote_id = g_strdup (remote_id);
  result->text = g_strdup (hd_provider_post_get_text (op->post));
  result->scheduled = op->scheduling;
  result->scheduled_at = op->scheduling ? op->post->scheduled_at : 0;
  g_task_return_pointer (task, result, (GDestroyNotify) hd_provider_result_free);
}

static void
duplicate_looked_up (GTask            *task,
                     HdProviderResult *found,
                     GError           *error)
{
  g_autoptr(GTask) owned = task;

  g_clear_error (&error);
  if (found != NULL)
    {
      g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
      return;
    }

  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                           _("Facebook refused this post as a duplicate: the same post went "
                             "out just before it. Check the Page before sending it again."));
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  node = finish_request (task, result, &error);
  if (node == NULL)
    {
      /* A duplicate after an attempt that may have gone through is that attempt: find it
       * rather than send the same post once more. */
      if (op->post->retry && g_error_matches (error, HD_PROVIDER_ERROR,
                                              HD_PROVIDER_ERROR_CONFLICT))
        {
          look_up (g_steal_pointer (&task), duplicate_looked_up);
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A single photo answers with the photo's id and its post's. */
  if ((id = hd_graph_parse_id (node, "post_id")) == NULL
      && (id = hd_graph_parse_id (node, "id")) == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  return_posted (task, id);
}

static char *
first_link (const char *text)
{
  g_autoptr(GArray) spans = hd_text_find_urls (text, HD_TEXT_URLS_WITH_SCHEME);
  HdTextSpan *span;

  if (spans == NULL || spans->len == 0)
    return NULL;

  span = &g_array_index (spans, HdTextSpan, 0);
  return g_strndup (text + span->start, span->end - span->start);
}

static void
add_schedule (GString *form,
              Op      *op)
{
  g_autofree char *instant = NULL;

  if (!op->scheduling)
    return;

  instant = g_strdup_printf ("%" G_GINT64_FORMAT, op->post->scheduled_at);
  hd_graph_form_add (form, "published", "false");
  hd_graph_form_add (form, "scheduled_publish_time", instant);
}

static void
post_to_feed (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/feed", page_id (self));
  g_autofree char *link = NULL;
  const char *text = hd_provider_post_get_text (op->post);

  if (*text != '\0')
    hd_graph_form_add (form, "message", text);

  /* The link preview is for a post without pictures; with them, the pictures show. */
  if ((op->photo_ids == NULL || op->photo_ids->len == 0) && (link = first_link (text)) != NULL)
    hd_graph_form_add (form, "link", link);

  for (guint i = 0; op->photo_ids != NULL && i < op->photo_ids->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("attached_media[%u]", i);
      g_autofree char *value = g_strdup_printf ("{\"media_fbid\":\"%s\"}",
                                                (const char *) op->photo_ids->pdata[i]);

      hd_graph_form_add (form, name, value);
    }

  add_schedule (form, op);

  message = hd_graph_message_new (self->channel, self->access_token, "POST", path, NULL, form);
  send_message (task, message, posted_cb);
}

static void upload_next_photo (GTask *task);

static void
photo_uploaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
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

  g_ptr_array_add (op->photo_ids, id);
  op->media_index++;
  upload_next_photo (g_steal_pointer (&task));
}

static SoupMessage *
photo_message (HdFacebookProvider  *self,
               HdMedia             *media,
               GHashTable          *fields,
               GError             **error)
{
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *photos = NULL;
  GHashTableIter iter;
  gpointer name, value;
  SoupMessage *message;

  path = self->store != NULL ? hd_store_get_media_file_path (self->store, media)
                             : g_strdup (hd_media_get_path (media));
  if (path == NULL || !_hd_read_file (path, &bytes, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                             _("Herald could not find a picture of this post in its data "
                               "folder. Add the picture to the post again."));
      return NULL;
    }

  filename = g_path_get_basename (path);
  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, "source", filename,
                                   hd_media_get_mime_type (media), bytes);
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &name, &value))
    soup_multipart_append_form_string (multipart, name, value);

  photos = g_strdup_printf ("/%s/photos", page_id (self));
  uri = hd_graph_uri (self->channel, photos, NULL);
  message = soup_message_new_from_multipart (uri, multipart);
  hd_graph_authorize (message, self->access_token);

  return message;
}

/* Several pictures, or pictures of a scheduled post: each goes up unpublished, and the post
 * attaches them all. */
static void
upload_next_photo (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  if (op->media_index >= op->post->media->len)
    {
      post_to_feed (task);
      return;
    }

  g_hash_table_insert (fields, "published", "false");
  /* An unpublished photo held for a post that appears later has to be temporary. */
  if (op->scheduling)
    g_hash_table_insert (fields, "temporary", "true");

  message = photo_message (self, g_ptr_array_index (op->post->media, op->media_index), fields,
                           &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  send_message (task, message, photo_uploaded_cb);
}

static void
post_single_photo (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = hd_provider_post_get_text (op->post);

  if (*text != '\0')
    g_hash_table_insert (fields, "message", (gpointer) text);

  message = photo_message (self, g_ptr_array_index (op->post->media, 0), fields, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  send_message (task, message, posted_cb);
}

static void
send_post (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  guint n_media = op->post->media != NULL ? op->post->media->len : 0;

  if (n_media == 0)
    post_to_feed (task);
  else if (n_media == 1 && !op->scheduling)
    post_single_photo (task);
  else
    {
      op->photo_ids = g_ptr_array_new_with_free_func (g_free);
      upload_next_photo (task);
    }
}

static void
retry_looked_up (GTask            *task,
                 HdProviderResult *found,
                 GError           *error)
{
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (found != NULL)
    {
      g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
      g_object_unref (task);
      return;
    }

  send_post (task);
}

static void
publish_with_token (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->post->retry)
    look_up (task, retry_looked_up);
  else
    send_post (task);
}

static void
start_post (HdFacebookProvider  *self,
            HdProviderPost      *post,
            gboolean             scheduling,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, source_tag, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);
  op->scheduling = scheduling;

  if (scheduling && post->scheduled_at == 0)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("The post has no time to be scheduled at."));
      return;
    }

  if (!check_post (self, post, task))
    return;

  with_token (g_steal_pointer (&task), publish_with_token);
}

static void
facebook_publish_async (HdProvider          *provider,
                        HdProviderPost      *post,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(HdProviderPost) now = NULL;

  /* Publishing now leaves the instant out, whatever the post says. */
  now = hd_provider_post_new (post->post, post->variant, post->idempotency_key);
  now->queued_at = post->queued_at;
  now->retry = post->retry;
  for (guint i = 0; post->media != NULL && i < post->media->len; i++)
    hd_provider_post_add_media (now, g_ptr_array_index (post->media, i));

  start_post (HD_FACEBOOK_PROVIDER (provider), now, FALSE, facebook_publish_async,
              cancellable, callback, user_data);
}

static void
facebook_schedule_async (HdProvider          *provider,
                         HdProviderPost      *post,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  start_post (HD_FACEBOOK_PROVIDER (provider), post, TRUE, facebook_schedule_async,
              cancellable, callback, user_data);
}

static HdProviderResult *
facebook_result_finish (HdProvider    *provider,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
facebook_boolean_finish (HdProvider    *provider,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

static void
lookup_with_token (GTask *task)
{
  look_up (task, lookup_looked_up);
}

static void
facebook_lookup_async (HdProvider          *provider,
                       HdProviderPost      *post,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  HdFacebookProvider *self = HD_FACEBOOK_PROVIDER (provider);
  GTask *task;
  Op *op;

  task = op_task_new (self, facebook_lookup_async, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);
  op->scheduling = post->scheduled_at != 0;
  with_token (task, lookup_with_token);
}

/* Scheduled posts: list, edit, delete */

static void
list_scheduled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GPtrArray *posts;

  if ((node = finish_message (task, result)) == NULL)
    return;

  if ((posts = hd_facebook_parse_posts (node, TRUE)) == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_pointer (task, posts, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_scheduled_with_token (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/scheduled_posts", page_id (self));

  message = hd_graph_message_new (self->channel, self->access_token, "GET", path,
                                  "fields=id,message,scheduled_publish_time,created_time,"
                                  "permalink_url&limit=100", NULL);
  send_message (task, message, list_scheduled_cb);
}

void
hd_facebook_provider_list_scheduled_async (HdFacebookProvider  *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_FACEBOOK_PROVIDER (self));

  task = op_task_new (self, hd_facebook_provider_list_scheduled_async, cancellable, callback,
                      user_data, &op);
  with_token (task, list_scheduled_with_token);
}

/**
 * hd_facebook_provider_list_scheduled_finish:
 *
 * Returns: (transfer container) (element-type HdProviderResult): the scheduled posts
 */
GPtrArray *
hd_facebook_provider_list_scheduled_finish (HdFacebookProvider  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_return_val_if_fail (HD_IS_FACEBOOK_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
success_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  if ((node = finish_message (task, result)) == NULL)
    return;

  hd_graph_return_success (task, node, PLATFORM);
}

static void
edit_with_token (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s", op->remote_id);

  if (op->text != NULL)
    hd_graph_form_add (form, "message", op->text);
  if (op->at != 0)
    {
      g_autofree char *instant = g_strdup_printf ("%" G_GINT64_FORMAT, op->at);

      hd_graph_form_add (form, "scheduled_publish_time", instant);
    }

  message = hd_graph_message_new (self->channel, self->access_token, "POST", path, NULL, form);
  send_message (task, message, success_cb);
}

void
hd_facebook_provider_edit_async (HdFacebookProvider  *self,
                                 const char          *post_id,
                                 const char          *message,
                                 gint64               scheduled_at,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  Op *op;

  g_return_if_fail (HD_IS_FACEBOOK_PROVIDER (self));
  g_return_if_fail (post_id != NULL);

  task = op_task_new (self, hd_facebook_provider_edit_async, cancellable, callback,
                      user_data, &op);
  op->remote_id = g_strdup (post_id);
  op->text = g_strdup (message);
  op->at = scheduled_at;

  if (!hd_graph_is_object_id (post_id))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("“%s” is not the id of a Facebook post."), post_id);
      return;
    }

  if (message != NULL)
    {
      g_autoptr(HdTextCount) count = hd_text_count_new (HD_CHANNEL_KIND_FACEBOOK_PAGE, message,
                                                        self->caps.text_limit);

      if (count->over)
        g_ptr_array_add (problems, g_strdup (count->problem));
    }

  if (scheduled_at != 0)
    check_schedule_window (scheduled_at, now_seconds (self), problems);

  if (problems->len > 0)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, "%s",
                               (const char *) g_ptr_array_index (problems, 0));
      return;
    }

  with_token (g_steal_pointer (&task), edit_with_token);
}

gboolean
hd_facebook_provider_edit_finish (HdFacebookProvider  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (HD_IS_FACEBOOK_PROVIDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_with_token (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s", op->remote_id);

  message = hd_graph_message_new (self->channel, self->access_token, "DELETE", path, NULL, NULL);
  send_message (task, message, success_cb);
}

/* A scheduled post and a published one are deleted alike. */
static void
facebook_delete_async (HdProvider            *provider,
                       const char            *remote_id,
                       HdProviderDeleteFlags  flags,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  HdFacebookProvider *self = HD_FACEBOOK_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, facebook_delete_async, cancellable, callback, user_data, &op);
  op->remote_id = g_strdup (remote_id);

  if (!hd_graph_is_object_id (remote_id))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("“%s” is not the id of a Facebook post."),
                               remote_id != NULL ? remote_id : "");
      return;
    }

  with_token (g_steal_pointer (&task), delete_with_token);
}

/* Comments: the inbox of a Page is the comments on the posts Herald published there
 * (GET /{post-id}/comments with filter, order and since; reference/channel-apis.md §3). */

/* The fields of a comment Herald shows: id, message, created_time, from and parent
 * (developers.facebook.com/docs/graph-api/reference/comment). "stream" lists the answers to
 * comments too, each naming its parent (developers.facebook.com/docs/graph-api/reference/
 * object/comments). */
#define COMMENT_QUERY "filter=stream&order=reverse_chronological" \
                      "&fields=id,message,created_time,from,parent&limit=100"

static HdInboxItem *
item_from_comment (HdChannel  *channel,
                   const char *post_remote_id,
                   const char *local_post_id,
                   JsonObject *comment,
                   gint64      at)
{
  JsonObject *from = _hd_json_object (comment, "from");
  JsonObject *parent = _hd_json_object (comment, "parent");
  const char *parent_id = _hd_json_string (parent, "id");
  HdInboxItem *item = hd_inbox_item_new ();

  hd_inbox_item_set_channel_id (item, hd_channel_get_id (channel));
  hd_inbox_item_set_kind (item, parent_id != NULL ? HD_INBOX_KIND_REPLY : HD_INBOX_KIND_COMMENT);
  hd_inbox_item_set_remote_id (item, _hd_json_string (comment, "id"));
  /* The conversation is the one under Herald's post. */
  hd_inbox_item_set_thread_id (item, post_remote_id);
  hd_inbox_item_set_parent_id (item, parent_id != NULL ? parent_id : post_remote_id);
  hd_inbox_item_set_author_name (item, _hd_json_string (from, "name"));
  /* A Facebook profile has no public handle; its id is what replies can name. */
  hd_inbox_item_set_author_handle (item, _hd_json_string (from, "id"));
  hd_inbox_item_set_text (item, _hd_json_string (comment, "message"));
  hd_inbox_item_set_received_at (item, at);
  hd_inbox_item_set_post_id (item, local_post_id);

  return item;
}

/* Replies are POST /{comment-id}/comments {message} and hiding is POST /{comment-id}
 * is_hidden=true, which Graph answers with {"success": true} (reference/channel-apis.md §3).
 * Graph keeps no idempotency key. */
static const HdGraphCommentEdges comment_edges = {
  .platform = PLATFORM,
  .list_query = COMMENT_QUERY,
  .lists_since = TRUE,
  .time_member = "created_time",
  .drops_odd_ids = FALSE,
  .to_item = item_from_comment,
  .reply_edge = "comments",
  .hide_field = "is_hidden",
  .hide_says_success = TRUE,
};

GPtrArray *
_hd_facebook_parse_comments (HdChannel   *channel,
                             const char  *post_remote_id,
                             const char  *local_post_id,
                             JsonNode    *node,
                             gint64       since,
                             GHashTable  *known,
                             char       **after)
{
  return hd_graph_parse_comments (&comment_edges, channel, post_remote_id, local_post_id,
                                  node, since, known, after);
}

static void
pull_inbox_with_token (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  hd_graph_pull_comments (&comment_edges, self->http, self->store, self->channel,
                          self->access_token, op->since, task);
}

static void
facebook_pull_inbox_async (HdProvider          *provider,
                           gint64               since,
                           const char          *cursor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  HdFacebookProvider *self = HD_FACEBOOK_PROVIDER (provider);
  GTask *task;
  Op *op;

  task = op_task_new (self, facebook_pull_inbox_async, cancellable, callback, user_data, &op);
  op->since = since;
  with_token (task, pull_inbox_with_token);
}

static HdProviderInbox *
facebook_pull_inbox_finish (HdProvider    *provider,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
reply_with_token (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
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
                           _("“%s” is not the id of a Facebook comment."),
                           remote_id != NULL ? remote_id : "");
  return FALSE;
}

static void
facebook_reply_async (HdProvider          *provider,
                      HdInboxItem         *item,
                      const char          *text,
                      const char          *idempotency_key,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  HdFacebookProvider *self = HD_FACEBOOK_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, facebook_reply_async, cancellable, callback, user_data, &op);
  if (!check_comment_id (task, item))
    return;

  op->remote_id = g_strdup (hd_inbox_item_get_remote_id (item));
  op->text = g_strdup (text);
  with_token (g_steal_pointer (&task), reply_with_token);
}

static void
hide_with_token (GTask *task)
{
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  hd_graph_hide_comment (&comment_edges, self->http, self->store, self->channel,
                         self->access_token, op->remote_id, op->hidden, task);
}

static void
facebook_hide_async (HdProvider          *provider,
                     HdInboxItem         *item,
                     gboolean             hidden,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  HdFacebookProvider *self = HD_FACEBOOK_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, facebook_hide_async, cancellable, callback, user_data, &op);
  if (!check_comment_id (task, item))
    return;

  op->remote_id = g_strdup (hd_inbox_item_get_remote_id (item));
  op->hidden = hidden;
  with_token (g_steal_pointer (&task), hide_with_token);
}

/* Metrics: GET /{object-id}/insights?metric=…&period=… (reference/channel-apis.md §3). */

typedef struct
{
  /* Graph's name, which Meta renames and retires */
  const char *platform;
  /* Herald's name, which the Reports page reads */
  const char *herald;
  /* the period Graph keeps the metric for */
  const char *period;
  gboolean    of_page;
} MetricName;

/* The one place Meta's names are kept. Only metrics not on the deprecation lists of
 * reference/channel-apis.md §3: post_impressions* and page_fans* stopped in 2025, and their
 * successors are these. Graph gives no post reactions, shares or comment counts here that
 * the reference vouches for, so Facebook reports views and followers only. */
static const MetricName metric_names[] = {
  { "post_total_media_view_unique", HD_METRIC_IMPRESSIONS, "lifetime", FALSE },
  { "page_follows", HD_METRIC_FOLLOWERS, "day", TRUE },
};

static void metrics_request (GTask *task);

static gint64
insight_value (JsonObject *insight)
{
  JsonNode *values = insight != NULL ? json_object_get_member (insight, "values") : NULL;
  JsonArray *array;
  guint length;

  if (values == NULL || !JSON_NODE_HOLDS_ARRAY (values))
    return -1;

  /* A daily metric lists one value per day, oldest first: the last is today's. */
  array = json_node_get_array (values);
  length = json_array_get_length (array);
  if (length == 0)
    return -1;

  return _hd_json_int (_hd_json_root_object (json_array_get_element (array, length - 1)),
                       "value", -1);
}

gint64
_hd_facebook_parse_insight (JsonNode   *node,
                            const char *name)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *data = root != NULL ? json_object_get_member (root, "data") : NULL;
  gint64 value = -1;

  for (guint j = 0; data != NULL && JSON_NODE_HOLDS_ARRAY (data)
                    && j < json_array_get_length (json_node_get_array (data)); j++)
    {
      JsonObject *insight = _hd_json_root_object (json_array_get_element (
                                                    json_node_get_array (data), j));

      if (g_strcmp0 (_hd_json_string (insight, "name"), name) == 0)
        value = insight_value (insight);
    }

  return value;
}

static HdMetric *
metric_for (HdFacebookProvider *self,
            Op                 *op,
            const MetricName   *name,
            gint64              value)
{
  g_autofree char *post_id = NULL;

  if (op->channel_metrics)
    return _hd_provider_metric_new (self->channel, HD_METRIC_SUBJECT_CHANNEL,
                                    hd_channel_get_id (self->channel), name->herald, value,
                                    now_seconds (self));

  /* Reports read a post's history by its local id. */
  post_id = _hd_provider_find_local_post (self->store, self->channel, op->remote_id);
  return _hd_provider_metric_new (self->channel, HD_METRIC_SUBJECT_POST,
                                  post_id != NULL ? post_id : op->remote_id, name->herald,
                                  value, now_seconds (self));
}

/* Graph answers a retired metric with code 100 and a message about an invalid metric, and
 * refuses the whole request with it. */
gboolean
_hd_facebook_is_retired_metric (JsonNode *error_body)
{
  JsonObject *envelope = _hd_json_object (_hd_json_root_object (error_body), "error");
  g_autofree char *message = NULL;

  if (_hd_json_int (envelope, "code", 0) != HD_GRAPH_ERROR_PARAMETER)
    return FALSE;

  message = g_utf8_strdown (_hd_json_string (envelope, "message") != NULL
                            ? _hd_json_string (envelope, "message") : "", -1);
  return strstr (message, "metric") != NULL;
}

static void
add_metrics (HdFacebookProvider *self,
             Op                 *op,
             JsonNode           *node)
{
  guint first = op->one_by_one ? op->metric_index : 0;
  guint last = op->one_by_one ? op->metric_index + 1 : op->metrics->len;

  for (guint i = first; i < last; i++)
    {
      const MetricName *name = g_ptr_array_index (op->metrics, i);

      g_ptr_array_add (op->found, metric_for (self, op, name,
                                              _hd_facebook_parse_insight (node,
                                                                          name->platform)));
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
insights_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) http_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error;

  node = hd_http_send_json_finish (self->http, result, &error_body, &http_error);
  if (node == NULL && _hd_facebook_is_retired_metric (error_body))
    {
      if (!op->one_by_one && op->metrics->len > 1)
        {
          /* One retired name spoils the request: ask for each alone to see which. */
          op->one_by_one = TRUE;
          op->metric_index = 0;
          metrics_request (task);
          return;
        }

      g_debug ("Facebook retired a metric: %s",
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
  HdFacebookProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *path = g_strdup_printf ("/%s/insights", op->remote_id);
  g_autofree char *query = NULL;
  const MetricName *first;

  if (op->metrics->len == 0)
    {
      return_metrics (task);
      return;
    }

  for (guint i = 0; i < op->metrics->len; i++)
    {
      const MetricName *name = g_ptr_array_index (op->metrics, i);

      if (op->one_by_one && i != op->metric_index)
        continue;
      g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "", name->platform);
    }

  first = g_ptr_array_index (op->metrics, op->one_by_one ? op->metric_index : 0);
  query = g_strdup_printf ("metric=%s&period=%s", names->str, first->period);
  message = hd_graph_message_new (self->channel, self->access_token, "GET", path, query, NULL);
  send_message (task, message, insights_cb);
}

static void
facebook_fetch_metrics_async (HdProvider          *provider,
                              const char          *remote_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  HdFacebookProvider *self = HD_FACEBOOK_PROVIDER (provider);
  GTask *task;
  Op *op;

  task = op_task_new (self, facebook_fetch_metrics_async, cancellable, callback, user_data,
                      &op);
  if (!hd_graph_is_object_id (remote_id))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("“%s” is not the id of a Facebook post."), remote_id);
      g_object_unref (task);
      return;
    }

  op->remote_id = g_strdup (remote_id);
  op->channel_metrics = g_strcmp0 (remote_id, page_id (self)) == 0;
  op->found = g_ptr_array_new_with_free_func (g_object_unref);
  op->metrics = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (metric_names); i++)
    {
      if (metric_names[i].of_page == op->channel_metrics)
        g_ptr_array_add (op->metrics, (gpointer) &metric_names[i]);
    }

  with_token (task, metrics_request);
}

static GPtrArray *
facebook_array_finish (HdProvider    *provider,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Credentials: a Page token made from a long-lived user token has no expiry (3rd-party
 * sources, reference/channel-apis.md §3) and no refresh grant, so "refreshing" checks that
 * Graph still takes it. */

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
  HdFacebookProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = g_strdup_printf ("/%s", page_id (self));

  message = hd_graph_message_new (self->channel, self->access_token,
                                  "GET", path, "fields=id,name", NULL);
  send_message (task, message, verify_cb);
}

static void
facebook_refresh_credentials_async (HdProvider          *provider,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  HdFacebookProvider *self = HD_FACEBOOK_PROVIDER (provider);
  GTask *task;
  Op *op;

  task = op_task_new (self, facebook_refresh_credentials_async, cancellable, callback,
                      user_data, &op);
  with_token (task, refresh_with_token);
}

static const HdProviderCaps *
facebook_get_caps (HdProvider *provider)
{
  return &HD_FACEBOOK_PROVIDER (provider)->caps;
}

static HdChannel *
facebook_get_channel (HdProvider *provider)
{
  return HD_FACEBOOK_PROVIDER (provider)->channel;
}

static void
provider_iface_init (HdProviderInterface *iface)
{
  iface->get_caps = facebook_get_caps;
  iface->get_channel = facebook_get_channel;
  iface->validate = facebook_validate;
  iface->publish_async = facebook_publish_async;
  iface->publish_finish = facebook_result_finish;
  iface->schedule_async = facebook_schedule_async;
  iface->schedule_finish = facebook_result_finish;
  iface->delete_async = facebook_delete_async;
  iface->delete_finish = facebook_boolean_finish;
  iface->lookup_async = facebook_lookup_async;
  iface->lookup_finish = facebook_result_finish;
  iface->pull_inbox_async = facebook_pull_inbox_async;
  iface->pull_inbox_finish = facebook_pull_inbox_finish;
  iface->reply_async = facebook_reply_async;
  iface->reply_finish = facebook_result_finish;
  iface->hide_async = facebook_hide_async;
  iface->hide_finish = facebook_boolean_finish;
  iface->fetch_metrics_async = facebook_fetch_metrics_async;
  iface->fetch_metrics_finish = facebook_array_finish;
  iface->refresh_credentials_async = facebook_refresh_credentials_async;
  iface->refresh_credentials_finish = facebook_boolean_finish;
}
