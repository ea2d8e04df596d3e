/* hd-media-tile.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "composer/hd-media-tile.h"

struct _HdMediaTile
{
  AdwBin parent_instance;

  /* template widgets */
  GtkPicture *picture;
  GtkEntry   *alt_entry;
  GtkButton  *remove_button;

  /* owned references */
  HdMedia    *media;
};

G_DEFINE_FINAL_TYPE (HdMediaTile, hd_media_tile, ADW_TYPE_BIN)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_alt_entry_changed (HdMediaTile *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->alt_entry));

  if (self->media == NULL || g_strcmp0 (hd_media_get_alt_text (self->media), text) == 0)
    return;

  hd_media_set_alt_text (self->media, text);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked (HdMediaTile *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

HdMedia *
hd_media_tile_get_media (HdMediaTile *self)
{
  g_return_val_if_fail (HD_IS_MEDIA_TILE (self), NULL);

  return self->media;
}

GtkEditable *
hd_media_tile_get_alt_entry (HdMediaTile *self)
{
  g_return_val_if_fail (HD_IS_MEDIA_TILE (self), NULL);

  return GTK_EDITABLE (self->alt_entry);
}

GtkWidget *
hd_media_tile_new (HdMedia      *media,
                   GdkPaintable *thumbnail,
                   guint         number)
{
  HdMediaTile *self;
  g_autofree char *alt_name = NULL;
  g_autofree char *remove_name = NULL;

  g_return_val_if_fail (HD_IS_MEDIA (media), NULL);

  self = g_object_new (HD_TYPE_MEDIA_TILE, NULL);
  gtk_picture_set_paintable (self->picture, thumbnail);
  gtk_editable_set_text (GTK_EDITABLE (self->alt_entry), hd_media_get_alt_text (media) ?: "");
  self->media = g_object_ref (media);

  alt_name = g_strdup_printf (_("Alt text for image %u"), number);
  remove_name = g_strdup_printf (_("Remove image %u"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alt_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, alt_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, hd_media_get_alt_text (media)
                                  ?: _("Image without alt text"), -1);

  return GTK_WIDGET (self);
}

static void
hd_media_tile_dispose (GObject *object)
{
  HdMediaTile *self = HD_MEDIA_TILE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_MEDIA_TILE);
  g_clear_object (&self->media);

  G_OBJECT_CLASS (hd_media_tile_parent_class)->dispose (object);
}

static void
hd_media_tile_class_init (HdMediaTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_media_tile_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/composer/hd-media-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, HdMediaTile, picture);
  gtk_widget_class_bind_template_child (widget_class, HdMediaTile, alt_entry);
  gtk_widget_class_bind_template_child (widget_class, HdMediaTile, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_alt_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
hd_media_tile_init (HdMediaTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
