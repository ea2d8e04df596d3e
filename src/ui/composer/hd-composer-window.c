/* hd-composer-window.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-channel.h"
#include "hd-media-library.h"
#include "hd-store-channels.h"
#include "hd-store-media.h"
#include "hd-store-posts.h"
#include "hd-store-queue.h"
#include "hd-store-snippets.h"
#include "hd-variant.h"
#include "widgets/hd-format.h"
#include "widgets/hd-popovers.h"
#include "composer/hd-composer-window-private.h"
#include "composer/hd-media-tile.h"

#define DEFAULT_AUTOSAVE_DELAY_MS 2000
/* However fast the typing, unsaved text never gets older than this many autosave delays. */
#define AUTOSAVE_MAX_DELAYS 4
#define BLUESKY_IMAGE_BYTES 1000000

typedef enum
{
  SEND_SCHEDULE,
  SEND_QUEUE,
  SEND_NOW,
} SendMode;

struct _HdComposerWindow
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *snippets_button;
  GtkFlowBox           *chips_box;
  GtkWidget            *no_channels_row;
  GtkTextView          *master_view;
  GtkWidget            *placeholder_label;
  GtkWidget            *media_box;
  GtkFlowBox           *media_flow;
  GtkStack             *tabs_stack;
  GtkNotebook          *notebook;
  HdSchedulePicker     *schedule_picker;
  GtkLabel             *schedule_error_label;

  /* owned references */
  HdStore              *store;
  GSettings            *settings;
  HdPost               *post;
  GListModel           *channels;
  GPtrArray            *media;
  GHashTable           *editors;
  GHashTable           *chips;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *status;

  /* borrowed references */
  GtkTextView          *insert_target;

  /* source ids */
  guint                 autosave_source;

  guint                 autosave_delay;
  gint64                dirty_since;
  guint                 n_importing;
  gboolean              dirty;
  gboolean              saved_once;
  gboolean              loaded;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (HdComposerWindow, hd_composer_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void autosave_now (HdComposerWindow *self);
static void send_post    (HdComposerWindow *self,
                          SendMode          mode,
                          gboolean          confirmed);

static char *
get_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
get_channel_name (HdChannel *channel)
{
  const char *name = hd_channel_get_display_name (channel);

  return name != NULL && *name != '\0' ? name
                                       : hd_channel_kind_to_label (hd_channel_get_kind (channel));
}

static void
set_status (HdComposerWindow *self,
            const char       *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  adw_window_title_set_subtitle (self->window_title, status != NULL ? status : "");
}

static void
show_toast (HdComposerWindow *self,
            const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
set_schedule_error (HdComposerWindow *self,
                    const char       *message)
{
  gtk_label_set_label (self->schedule_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_error_label), message != NULL);
}

/* The editors of the chosen channels, in the order of the tabs. */
static GPtrArray *
list_chosen_editors (HdComposerWindow *self)
{
  GPtrArray *editors = g_ptr_array_new ();
  int n = gtk_notebook_get_n_pages (self->notebook);

  for (int i = 0; i < n; i++)
    g_ptr_array_add (editors, gtk_notebook_get_nth_page (self->notebook, i));

  return editors;
}

static gboolean
is_empty (HdComposerWindow *self)
{
  g_autofree char *text = get_buffer_text (self->master_view);
  g_autoptr(GPtrArray) editors = list_chosen_editors (self);

  if (*g_strstrip (text) != '\0' || self->media->len > 0)
    return FALSE;

  for (guint i = 0; i < editors->len; i++)
    {
      HdVariantEditor *editor = g_ptr_array_index (editors, i);
      g_autofree char *own = g_strdup (hd_variant_editor_get_text (editor));

      if (hd_variant_editor_get_overridden (editor) && *g_strstrip (own) != '\0')
        return FALSE;
    }

  return TRUE;
}

static void
update_send_actions (HdComposerWindow *self)
{
  gboolean any = gtk_notebook_get_n_pages (self->notebook) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.schedule", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.add-to-queue", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.publish-now", any);
  gtk_stack_set_visible_child_name (self->tabs_stack, any ? "tabs" : "none");
}

static gboolean
autosave_cb (gpointer user_data)
{
  HdComposerWindow *self = user_data;

  self->autosave_source = 0;
  autosave_now (self);

  return G_SOURCE_REMOVE;
}

static void
mark_dirty (HdComposerWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 max_wait = (gint64) self->autosave_delay * 1000 * AUTOSAVE_MAX_DELAYS;

  if (self->loading)
    return;

  if (!self->dirty)
    {
      self->dirty = TRUE;
      self->dirty_since = now;
      set_status (self, _("Not saved yet"));
    }

  /* Debounced, but a long burst of typing still gets saved every few seconds. */
  if (self->autosave_source != 0 && now - self->dirty_since >= max_wait)
    return;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (self->autosave_delay, autosave_cb, self);
}

/* Fills @variant from @editor for a post in @state. */
static void
fill_variant (HdComposerWindow *self,
              HdVariant        *variant,
              HdVariantEditor  *editor,
              const char       *post_id,
              HdPostState       state)
{
  g_autoptr(GPtrArray) chosen = hd_variant_editor_dup_chosen_media (editor);
  g_autoptr(GPtrArray) shas = g_ptr_array_new ();
  const char *first_comment = hd_variant_editor_get_first_comment (editor);

  for (guint i = 0; i < chosen->len; i++)
    g_ptr_array_add (shas, (gpointer) hd_media_get_sha256 (g_ptr_array_index (chosen, i)));
  g_ptr_array_add (shas, NULL);

  hd_variant_set_post_id (variant, post_id);
  hd_variant_set_channel_id (variant, hd_channel_get_id (hd_variant_editor_get_channel (editor)));
  /* No text of its own means the variant follows the post's text. */
  hd_variant_set_text (variant, hd_variant_editor_get_overridden (editor)
                                ? hd_variant_editor_get_text (editor) : NULL);
  hd_variant_set_first_comment (variant, first_comment != NULL && *first_comment != '\0'
                                         ? first_comment : NULL);
  hd_variant_set_media (variant, (const char * const *) shas->pdata);
  hd_variant_set_state (variant, state);
}

/* Writes the post as it stands in @state at @scheduled_at. With @hold_blocked, a channel that
 * cannot go out keeps its variant in the post as a draft: the outbox leaves it out while the
 * other channels go ahead, and nothing written for it is lost. One transaction. */
static gboolean
save_post (HdComposerWindow  *self,
           HdPostState        state,
           gint64             scheduled_at,
           gboolean           hold_blocked,
           GError           **error)
{
  g_autoptr(GPtrArray) editors = list_chosen_editors (self);
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = get_buffer_text (self->master_view);
  const char *zone = hd_schedule_picker_get_time_zone (self->schedule_picker);
  const char *post_id = hd_post_get_id (self->post);

  for (guint i = 0; i < editors->len; i++)
    {
      HdVariantEditor *editor = g_ptr_array_index (editors, i);
      const char *channel_id = hd_channel_get_id (hd_variant_editor_get_channel (editor));
      gboolean held = hold_blocked && hd_variant_editor_is_blocked (editor);
      g_autoptr(HdVariant) variant = NULL;

      variant = hd_post_find_variant (self->post, channel_id);
      variant = variant != NULL ? g_object_ref (variant) : hd_variant_new ();
      fill_variant (self, variant, editor, post_id, held ? HD_POST_STATE_DRAFT : state);
      g_ptr_array_add (variants, g_steal_pointer (&variant));
    }

  hd_post_clear_variants (self->post);
  for (guint i = 0; i < variants->len; i++)
    hd_post_add_variant (self->post, g_ptr_array_index (variants, i));

  hd_post_set_text (self->post, text);
  hd_post_set_state (self->post, state);
  hd_post_set_scheduled_at (self->post, scheduled_at);
  hd_post_set_time_zone (self->post, zone);

  if (!hd_store_begin (self->store, error))
    return FALSE;

  /* Alt text is typed in the composer: it is saved with the post. */
  for (guint i = 0; i < self->media->len; i++)
    if (!hd_store_save_media (self->store, g_ptr_array_index (self->media, i), error))
      goto fail;

  if (!hd_store_save_post (self->store, self->post, error))
    goto fail;
  if (!hd_store_commit (self->store, error))
    goto fail;

  self->saved_once = TRUE;
  self->dirty = FALSE;
  self->dirty_since = 0;
  g_clear_handle_id (&self->autosave_source, g_source_remove);

  return TRUE;

fail:
  hd_store_rollback (self->store);
  return FALSE;
}

static void
autosave_now (HdComposerWindow *self)
{
  g_autoptr(GError) error = NULL;
  HdPostState state;
  gint64 scheduled_at;

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (!self->dirty || self->store == NULL)
    return;

  if (is_empty (self) && !self->loaded)
    {
      /* Everything typed was taken back: leave no empty draft behind. */
      if (self->saved_once && !hd_store_delete_post (self->store, hd_post_get_id (self->post),
                                                     &error))
        g_warning ("Could not remove an emptied draft: %s", error->message);
      self->saved_once = FALSE;
      self->dirty = FALSE;
      self->dirty_since = 0;
      set_status (self, NULL);
      return;
    }

  state = hd_post_get_state (self->post);
  scheduled_at = hd_post_get_scheduled_at (self->post);

  /* A draft takes the day and time shown once the user picked one; a scheduled post only
   * moves when it is scheduled again. */
  if (state == HD_POST_STATE_DRAFT || state == HD_POST_STATE_IDEA)
    {
      gint64 instant = 0;

      if (hd_schedule_picker_get_chosen (self->schedule_picker) &&
          hd_schedule_picker_get_instant (self->schedule_picker, 0, &instant, NULL))
        scheduled_at = instant;
    }

  if (!save_post (self, state, scheduled_at, FALSE, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the draft: %s"),
                                                  error->message);

      set_status (self, _("Not saved"));
      show_toast (self, message);
      return;
    }

  set_status (self, state == HD_POST_STATE_DRAFT ? _("Draft saved") : _("Saved"));
}

static void
on_master_changed (HdComposerWindow *self)
{
  g_autofree char *text = get_buffer_text (self->master_view);
  GHashTableIter iter;
  gpointer editor;

  gtk_widget_set_visible (self->placeholder_label, *text == '\0');

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &editor))
    if (gtk_widget_get_parent (editor) != NULL)
      hd_variant_editor_set_master_text (editor, text);

  mark_dirty (self);
}

