/* hd-post-row.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-core-enums.h"
#include "hd-channel.h"
#include "hd-post.h"
#include "hd-store-channels.h"
#include "hd-variant.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

struct _HdPostRow
{
  AdwBin parent_instance;

  /* template widgets */
  GtkLabel  *time_label;
  GtkLabel  *text_label;
  GtkWidget *meta_box;
  GtkBox    *channels_box;
  GtkLabel  *state_pill;

  gboolean   show_state;
};

G_DEFINE_FINAL_TYPE (HdPostRow, hd_post_row, ADW_TYPE_BIN)

GtkWidget *
hd_post_row_new (void)
{
  return g_object_new (HD_TYPE_POST_ROW, NULL);
}

GHashTable *
hd_channel_map_new (HdStore *store)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return map;

  channels = hd_store_list_channels (store, &error);
  if (channels == NULL)
    {
      g_warning ("Could not list channels: %s", error->message);
      return map;
    }

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      HdChannel *channel = g_list_model_get_item (channels, i);

      /* The key lives inside the value, which the table keeps alive. */
      g_hash_table_insert (map, (gpointer) hd_channel_get_id (channel), channel);
    }

  return map;
}

void
hd_pill_set_state (GtkLabel   *pill,
                   const char *css_state,
                   const char *text)
{
  const char *old = g_object_get_data (G_OBJECT (pill), "hd-pill-state");

  if (old != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (pill), old);
  gtk_widget_add_css_class (GTK_WIDGET (pill), css_state);
  g_object_set_data_full (G_OBJECT (pill), "hd-pill-state", g_strdup (css_state), g_free);
  gtk_label_set_label (pill, text);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

void
hd_post_row_set_post (HdPostRow  *self,
                      HdPost     *post,
                      GTimeZone  *zone,
                      GHashTable *channels)
{
  GListModel *variants;
  g_autofree char *words = NULL;
  g_autofree char *time = NULL;
  HdPostState state;

  g_return_if_fail (HD_IS_POST_ROW (self));
  g_return_if_fail (HD_IS_POST (post));

  if (zone != NULL && hd_post_get_scheduled_at (post) != 0)
    time = hd_format_time (hd_post_get_scheduled_at (post), zone);
  gtk_label_set_label (self->time_label, time);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), time != NULL);

  words = hd_format_first_words (hd_post_get_text (post), 180);
  if (*words == '\0')
    gtk_label_set_label (self->text_label, _("No text yet"));
  else
    gtk_label_set_label (self->text_label, words);

  state = hd_post_get_state (post);
  hd_pill_set_state (self->state_pill,
                     hd_enum_to_nick (HD_TYPE_POST_STATE, state),
                     hd_post_state_to_label (state));

  clear_box (self->channels_box);
  variants = hd_post_get_variants (post);
  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (variants, i);
      HdChannel *channel = NULL;
      GtkWidget *image;

      if (channels != NULL)
        channel = g_hash_table_lookup (channels, hd_variant_get_channel_id (variant));
      if (channel == NULL)
        continue;

      image = gtk_image_new_from_icon_name (
        hd_channel_kind_icon_name (hd_channel_get_kind (channel)));
      gtk_widget_set_tooltip_text (image, hd_channel_get_display_name (channel));
      gtk_widget_add_css_class (image, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      hd_channel_get_display_name (channel),
                                      -1);
      gtk_box_append (self->channels_box, image);
    }

  gtk_widget_set_visible (self->meta_box,
                          self->show_state ||
                          gtk_widget_get_first_child (GTK_WIDGET (self->channels_box)) != NULL);
}

static void
hd_post_row_class_init (HdPostRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/widgets/hd-post-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPostRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, HdPostRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, HdPostRow, meta_box);
  gtk_widget_class_bind_template_child (widget_class, HdPostRow, channels_box);
  gtk_widget_class_bind_template_child (widget_class, HdPostRow, state_pill);
}

static void
hd_post_row_init (HdPostRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->show_state = TRUE;
}

void
hd_post_row_set_show_state (HdPostRow *self,
                            gboolean   show_state)
{
  g_return_if_fail (HD_IS_POST_ROW (self));

  self->show_state = !!show_state;
  gtk_widget_set_visible (GTK_WIDGET (self->state_pill), self->show_state);
}
