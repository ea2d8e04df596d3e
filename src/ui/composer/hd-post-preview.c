/* hd-post-preview.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-text-counter.h"
#include "composer/hd-post-preview.h"

struct _HdPostPreview
{
  GtkWidget parent_instance;

  /* child widgets */
  GtkWidget  *card;
  GtkWidget  *text_label;
  GtkWidget  *images_grid;
  GtkWidget  *image_placeholder;

  /* owned references */
  HdChannel  *channel;
  char       *text;
  GPtrArray  *images;
};

G_DEFINE_FINAL_TYPE (HdPostPreview, hd_post_preview, GTK_TYPE_WIDGET)

/* Where each platform folds a long text behind a "more" link in the feed. */
static guint
fold_length (HdChannelKind kind)
{
  switch (kind)
    {
    case HD_CHANNEL_KIND_INSTAGRAM:
      return 125;
    case HD_CHANNEL_KIND_LINKEDIN:
      return 210;
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      return 480;
    case HD_CHANNEL_KIND_MASTODON:
    case HD_CHANNEL_KIND_BLUESKY:
    case HD_CHANNEL_KIND_X:
    default:
      return 0;
    }
}

typedef struct
{
  gsize start;
  gsize end;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  return sa->start < sb->start ? -1 : sa->start > sb->start;
}

static void
add_regex_spans (GArray     *spans,
                 const char *text,
                 const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert (regex != NULL);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;

      if (g_match_info_fetch_pos (match, 1, &start, &end))
        {
          Span span = { start, end };

          g_array_append_val (spans, span);
        }
      g_match_info_next (match, NULL);
    }
}

char *
hd_post_preview_markup (const char *text,
                        const char *link_color)
{
  g_autoptr(GArray) urls = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GString) markup = g_string_new (NULL);
  gsize position = 0;

  g_return_val_if_fail (text != NULL, NULL);

  urls = hd_text_find_urls (text, HD_TEXT_URLS_BARE_DOMAINS);
  for (guint i = 0; urls != NULL && i < urls->len; i++)
    {
      HdTextSpan *url = &g_array_index (urls, HdTextSpan, i);
      Span span = { url->start, url->end };

      g_array_append_val (spans, span);
    }
  add_regex_spans (spans, text, "(?:^|[^\\w&/])(#[\\w\\x{200c}\\x{200d}]*[^\\W\\d][\\w]*)");
  add_regex_spans (spans, text, "(?:^|[^\\w/])(@[\\w.]+(?:@[\\w-]+(?:\\.[\\w-]+)+)?)");
  g_array_sort (spans, compare_spans);

  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      g_autofree char *before = NULL;
      g_autofree char *inside = NULL;

      /* A hashtag inside a URL ("…/page#top") is part of the link. */
      if (span->start < position)
        continue;

      before = g_markup_escape_text (text + position, span->start - position);
      inside = g_markup_escape_text (text + span->start, span->end - span->start);
      g_string_append_printf (markup, "%s<span foreground=\"%s\">%s</span>",
                              before, link_color, inside);
      position = span->end;
    }

  {
    g_autofree char *rest = g_markup_escape_text (text + position, -1);

    g_string_append (markup, rest);
  }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static char *
accent_color (HdPostPreview *self)
{
  GdkRGBA rgba = { 0.21, 0.52, 0.89, 1.0 };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  "accent_color", &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) (CLAMP (rgba.red, 0., 1.) * 255 + .5),
                          (guint) (CLAMP (rgba.green, 0., 1.) * 255 + .5),
                          (guint) (CLAMP (rgba.blue, 0., 1.) * 255 + .5));
}

static void
update_text (HdPostPreview *self)
{
  HdChannelKind kind = hd_channel_get_kind (self->channel);
  g_autofree char *color = accent_color (self);
  g_autofree char *markup = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *handle = NULL;
  guint fold = fold_length (kind);
  const char *text = self->text != NULL ? self->text : "";
  gboolean folded = FALSE;

  if (fold > 0 && g_utf8_strlen (text, -1) > fold)
    {
      shown = g_utf8_substring (text, 0, fold);
      folded = TRUE;
    }

  markup = hd_post_preview_markup (shown != NULL ? shown : text, color);

  if (kind == HD_CHANNEL_KIND_INSTAGRAM)
    {
      /* Instagram puts the account name in bold at the start of the caption. */
      const char *name = hd_channel_get_handle (self->channel);
      g_autofree char *escaped = NULL;

      if (name == NULL || *name == '\0')
        name = hd_channel_get_display_name (self->channel);
      escaped = g_markup_escape_text (name != NULL ? name : "", -1);
      handle = g_strdup_printf ("<b>%s</b> ", escaped);
    }

  {
    g_autofree char *full = g_strconcat (handle != NULL ? handle : "",
                                         markup,
                                         folded ? "… " : "",
                                         NULL);
    g_autofree char *more = NULL;

    if (folded)
      {
        g_autofree char *escaped = g_markup_escape_text (kind == HD_CHANNEL_KIND_LINKEDIN
                                                         ? _("see more") : _("more"), -1);

        more = g_strdup_printf ("%s<span alpha=\"55%%\">%s</span>", full, escaped);
      }
    gtk_label_set_markup (GTK_LABEL (self->text_label), more != NULL ? more : full);
  }

  gtk_widget_set_visible (self->text_label, *text != '\0' || handle != NULL);
}