/* Why @editor's channel cannot go out as it stands, or NULL when it can. */
static const char *
get_blocking_problem (HdVariantEditor *editor)
{
  const HdTextCount *count = hd_variant_editor_get_count (editor);
  GPtrArray *problems;

  if (!hd_variant_editor_is_blocked (editor))
    return NULL;
  if (count->problem != NULL)
    return count->problem;

  problems = hd_variant_editor_get_media_problems (editor);
  return problems->len > 0 ? g_ptr_array_index (problems, 0) : NULL;
}

/* Whether the pointer may be resting on @chip. GTK tells a widget that the pointer is over it
 * when the pointer moves: chips made again under a resting pointer do not know it is there,
 * only the row they are in does. */
static gboolean
may_pointer_rest_on (HdComposerWindow *self,
                     GtkWidget        *chip)
{
  GHashTableIter iter;
  gpointer other;

  if ((gtk_widget_get_state_flags (chip) & GTK_STATE_FLAG_PRELIGHT) != 0)
    return TRUE;
  if ((gtk_widget_get_state_flags (GTK_WIDGET (self->chips_box)) & GTK_STATE_FLAG_PRELIGHT) == 0)
    return FALSE;

  g_hash_table_iter_init (&iter, self->chips);
  while (g_hash_table_iter_next (&iter, NULL, &other))
    if ((gtk_widget_get_state_flags (other) & GTK_STATE_FLAG_PRELIGHT) != 0)
      return FALSE;

  return TRUE;
}

/* A chip tells why its channel cannot go out in its tooltip and, for a screen reader, in its
 * description. Over the limit the sentence says by how much, so it changes with every
 * keystroke, and GTK 4.8 asks the X server where the pointer is each time a tooltip's text is
 * set, or a tooltip is asked for again: most of a keystroke's time. So the chip's tooltip is a
 * label of its own, handed to GTK when it is about to show it (on_chip_query_tooltip), and
 * the label itself follows the typing, also while it is on screen. */
