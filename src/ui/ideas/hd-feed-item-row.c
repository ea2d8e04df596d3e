/* hd-feed-item-row.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ideas"

#include "config.h"

#include <glib/gi18n.h>

#include "ideas/hd-feed-item-row.h"
#include "widgets/hd-format.h"

struct _HdFeedItemRow
{
  AdwBin parent_instance;

  /* template widgets */
  GtkLabel   *meta_label;
  GtkLabel   *title_label;
  GtkLabel   *summary_label;
  GtkButton  *dismiss_button;
  GtkButton  *draft_button;

  /* owned references */
  HdFeedItem *item;
};

G_DEFINE_FINAL_TYPE (HdFeedItemRow, hd_feed_item_row, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (HdFeedItemRow *self)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;
  const char *title, *summary, *post_id;

  if (self->item == NULL)
    return;

  title = hd_feed_item_get_title (self->item);
  summary = hd_feed_item_get_summary (self->item);
  post_id = hd_feed_item_get_used_post_id (self->item);

  if (hd_feed_item_get_published_at (self->item) > 0)
    {
      date = hd_format_date (hd_feed_item_get_published_at (self->item), zone);
      /* TRANSLATORS: a feed's name and the date of one of its items */
      meta = g_strdup_printf (_("%s · %s"), hd_feed_item_get_feed_title (self->item), date);
    }
  else
    meta = g_strdup (hd_feed_item_get_feed_title (self->item));
  gtk_label_set_label (self->meta_label, meta);

  /* An item with no title shows its summary in its place. */
  if (title == NULL || *title == '\0')
    {
      gtk_label_set_label (self->title_label, summary != NULL ? summary : "");
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
    }
  else
    {
      gtk_label_set_label (self->title_label, title);
      gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label),
                              summary != NULL && *summary != '\0');
    }

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->dismiss_button), "s",
                                    hd_feed_item_get_id (self->item));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->dismiss_button), "ideas.dismiss");
  if (post_id != NULL)
    {
      gtk_button_set_label (self->draft_button, _("_Open draft"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->draft_button),
                                   _("Open the draft made from this item (Ctrl+D)"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->draft_button), "suggested-action");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->draft_button), "s", post_id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->draft_button), "ideas.open-draft");
    }
  else
    {
      gtk_button_set_label (self->draft_button, _("_Make a draft"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->draft_button),
                                   _("Write a draft post with this item’s title and link "
                                     "(Ctrl+D)"));
      gtk_widget_add_css_class (GTK_WIDGET (self->draft_button), "suggested-action");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->draft_button), "s",
                                        hd_feed_item_get_id (self->item));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->draft_button), "ideas.make-draft");
    }

  /* Screen readers hear which item each button acts on. */
  accessible = g_strdup_printf (_("Dismiss “%s”"), title != NULL && *title ? title : meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dismiss_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_free (accessible);
  accessible = g_strdup_printf (post_id != NULL ? _("Open the draft of “%s”")
                                                : _("Make a draft from “%s”"),
                                title != NULL && *title ? title : meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->draft_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
activate_button (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HdFeedItemRow *self = HD_FEED_ITEM_ROW (widget);

  if (g_str_equal (action_name, "row.dismiss"))
    gtk_widget_activate (GTK_WIDGET (self->dismiss_button));
  else
    gtk_widget_activate (GTK_WIDGET (self->draft_button));
}

GtkWidget *
hd_feed_item_row_new (void)
{
  return g_object_new (HD_TYPE_FEED_ITEM_ROW, NULL);
}

HdFeedItem *
hd_feed_item_row_get_item (HdFeedItemRow *self)
{
  g_return_val_if_fail (HD_IS_FEED_ITEM_ROW (self), NULL);

  return self->item;
}

void
hd_feed_item_row_set_item (HdFeedItemRow *self,
                           HdFeedItem    *item)
{
  g_return_if_fail (HD_IS_FEED_ITEM_ROW (self));
  g_return_if_fail (item == NULL || HD_IS_FEED_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
hd_feed_item_row_dispose (GObject *object)
{
  HdFeedItemRow *self = HD_FEED_ITEM_ROW (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (hd_feed_item_row_parent_class)->dispose (object);
}

static void
hd_feed_item_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HdFeedItemRow *self = HD_FEED_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_feed_item_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HdFeedItemRow *self = HD_FEED_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      hd_feed_item_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_feed_item_row_class_init (HdFeedItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_feed_item_row_dispose;
  object_class->get_property = hd_feed_item_row_get_property;
  object_class->set_property = hd_feed_item_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         HD_TYPE_FEED_ITEM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/ideas/hd-feed-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdFeedItemRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, HdFeedItemRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdFeedItemRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HdFeedItemRow, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, HdFeedItemRow, draft_button);

  /* While focus is on the row's buttons: Delete dismisses, Ctrl+D makes or opens the draft. */
  gtk_widget_class_install_action (widget_class, "row.dismiss", NULL, activate_button);
  gtk_widget_class_install_action (widget_class, "row.draft", NULL, activate_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "row.dismiss", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "row.draft",
                                       NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hd_feed_item_row_init (HdFeedItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