static void
update_images (HdPostPreview *self)
{
  GtkWidget *child;
  guint n = self->images != NULL ? self->images->len : 0;
  guint shown = MIN (n, 4);

  while ((child = gtk_widget_get_first_child (self->images_grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->images_grid), child);

  for (guint i = 0; i < shown; i++)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (g_ptr_array_index (self->images, i));
      int column = i % 2, row = i / 2, width = 1, height = 1;

      /* One picture spans the card; with three, the first takes the left column. */
      if (shown == 1)
        width = 2;
      else if (shown == 3)
        {
          column = i == 0 ? 0 : 1;
          row = i == 0 ? 0 : i - 1;
          height = i == 0 ? 2 : 1;
        }

      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, -1, shown == 1 ? 220 : 110);
      gtk_widget_set_hexpand (picture, TRUE);
      gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
      gtk_widget_add_css_class (picture, "hd-preview-image");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attached image"),
                                      -1);
      gtk_grid_attach (GTK_GRID (self->images_grid), picture, column, row, width, height);
    }

  gtk_widget_set_visible (self->images_grid, shown > 0);
  gtk_widget_set_visible (self->image_placeholder,
                          shown == 0 &&
                          hd_channel_get_kind (self->channel) == HD_CHANNEL_KIND_INSTAGRAM);
}

void
hd_post_preview_update (HdPostPreview *self,
                        const char    *text,
                        GPtrArray     *images)
{
  gboolean same_images = TRUE;
  guint n_old, n_new;

  g_return_if_fail (HD_IS_POST_PREVIEW (self));

  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      update_text (self);
    }

  n_old = self->images != NULL ? self->images->len : 0;
  n_new = images != NULL ? images->len : 0;
  if (n_old != n_new)
    same_images = FALSE;
  for (guint i = 0; same_images && i < n_new; i++)
    same_images = g_ptr_array_index (self->images, i) == g_ptr_array_index (images, i);

  if (!same_images)
    {
      g_clear_pointer (&self->images, g_ptr_array_unref);
      self->images = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n_new; i++)
        g_ptr_array_add (self->images, g_object_ref (g_ptr_array_index (images, i)));
      update_images (self);
    }
}

static GtkWidget *
build_header (HdPostPreview *self)
{
  HdChannelKind kind = hd_channel_get_kind (self->channel);
  const char *name = hd_channel_get_display_name (self->channel);
  const char *handle = hd_channel_get_handle (self->channel);
  g_autofree char *handle_text = NULL;
  g_autofree char *meta = NULL;
  GtkWidget *box, *names, *label, *avatar;

  if (name == NULL || *name == '\0')
    name = hd_channel_kind_to_label (kind);
  if (handle == NULL)
    handle = "";

  switch (kind)
    {
    case HD_CHANNEL_KIND_X:
    case HD_CHANNEL_KIND_BLUESKY:
    case HD_CHANNEL_KIND_MASTODON:
      handle_text = *handle == '\0' || *handle == '@' ? g_strdup (handle)
                                                      : g_strconcat ("@", handle, NULL);
      /* TRANSLATORS: how long ago a post went out, in a feed; this one just did. */
      meta = g_strdup_printf ("%s · %s", handle_text, _("now"));
      break;

    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
    case HD_CHANNEL_KIND_LINKEDIN:
      /* TRANSLATORS: under the page's name in a preview: posted a moment ago, for everyone. */
      meta = g_strdup (_("Just now · Public"));
      break;

    case HD_CHANNEL_KIND_INSTAGRAM:
    default:
      meta = g_strdup (handle);
      break;
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);

  avatar = adw_avatar_new (kind == HD_CHANNEL_KIND_INSTAGRAM ? 32 : 40, name, TRUE);
  gtk_widget_set_valign (avatar, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), avatar);

  names = gtk_box_new (kind == HD_CHANNEL_KIND_X || kind == HD_CHANNEL_KIND_BLUESKY
                       ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (box), names);

  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (names), label);

  if (meta != NULL && *meta != '\0')
    {
      label = gtk_label_new (meta);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      if (kind != HD_CHANNEL_KIND_X && kind != HD_CHANNEL_KIND_BLUESKY)
        gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (names), label);
    }

  return box;
}

