/* hd-change-set.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hd-change-set.h"
#include "hd-core-enums.h"
#include "hd-media-library.h"
#include "hd-store-outbox.h"

/* Deeper than any document Herald writes; a parser that recurses must not meet worse. */
#define MAX_DEPTH      16
#define MAX_LABELS     64
#define MAX_MEDIA      16
#define EXCERPT_CHARS  60

G_DEFINE_QUARK (hd-change-set-error-quark, hd_change_set_error)

typedef struct
{
  char   *mime_type;
  char   *alt_text;
  GBytes *data;
} IncomingMedia;

struct _HdChangeSet
{
  GObject     parent_instance;

  GPtrArray  *changes;
  /* SHA-256 to IncomingMedia */
  GHashTable *media;
};

G_DEFINE_FINAL_TYPE (HdChangeSet, hd_change_set, G_TYPE_OBJECT)

static void
incoming_media_free (gpointer data)
{
  IncomingMedia *media = data;

  g_free (media->mime_type);
  g_free (media->alt_text);
  g_clear_pointer (&media->data, g_bytes_unref);
  g_free (media);
}

static void
incoming_change_free (gpointer data)
{
  HdIncomingChange *change = data;

  g_free (change->id);
  g_free (change->operation);
  g_free (change->channel_handle);
  g_free (change->channel_name);
  g_free (change->remote_id);
  g_free (change->post_id);
  g_free (change->text);
  g_free (change->variant_text);
  g_free (change->first_comment);
  g_free (change->time_zone);
  g_strfreev (change->labels);
  g_free (change->notes);
  g_strfreev (change->media);
  g_free (change->excerpt);
  g_free (change);
}

static void
hd_change_set_finalize (GObject *object)
{
  HdChangeSet *self = HD_CHANGE_SET (object);

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->media, g_hash_table_unref);

  G_OBJECT_CLASS (hd_change_set_parent_class)->finalize (object);
}

static void
hd_change_set_class_init (HdChangeSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hd_change_set_finalize;
}

static void
hd_change_set_init (HdChangeSet *self)
{
  self->changes = g_ptr_array_new_with_free_func (incoming_change_free);
  self->media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, incoming_media_free);
}

/* Writing */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static gboolean
add_media (JsonBuilder  *builder,
           HdStore      *store,
           const char   *sha256,
           GHashTable   *written,
           GError      **error)
{
  g_autoptr(HdMedia) media = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *encoded = NULL;
  gsize length = 0;

  if (g_hash_table_contains (written, sha256))
    return TRUE;

  media = hd_store_load_media (store, sha256, error);
  if (media == NULL)
    return FALSE;

  path = hd_store_get_media_file_path (store, media);
  if (!g_file_get_contents (path, &contents, &length, error))
    {
      g_prefix_error (error, _("A picture of the post cannot be read: "));
      return FALSE;
    }
  if (length > HD_CHANGE_SET_MAX_MEDIA_BYTES)
    {
      g_set_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_INVALID,
                   _("A picture of the post is bigger than 16 MB, too big to carry in a "
                     "change file."));
      return FALSE;
    }

  encoded = g_base64_encode ((const guchar *) contents, length);

  json_builder_begin_object (builder);
  add_string (builder, "sha256", sha256);
  add_string (builder, "mime_type", hd_media_get_mime_type (media));
  add_string (builder, "alt_text", hd_media_get_alt_text (media));
  add_string (builder, "data", encoded);
  json_builder_end_object (builder);

  g_hash_table_add (written, g_strdup (sha256));

  return TRUE;
}

