/* hd-post.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-variant.h"
#include "hd-post.h"

struct _HdPost
{
  GObject parent_instance;

  char *id;
  char *text;
  HdPostState state;
  gint64 scheduled_at;
  char *time_zone;
  char *campaign_id;
  char *notes;
  gint64 created_at;
  gint64 updated_at;
  gint64 published_at;
  char **labels;

  /* owned references */
  GListStore *variants;
};

G_DEFINE_FINAL_TYPE (HdPost, hd_post, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_STATE,
  PROP_SCHEDULED_AT,
  PROP_TIME_ZONE,
  PROP_CAMPAIGN_ID,
  PROP_NOTES,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_PUBLISHED_AT,
  PROP_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* NULL and an empty list both mean "none". */
static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal (a, b);
}

static void
hd_post_finalize (GObject *object)
{
  HdPost *self = (HdPost *)object;

  g_clear_object (&self->variants);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->campaign_id, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->labels, g_strfreev);

  G_OBJECT_CLASS (hd_post_parent_class)->finalize (object);
}

static void
hd_post_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HdPost *self = HD_POST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_SCHEDULED_AT:
      g_value_set_int64 (value, self->scheduled_at);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    case PROP_CAMPAIGN_ID:
      g_value_set_string (value, self->campaign_id);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_PUBLISHED_AT:
      g_value_set_int64 (value, self->published_at);
      break;

    case PROP_LABELS:
      g_value_set_boxed (value, self->labels);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_post_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  HdPost *self = HD_POST (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_post_set_id (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      hd_post_set_text (self, g_value_get_string (value));
      break;

    case PROP_STATE:
      hd_post_set_state (self, g_value_get_enum (value));
      break;

    case PROP_SCHEDULED_AT:
      hd_post_set_scheduled_at (self, g_value_get_int64 (value));
      break;

    case PROP_TIME_ZONE:
      hd_post_set_time_zone (self, g_value_get_string (value));
      break;

    case PROP_CAMPAIGN_ID:
      hd_post_set_campaign_id (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      hd_post_set_notes (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      hd_post_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      hd_post_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_PUBLISHED_AT:
      hd_post_set_published_at (self, g_value_get_int64 (value));
      break;

    case PROP_LABELS:
      hd_post_set_labels (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_post_class_init (HdPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_post_finalize;
  object_class->get_property = hd_post_get_property;
  object_class->set_property = hd_post_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HD_TYPE_POST_STATE,
                       HD_POST_STATE_DRAFT,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SCHEDULED_AT] =
    g_param_spec_int64 ("scheduled-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_string ("campaign-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PUBLISHED_AT] =
    g_param_spec_int64 ("published-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_LABELS] =
    g_param_spec_boxed ("labels", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_post_init (HdPost *self)
{
  self->state = HD_POST_STATE_DRAFT;
  self->id = g_uuid_string_random ();
  self->variants = g_list_store_new (HD_TYPE_VARIANT);
}

HdPost *
hd_post_new (void)
{
  return g_object_new (HD_TYPE_POST, NULL);
}

const char *
hd_post_get_id (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), NULL);

  return self->id;
}

void
hd_post_set_id (HdPost     *self,
                const char *id)
{
  g_return_if_fail (HD_IS_POST (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_post_get_text (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), NULL);

  return self->text;
}

void
hd_post_set_text (HdPost     *self,
                  const char *text)
{
  g_return_if_fail (HD_IS_POST (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

HdPostState
hd_post_get_state (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), 0);

  return self->state;
}

void
hd_post_set_state (HdPost      *self,
                   HdPostState  state)
{
  g_return_if_fail (HD_IS_POST (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gint64
hd_post_get_scheduled_at (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), 0);

  return self->scheduled_at;
}

void
hd_post_set_scheduled_at (HdPost *self,
                          gint64  scheduled_at)
{
  g_return_if_fail (HD_IS_POST (self));

  if (self->scheduled_at == scheduled_at)
    return;

  self->scheduled_at = scheduled_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULED_AT]);
}

const char *
hd_post_get_time_zone (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), NULL);

  return self->time_zone;
}

void
hd_post_set_time_zone (HdPost     *self,
                       const char *time_zone)
{
  g_return_if_fail (HD_IS_POST (self));

  if (g_strcmp0 (self->time_zone, time_zone) == 0)
    return;

  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

const char *
hd_post_get_campaign_id (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), NULL);

  return self->campaign_id;
}

void
hd_post_set_campaign_id (HdPost     *self,
                         const char *campaign_id)
{
  g_return_if_fail (HD_IS_POST (self));

  if (g_strcmp0 (self->campaign_id, campaign_id) == 0)
    return;

  g_free (self->campaign_id);
  self->campaign_id = g_strdup (campaign_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_ID]);
}

const char *
hd_post_get_notes (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), NULL);

  return self->notes;
}