static void
set_chip_problem (HdComposerWindow *self,
                  GtkWidget        *chip,
                  const char       *problem)
{
  GtkLabel *tooltip_label = g_object_get_data (G_OBJECT (chip), "hd-tooltip-label");
  gboolean had_problem = *gtk_label_get_label (tooltip_label) != '\0';

  if (g_strcmp0 (gtk_label_get_label (tooltip_label), problem != NULL ? problem : "") == 0)
    return;

  gtk_label_set_label (tooltip_label, problem != NULL ? problem : "");
  if (problem != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    problem, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* Whether there is a tooltip at all is GTK's to decide again, which it does only when the
   * pointer moves: with the pointer resting on the chip, it is asked now. */
  if (had_problem != (problem != NULL) && may_pointer_rest_on (self, chip))
    gtk_widget_trigger_tooltip_query (chip);
}

static gboolean
on_chip_query_tooltip (GtkWidget  *chip,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip)
{
  GtkWidget *tooltip_label = g_object_get_data (G_OBJECT (chip), "hd-tooltip-label");

  if (*gtk_label_get_label (GTK_LABEL (tooltip_label)) == '\0')
    return FALSE;

  gtk_tooltip_set_custom (tooltip, tooltip_label);
  return TRUE;
}

static void
on_editor_count_changed (HdComposerWindow *self,
                         HdVariantEditor  *editor)
{
  const HdTextCount *count = hd_variant_editor_get_count (editor);
  const char *channel_id = hd_channel_get_id (hd_variant_editor_get_channel (editor));
  GtkWidget *chip = g_hash_table_lookup (self->chips, channel_id);
  GtkWidget *label;
  g_autofree char *text = NULL;

  if (chip == NULL || count == NULL)
    return;

  label = g_object_get_data (G_OBJECT (chip), "hd-counter");
  text = g_strdup_printf ("%d", (int) count->limit - (int) count->used);
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) != 0)
    gtk_label_set_label (GTK_LABEL (label), text);

  if (count->over)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (chip), "hd-warning"),
                          hd_variant_editor_is_blocked (editor));
  set_chip_problem (self, chip, get_blocking_problem (editor));
}

static void
on_editor_shrink (HdComposerWindow *self,
                  HdVariantEditor  *editor);

static HdVariantEditor *
ensure_editor (HdComposerWindow *self,
               HdChannel        *channel)
{
  HdVariantEditor *editor = g_hash_table_lookup (self->editors, hd_channel_get_id (channel));

  if (editor != NULL)
    return editor;

  editor = HD_VARIANT_EDITOR (hd_variant_editor_new (channel));
  g_object_ref_sink (editor);
  g_hash_table_insert (self->editors, g_strdup (hd_channel_get_id (channel)), editor);

  hd_variant_editor_set_media (editor, self->media);
  g_signal_connect_object (editor, "changed", G_CALLBACK (mark_dirty), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "count-changed", G_CALLBACK (on_editor_count_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "shrink", G_CALLBACK (on_editor_shrink), self,
                           G_CONNECT_SWAPPED);

  return editor;
}

static GtkWidget *
build_tab_label (HdChannel *channel)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  HdChannelKind kind = hd_channel_get_kind (channel);
  GtkWidget *icon = gtk_image_new_from_icon_name (hd_channel_kind_icon_name (kind));
  GtkWidget *label = gtk_label_new (get_channel_name (channel));

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static void
show_channel (HdComposerWindow *self,
              HdChannel        *channel,
              gboolean          shown)
{
  HdVariantEditor *editor = ensure_editor (self, channel);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (editor));
  int position = 0;

  if (shown == (parent != NULL))
    return;

  if (!shown)
    {
      gtk_notebook_remove_page (self->notebook,
                                gtk_notebook_page_num (self->notebook, GTK_WIDGET (editor)));
      update_send_actions (self);
      return;
    }

  /* Tabs keep the order of the channels. */
  for (guint i = 0; i < g_list_model_get_n_items (self->channels); i++)
    {
      g_autoptr(HdChannel) other = g_list_model_get_item (self->channels, i);
      HdVariantEditor *other_editor;

      if (g_strcmp0 (hd_channel_get_id (other), hd_channel_get_id (channel)) == 0)
        break;
      other_editor = g_hash_table_lookup (self->editors, hd_channel_get_id (other));
      if (other_editor != NULL && gtk_widget_get_parent (GTK_WIDGET (other_editor)) != NULL)
        position++;
    }

  {
    g_autofree char *text = get_buffer_text (self->master_view);

    hd_variant_editor_set_master_text (editor, text);
  }
  /* GTK 4.8 never lets go of a tab label handed to gtk_notebook_insert_page(), nor of the
   * "Page N" label it makes for a page inserted without one while tabs are shown: every tab
   * a composer showed outlived it, kilobytes each time one opened. A page inserted with the
   * tabs hidden gets no label of its own, and one set afterwards goes with its page. */
  gtk_notebook_set_show_tabs (self->notebook, FALSE);
  gtk_notebook_insert_page (self->notebook, GTK_WIDGET (editor), NULL, position);
  gtk_notebook_set_tab_label (self->notebook, GTK_WIDGET (editor), build_tab_label (channel));
  gtk_notebook_set_show_tabs (self->notebook, TRUE);
  gtk_notebook_set_tab_reorderable (self->notebook, GTK_WIDGET (editor), FALSE);
  update_send_actions (self);
}

static void
on_chip_toggled (HdComposerWindow *self,
                 GtkToggleButton  *chip)
{
  HdChannel *channel = g_object_get_data (G_OBJECT (chip), "hd-channel");
  gboolean active = gtk_toggle_button_get_active (chip);

  show_channel (self, channel, active);
  if (active)
    {
      GtkWidget *editor = g_hash_table_lookup (self->editors, hd_channel_get_id (channel));

      gtk_notebook_set_current_page (self->notebook,
                                     gtk_notebook_page_num (self->notebook, editor));
    }
  mark_dirty (self);
}