static void
add_post (JsonBuilder           *builder,
          HdPost                *post,
          HdVariant             *variant,
          GPtrArray             *media_needed)
{
  const char * const *labels = hd_post_get_labels (post);
  const char * const *media = variant != NULL ? hd_variant_get_media (variant) : NULL;

  json_builder_set_member_name (builder, "post");
  json_builder_begin_object (builder);
  add_string (builder, "id", hd_post_get_id (post));
  add_string (builder, "text", hd_post_get_text (post));
  if (hd_post_get_scheduled_at (post) != 0)
    {
      json_builder_set_member_name (builder, "scheduled_at");
      json_builder_add_int_value (builder, hd_post_get_scheduled_at (post));
    }
  add_string (builder, "time_zone", hd_post_get_time_zone (post));
  add_string (builder, "notes", hd_post_get_notes (post));

  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    json_builder_add_string_value (builder, labels[i]);
  json_builder_end_array (builder);

  if (variant != NULL)
    {
      json_builder_set_member_name (builder, "variant");
      json_builder_begin_object (builder);
      add_string (builder, "text", hd_variant_get_text (variant));
      add_string (builder, "first_comment", hd_variant_get_first_comment (variant));
      json_builder_set_member_name (builder, "media");
      json_builder_begin_array (builder);
      for (guint i = 0; media != NULL && media[i] != NULL; i++)
        {
          json_builder_add_string_value (builder, media[i]);
          g_ptr_array_add (media_needed, g_strdup (media[i]));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
}

static const char *
kind_to_nick (HdChangeKind kind)
{
  switch (kind)
    {
    case HD_CHANGE_KIND_ADDED:
      return "added";
    case HD_CHANGE_KIND_CHANGED:
      return "changed";
    case HD_CHANGE_KIND_REMOVED:
    default:
      return "removed";
    }
}

static gboolean
add_change (JsonBuilder            *builder,
            HdStore                *store,
            const HdChangeSummary  *summary,
            GPtrArray              *media_needed,
            GError                **error)
{
  g_autoptr(HdChange) change = NULL;
  g_autoptr(HdPost) post = NULL;
  HdVariant *variant = NULL;

  change = hd_store_load_change (store, summary->change_id, error);
  if (change == NULL)
    return FALSE;

  if (summary->post_id != NULL)
    post = hd_store_load_post (store, summary->post_id, NULL);
  if (post != NULL)
    variant = hd_post_find_variant (post, summary->channel_id);

  json_builder_begin_object (builder);
  add_string (builder, "id", summary->change_id);
  add_string (builder, "operation", summary->operation);
  add_string (builder, "kind", kind_to_nick (summary->kind));

  json_builder_set_member_name (builder, "channel");
  json_builder_begin_object (builder);
  add_string (builder, "kind", hd_enum_to_nick (HD_TYPE_CHANNEL_KIND, summary->channel_kind));
  add_string (builder, "handle", summary->channel_handle);
  add_string (builder, "name", summary->channel_name);
  json_builder_end_object (builder);

  add_string (builder, "remote_id",
              change->remote_id != NULL ? change->remote_id
              : variant != NULL ? hd_variant_get_remote_id (variant) : NULL);

  if (post != NULL)
    add_post (builder, post, variant, media_needed);
  else
    {
      /* The post is gone here; the removal still says which one it was. */
      json_builder_set_member_name (builder, "post");
      json_builder_begin_object (builder);
      add_string (builder, "id", summary->post_id);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  return TRUE;
}

/**
 * hd_change_set_export:
 * @change_ids: (nullable) (array zero-terminated=1): the changes, or %NULL for all
 *
 * Returns: (transfer full): the document, UTF-8 JSON
 */
GBytes *
hd_change_set_export (HdStore            *store,
                      const char * const *change_ids,
                      guint              *n_changes,
                      GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) media_needed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  gsize length;
  guint count = 0;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  summaries = hd_store_describe_changes (store, error);
  if (summaries == NULL)
    return NULL;

  json_builder_begin_object (builder);
  add_string (builder, "format", HD_CHANGE_SET_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, HD_CHANGE_SET_VERSION);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_int_value (builder, g_date_time_to_unix (now));

  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summaries->len; i++)
    {
      const HdChangeSummary *summary = g_ptr_array_index (summaries, i);

      if (change_ids != NULL && !g_strv_contains (change_ids, summary->change_id))
        continue;
      /* A change file carries posts; campaigns travel as the CSV of `herald ads export`. */
      if (g_strcmp0 (summary->subject_kind, "post") != 0)
        continue;

      if (!add_change (builder, store, summary, media_needed, error))
        return NULL;
      count++;
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "media");
  json_builder_begin_array (builder);
  for (guint i = 0; i < media_needed->len; i++)
    {
      if (!add_media (builder, store, g_ptr_array_index (media_needed, i), written, error))
        return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  if (n_changes != NULL)
    *n_changes = count;

  return g_bytes_new_take (g_steal_pointer (&text), length);
}

gboolean
hd_change_set_export_to_file (HdStore            *store,
                              const char * const *change_ids,
                              GFile              *file,
                              guint              *n_changes,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = hd_change_set_export (store, change_ids, n_changes, error);
  if (bytes == NULL)
    return FALSE;

  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, error))
    {
      g_prefix_error (error, _("The change file could not be written: "));
      return FALSE;
    }

  return TRUE;
}

