/* hd-top-posts.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-reports"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-store-metrics.h"
#include "reports/hd-top-posts.h"
#include "widgets/hd-format.h"

/* How much of a post's text a row shows; the rest is in its tooltip. */
#define TEXT_CHARS 60

/* Room the table takes: its header, each row, and at most this much before it scrolls. */
#define HEADER_HEIGHT 40
#define ROW_HEIGHT    38
#define MAX_HEIGHT    360

/* One row: a post as it went out on one channel. */
#define HD_TYPE_TOP_POST (hd_top_post_get_type ())
G_DECLARE_FINAL_TYPE (HdTopPost, hd_top_post, HD, TOP_POST, GObject)

struct _HdTopPost
{
  GObject  parent_instance;

  char    *text;
  char    *channel;
  char    *published;
  gint64   published_at;
  gint64   values[HD_REPORT_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (HdTopPost, hd_top_post, G_TYPE_OBJECT)

static void
hd_top_post_finalize (GObject *object)
{
  HdTopPost *self = HD_TOP_POST (object);

  g_free (self->text);
  g_free (self->channel);
  g_free (self->published);

  G_OBJECT_CLASS (hd_top_post_parent_class)->finalize (object);
}

static void
hd_top_post_class_init (HdTopPostClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hd_top_post_finalize;
}

static void
hd_top_post_init (HdTopPost *self)
{
}

struct _HdTopPosts
{
  AdwBin             parent_instance;

  /* owned references */
  GListStore        *posts;
  GtkSortListModel  *sorted;

  /* borrowed references */
  GtkColumnView     *view;
  GtkColumnViewColumn *columns[HD_REPORT_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (HdTopPosts, hd_top_posts, ADW_TYPE_BIN)

static char *
format_figure (gint64 value)
{
  if (value == HD_METRIC_NOT_AVAILABLE)
    return g_strdup (hd_reports_not_available_label ());

  return hd_format_count (value);
}

/* A figure the platform does not give sorts below every real one, zero included. */
static int
compare_figures (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  HdReportColumn column = GPOINTER_TO_UINT (user_data);
  const HdTopPost *first = a;
  const HdTopPost *second = b;
  gint64 x = first->values[column];
  gint64 y = second->values[column];

  if (x != y)
    return x < y ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  /* Equal figures: the newer post first, whichever way the column runs. */
  return first->published_at > second->published_at ? GTK_ORDERING_SMALLER
         : first->published_at < second->published_at ? GTK_ORDERING_LARGER
         : GTK_ORDERING_EQUAL;
}

static int
compare_dates (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const HdTopPost *first = a;
  const HdTopPost *second = b;

  return (first->published_at > second->published_at) -
         (first->published_at < second->published_at);
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = GPOINTER_TO_INT (user_data) >= 0;

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* user_data: the HdReportColumn shown, or -1 for the text, -2 the channel, -3 the date. */
static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  HdTopPost *post = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  int column = GPOINTER_TO_INT (user_data);

  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);

  if (column >= 0)
    {
      g_autofree char *figure = format_figure (post->values[column]);

      gtk_label_set_text (label, figure);
      if (post->values[column] == HD_METRIC_NOT_AVAILABLE)
        {
          gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
          gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                                       _("The platform does not give this figure any more."));
        }
    }
  else if (column == -1)
    {
      g_autofree char *first_words = hd_format_first_words (post->text, TEXT_CHARS);

      gtk_label_set_text (label, first_words);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), post->text);
    }
  else
    gtk_label_set_text (label, column == -2 ? post->channel : post->published);
}

static GtkColumnViewColumn *
add_column (HdTopPosts *self,
            const char *title,
            int         shows,
            GtkSorter  *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (shows));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (shows));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (shows == -1)
    {
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, 220);
    }
  gtk_column_view_append_column (self->view, column);
  g_clear_object (&sorter);

  /* The view holds it; returned borrowed. */
  g_object_unref (column);
  return column;
}