static GtkWidget *
build_chip (HdComposerWindow *self,
            HdChannel        *channel)
{
  GtkWidget *chip = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (get_channel_name (channel));
  GtkWidget *counter = gtk_label_new (NULL);
  GtkWidget *tooltip_label;
  GtkWidget *warning;
  const char *icon_name;
  g_autofree char *a11y = g_strdup_printf (_("Post to %s"), get_channel_name (channel));

  icon_name = hd_channel_kind_icon_name (hd_channel_get_kind (channel));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 18);
  gtk_box_append (GTK_BOX (box), name);
  gtk_widget_add_css_class (counter, "numeric");
  gtk_widget_add_css_class (counter, "caption");
  gtk_widget_add_css_class (counter, "hd-chip-counter");
  gtk_box_append (GTK_BOX (box), counter);
  warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (warning, "error");
  gtk_widget_set_visible (warning, FALSE);
  gtk_box_append (GTK_BOX (box), warning);

  gtk_button_set_child (GTK_BUTTON (chip), box);
  gtk_widget_add_css_class (chip, "hd-chip");
  /* A chip is as wide as its name, not as its column. */
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  g_object_set_data_full (G_OBJECT (chip), "hd-channel", g_object_ref (channel), g_object_unref);
  g_object_set_data (G_OBJECT (chip), "hd-counter", counter);
  g_object_set_data (G_OBJECT (chip), "hd-warning", warning);
  /* Wraps as GTK's own tooltip text does. */
  tooltip_label = g_object_ref_sink (gtk_label_new (NULL));
  gtk_label_set_wrap (GTK_LABEL (tooltip_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (tooltip_label), 50);
  g_object_set_data_full (G_OBJECT (chip), "hd-tooltip-label", tooltip_label, g_object_unref);
  gtk_widget_set_has_tooltip (chip, TRUE);
  g_signal_connect (chip, "query-tooltip", G_CALLBACK (on_chip_query_tooltip), NULL);

  return chip;
}

static gboolean
is_default_channel (HdComposerWindow *self,
                    HdChannel        *channel)
{
  g_auto(GStrv) defaults = NULL;

  if (self->settings == NULL)
    return TRUE;

  defaults = g_settings_get_strv (self->settings, "default-channels");
  /* Until the user picks defaults, a post goes everywhere. */
  if (defaults[0] == NULL)
    return TRUE;

  return g_strv_contains ((const char * const *) defaults, hd_channel_get_id (channel));
}

static void
rebuild_chips (HdComposerWindow *self)
{
  g_autoptr(GHashTable) previous = g_steal_pointer (&self->chips);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (self->channels);
  GHashTableIter iter;
  gpointer key, value;

  self->chips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (self->channels, i);
      const char *id = hd_channel_get_id (channel);
      GtkWidget *old_chip = previous != NULL ? g_hash_table_lookup (previous, id) : NULL;
      HdVariantEditor *editor = g_hash_table_lookup (self->editors, id);
      gboolean active;
      GtkWidget *chip;

      if (editor != NULL)
        active = gtk_widget_get_parent (GTK_WIDGET (editor)) != NULL;
      else if (old_chip != NULL)
        active = FALSE;
      else
        active = !self->loaded && is_default_channel (self, channel);

      chip = build_chip (self, channel);
      g_hash_table_insert (self->chips, g_strdup (id), chip);
      g_hash_table_add (keep, (gpointer) id);
      gtk_flow_box_append (self->chips_box, chip);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), active);
      show_channel (self, channel, active);
      g_signal_connect_object (chip, "toggled", G_CALLBACK (on_chip_toggled), self,
                               G_CONNECT_SWAPPED);
      on_editor_count_changed (self, ensure_editor (self, channel));
    }

  /* A channel removed meanwhile takes its tab with it. */
  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (keep, key))
      {
        GtkWidget *editor = value;

        if (gtk_widget_get_parent (editor) != NULL)
          gtk_notebook_remove_page (self->notebook,
                                    gtk_notebook_page_num (self->notebook, editor));
        g_hash_table_iter_remove (&iter);
      }

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), n > 0);
  gtk_widget_set_visible (self->no_channels_row, n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tabs_stack), n > 0);
  update_send_actions (self);
}

/* Media */

static void
load_thumbnail (HdComposerWindow *self,
                HdMedia          *media)
{
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (media), HD_COMPOSER_THUMBNAIL_KEY) != NULL)
    return;

  path = hd_store_get_media_file_path (self->store, media);
  /* Big enough for the preview; small pictures are not blown up. */
  if (hd_media_get_width (media) > 0 && hd_media_get_width (media) <= 480 &&
      hd_media_get_height (media) <= 480)
    pixbuf = gdk_pixbuf_new_from_file (path, &error);
  else
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 480, 480, TRUE, &error);
  if (pixbuf == NULL)
    {
      g_warning ("Could not read %s: %s", path, error->message);
      return;
    }

  g_object_set_data_full (G_OBJECT (media), HD_COMPOSER_THUMBNAIL_KEY,
                          gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

static void on_tile_remove (HdComposerWindow *self,
                            HdMediaTile      *tile);

static void
rebuild_media (HdComposerWindow *self)
{
  GtkWidget *child;
  GHashTableIter iter;
  gpointer editor;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->media_flow))) != NULL)
    gtk_flow_box_remove (self->media_flow, child);

  for (guint i = 0; i < self->media->len; i++)
    {
      HdMedia *media = g_ptr_array_index (self->media, i);
      GtkWidget *tile = hd_media_tile_new (media,
                                           g_object_get_data (G_OBJECT (media),
                                                              HD_COMPOSER_THUMBNAIL_KEY),
                                           i + 1);

      g_signal_connect_object (tile, "changed", G_CALLBACK (mark_dirty), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (tile, "remove", G_CALLBACK (on_tile_remove), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->media_flow, tile);
    }

  gtk_widget_set_visible (self->media_box, self->media->len > 0);

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &editor))
    hd_variant_editor_set_media (editor, self->media);
}

static HdMedia *
find_media (HdComposerWindow *self,
            const char       *sha256)
{
  for (guint i = 0; i < self->media->len; i++)
    if (g_strcmp0 (hd_media_get_sha256 (g_ptr_array_index (self->media, i)), sha256) == 0)
      return g_ptr_array_index (self->media, i);

  return NULL;
}

static gboolean
attach_media (HdComposerWindow *self,
              HdMedia          *media,
              int               position)
{
  if (find_media (self, hd_media_get_sha256 (media)) != NULL)
    return FALSE;

  load_thumbnail (self, media);
  if (position < 0 || (guint) position > self->media->len)
    position = self->media->len;
  g_ptr_array_insert (self->media, position, g_object_ref (media));
  rebuild_media (self);
  mark_dirty (self);

  return TRUE;
}