/* Reading */

static gboolean
refuse (GError     **error,
        const char  *detail)
{
  g_set_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_INVALID,
               /* TRANSLATORS: %s says what is wrong with the file */
               _("This is not a change file Herald can read: %s Nothing was imported."), detail);
  return FALSE;
}

/* json-glib parses by recursion: a file nested deeper than any Herald writes is refused
 * before it can exhaust the stack. */
static gboolean
check_depth (const char *data,
             gsize       length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }

  return TRUE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  return object != NULL && json_object_has_member (object, name)
         ? json_object_get_member (object, name) : NULL;
}

/* A string member, or NULL when absent or null. FALSE when it holds anything else, is not
 * UTF-8 or is longer than Herald writes. */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             gboolean     required,
             char       **value)
{
  JsonNode *node = get_member (object, name);
  const char *text;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (node);
  if (text == NULL || strlen (text) > HD_CHANGE_SET_MAX_TEXT || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  if (required && *text == '\0')
    return FALSE;

  *value = g_strdup (text);

  return TRUE;
}

static gboolean
read_int (JsonObject *object,
          const char *name,
          gint64     *value)
{
  JsonNode *node = get_member (object, name);

  *value = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);

  return TRUE;
}

static JsonObject *
read_object (JsonObject *object,
             const char *name)
{
  JsonNode *node = get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* An array of strings, each passing @check when given. */
static gboolean
read_strings (JsonObject   *object,
              const char   *name,
              guint         max,
              gboolean    (*check) (const char *),
              char       ***value)
{
  JsonNode *node = get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *value = g_strv_builder_end (builder);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  if (json_array_get_length (array) > max)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
      text = json_node_get_string (element);
      if (text == NULL || *text == '\0' || strlen (text) > 1024 ||
          !g_utf8_validate (text, -1, NULL) || (check != NULL && !check (text)))
        return FALSE;
      g_strv_builder_add (builder, text);
    }

  *value = g_strv_builder_end (builder);

  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
        return FALSE;
    }

  return TRUE;
}

/* Ids name rows of the database: short, printable, no spaces. */
static gboolean
is_id (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return FALSE;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isgraph (*c))
        return FALSE;
    }

  return TRUE;
}

static char *
make_excerpt (const char *text)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");

  for (char *c = flat; *c != '\0'; c++)
    {
      if (*c == '\n' || *c == '\r' || *c == '\t')
        *c = ' ';
    }
  g_strstrip (flat);

  if (g_utf8_strlen (flat, -1) > EXCERPT_CHARS)
    {
      *g_utf8_offset_to_pointer (flat, EXCERPT_CHARS - 1) = '\0';
      return g_strconcat (g_strchomp (flat), "…", NULL);
    }

  return g_steal_pointer (&flat);
}

static gboolean
parse_post (JsonObject        *object,
            HdIncomingChange  *change)
{
  JsonObject *post = read_object (object, "post");
  JsonObject *variant;
  g_autoptr(GTimeZone) zone = NULL;

  if (post == NULL || !read_string (post, "id", TRUE, &change->post_id) ||
      !read_string (post, "text", FALSE, &change->text) ||
      !read_int (post, "scheduled_at", &change->scheduled_at) ||
      !read_string (post, "time_zone", FALSE, &change->time_zone) ||
      !read_string (post, "notes", FALSE, &change->notes) ||
      !read_strings (post, "labels", MAX_LABELS, NULL, &change->labels))
    return FALSE;

  if (!is_id (change->post_id))
    return FALSE;
  if (change->scheduled_at < 0 || change->scheduled_at > G_GINT64_CONSTANT (253402300799))
    return FALSE;
  if (change->time_zone != NULL)
    {
      zone = g_time_zone_new_identifier (change->time_zone);
      if (zone == NULL)
        return FALSE;
    }

  variant = read_object (post, "variant");
  if (variant != NULL &&
      (!read_string (variant, "text", FALSE, &change->variant_text) ||
       !read_string (variant, "first_comment", FALSE, &change->first_comment) ||
       !read_strings (variant, "media", MAX_MEDIA, is_sha256, &change->media)))
    return FALSE;
  if (change->media == NULL)
    change->media = g_new0 (char *, 1);

  /* Adding or changing a post needs its words. */
  if (change->kind != HD_CHANGE_KIND_REMOVED && change->text == NULL)
    return FALSE;

  return TRUE;
}

