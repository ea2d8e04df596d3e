/* hd-snippet.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-snippet.h"

struct _HdSnippet
{
  GObject parent_instance;

  char *id;
  HdSnippetKind kind;
  char *name;
  char *text;
  int position;
};

G_DEFINE_FINAL_TYPE (HdSnippet, hd_snippet, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_TEXT,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_snippet_finalize (GObject *object)
{
  HdSnippet *self = (HdSnippet *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (hd_snippet_parent_class)->finalize (object);
}

static void
hd_snippet_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HdSnippet *self = HD_SNIPPET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_snippet_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HdSnippet *self = HD_SNIPPET (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_snippet_set_id (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      hd_snippet_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_NAME:
      hd_snippet_set_name (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      hd_snippet_set_text (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      hd_snippet_set_position (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_snippet_class_init (HdSnippetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_snippet_finalize;
  object_class->get_property = hd_snippet_get_property;
  object_class->set_property = hd_snippet_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       HD_TYPE_SNIPPET_KIND,
                       HD_SNIPPET_KIND_HASHTAGS,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
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

  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_snippet_init (HdSnippet *self)
{
  self->id = g_uuid_string_random ();
}

HdSnippet *
hd_snippet_new (void)
{
  return g_object_new (HD_TYPE_SNIPPET, NULL);
}

const char *
hd_snippet_get_id (HdSnippet *self)
{
  g_return_val_if_fail (HD_IS_SNIPPET (self), NULL);

  return self->id;
}

void
hd_snippet_set_id (HdSnippet  *self,
                   const char *id)
{
  g_return_if_fail (HD_IS_SNIPPET (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

HdSnippetKind
hd_snippet_get_kind (HdSnippet *self)
{
  g_return_val_if_fail (HD_IS_SNIPPET (self), HD_SNIPPET_KIND_HASHTAGS);

  return self->kind;
}

void
hd_snippet_set_kind (HdSnippet     *self,
                     HdSnippetKind  kind)
{
  g_return_if_fail (HD_IS_SNIPPET (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
hd_snippet_get_name (HdSnippet *self)
{
  g_return_val_if_fail (HD_IS_SNIPPET (self), NULL);

  return self->name;
}

void
hd_snippet_set_name (HdSnippet  *self,
                     const char *name)
{
  g_return_if_fail (HD_IS_SNIPPET (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
hd_snippet_get_text (HdSnippet *self)
{
  g_return_val_if_fail (HD_IS_SNIPPET (self), NULL);

  return self->text;
}

void
hd_snippet_set_text (HdSnippet  *self,
                     const char *text)
{
  g_return_if_fail (HD_IS_SNIPPET (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

int
hd_snippet_get_position (HdSnippet *self)
{
  g_return_val_if_fail (HD_IS_SNIPPET (self), 0);

  return self->position;
}

void
hd_snippet_set_position (HdSnippet *self,
                         int        position)
{
  g_return_if_fail (HD_IS_SNIPPET (self));
  g_return_if_fail (position >= 0);

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
