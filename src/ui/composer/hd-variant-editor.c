/* hd-variant-editor.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-media-library.h"
#include "composer/hd-post-preview.h"
#include "composer/hd-variant-editor.h"

/* Bluesky refuses an image of 1,000,000 bytes or more. */
#define BLUESKY_IMAGE_BYTES 1000000

struct _HdVariantEditor
{
  GtkBox parent_instance;

  /* template widgets */
  GtkLabel       *counter_label;
  GtkButton      *reset_button;
  GtkLabel       *problem_label;
  GtkTextView    *text_view;
  GtkLabel       *follows_label;
  GtkWidget      *media_box;
  GtkFlowBox     *media_checks;
  GtkLabel       *media_problem_label;
  GtkButton      *shrink_button;
  GtkEntry       *first_comment_entry;
  AdwBin         *preview_bin;

  /* owned references */
  HdChannel      *channel;
  char           *master;
  char           *override;
  HdTextCount    *count;
  char           *counter_text;
  GPtrArray      *media;
  GHashTable     *excluded;
  GPtrArray      *media_problems;

  /* source ids */
  guint           preview_source;
  guint           sync_source;

  gboolean        overridden;
  gboolean        syncing;
  gboolean        buffer_stale;
};

G_DEFINE_FINAL_TYPE (HdVariantEditor, hd_variant_editor, GTK_TYPE_BOX)

enum {
  CHANGED,
  COUNT_CHANGED,
  SHRINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
channel_name (HdVariantEditor *self)
{
  const char *name = hd_channel_get_display_name (self->channel);

  if (name == NULL || *name == '\0')
    name = hd_channel_kind_to_label (hd_channel_get_kind (self->channel));

  return name;
}

static gboolean
update_preview_cb (gpointer user_data)
{
  HdVariantEditor *self = user_data;
  g_autoptr(GPtrArray) chosen = hd_variant_editor_dup_chosen_media (self);
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  self->preview_source = 0;

  for (guint i = 0; i < chosen->len; i++)
    {
      GdkPaintable *thumbnail = g_object_get_data (g_ptr_array_index (chosen, i),
                                                   HD_COMPOSER_THUMBNAIL_KEY);

      if (thumbnail != NULL)
        g_ptr_array_add (images, thumbnail);
    }

  hd_post_preview_update (HD_POST_PREVIEW (adw_bin_get_child (self->preview_bin)),
                          hd_variant_editor_get_text (self), images);

  return G_SOURCE_REMOVE;
}

/* The preview is the dearest part to lay out: only the tab on screen draws it, and only once
 * typing pauses for a moment. */
static void
queue_preview (HdVariantEditor *self)
{
  if (self->preview_source != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->preview_source = g_timeout_add (120, update_preview_cb, self);
}

static void
update_count (HdVariantEditor *self)
{
  g_autoptr(HdTextCount) count = NULL;
  g_autofree char *counter = NULL;
  gboolean was_over = self->count != NULL && self->count->over;

  /* The instance's own limit for Mastodon is not known before the channel is connected;
   * hd_text_count_new then uses the platform default. */
  count = hd_text_count_new (hd_channel_get_kind (self->channel),
                             hd_variant_editor_get_text (self), 0);

  if (count->byte_limit > 0 && count->bytes * 10 > count->byte_limit * 9)
    counter = g_strdup_printf (_("%u / %u · %" G_GSIZE_FORMAT " / %" G_GSIZE_FORMAT " bytes"),
                               count->used, count->limit, count->bytes, count->byte_limit);
  else
    counter = g_strdup_printf ("%u / %u", count->used, count->limit);

  if (g_strcmp0 (counter, self->counter_text) != 0)
    {
      g_free (self->counter_text);
      self->counter_text = g_steal_pointer (&counter);
      gtk_label_set_label (self->counter_label, self->counter_text);
    }

  if (count->over != was_over || count->over)
    {
      if (count->over)
        gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");

      gtk_label_set_label (self->problem_label, count->problem != NULL ? count->problem : "");
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), count->over);
    }