static gboolean
parse_change (JsonNode          *node,
              HdIncomingChange **out)
{
  g_autoptr(GPtrArray) holder = g_ptr_array_new_with_free_func (incoming_change_free);
  HdIncomingChange *change = g_new0 (HdIncomingChange, 1);
  g_autofree char *kind = NULL;
  g_autofree char *channel_kind = NULL;
  JsonObject *object;
  JsonObject *channel;
  int value;

  g_ptr_array_add (holder, change);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);

  if (!read_string (object, "id", TRUE, &change->id) ||
      !read_string (object, "operation", TRUE, &change->operation) ||
      !read_string (object, "kind", TRUE, &kind) ||
      !read_string (object, "remote_id", FALSE, &change->remote_id))
    return FALSE;

  if (!is_id (change->id))
    return FALSE;

  if (g_str_equal (kind, "added"))
    change->kind = HD_CHANGE_KIND_ADDED;
  else if (g_str_equal (kind, "changed"))
    change->kind = HD_CHANGE_KIND_CHANGED;
  else if (g_str_equal (kind, "removed"))
    change->kind = HD_CHANGE_KIND_REMOVED;
  else
    return FALSE;

  if (!g_str_equal (change->operation, HD_OUTBOX_OPERATION_PUBLISH) &&
      !g_str_equal (change->operation, HD_OUTBOX_OPERATION_UPDATE) &&
      !g_str_equal (change->operation, HD_OUTBOX_OPERATION_DELETE))
    return FALSE;
  if ((change->kind == HD_CHANGE_KIND_REMOVED) !=
      g_str_equal (change->operation, HD_OUTBOX_OPERATION_DELETE))
    return FALSE;

  channel = read_object (object, "channel");
  if (channel == NULL || !read_string (channel, "kind", TRUE, &channel_kind) ||
      !read_string (channel, "handle", FALSE, &change->channel_handle) ||
      !read_string (channel, "name", FALSE, &change->channel_name) ||
      !hd_enum_from_nick (HD_TYPE_CHANNEL_KIND, channel_kind, &value))
    return FALSE;
  change->channel_kind = value;

  if (!parse_post (object, change))
    return FALSE;

  change->excerpt = make_excerpt (change->variant_text != NULL && *change->variant_text != '\0'
                                  ? change->variant_text : change->text);

  *out = g_ptr_array_steal_index (holder, 0);

  return TRUE;
}

static gboolean
parse_media (HdChangeSet  *self,
             JsonNode     *node,
             GError      **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *alt_text = NULL;
  g_autofree char *encoded = NULL;
  g_autofree guchar *data = NULL;
  g_autofree char *actual = NULL;
  IncomingMedia *media;
  JsonObject *object;
  gsize length = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, _("a picture is described wrongly."));
  object = json_node_get_object (node);

  if (!read_string (object, "sha256", TRUE, &sha256) || !is_sha256 (sha256) ||
      !read_string (object, "mime_type", FALSE, &mime_type) ||
      !read_string (object, "alt_text", FALSE, &alt_text))
    return refuse (error, _("a picture is described wrongly."));

  /* The embedded data is far longer than any text, so it is read without that limit. */
  {
    JsonNode *data_node = get_member (object, "data");

    if (data_node == NULL || !JSON_NODE_HOLDS_VALUE (data_node) ||
        json_node_get_value_type (data_node) != G_TYPE_STRING)
      return refuse (error, _("a picture is described wrongly."));
    encoded = g_strdup (json_node_get_string (data_node));
  }

  if (strlen (encoded) / 4 * 3 > HD_CHANGE_SET_MAX_MEDIA_BYTES + 3)
    return refuse (error, _("a picture in it is bigger than 16 MB."));

  for (const char *c = encoded; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '+' && *c != '/' && *c != '=')
        return refuse (error, _("a picture in it is damaged."));
    }

  data = g_base64_decode (encoded, &length);
  if (length == 0 || length > HD_CHANGE_SET_MAX_MEDIA_BYTES)
    return refuse (error, _("a picture in it is damaged."));

  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
  if (!g_str_equal (actual, sha256))
    return refuse (error, _("a picture in it does not match its checksum, so the file was "
                            "damaged or altered."));

  media = g_new0 (IncomingMedia, 1);
  media->mime_type = g_steal_pointer (&mime_type);
  media->alt_text = g_steal_pointer (&alt_text);
  media->data = g_bytes_new_take (g_steal_pointer (&data), length);
  g_hash_table_replace (self->media, g_steal_pointer (&sha256), media);

  return TRUE;
}