static void
on_undo_remove_clicked (AdwToast *toast,
                        gpointer  user_data)
{
  HdComposerWindow *self = user_data;
  HdMedia *media = g_object_get_data (G_OBJECT (toast), "hd-media");
  int position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "hd-position"));

  attach_media (self, media, position);
}

static void
on_tile_remove (HdComposerWindow *self,
                HdMediaTile      *tile)
{
  g_autoptr(HdMedia) media = g_object_ref (hd_media_tile_get_media (tile));
  AdwToast *toast;
  guint position;

  if (!g_ptr_array_find (self->media, media, &position))
    return;

  g_ptr_array_remove_index (self->media, position);
  rebuild_media (self);
  mark_dirty (self);

  toast = adw_toast_new (_("Image removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "hd-media", g_object_ref (media), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "hd-position", GINT_TO_POINTER (position));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove_clicked), self,
                           0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HdComposerWindow) self = user_data;
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(GError) error = NULL;

  self->n_importing--;
  media = hd_store_import_media_finish (HD_STORE (source), result, &error);
  if (media == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not add the image: %s"), error->message);
      show_toast (self, message);
      return;
    }

  if (!attach_media (self, media, -1))
    show_toast (self, _("That image is already attached"));
}

void
_hd_composer_window_import (HdComposerWindow *self,
                            GFile            *file)
{
  g_return_if_fail (HD_IS_COMPOSER_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  self->n_importing++;
  hd_store_import_media_async (self->store, file, self->cancellable, import_cb,
                               g_object_ref (self));
}

static void
on_chooser_response (HdComposerWindow     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          _hd_composer_window_import (self, file);
        }
    }

  g_clear_object (&self->chooser);
}

static void
add_image_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdComposerWindow *self = HD_COMPOSER_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/gif");
  gtk_file_filter_add_mime_type (filter, "image/webp");

  self->chooser = gtk_file_chooser_native_new (_("Add images"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         HdComposerWindow *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = NULL;

  if (list == NULL)
    return FALSE;

  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    _hd_composer_window_import (self, l->data);

  return files != NULL;
}

static void
on_editor_shrink (HdComposerWindow *self,
                  HdVariantEditor  *editor)
{
  g_autoptr(GPtrArray) chosen = hd_variant_editor_dup_chosen_media (editor);
  GHashTableIter iter;
  gpointer other;

  for (guint i = 0; i < chosen->len; i++)
    {
      HdMedia *media = g_ptr_array_index (chosen, i);
      g_autoptr(HdMedia) smaller = NULL;
      g_autoptr(GError) error = NULL;
      guint position = 0;

      if (hd_media_get_bytes (media) < BLUESKY_IMAGE_BYTES)
        continue;

      smaller = hd_store_shrink_media (self->store, media, BLUESKY_IMAGE_BYTES, &error);
      if (smaller == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not shrink the image: %s"),
                                                      error->message);

          show_toast (self, message);
          continue;
        }

      /* The smaller copy sits beside the original and goes to Bluesky only; the other
       * channels keep the full picture. */
      g_ptr_array_find (self->media, media, &position);
      attach_media (self, smaller, position + 1);
      g_hash_table_iter_init (&iter, self->editors);
      while (g_hash_table_iter_next (&iter, NULL, &other))
        hd_variant_editor_set_media_chosen (other, smaller, other == (gpointer) editor);
      hd_variant_editor_set_media_chosen (editor, media, FALSE);
    }

  mark_dirty (self);
}

/* Snippets */

static void
on_focus_widget_changed (HdComposerWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (GTK_IS_TEXT_VIEW (focus))
    g_set_weak_pointer (&self->insert_target, GTK_TEXT_VIEW (focus));
}

static GtkTextView *
get_insert_target (HdComposerWindow *self)
{
  GtkWidget *target = GTK_WIDGET (self->insert_target);

  if (target == NULL || !gtk_widget_get_mapped (target))
    return self->master_view;

  return self->insert_target;
}

static void
on_snippet_insert (HdComposerWindow *self,
                   const char       *text)
{
  GtkTextView *view = get_insert_target (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter cursor;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));

  /* Keep words apart: "Fresh bread#bakery" helps nobody. */
  if (!gtk_text_iter_is_start (&cursor))
    {
      GtkTextIter before = cursor;

      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        gtk_text_buffer_insert (buffer, &cursor, " ", -1);
    }
  gtk_text_buffer_insert (buffer, &cursor, text, -1);
  gtk_text_buffer_end_user_action (buffer);

  gtk_widget_grab_focus (GTK_WIDGET (view));
}

static void
on_snippet_popover_show (HdComposerWindow *self,
                         GtkWidget        *popover)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (get_insert_target (self));
  GtkTextIter start, end;
  g_autofree char *selection = NULL;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    selection = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  hd_snippet_popover_set_selection (HD_SNIPPET_POPOVER (popover), selection);
}

static void
on_undo_snippet_delete (AdwToast *toast,
                        gpointer  user_data)
{
  HdComposerWindow *self = user_data;
  HdSnippet *snippet = g_object_get_data (G_OBJECT (toast), "hd-snippet");
  g_autoptr(GError) error = NULL;

  if (!hd_store_save_snippet (self->store, snippet, &error))
    show_toast (self, error->message);
}

static void
on_snippet_deleted (HdComposerWindow *self,
                    HdSnippet        *snippet)
{
  g_autofree char *title = g_strdup_printf (_("“%s” deleted"), hd_snippet_get_name (snippet));
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "hd-snippet", g_object_ref (snippet),
                          g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_snippet_delete), self,
                           0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Sending */

typedef struct
{
  HdComposerWindow *self;
  SendMode          mode;
} ConfirmedSend;

static gboolean
send_confirmed_cb (gpointer user_data)
{
  ConfirmedSend *confirmed = user_data;

  send_post (confirmed->self, confirmed->mode, TRUE);
  g_object_unref (confirmed->self);
  g_free (confirmed);

  return G_SOURCE_REMOVE;
}