static GtkWidget *
build_actions (HdChannelKind kind)
{
  static const struct { const char *icon; const char *label; } x_like[] = {
    { "mail-reply-sender-symbolic", NULL },
    { "media-playlist-repeat-symbolic", NULL },
    { "emblem-favorite-symbolic", NULL },
    { "emblem-shared-symbolic", NULL },
  };
  static const struct { const char *icon; const char *label; } page_like[] = {
    { "emblem-favorite-symbolic", N_("Like") },
    { "mail-reply-sender-symbolic", N_("Comment") },
    { "emblem-shared-symbolic", N_("Share") },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gboolean labelled = kind == HD_CHANNEL_KIND_FACEBOOK_PAGE || kind == HD_CHANNEL_KIND_LINKEDIN;
  guint n = labelled ? G_N_ELEMENTS (page_like) : G_N_ELEMENTS (x_like);

  gtk_widget_add_css_class (box, "dim-label");
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reactions, as the channel shows them"), -1);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      const char *icon = labelled ? page_like[i].icon : x_like[i].icon;

      gtk_widget_set_halign (item, labelled ? GTK_ALIGN_CENTER : GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (item), gtk_image_new_from_icon_name (icon));
      if (labelled)
        {
          GtkWidget *label = gtk_label_new (_(page_like[i].label));

          gtk_widget_add_css_class (label, "caption-heading");
          gtk_box_append (GTK_BOX (item), label);
        }
      gtk_box_append (GTK_BOX (box), item);
    }

  return box;
}

static void
on_dark_changed (HdPostPreview *self)
{
  /* The link colour is baked into the markup: draw it again in the new style. */
  update_text (self);
}

GtkWidget *
hd_post_preview_new (HdChannel *channel)
{
  HdPostPreview *self;
  HdChannelKind kind;
  GtkWidget *body;
  const char *kind_class[] = {
    "mastodon", "bluesky", "facebook", "instagram", "linkedin", "x"
  };

  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);

  self = g_object_new (HD_TYPE_POST_PREVIEW, NULL);
  self->channel = g_object_ref (channel);
  kind = hd_channel_get_kind (channel);

  self->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_add_css_class (self->card, "card");
  gtk_widget_add_css_class (self->card, "hd-preview");
  gtk_widget_add_css_class (self->card, kind_class[kind]);
  gtk_widget_set_parent (self->card, GTK_WIDGET (self));

  self->text_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->text_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->text_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->text_label), FALSE);
  gtk_widget_add_css_class (self->text_label, "hd-preview-text");

  self->images_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->images_grid), 4);
  gtk_grid_set_row_spacing (GTK_GRID (self->images_grid), 4);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->images_grid), TRUE);
  gtk_widget_set_overflow (self->images_grid, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (self->images_grid, "hd-preview-images");
  gtk_widget_set_visible (self->images_grid, FALSE);

  self->image_placeholder = gtk_label_new (_("Instagram posts need an image"));
  gtk_widget_add_css_class (self->image_placeholder, "hd-preview-placeholder");
  gtk_widget_add_css_class (self->image_placeholder, "dim-label");
  gtk_widget_set_size_request (self->image_placeholder, -1, 160);

  gtk_box_append (GTK_BOX (self->card), build_header (self));

  if (kind == HD_CHANNEL_KIND_INSTAGRAM)
    {
      /* Instagram leads with the picture; the caption follows the reactions. */
      gtk_box_append (GTK_BOX (self->card), self->images_grid);
      gtk_box_append (GTK_BOX (self->card), self->image_placeholder);
      gtk_box_append (GTK_BOX (self->card), build_actions (kind));
      gtk_box_append (GTK_BOX (self->card), self->text_label);
    }
  else
    {
      body = self->card;
      gtk_widget_set_visible (self->image_placeholder, FALSE);
      gtk_box_append (GTK_BOX (body), self->text_label);
      gtk_box_append (GTK_BOX (body), self->images_grid);
      gtk_box_append (GTK_BOX (body), self->image_placeholder);
      gtk_box_append (GTK_BOX (body), build_actions (kind));
    }

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);

  update_text (self);
  update_images (self);

  return GTK_WIDGET (self);
}

static void
hd_post_preview_dispose (GObject *object)
{
  HdPostPreview *self = HD_POST_PREVIEW (object);

  g_clear_pointer (&self->card, gtk_widget_unparent);
  g_clear_object (&self->channel);
  g_clear_pointer (&self->images, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_post_preview_parent_class)->dispose (object);
}

static void
hd_post_preview_finalize (GObject *object)
{
  HdPostPreview *self = HD_POST_PREVIEW (object);

  g_free (self->text);

  G_OBJECT_CLASS (hd_post_preview_parent_class)->finalize (object);
}

static void
hd_post_preview_class_init (HdPostPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_post_preview_dispose;
  object_class->finalize = hd_post_preview_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hd-post-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hd_post_preview_init (HdPostPreview *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview"), -1);
}