/**
 * hd_change_set_parse:
 *
 * Returns: (transfer full): the changes in @bytes, or %NULL with a sentence
 */
HdChangeSet *
hd_change_set_parse (GBytes  *bytes,
                     GError **error)
{
  g_autoptr(HdChangeSet) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *format = NULL;
  JsonObject *root;
  JsonNode *node;
  const char *data;
  gsize length;
  gint64 version;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      refuse (error, _("the file is empty."));
      return NULL;
    }
  if (length > HD_CHANGE_SET_MAX_BYTES)
    {
      refuse (error, _("the file is bigger than any change file Herald writes."));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL) || !check_depth (data, length))
    {
      refuse (error, _("the file is not a JSON document."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      refuse (error, _("the file is not a JSON document."));
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      refuse (error, _("it does not say what it is."));
      return NULL;
    }
  root = json_node_get_object (node);

  if (!read_string (root, "format", TRUE, &format) || !g_str_equal (format, HD_CHANGE_SET_FORMAT))
    {
      refuse (error, _("it does not say it holds Herald changes."));
      return NULL;
    }
  if (!read_int (root, "version", &version) || version < 1)
    {
      refuse (error, _("it has no valid version."));
      return NULL;
    }
  if (version > HD_CHANGE_SET_VERSION)
    {
      g_set_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_TOO_NEW,
                   _("This change file was written by a newer Herald (format version %"
                     G_GINT64_FORMAT "). Update Herald to import it; nothing was imported."),
                   version);
      return NULL;
    }

  self = g_object_new (HD_TYPE_CHANGE_SET, NULL);

  node = get_member (root, "media");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          refuse (error, _("its pictures are described wrongly."));
          return NULL;
        }
      array = json_node_get_array (node);
      if (json_array_get_length (array) > HD_CHANGE_SET_MAX_CHANGES)
        {
          refuse (error, _("it holds more pictures than Herald accepts in one file."));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (!parse_media (self, json_array_get_element (array, i), error))
            return NULL;
        }
    }

  node = get_member (root, "changes");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      refuse (error, _("it has no list of changes."));
      return NULL;
    }
  {
    JsonArray *array = json_node_get_array (node);

    if (json_array_get_length (array) > HD_CHANGE_SET_MAX_CHANGES)
      {
        refuse (error, _("it holds more changes than Herald accepts in one file."));
        return NULL;
      }

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        HdIncomingChange *change = NULL;

        if (!parse_change (json_array_get_element (array, i), &change))
          {
            g_autofree char *detail =
              /* TRANSLATORS: %u is the position of a change in the file, from 1 */
              g_strdup_printf (_("change %u is incomplete or damaged."), i + 1);

            refuse (error, detail);
            return NULL;
          }
        g_ptr_array_add (self->changes, change);

        for (guint j = 0; change->media[j] != NULL; j++)
          {
            if (!g_hash_table_contains (self->media, change->media[j]))
              {
                g_autofree char *detail =
                  /* TRANSLATORS: %u is the position of a change in the file, from 1 */
                  g_strdup_printf (_("a picture of change %u is missing."), i + 1);

                refuse (error, detail);
                return NULL;
              }
          }

        if (hd_change_set_find_change (self, change->id) != (int) i)
          {
            refuse (error, _("it holds the same change twice."));
            return NULL;
          }
      }
  }

  return g_steal_pointer (&self);
}

/**
 * hd_change_set_load:
 *
 * Returns: (transfer full): the changes in @file, or %NULL with a sentence
 */