static void
on_blocked_response (AdwMessageDialog *dialog,
                     const char       *response,
                     HdComposerWindow *self)
{
  ConfirmedSend *confirmed;

  if (g_strcmp0 (response, "continue") != 0)
    return;

  /* Sending closes this window, the dialog's parent: let the dialog finish closing first. */
  confirmed = g_new0 (ConfirmedSend, 1);
  confirmed->self = g_object_ref (self);
  confirmed->mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "hd-mode"));
  g_idle_add (send_confirmed_cb, confirmed);
}

static void
confirm_blocked (HdComposerWindow *self,
                 SendMode          mode,
                 GPtrArray        *blocked)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  for (guint i = 0; i < blocked->len; i++)
    {
      HdVariantEditor *editor = g_ptr_array_index (blocked, i);
      const HdTextCount *count = hd_variant_editor_get_count (editor);
      GPtrArray *media_problems = hd_variant_editor_get_media_problems (editor);

      if (i > 0)
        g_string_append (names, i + 1 == blocked->len ? _(" and ") : ", ");
      g_string_append (names, get_channel_name (hd_variant_editor_get_channel (editor)));

      if (count != NULL && count->problem != NULL)
        g_string_append_printf (problems, "%s%s.", problems->len > 0 ? " " : "",
                                count->problem);
      for (guint j = 0; j < media_problems->len; j++)
        g_string_append_printf (problems, "%s%s", problems->len > 0 ? " " : "",
                                (char *) g_ptr_array_index (media_problems, j));
    }

  heading = g_strdup_printf (_("Leave %s for later?"), names->str);
  body = g_strdup_printf (_("%s\n\n%s stays in this post as a draft, so you can fix it "
                            "and send it later. The other channels go ahead."),
                          problems->str, names->str);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Fix it first"),
                                    "continue", mode == SEND_NOW ? _("_Publish the others")
                                                : mode == SEND_QUEUE ? _("_Queue the others")
                                                : _("_Schedule the others"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "hd-mode", GINT_TO_POINTER (mode));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_blocked_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_no_slots_response (AdwMessageDialog *dialog,
                      const char       *response,
                      HdComposerWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (g_strcmp0 (response, "channels") == 0 && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-page", "s", "channels");
}

static void
explain_no_slots (HdComposerWindow *self,
                  const GError     *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("No posting times yet"),
                                              error->message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "channels", _("_Open channels"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "channels",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_no_slots_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
send_post (HdComposerWindow *self,
           SendMode          mode,
           gboolean          confirmed)
{
  g_autoptr(GPtrArray) editors = list_chosen_editors (self);
  g_autoptr(GPtrArray) blocked = g_ptr_array_new ();
  g_autoptr(GPtrArray) ready_ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 instant = now;

  set_schedule_error (self, NULL);

  if (editors->len == 0)
    {
      set_schedule_error (self, _("Choose at least one channel first."));
      return;
    }

  if (mode == SEND_SCHEDULE &&
      !hd_schedule_picker_get_instant (self->schedule_picker, now, &instant, &error))
    {
      set_schedule_error (self, error->message);
      return;
    }

  for (guint i = 0; i < editors->len; i++)
    {
      HdVariantEditor *editor = g_ptr_array_index (editors, i);

      if (hd_variant_editor_is_blocked (editor))
        g_ptr_array_add (blocked, editor);
      else
        g_ptr_array_add (ready_ids,
                         (gpointer) hd_channel_get_id (hd_variant_editor_get_channel (editor)));
    }
  g_ptr_array_add (ready_ids, NULL);

  if (blocked->len == editors->len)
    {
      set_schedule_error (self, editors->len == 1
                                ? _("This channel has a problem to fix first; see its tab.")
                                : _("Every channel has a problem to fix first; see their tabs."));
      return;
    }

  if (blocked->len > 0 && !confirmed)
    {
      confirm_blocked (self, mode, blocked);
      return;
    }

  if (mode == SEND_QUEUE)
    {
      if (!hd_store_next_queue_slot (self->store, (const char * const *) ready_ids->pdata,
                                     hd_schedule_picker_get_time_zone (self->schedule_picker),
                                     now, &instant, &error))
        {
          explain_no_slots (self, error);
          return;
        }
      hd_schedule_picker_set_instant (self->schedule_picker, instant, NULL);
    }

  if (!save_post (self, HD_POST_STATE_SCHEDULED, instant, TRUE, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not schedule the post: %s"),
                                                  error->message);

      set_schedule_error (self, message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  send_post (HD_COMPOSER_WINDOW (widget), SEND_SCHEDULE, FALSE);
}

static void
add_to_queue_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  send_post (HD_COMPOSER_WINDOW (widget), SEND_QUEUE, FALSE);
}

static void
publish_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  send_post (HD_COMPOSER_WINDOW (widget), SEND_NOW, FALSE);
}

static void
save_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdComposerWindow *self = HD_COMPOSER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 scheduled_at = 0;

  set_schedule_error (self, NULL);

  if (is_empty (self))
    {
      set_schedule_error (self, _("Write something first."));
      return;
    }

  if (hd_schedule_picker_get_chosen (self->schedule_picker) &&
      !hd_schedule_picker_get_instant (self->schedule_picker, 0, &scheduled_at, &error))
    {
      set_schedule_error (self, error->message);
      return;
    }

  if (!save_post (self, HD_POST_STATE_DRAFT, scheduled_at, FALSE, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the draft: %s"),
                                                  error->message);

      set_schedule_error (self, message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
show_snippets_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HdComposerWindow *self = HD_COMPOSER_WINDOW (widget);

  gtk_menu_button_popup (self->snippets_button);
}

static void
open_channels_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-page", "s", "channels");
      gtk_window_present (parent);
    }
}

static gboolean
on_close_request (HdComposerWindow *self)
{
  autosave_now (self);

  return FALSE;
}

/* Public API */

gboolean
hd_composer_window_load_post (HdComposerWindow  *self,
                              const char        *post_id,
                              GError           **error)
{
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GPtrArray) shas = g_ptr_array_new ();
  GListModel *variants;
  guint n_variants;
  GHashTableIter iter;
  gpointer channel_id, editor;

  g_return_val_if_fail (HD_IS_COMPOSER_WINDOW (self), FALSE);
  g_return_val_if_fail (post_id != NULL, FALSE);

  post = hd_store_load_post (self->store, post_id, error);
  if (post == NULL)
    return FALSE;

  self->loading = TRUE;
  self->loaded = TRUE;
  self->saved_once = TRUE;
  g_set_object (&self->post, post);

  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->master_view);

    gtk_text_buffer_begin_irreversible_action (buffer);
    gtk_text_buffer_set_text (buffer, hd_post_get_text (post) ?: "", -1);
    gtk_text_buffer_end_irreversible_action (buffer);
  }

  /* Start from a clean slate: only the post's own channels are chosen. */
  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, &channel_id, &editor))
    if (gtk_widget_get_parent (editor) != NULL)
      gtk_toggle_button_set_active (g_hash_table_lookup (self->chips, channel_id), FALSE);

  variants = hd_post_get_variants (post);
  n_variants = g_list_model_get_n_items (variants);
  for (guint i = 0; i < n_variants; i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (variants, i);
      const char * const *media = hd_variant_get_media (variant);

      for (guint j = 0; media != NULL && media[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (shas, media[j], g_str_equal, NULL))
          g_ptr_array_add (shas, (gpointer) media[j]);
    }

  for (guint i = 0; i < shas->len; i++)
    {
      g_autoptr(GError) media_error = NULL;
      g_autoptr(HdMedia) media = hd_store_load_media (self->store, g_ptr_array_index (shas, i),
                                                      &media_error);

      if (media == NULL)
        {
          g_warning ("Could not load an image of the post: %s", media_error->message);
          continue;
        }
      load_thumbnail (self, media);
      g_ptr_array_add (self->media, g_steal_pointer (&media));
    }
  rebuild_media (self);

  for (guint i = 0; i < n_variants; i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (variants, i);
      GtkWidget *chip = g_hash_table_lookup (self->chips, hd_variant_get_channel_id (variant));
      const char * const *chosen = hd_variant_get_media (variant);
      const char *own = hd_variant_get_text (variant);
      HdVariantEditor *variant_editor;

      /* The channel is gone: its variant goes when the post is saved again. */
      if (chip == NULL)
        continue;

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), TRUE);
      variant_editor = g_hash_table_lookup (self->editors, hd_variant_get_channel_id (variant));
      if (own != NULL && *own != '\0' && g_strcmp0 (own, hd_post_get_text (post)) != 0)
        hd_variant_editor_set_override (variant_editor, own);
      hd_variant_editor_set_first_comment (variant_editor, hd_variant_get_first_comment (variant));

      for (guint j = 0; j < self->media->len; j++)
        {
          HdMedia *media = g_ptr_array_index (self->media, j);

          hd_variant_editor_set_media_chosen (variant_editor, media,
                                              chosen != NULL &&
                                              g_strv_contains (chosen,
                                                               hd_media_get_sha256 (media)));
        }
    }

  if (hd_post_get_scheduled_at (post) != 0)
    hd_schedule_picker_set_instant (self->schedule_picker, hd_post_get_scheduled_at (post),
                                    hd_post_get_time_zone (post));
  else
    {
      hd_schedule_picker_set_time_zone (self->schedule_picker, hd_post_get_time_zone (post));
      hd_schedule_picker_set_chosen (self->schedule_picker, FALSE);
    }

  adw_window_title_set_title (self->window_title, _("Edit post"));
  gtk_window_set_title (GTK_WINDOW (self), _("Edit post"));
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->dirty = FALSE;
  self->loading = FALSE;
  set_status (self, hd_post_state_to_label (hd_post_get_state (post)));

  return TRUE;
}