  g_clear_pointer (&self->count, hd_text_count_free);
  self->count = g_steal_pointer (&count);

  g_signal_emit (self, signals[COUNT_CHANGED], 0);
}

static void
sync_buffer (HdVariantEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  g_clear_handle_id (&self->sync_source, g_source_remove);
  self->buffer_stale = FALSE;
  self->syncing = TRUE;
  /* Following the main text is not an edit of this channel's: keep it out of its undo. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, self->master != NULL ? self->master : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  self->syncing = FALSE;
}

static gboolean
sync_buffer_cb (gpointer user_data)
{
  HdVariantEditor *self = user_data;

  self->sync_source = 0;
  if (self->buffer_stale && !self->overridden)
    sync_buffer (self);

  return G_SOURCE_REMOVE;
}

/* Whoever is about to type here sees the text as it is now. */
static void
on_text_view_focus_enter (HdVariantEditor *self)
{
  if (self->buffer_stale && !self->overridden)
    sync_buffer (self);
}

static void
set_overridden (HdVariantEditor *self,
                gboolean         overridden)
{
  self->overridden = overridden;
  gtk_widget_set_visible (GTK_WIDGET (self->reset_button), overridden);
  gtk_widget_set_visible (GTK_WIDGET (self->follows_label), !overridden);
}

static void
on_buffer_changed (HdVariantEditor *self,
                   GtkTextBuffer   *buffer)
{
  GtkTextIter start, end;

  if (self->syncing)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (self->override);
  self->override = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (!self->overridden)
    set_overridden (self, TRUE);

  update_count (self);
  queue_preview (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_reset_clicked (HdVariantEditor *self)
{
  hd_variant_editor_reset_to_master (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_first_comment_changed (HdVariantEditor *self)
{
  if (!self->syncing)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_shrink_clicked (HdVariantEditor *self)
{
  g_signal_emit (self, signals[SHRINK], 0);
}

static void
check_media (HdVariantEditor *self)
{
  g_autoptr(GPtrArray) chosen = hd_variant_editor_dup_chosen_media (self);
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean too_big_for_bluesky = FALSE;

  g_ptr_array_set_size (self->media_problems, 0);
  hd_media_check_for_channel (hd_channel_get_kind (self->channel),
                              (HdMedia * const *) chosen->pdata, chosen->len,
                              self->media_problems);

  for (guint i = 0; i < self->media_problems->len; i++)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append (problems, g_ptr_array_index (self->media_problems, i));
    }

  gtk_label_set_label (self->media_problem_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->media_problem_label), problems->len > 0);

  if (hd_channel_get_kind (self->channel) == HD_CHANNEL_KIND_BLUESKY)
    for (guint i = 0; i < chosen->len; i++)
      if (hd_media_get_bytes (g_ptr_array_index (chosen, i)) >= BLUESKY_IMAGE_BYTES)
        too_big_for_bluesky = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->shrink_button), too_big_for_bluesky);

  /* With no picture the section says nothing, unless the channel needs one. */
  gtk_widget_set_visible (self->media_box, self->media->len > 0 || problems->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->media_checks), self->media->len > 0);

  g_signal_emit (self, signals[COUNT_CHANGED], 0);
}

static void
on_media_check_toggled (HdVariantEditor *self,
                        GtkCheckButton  *check)
{
  HdMedia *media = g_object_get_data (G_OBJECT (check), "hd-media");

  hd_variant_editor_set_media_chosen (self, media, gtk_check_button_get_active (check));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_map (HdVariantEditor *self)
{
  if (self->buffer_stale && !self->overridden)
    sync_buffer (self);
  queue_preview (self);
}

HdChannel *
hd_variant_editor_get_channel (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), NULL);

  return self->channel;
}