void
hd_top_posts_set_report (HdTopPosts *self,
                         HdReport   *report)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (HD_IS_TOP_POSTS (self));

  for (guint i = 0; report != NULL && i < report->posts->len; i++)
    {
      HdReportPost *source = g_ptr_array_index (report->posts, i);
      HdReportChannel *channel = hd_report_find_channel (report, source->channel_id);
      HdTopPost *post = g_object_new (HD_TYPE_TOP_POST, NULL);

      post->text = g_strdup (source->text != NULL ? source->text : "");
      post->channel = g_strdup (channel != NULL ? channel->name : "");
      post->published = hd_format_date (source->published_at, report->zone);
      post->published_at = source->published_at;
      memcpy (post->values, source->values, sizeof post->values);
      g_ptr_array_add (items, post);
    }

  g_list_store_splice (self->posts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->posts)),
                       items->pdata, items->len);

  /* A list view asks only for the rows it has made so far; make room for every post up to
   * a screenful, and scroll beyond that. */
  gtk_scrolled_window_set_min_content_height (
    GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self))),
    (int) MIN (MAX_HEIGHT, HEADER_HEIGHT + ROW_HEIGHT * items->len));
}

guint
hd_top_posts_get_n_posts (HdTopPosts *self)
{
  g_return_val_if_fail (HD_IS_TOP_POSTS (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

void
hd_top_posts_sort_by (HdTopPosts     *self,
                      HdReportColumn  column,
                      gboolean        descending)
{
  g_return_if_fail (HD_IS_TOP_POSTS (self));
  g_return_if_fail (column < HD_REPORT_N_COLUMNS);

  gtk_column_view_sort_by_column (self->view, self->columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

char *
hd_top_posts_dup_figure (HdTopPosts     *self,
                         guint           position,
                         HdReportColumn  column)
{
  g_autoptr(HdTopPost) post = NULL;

  g_return_val_if_fail (HD_IS_TOP_POSTS (self), NULL);
  g_return_val_if_fail (column < HD_REPORT_N_COLUMNS, NULL);

  post = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (post == NULL)
    return NULL;

  return format_figure (post->values[column]);
}

const char *
hd_top_posts_get_post_text (HdTopPosts *self,
                            guint       position)
{
  g_autoptr(HdTopPost) post = NULL;

  g_return_val_if_fail (HD_IS_TOP_POSTS (self), NULL);

  post = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  /* The store still holds the row, so its text outlives this reference. */
  return post != NULL ? post->text : NULL;
}

static void
hd_top_posts_dispose (GObject *object)
{
  HdTopPosts *self = HD_TOP_POSTS (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->sorted);
  g_clear_object (&self->posts);

  G_OBJECT_CLASS (hd_top_posts_parent_class)->dispose (object);
}

static void
hd_top_posts_class_init (HdTopPostsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hd_top_posts_dispose;
}

static void
hd_top_posts_init (HdTopPosts *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;

  self->posts = g_list_store_new (HD_TYPE_TOP_POST);
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_column_view_set_reorderable (self->view, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Top posts"),
                                  -1);

  add_column (self, _("Post"), -1, NULL);
  add_column (self, _("Channel"), -2, NULL);
  add_column (self, _("Published"), -3,
              GTK_SORTER (gtk_custom_sorter_new (compare_dates, NULL, NULL)));
  for (guint column = 0; column < HD_REPORT_N_COLUMNS; column++)
    self->columns[column] =
      add_column (self, hd_report_column_to_label (column), (int) column,
                  GTK_SORTER (gtk_custom_sorter_new (compare_figures, GUINT_TO_POINTER (column),
                                                     NULL)));

  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->posts)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (
    G_LIST_MODEL (self->sorted))));
  gtk_column_view_set_model (self->view, selection);
  hd_top_posts_sort_by (self, HD_REPORT_COLUMN_ENGAGEMENT, TRUE);

  /* Wide tables scroll sideways at 360 px; a long report scrolls within its section. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MAX_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

GtkWidget *
hd_top_posts_new (void)
{
  return g_object_new (HD_TYPE_TOP_POSTS, NULL);
}