void
hd_composer_window_set_instant (HdComposerWindow *self,
                                gint64            instant)
{
  g_return_if_fail (HD_IS_COMPOSER_WINDOW (self));

  hd_schedule_picker_set_instant (self->schedule_picker, instant, NULL);
  hd_schedule_picker_set_chosen (self->schedule_picker, TRUE);
}

void
hd_composer_window_set_text (HdComposerWindow *self,
                             const char       *text)
{
  g_return_if_fail (HD_IS_COMPOSER_WINDOW (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->master_view), text, -1);
}

char *
hd_composer_window_dup_text (HdComposerWindow *self)
{
  g_return_val_if_fail (HD_IS_COMPOSER_WINDOW (self), NULL);

  return get_buffer_text (self->master_view);
}

const char *
hd_composer_window_get_post_id (HdComposerWindow *self)
{
  g_return_val_if_fail (HD_IS_COMPOSER_WINDOW (self), NULL);

  return hd_post_get_id (self->post);
}

void
hd_composer_window_set_autosave_delay (HdComposerWindow *self,
                                       guint             delay_ms)
{
  g_return_if_fail (HD_IS_COMPOSER_WINDOW (self));

  self->autosave_delay = MAX (delay_ms, 1);

  /* A save already waiting waits the new delay, counted from now. */
  if (self->autosave_source != 0)
    {
      g_source_remove (self->autosave_source);
      self->autosave_source = g_timeout_add (self->autosave_delay, autosave_cb, self);
    }
}

HdComposerWindow *
hd_composer_window_new (HdStore   *store,
                        GSettings *settings)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (HD_TYPE_COMPOSER_WINDOW,
                       "store", store,
                       "settings", settings,
                       NULL);
}

/* For the tests */

GtkTextView *
_hd_composer_window_get_master_view (HdComposerWindow *self)
{
  return self->master_view;
}

GtkWidget *
_hd_composer_window_get_chip (HdComposerWindow *self,
                              const char       *channel_id)
{
  return g_hash_table_lookup (self->chips, channel_id);
}

HdVariantEditor *
_hd_composer_window_get_editor (HdComposerWindow *self,
                                const char       *channel_id)
{
  return g_hash_table_lookup (self->editors, channel_id);
}

const char *
_hd_composer_window_get_chip_counter (HdComposerWindow *self,
                                      const char       *channel_id)
{
  GtkWidget *chip = g_hash_table_lookup (self->chips, channel_id);

  if (chip == NULL)
    return NULL;

  return gtk_label_get_label (g_object_get_data (G_OBJECT (chip), "hd-counter"));
}

HdSchedulePicker *
_hd_composer_window_get_schedule_picker (HdComposerWindow *self)
{
  return self->schedule_picker;
}