HdChangeSet *
hd_change_set_load (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Asked first, so a huge file is refused before it is read into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    {
      g_prefix_error (error, _("The change file could not be read: "));
      return NULL;
    }
  if (g_file_info_get_size (info) > HD_CHANGE_SET_MAX_BYTES)
    {
      refuse (error, _("the file is bigger than any change file Herald writes."));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    {
      g_prefix_error (error, _("The change file could not be read: "));
      return NULL;
    }

  return hd_change_set_parse (bytes, error);
}

guint
hd_change_set_get_n_changes (HdChangeSet *self)
{
  g_return_val_if_fail (HD_IS_CHANGE_SET (self), 0);

  return self->changes->len;
}

const HdIncomingChange *
hd_change_set_get_change (HdChangeSet *self,
                          guint        index)
{
  g_return_val_if_fail (HD_IS_CHANGE_SET (self), NULL);
  g_return_val_if_fail (index < self->changes->len, NULL);

  return g_ptr_array_index (self->changes, index);
}

int
hd_change_set_find_change (HdChangeSet *self,
                           const char  *id)
{
  g_return_val_if_fail (HD_IS_CHANGE_SET (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < self->changes->len; i++)
    {
      const HdIncomingChange *change = g_ptr_array_index (self->changes, i);

      if (g_str_equal (change->id, id))
        return (int) i;
    }

  return -1;
}

/* Applying */

static gboolean
same_handle (const char *a,
             const char *b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  /* Handles are written with or without the leading @, in any case. */
  if (*a == '@')
    a++;
  if (*b == '@')
    b++;
  folded_a = g_utf8_casefold (a, -1);
  folded_b = g_utf8_casefold (b, -1);

  return g_str_equal (folded_a, folded_b);
}

/**
 * hd_change_set_find_channel:
 *
 * Returns: (transfer full) (nullable): the channel of this computer the change goes to
 */
HdChannel *
hd_change_set_find_channel (HdChangeSet *self,
                            guint        index,
                            HdStore     *store)
{
  const HdIncomingChange *change;
  g_autoptr(GListModel) channels = NULL;

  g_return_val_if_fail (HD_IS_CHANGE_SET (self), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (index < self->changes->len, NULL);

  change = g_ptr_array_index (self->changes, index);
  if (change->channel_handle == NULL)
    return NULL;

  channels = hd_store_list_channels (store, NULL);
  if (channels == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      if (hd_channel_get_kind (channel) == change->channel_kind &&
          same_handle (hd_channel_get_handle (channel), change->channel_handle))
        return g_steal_pointer (&channel);
    }

  return NULL;
}

static gboolean
import_picture (HdChangeSet  *self,
                HdStore      *store,
                const char   *sha256,
                GError      **error)
{
  IncomingMedia *incoming = g_hash_table_lookup (self->media, sha256);
  g_autoptr(HdMedia) existing = NULL;
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean written;
  int fd;

  g_assert (incoming != NULL);

  existing = hd_store_load_media (store, sha256, NULL);
  if (existing != NULL)
    return TRUE;

  fd = g_file_open_tmp ("herald-change-XXXXXX", &path, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  written = g_file_set_contents (path, g_bytes_get_data (incoming->data, NULL),
                                 g_bytes_get_size (incoming->data), error);
  if (written)
    {
      file = g_file_new_for_path (path);
      media = hd_store_import_media (store, file, NULL, error);
    }
  g_unlink (path);

  if (media == NULL)
    return FALSE;

  if (!g_str_equal (hd_media_get_sha256 (media), sha256))
    {
      g_set_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_INVALID,
                   _("A picture in the change file is not what it claims to be."));
      return FALSE;
    }

  hd_media_set_alt_text (media, incoming->alt_text);

  return hd_store_save_media (store, media, error);
}

static gboolean
accept_publish (HdChangeSet             *self,
                const HdIncomingChange  *change,
                HdChannel               *channel,
                HdStore                 *store,
                GError                 **error)
{
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdVariant) new_variant = NULL;
  HdVariant *variant;
  HdPostState state;

  for (guint i = 0; change->media[i] != NULL; i++)
    {
      if (!import_picture (self, store, change->media[i], error))
        return FALSE;
    }

  post = hd_store_load_post (store, change->post_id, NULL);
  if (post == NULL)
    {
      post = hd_post_new ();
      hd_post_set_id (post, change->post_id);
    }

  state = hd_post_get_state (post);
  if (state == HD_POST_STATE_PUBLISHING)
    {
      g_set_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_NOT_APPLICABLE,
                   _("This post is being sent from this computer right now. Try again once it "
                     "has gone."));
      return FALSE;
    }
  /* A file must not rewrite what this computer already published. */
  if (state == HD_POST_STATE_PUBLISHED)
    {
      g_set_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_NOT_APPLICABLE,
                   _("This post has already gone out from this computer. Edit it here "
                     "instead."));
      return FALSE;
    }

  hd_post_set_text (post, change->text);
  hd_post_set_notes (post, change->notes);
  hd_post_set_labels (post, (const char * const *) change->labels);
  if (change->scheduled_at != 0)
    {
      hd_post_set_scheduled_at (post, change->scheduled_at);
      hd_post_set_time_zone (post, change->time_zone != NULL ? change->time_zone : "UTC");
    }
  else if (hd_post_get_scheduled_at (post) == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      /* Without an instant the change means "as soon as it can go". */
      hd_post_set_scheduled_at (post, g_date_time_to_unix (now));
      hd_post_set_time_zone (post, change->time_zone != NULL ? change->time_zone : "UTC");
    }

  variant = hd_post_find_variant (post, hd_channel_get_id (channel));
  if (variant == NULL)
    {
      new_variant = hd_variant_new ();
      hd_variant_set_post_id (new_variant, hd_post_get_id (post));
      hd_variant_set_channel_id (new_variant, hd_channel_get_id (channel));
      hd_post_add_variant (post, new_variant);
      variant = new_variant;
    }
  hd_variant_set_text (variant, change->variant_text);
  hd_variant_set_first_comment (variant, change->first_comment);
  hd_variant_set_media (variant, (const char * const *) change->media);
  if (hd_variant_get_remote_id (variant) == NULL)
    hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);

  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);

  return hd_store_save_post (store, post, error);
}