void
hd_variant_editor_set_master_text (HdVariantEditor *self,
                                   const char      *text)
{
  g_return_if_fail (HD_IS_VARIANT_EDITOR (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->master, text) == 0)
    return;

  g_free (self->master);
  self->master = g_strdup (text);

  if (self->overridden)
    return;

  /* Copying the whole text into this tab's view on every keystroke would cost more than all
   * the counting: the view catches up when typing pauses, or when its tab is shown. The
   * counter never waits. */
  self->buffer_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->sync_source == 0)
    self->sync_source = g_timeout_add (150, sync_buffer_cb, self);

  update_count (self);
  queue_preview (self);
}

const char *
hd_variant_editor_get_text (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), NULL);

  if (self->overridden)
    return self->override != NULL ? self->override : "";

  return self->master != NULL ? self->master : "";
}

gboolean
hd_variant_editor_get_overridden (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), FALSE);

  return self->overridden;
}

void
hd_variant_editor_set_override (HdVariantEditor *self,
                                const char      *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (HD_IS_VARIANT_EDITOR (self));

  if (text == NULL)
    {
      hd_variant_editor_reset_to_master (self);
      return;
    }

  buffer = gtk_text_view_get_buffer (self->text_view);
  g_free (self->override);
  self->override = g_strdup (text);
  set_overridden (self, TRUE);

  self->syncing = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  self->syncing = FALSE;
  self->buffer_stale = FALSE;

  update_count (self);
  queue_preview (self);
}

void
hd_variant_editor_reset_to_master (HdVariantEditor *self)
{
  g_return_if_fail (HD_IS_VARIANT_EDITOR (self));

  g_clear_pointer (&self->override, g_free);
  set_overridden (self, FALSE);
  sync_buffer (self);
  update_count (self);
  queue_preview (self);
}

GtkTextView *
hd_variant_editor_get_text_view (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), NULL);

  return self->text_view;
}

const char *
hd_variant_editor_get_first_comment (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->first_comment_entry));
}

void
hd_variant_editor_set_first_comment (HdVariantEditor *self,
                                     const char      *first_comment)
{
  g_return_if_fail (HD_IS_VARIANT_EDITOR (self));

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->first_comment_entry),
                         first_comment != NULL ? first_comment : "");
  self->syncing = FALSE;
}

void
hd_variant_editor_set_media (HdVariantEditor *self,
                             GPtrArray       *media)
{
  GtkWidget *child;

  g_return_if_fail (HD_IS_VARIANT_EDITOR (self));

  g_ptr_array_set_size (self->media, 0);
  for (guint i = 0; media != NULL && i < media->len; i++)
    g_ptr_array_add (self->media, g_object_ref (g_ptr_array_index (media, i)));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->media_checks))) != NULL)
    gtk_flow_box_remove (self->media_checks, child);

  for (guint i = 0; i < self->media->len; i++)
    {
      HdMedia *item = g_ptr_array_index (self->media, i);
      g_autofree char *label = g_strdup_printf (_("Image %u"), i + 1);
      g_autofree char *name = g_strdup_printf (_("Image %u on %s"), i + 1, channel_name (self));
      GtkWidget *check = gtk_check_button_new_with_label (label);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !g_hash_table_contains (self->excluded,
                                                           hd_media_get_sha256 (item)));
      gtk_widget_set_tooltip_text (check, hd_media_get_alt_text (item));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_object_set_data_full (G_OBJECT (check), "hd-media", g_object_ref (item), g_object_unref);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_media_check_toggled), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->media_checks, check);
    }

  check_media (self);
  queue_preview (self);
}

void
hd_variant_editor_set_media_chosen (HdVariantEditor *self,
                                    HdMedia         *media,
                                    gboolean         chosen)
{
  const char *sha256;

  g_return_if_fail (HD_IS_VARIANT_EDITOR (self));
  g_return_if_fail (HD_IS_MEDIA (media));

  sha256 = hd_media_get_sha256 (media);
  if (chosen == !g_hash_table_contains (self->excluded, sha256))
    return;

  if (chosen)
    g_hash_table_remove (self->excluded, sha256);
  else
    g_hash_table_add (self->excluded, g_strdup (sha256));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->media_checks));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_object_get_data (G_OBJECT (check), "hd-media") == media)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
    }

  check_media (self);
  queue_preview (self);
}