HdSnippetPopover *
_hd_composer_window_get_snippet_popover (HdComposerWindow *self)
{
  return HD_SNIPPET_POPOVER (gtk_menu_button_get_popover (self->snippets_button));
}

const char *
_hd_composer_window_get_schedule_error (HdComposerWindow *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->schedule_error_label)))
    return NULL;

  return gtk_label_get_label (self->schedule_error_label);
}

GtkWidget *
_hd_composer_window_get_media_box (HdComposerWindow *self)
{
  return GTK_WIDGET (self->media_flow);
}

GtkWidget *
_hd_composer_window_get_no_channels_row (HdComposerWindow *self)
{
  return self->no_channels_row;
}

GPtrArray *
_hd_composer_window_get_media (HdComposerWindow *self)
{
  return self->media;
}

guint
_hd_composer_window_get_n_importing (HdComposerWindow *self)
{
  return self->n_importing;
}

const char *
_hd_composer_window_get_status (HdComposerWindow *self)
{
  return self->status;
}

/* GObject */

static void
set_default_time (HdComposerWindow *self)
{
  g_autoptr(GTimeZone) zone = hd_format_shown_zone (self->settings);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) next = NULL;

  g_autoptr(GDateTime) hour = NULL;

  /* The next full hour at least half an hour away: still ahead when the post is written. */
  hour = g_date_time_add_full (now, 0, 0, 0, 1, -g_date_time_get_minute (now),
                               -g_date_time_get_seconds (now));
  next = g_date_time_difference (hour, now) < 30 * G_TIME_SPAN_MINUTE
         ? g_date_time_add_hours (hour, 1) : g_date_time_ref (hour);

  hd_schedule_picker_set_instant (self->schedule_picker, g_date_time_to_unix (next),
                                  g_time_zone_get_identifier (zone));
  hd_schedule_picker_set_chosen (self->schedule_picker, FALSE);
}

static void
hd_composer_window_constructed (GObject *object)
{
  HdComposerWindow *self = HD_COMPOSER_WINDOW (object);
  g_autoptr(GError) error = NULL;
  GtkWidget *popover;

  G_OBJECT_CLASS (hd_composer_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  self->channels = hd_store_list_channels (self->store, &error);
  if (self->channels == NULL)
    {
      g_warning ("Could not list channels: %s", error->message);
      self->channels = G_LIST_MODEL (g_list_store_new (HD_TYPE_CHANNEL));
    }
  g_signal_connect_object (self->channels, "items-changed", G_CALLBACK (rebuild_chips), self,
                           G_CONNECT_SWAPPED);

  self->loading = TRUE;
  rebuild_chips (self);
  set_default_time (self);
  self->loading = FALSE;

  popover = hd_snippet_popover_new (self->store);
  g_signal_connect_object (popover, "insert", G_CALLBACK (on_snippet_insert), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "deleted", G_CALLBACK (on_snippet_deleted), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_snippet_popover_show), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->snippets_button, popover);
}

static void
hd_composer_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HdComposerWindow *self = HD_COMPOSER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_composer_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HdComposerWindow *self = HD_COMPOSER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_composer_window_dispose (GObject *object)
{
  HdComposerWindow *self = HD_COMPOSER_WINDOW (object);

  /* Closed with its parent or by the application: what was typed is still kept. */
  if (self->autosave_source != 0)
    autosave_now (self);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  g_clear_weak_pointer (&self->insert_target);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_COMPOSER_WINDOW);

  if (self->channels != NULL)
    g_signal_handlers_disconnect_by_func (self->channels, rebuild_chips, self);
  g_clear_pointer (&self->editors, g_hash_table_unref);
  g_clear_pointer (&self->chips, g_hash_table_unref);
  g_clear_pointer (&self->media, g_ptr_array_unref);
  g_clear_object (&self->channels);
  g_clear_object (&self->post);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_composer_window_parent_class)->dispose (object);
}

static void
hd_composer_window_finalize (GObject *object)
{
  HdComposerWindow *self = HD_COMPOSER_WINDOW (object);

  g_free (self->status);

  G_OBJECT_CLASS (hd_composer_window_parent_class)->finalize (object);
}

static void
hd_composer_window_class_init (HdComposerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_composer_window_constructed;
  object_class->get_property = hd_composer_window_get_property;
  object_class->set_property = hd_composer_window_set_property;
  object_class->dispose = hd_composer_window_dispose;
  object_class->finalize = hd_composer_window_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_SCHEDULE_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/composer/hd-composer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, snippets_button);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, chips_box);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, no_channels_row);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, master_view);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, media_box);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, media_flow);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, tabs_stack);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, notebook);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, schedule_picker);
  gtk_widget_class_bind_template_child (widget_class, HdComposerWindow, schedule_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_master_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, mark_dirty);

  gtk_widget_class_install_action (widget_class, "composer.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "composer.add-to-queue", NULL,
                                   add_to_queue_action);
  gtk_widget_class_install_action (widget_class, "composer.publish-now", NULL,
                                   publish_now_action);
  gtk_widget_class_install_action (widget_class, "composer.save-draft", NULL, save_draft_action);
  gtk_widget_class_install_action (widget_class, "composer.add-image", NULL, add_image_action);
  gtk_widget_class_install_action (widget_class, "composer.show-snippets", NULL,
                                   show_snippets_action);
  gtk_widget_class_install_action (widget_class, "composer.open-channels", NULL,
                                   open_channels_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "composer.schedule", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "composer.schedule", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "composer.add-to-queue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "composer.publish-now", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "composer.save-draft", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "composer.add-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "composer.show-snippets", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_composer_window_init (HdComposerWindow *self)
{
  GtkDropTarget *drop;
  static gsize css_once;

  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));

  if (g_once_init_enter (&css_once))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/heraldapp/Herald"
                                                     "/composer/hd-composer.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_once, 1);
    }

  self->post = hd_post_new ();
  hd_post_set_state (self->post, HD_POST_STATE_DRAFT);
  self->media = g_ptr_array_new_with_free_func (g_object_unref);
  self->editors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->chips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->autosave_delay = DEFAULT_AUTOSAVE_DELAY_MS;

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  /* Ahead of the text views, which would paste a dropped file's path as text. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drop), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed),
                           self, G_CONNECT_SWAPPED);
}