static gboolean
accept_removal (const HdIncomingChange  *change,
                HdChannel               *channel,
                HdStore                 *store,
                GError                 **error)
{
  g_autoptr(HdPost) post = NULL;
  HdVariant *variant = NULL;

  post = hd_store_load_post (store, change->post_id, NULL);
  if (post != NULL)
    variant = hd_post_find_variant (post, hd_channel_get_id (channel));

  if (variant == NULL || hd_variant_get_remote_id (variant) == NULL ||
      (change->remote_id != NULL &&
       g_strcmp0 (hd_variant_get_remote_id (variant), change->remote_id) != 0))
    {
      g_set_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_NOT_APPLICABLE,
                   _("This computer does not hold that post on the channel, so there is "
                     "nothing to remove here."));
      return FALSE;
    }

  /* Taking the channel off the post queues the removal, as it does in the composer. */
  hd_post_remove_variant (post, variant);

  return hd_store_save_post (store, post, error);
}

gboolean
hd_change_set_accept (HdChangeSet  *self,
                      guint         index,
                      HdStore      *store,
                      GError      **error)
{
  const HdIncomingChange *change;
  g_autoptr(HdChannel) channel = NULL;

  g_return_val_if_fail (HD_IS_CHANGE_SET (self), FALSE);
  g_return_val_if_fail (HD_IS_STORE (store), FALSE);
  g_return_val_if_fail (index < self->changes->len, FALSE);

  change = g_ptr_array_index (self->changes, index);
  channel = hd_change_set_find_channel (self, index, store);
  if (channel == NULL)
    {
      g_set_error (error, HD_CHANGE_SET_ERROR, HD_CHANGE_SET_ERROR_NOT_APPLICABLE,
                   /* TRANSLATORS: "Mastodon (@shop@example.social) is not connected here." */
                   _("%s (%s) is not connected here. Connect it first to accept this change."),
                   hd_channel_kind_to_label (change->channel_kind),
                   change->channel_handle != NULL ? change->channel_handle : "");
      return FALSE;
    }

  /* One transaction: a change that cannot be applied leaves the store as it was. */
  if (!hd_store_begin (store, error))
    return FALSE;

  if (change->kind == HD_CHANGE_KIND_REMOVED
      ? !accept_removal (change, channel, store, error)
      : !accept_publish (self, change, channel, store, error))
    {
      hd_store_rollback (store);
      return FALSE;
    }

  return hd_store_commit (store, error);
}