void
hd_post_set_notes (HdPost     *self,
                   const char *notes)
{
  g_return_if_fail (HD_IS_POST (self));

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

gint64
hd_post_get_created_at (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), 0);

  return self->created_at;
}

void
hd_post_set_created_at (HdPost *self,
                        gint64  created_at)
{
  g_return_if_fail (HD_IS_POST (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
hd_post_get_updated_at (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), 0);

  return self->updated_at;
}

void
hd_post_set_updated_at (HdPost *self,
                        gint64  updated_at)
{
  g_return_if_fail (HD_IS_POST (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
hd_post_get_published_at (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), 0);

  return self->published_at;
}

void
hd_post_set_published_at (HdPost *self,
                          gint64  published_at)
{
  g_return_if_fail (HD_IS_POST (self));

  if (self->published_at == published_at)
    return;

  self->published_at = published_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED_AT]);
}

const char * const *
hd_post_get_labels (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), NULL);

  return (const char * const *)self->labels;
}

void
hd_post_set_labels (HdPost             *self,
                    const char * const *labels)
{
  g_return_if_fail (HD_IS_POST (self));

  if (strv_equal ((const char * const *)self->labels, labels))
    return;

  g_strfreev (self->labels);
  self->labels = g_strdupv ((char **)labels);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABELS]);
}

/**
 * hd_post_get_variants:
 *
 * Returns: (transfer none): the variants, one HdVariant per channel
 */
GListModel *
hd_post_get_variants (HdPost *self)
{
  g_return_val_if_fail (HD_IS_POST (self), NULL);

  return G_LIST_MODEL (self->variants);
}

/* A post has at most one variant per channel, so adding one for a channel that already has
 * one replaces it. */
void
hd_post_add_variant (HdPost    *self,
                     HdVariant *variant)
{
  HdVariant *existing;
  guint position;

  g_return_if_fail (HD_IS_POST (self));
  g_return_if_fail (HD_IS_VARIANT (variant));

  hd_variant_set_post_id (variant, self->id);

  existing = hd_post_find_variant (self, hd_variant_get_channel_id (variant));
  if (existing != NULL && existing != variant &&
      g_list_store_find (self->variants, existing, &position))
    {
      g_list_store_splice (self->variants, position, 1, (gpointer *)&variant, 1);
      return;
    }

  if (existing == NULL)
    g_list_store_append (self->variants, variant);
}

void
hd_post_remove_variant (HdPost    *self,
                        HdVariant *variant)
{
  guint position;

  g_return_if_fail (HD_IS_POST (self));
  g_return_if_fail (HD_IS_VARIANT (variant));

  if (g_list_store_find (self->variants, variant, &position))
    g_list_store_remove (self->variants, position);
}

void
hd_post_clear_variants (HdPost *self)
{
  g_return_if_fail (HD_IS_POST (self));

  g_list_store_remove_all (self->variants);
}

/**
 * hd_post_find_variant:
 *
 * Returns: (transfer none) (nullable): the variant for @channel_id
 */
HdVariant *
hd_post_find_variant (HdPost     *self,
                      const char *channel_id)
{
  guint n;

  g_return_val_if_fail (HD_IS_POST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->variants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (G_LIST_MODEL (self->variants), i);

      if (g_strcmp0 (hd_variant_get_channel_id (variant), channel_id) == 0)
        return variant;
    }

  return NULL;
}

gboolean
hd_post_has_label (HdPost     *self,
                   const char *name)
{
  g_return_val_if_fail (HD_IS_POST (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return self->labels != NULL && g_strv_contains ((const char * const *)self->labels, name);
}