gboolean
hd_variant_editor_get_media_chosen (HdVariantEditor *self,
                                    HdMedia         *media)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), FALSE);
  g_return_val_if_fail (HD_IS_MEDIA (media), FALSE);

  return !g_hash_table_contains (self->excluded, hd_media_get_sha256 (media));
}

GPtrArray *
hd_variant_editor_dup_chosen_media (HdVariantEditor *self)
{
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), chosen);

  for (guint i = 0; i < self->media->len; i++)
    {
      HdMedia *media = g_ptr_array_index (self->media, i);

      if (!g_hash_table_contains (self->excluded, hd_media_get_sha256 (media)))
        g_ptr_array_add (chosen, g_object_ref (media));
    }

  return chosen;
}

const HdTextCount *
hd_variant_editor_get_count (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), NULL);

  return self->count;
}

const char *
hd_variant_editor_get_counter_text (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), NULL);

  return self->counter_text;
}

GPtrArray *
hd_variant_editor_get_media_problems (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), NULL);

  return self->media_problems;
}

gboolean
hd_variant_editor_is_blocked (HdVariantEditor *self)
{
  g_return_val_if_fail (HD_IS_VARIANT_EDITOR (self), TRUE);

  return (self->count != NULL && self->count->over) || self->media_problems->len > 0;
}

GtkWidget *
hd_variant_editor_new (HdChannel *channel)
{
  HdVariantEditor *self;
  g_autofree char *text_name = NULL;
  g_autofree char *comment_name = NULL;

  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);

  self = g_object_new (HD_TYPE_VARIANT_EDITOR, NULL);
  self->channel = g_object_ref (channel);

  text_name = g_strdup_printf (_("Text for %s"), channel_name (self));
  comment_name = g_strdup_printf (_("First comment on %s"), channel_name (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->first_comment_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, comment_name, -1);

  adw_bin_set_child (self->preview_bin, hd_post_preview_new (channel));

  set_overridden (self, FALSE);
  update_count (self);
  check_media (self);

  return GTK_WIDGET (self);
}

static void
hd_variant_editor_dispose (GObject *object)
{
  HdVariantEditor *self = HD_VARIANT_EDITOR (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_handle_id (&self->sync_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_VARIANT_EDITOR);
  g_clear_object (&self->channel);
  g_clear_pointer (&self->media, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_variant_editor_parent_class)->dispose (object);
}

static void
hd_variant_editor_finalize (GObject *object)
{
  HdVariantEditor *self = HD_VARIANT_EDITOR (object);

  g_free (self->master);
  g_free (self->override);
  g_free (self->counter_text);
  g_clear_pointer (&self->count, hd_text_count_free);
  g_clear_pointer (&self->excluded, g_hash_table_unref);
  g_clear_pointer (&self->media_problems, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_variant_editor_parent_class)->finalize (object);
}

static void
hd_variant_editor_class_init (HdVariantEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_variant_editor_dispose;
  object_class->finalize = hd_variant_editor_finalize;

  /* Something the user changed on this channel: its text, media or first comment. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The counter or the media problems changed: whether the channel can go out. */
  signals[COUNT_CHANGED] = g_signal_new ("count-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  /* The user asked for the images too big for Bluesky to be made smaller. */
  signals[SHRINK] = g_signal_new ("shrink", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/composer/hd-variant-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, counter_label);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, reset_button);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, follows_label);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, media_box);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, media_checks);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, media_problem_label);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, shrink_button);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, first_comment_entry);
  gtk_widget_class_bind_template_child (widget_class, HdVariantEditor, preview_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_first_comment_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_shrink_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_map);
}

static void
hd_variant_editor_init (HdVariantEditor *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->media = g_ptr_array_new_with_free_func (g_object_unref);
  self->excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->media_problems = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_text_view_focus_enter), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);
}
