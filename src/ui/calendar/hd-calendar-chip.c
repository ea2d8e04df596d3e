/* hd-calendar-chip.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month switch re-binds a couple of hundred chips at once, so a chip draws its icons and
 * words itself instead of holding an image and a label per part: re-binding changes what a
 * chip points at and queues a redraw, never a relayout of the grid. Only the state dot stays
 * a child, with nothing in it, so the style sheet still sizes and colours it per state.
 *
 * Shaping text is what a chip costs. The shaped words are kept in one cache shared by every
 * chip, keyed by the words alone and not by the width they are drawn in (the chip cuts them
 * with a clip and an ellipsis of its own), so paging back to a month, or the same post in the
 * week view, shapes nothing again.
 */

#define G_LOG_DOMAIN "herald-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-core-enums.h"
#include "hd-provider.h"
#include "calendar/hd-calendar-chip.h"

#define N_KINDS         (HD_CHANNEL_KIND_X + 1)
/* The icon after the channels' in the icon cache: the computer that marks a post Herald
 * publishes itself. */
#define MARK_ICON       N_KINDS
#define N_ICONS         (N_KINDS + 1)
/* A platform that schedules natively but not this far ahead gets the post once it is within
 * reach; an hour before its time is the latest Herald would still hand it over. */
#define HANDOVER_LEAD   (60 * 60)
#define MAX_SHOWN_CHARS 40
/* Shaped first when a chip has not been given a width yet; otherwise as many characters as
 * its width could show if they were all narrow. The rest is shaped only for a chip wide enough
 * to show it. */
#define FIRST_SHAPED_CHARS 24
#define MAX_SHOWN_BYTES 160
#define SPACING         4
/* the time and a word or two */
#define MIN_TEXT_W      84
#define NATURAL_TEXT_W  224
/* the time and a letter or two, beside the computer */
#define MIN_MARKED_TEXT_W 56
#define ICON_SIZE       12
#define ICON_OPACITY    0.7
/* About three busy months of chips at the usual window size. */
#define MAX_SHAPED      640

/* One item of shaped words: a font and its glyphs, in logical order. */
typedef struct
{
  PangoFont        *font;
  PangoGlyphString *glyphs;
  int               offset;    /* of the item's first byte in the text */
} Run;

/* Words shaped once, drawn by any chip: their glyphs, their width, and the nodes last made
 * from them, whole and cut. Shaping goes straight from items to glyphs: a PangoLayout would
 * also find line breaks and build lines for words that are only ever one line. Words that
 * run right to left keep a layout instead, and Pango cuts them. */
typedef struct
{
  char          *key;        /* 'b' or 'r' for bold or regular, then the words */
  Run           *runs;
  guint          n_runs;
  int            width;      /* Pango units */
  gboolean       partial;    /* only the first characters are shaped yet */
  PangoLayout   *layout;     /* only when the words are not all left to right */
  GskRenderNode *node;
  GdkRGBA        node_color;
  GskRenderNode *cut_node;
  GdkRGBA        cut_color;
  guint          cut_glyphs;
  int            cut_room;   /* Pango units the cut was found for, and its width */
  int            cut_width;
  GList          link;       /* in shaped_cache.recent, newest first */
} Shaped;

static struct
{
  GHashTable *by_text;       /* "b"/"r" + text → Shaped, holding a reference */
  GQueue      recent;
  guint       font_key;
} shaped_cache;

struct _HdCalendarChip
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget *dot;

  /* owned: what is drawn */
  Shaped    *time;
  Shaped    *words;

  /* the chip's font, as the cache knows it; the context is the widget's own */
  PangoContext *context;
  guint      context_serial;
  guint      shaped_serial;
  guint      font_key;
  int        line_h;
  int        ascent;
  int        char_width;   /* Pango units */

  /* where size_allocate put the icons and the words; -1 for an icon with no room */
  int        icon_x[N_ICONS];
  int        text_x;
  int        text_w;

  /* what is bound, so binding it again costs nothing */
  HdCalendarEntry entry;
  gint64          zone_offset_key;
  gboolean        bound;
  /* the post goes out only if Herald runs at its time */
  gboolean        needs_herald;
};

G_DEFINE_FINAL_TYPE (HdCalendarChip, hd_calendar_chip, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *state_css[] = {
  [HD_POST_STATE_IDEA] = "idea",
  [HD_POST_STATE_DRAFT] = "draft",
  [HD_POST_STATE_SCHEDULED] = "scheduled",
  [HD_POST_STATE_PUBLISHING] = "publishing",
  [HD_POST_STATE_PUBLISHED] = "published",
  [HD_POST_STATE_FAILED] = "failed",
  [HD_POST_STATE_NEEDS_ATTENTION] = "needs-attention",
};

#define N_ICON_COLORS 4

/* The channel icons at chip size, shared by every chip of the display, and the nodes that
 * draw them faded in the few colours chips have (a state's, the dark style's). */
static struct
{
  GtkIconTheme     *theme;
  int               scale;
  GtkIconPaintable *icons[N_ICONS];
  GskRenderNode    *nodes[N_ICONS][N_ICON_COLORS];
  GdkRGBA           colors[N_ICONS][N_ICON_COLORS];
  guint             next[N_ICONS];
} icon_cache;

const char *
hd_calendar_state_css_name (HdPostState state)
{
  if ((guint) state >= G_N_ELEMENTS (state_css))
    return "draft";

  return state_css[state];
}

void
hd_calendar_ensure_style (void)
{
  static GdkDisplay *styled;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == styled)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/heraldapp/Herald/calendar/hd-calendar.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
}

static void
clear_icon_cache (void)
{
  for (guint kind = 0; kind < N_ICONS; kind++)
    {
      g_clear_object (&icon_cache.icons[kind]);
      for (guint c = 0; c < N_ICON_COLORS; c++)
        g_clear_pointer (&icon_cache.nodes[kind][c], gsk_render_node_unref);
    }
}

/* The node for icon @kind (a channel kind, or MARK_ICON) in @color, made once. */
static GskRenderNode *
get_icon_node (GtkWidget     *widget,
               guint          kind,
               const GdkRGBA *color)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  int scale = gtk_widget_get_scale_factor (widget);
  GtkSnapshot *snapshot;
  guint slot;

  if (theme != icon_cache.theme || scale != icon_cache.scale)
    {
      clear_icon_cache ();
      if (theme != icon_cache.theme)
        /* The theme belongs to the display, which outlives every chip. */
        g_signal_connect (theme, "changed", G_CALLBACK (clear_icon_cache), NULL);
      icon_cache.theme = theme;
      icon_cache.scale = scale;
    }

  for (slot = 0; slot < N_ICON_COLORS; slot++)
    if (icon_cache.nodes[kind][slot] != NULL &&
        gdk_rgba_equal (&icon_cache.colors[kind][slot], color))
      return icon_cache.nodes[kind][slot];

  if (icon_cache.icons[kind] == NULL)
    icon_cache.icons[kind] = gtk_icon_theme_lookup_icon (theme,
                                                         kind == MARK_ICON
                                                         ? "computer-symbolic"
                                                         : hd_channel_kind_icon_name (kind),
                                                         NULL, ICON_SIZE, scale,
                                                         GTK_TEXT_DIR_NONE, 0);

  slot = icon_cache.next[kind]++ % N_ICON_COLORS;
  g_clear_pointer (&icon_cache.nodes[kind][slot], gsk_render_node_unref);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_push_opacity (snapshot, ICON_OPACITY);
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon_cache.icons[kind]),
                                            snapshot, ICON_SIZE, ICON_SIZE, color, 1);
  gtk_snapshot_pop (snapshot);
  icon_cache.nodes[kind][slot] = gtk_snapshot_free_to_node (snapshot);
  icon_cache.colors[kind][slot] = *color;

  return icon_cache.nodes[kind][slot];
}

static void clear_shape (Shaped *shaped);

static void
shaped_free (gpointer data)
{
  Shaped *shaped = data;

  clear_shape (shaped);
  g_free (shaped->key);
}

static Shaped *
shaped_ref (Shaped *shaped)
{
  return g_rc_box_acquire (shaped);
}

static void
shaped_unref (Shaped *shaped)
{
  g_rc_box_release_full (shaped, shaped_free);
}

static const char *
shaped_get_text (Shaped *shaped)
{
  return shaped->key + 1;
}

static void
on_shaped_evicted (gpointer data)
{
  Shaped *shaped = data;

  g_queue_unlink (&shaped_cache.recent, &shaped->link);
  shaped_unref (shaped);
}

/* What a shape made in one chip's context looks like in another: the font, its options and
 * the resolution, and the direction. */
static guint
compute_font_key (PangoContext *context)
{
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  guint key = pango_font_description_hash (pango_context_get_font_description (context));

  key = key * 31 + (guint) (pango_cairo_context_get_resolution (context) * 64);
  key = key * 31 + (options != NULL ? (guint) cairo_font_options_hash (options) : 0);
  key = key * 31 + pango_context_get_base_dir (context);
  key = key * 31 + pango_context_get_round_glyph_positions (context);

  return key;
}

static void
clear_shape (Shaped *shaped)
{
  for (guint i = 0; i < shaped->n_runs; i++)
    {
      g_object_unref (shaped->runs[i].font);
      pango_glyph_string_free (shaped->runs[i].glyphs);
    }
  g_clear_pointer (&shaped->runs, g_free);
  shaped->n_runs = 0;
  shaped->width = 0;
  g_clear_object (&shaped->layout);
  g_clear_pointer (&shaped->node, gsk_render_node_unref);
  g_clear_pointer (&shaped->cut_node, gsk_render_node_unref);
}

/* Shapes the first @n_chars characters of the words, or all of them with -1. */
static void
shape (Shaped       *shaped,
       PangoContext *context,
       int           n_chars)
{
  g_autoptr(PangoAttrList) attributes = NULL;
  const char *text = shaped_get_text (shaped);
  int length = strlen (text);
  PangoShapeFlags flags = pango_context_get_round_glyph_positions (context)
                          ? PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;
  gboolean plain = TRUE;
  GList *items;
  guint i = 0;

  if (shaped->key[0] == 'b')
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    }

  clear_shape (shaped);
  shaped->partial = FALSE;
  if (n_chars >= 0 && g_utf8_strlen (text, length) > n_chars)
    {
      /* The shaping context still reaches to the end of the words. */
      length = g_utf8_offset_to_pointer (text, n_chars) - text;
      shaped->partial = TRUE;
    }

  items = pango_itemize (context, text, 0, length, attributes, NULL);
  shaped->n_runs = g_list_length (items);
  shaped->runs = g_new0 (Run, shaped->n_runs);

  for (GList *l = items; l != NULL; l = l->next, i++)
    {
      PangoItem *item = l->data;
      Run *run = &shaped->runs[i];

      run->font = g_object_ref (item->analysis.font);
      run->offset = item->offset;
      run->glyphs = pango_glyph_string_new ();
      pango_shape_with_flags (text + item->offset, item->length, text, strlen (text),
                              &item->analysis, run->glyphs, flags);
      shaped->width += pango_glyph_string_get_width (run->glyphs);
      if (item->analysis.level % 2 != 0)
        plain = FALSE;
    }
  g_list_free_full (items, (GDestroyNotify) pango_item_free);

  if (!plain)
    {
      PangoRectangle logical;

      shaped->layout = pango_layout_new (context);
      pango_layout_set_single_paragraph_mode (shaped->layout, TRUE);
      pango_layout_set_attributes (shaped->layout, attributes);
      pango_layout_set_text (shaped->layout, text, -1);
      pango_layout_get_extents (shaped->layout, NULL, &logical);
      shaped->width = logical.width;
      shaped->partial = FALSE;
    }
}

/* The widget keeps its context for its whole life and updates it as its style changes;
 * finding it each time costs a search of the widget's data. */
static PangoContext *
get_context (HdCalendarChip *self)
{
  if (self->context == NULL)
    self->context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  return self->context;
}

/* The words @text as @self's font shapes them, from the cache when they were shaped before. */
static Shaped *
lookup_shaped (HdCalendarChip *self,
               const char     *text,
               gboolean        bold,
               int             n_chars)
{
  PangoContext *context = get_context (self);
  g_autofree char *key = NULL;
  Shaped *shaped;

  if (pango_context_get_serial (context) != self->context_serial)
    {
      self->context_serial = pango_context_get_serial (context);
      self->font_key = compute_font_key (context);
    }

  if (shaped_cache.by_text == NULL)
    shaped_cache.by_text = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                  on_shaped_evicted);
  /* Another font or size: nothing shaped so far looks right any more. */
  if (shaped_cache.font_key != self->font_key)
    {
      g_hash_table_remove_all (shaped_cache.by_text);
      shaped_cache.font_key = self->font_key;
    }

  key = g_strconcat (bold ? "b" : "r", text, NULL);
  shaped = g_hash_table_lookup (shaped_cache.by_text, key);
  if (shaped != NULL)
    {
      g_queue_unlink (&shaped_cache.recent, &shaped->link);
      g_queue_push_head_link (&shaped_cache.recent, &shaped->link);
      return shaped_ref (shaped);
    }

  shaped = g_rc_box_new0 (Shaped);
  shaped->key = g_steal_pointer (&key);
  shaped->link.data = shaped;
  shape (shaped, context, n_chars);

  g_hash_table_insert (shaped_cache.by_text, shaped->key, shaped);
  g_queue_push_head_link (&shaped_cache.recent, &shaped->link);
  while (shaped_cache.recent.length > MAX_SHAPED)
    {
      Shaped *oldest = g_queue_peek_tail (&shaped_cache.recent);

      g_hash_table_remove (shaped_cache.by_text, oldest->key);
    }

  return shaped_ref (shaped);
}

GtkWidget *
hd_calendar_chip_new (void)
{
  return g_object_new (HD_TYPE_CALENDAR_CHIP, NULL);
}

const char *
hd_calendar_chip_get_post_id (HdCalendarChip *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_CHIP (self), NULL);

  return self->bound ? self->entry.id : NULL;
}

gint64
hd_calendar_chip_get_instant (HdCalendarChip *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_CHIP (self), 0);

  return self->entry.scheduled_at;
}

const char *
hd_calendar_chip_get_excerpt (HdCalendarChip *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_CHIP (self), NULL);

  return self->bound ? self->entry.excerpt : NULL;
}

gboolean
hd_calendar_chip_get_needs_herald (HdCalendarChip *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_CHIP (self), FALSE);

  return self->bound && self->needs_herald;
}

gboolean
hd_calendar_chip_get_mark_shown (HdCalendarChip *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_CHIP (self), FALSE);

  return self->bound && self->needs_herald && self->icon_x[MARK_ICON] >= 0;
}

gboolean
hd_calendar_entry_needs_herald (const HdCalendarEntry *entry,
                                gint64                 now)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  if (entry->state != HD_POST_STATE_SCHEDULED || entry->scheduled_at == 0)
    return FALSE;

  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      gint64 handover = entry->scheduled_at - HANDOVER_LEAD;

      if ((entry->channel_kinds & (1u << kind)) == 0)
        continue;
      if (hd_provider_kind_can_schedule_at (kind, entry->scheduled_at, now))
        continue;
      if (handover > now && hd_provider_kind_can_schedule_at (kind, entry->scheduled_at, handover))
        continue;

      return TRUE;
    }

  return FALSE;
}

/* Translated once: a month switch binds hundreds of chips. */
static const char *
needs_herald_text (void)
{
  static const char *text;

  if (text == NULL)
    text = _("Herald publishes this itself: leave the computer on");

  return text;
}

/* The names of states and channels, translated once: a month switch names hundreds. */
static const char *
state_label (HdPostState state)
{
  static const char *labels[HD_POST_STATE_NEEDS_ATTENTION + 1];

  if ((guint) state >= G_N_ELEMENTS (labels))
    return hd_post_state_to_label (state);
  if (labels[state] == NULL)
    labels[state] = hd_post_state_to_label (state);

  return labels[state];
}

static const char *
kind_label (HdChannelKind kind)
{
  static const char *labels[N_KINDS];

  if (labels[kind] == NULL)
    labels[kind] = hd_channel_kind_to_label (kind);

  return labels[kind];
}

static void
update_accessible_label (HdCalendarChip *self,
                         const char     *time)
{
  static const char *no_text;
  /* A state, a time, six channel names and an excerpt of at most 95 bytes fit. */
  char buffer[512];

  if (no_text == NULL)
    no_text = _("No text yet");

  buffer[0] = '\0';
  g_strlcat (buffer, state_label (self->entry.state), sizeof buffer);
  if (time != NULL)
    {
      g_strlcat (buffer, ", ", sizeof buffer);
      g_strlcat (buffer, time, sizeof buffer);
    }
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (self->entry.channel_kinds & (1u << kind))
      {
        g_strlcat (buffer, ", ", sizeof buffer);
        g_strlcat (buffer, kind_label (kind), sizeof buffer);
      }
  g_strlcat (buffer, ": ", sizeof buffer);
  g_strlcat (buffer, self->entry.excerpt[0] != '\0' ? self->entry.excerpt : no_text,
             sizeof buffer);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, buffer,
                                  -1);
}

/* Built when asked for, not on every bind: a month switch re-binds hundreds of chips. */
static gboolean
on_query_tooltip (HdCalendarChip *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autoptr(GString) text = NULL;

  if (!self->bound)
    return FALSE;

  text = g_string_new (hd_post_state_to_label (self->entry.state));
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (self->entry.channel_kinds & (1u << kind))
      g_string_append_printf (text, ", %s", hd_channel_kind_to_label (kind));
  g_string_append_c (text, '\n');
  g_string_append (text, self->entry.excerpt[0] != '\0' ? self->entry.excerpt : _("No text yet"));
  if (self->needs_herald)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, needs_herald_text ());
    }
  gtk_tooltip_set_text (tooltip, text->str);

  return TRUE;
}

static int guess_chars (HdCalendarChip *self);

/* Only what a day can show is shaped; the full excerpt stays for the tooltip and screen
 * readers. */
static void
set_words (HdCalendarChip *self,
           const char     *words)
{
  static const char ellipsis[] = "…";
  char text[MAX_SHOWN_BYTES + sizeof ellipsis];
  const char *end = words;
  guint n = 0;

  while (*end != '\0' && n++ < MAX_SHOWN_CHARS && end - words < MAX_SHOWN_BYTES)
    end = g_utf8_next_char (end);
  memcpy (text, words, end - words);
  text[end - words] = '\0';
  /* Words cut here go on: say so even where all that is kept fits. */
  if (*end != '\0')
    memcpy (text + (end - words), ellipsis, sizeof ellipsis);

  if (self->words != NULL && strcmp (shaped_get_text (self->words), text) == 0)
    return;

  g_clear_pointer (&self->words, shaped_unref);
  self->words = lookup_shaped (self, text, FALSE, guess_chars (self));
}

static void
set_time (HdCalendarChip *self,
          const char     *time)
{
  if (self->time != NULL && time != NULL && strcmp (shaped_get_text (self->time), time) == 0)
    return;

  g_clear_pointer (&self->time, shaped_unref);
  if (time != NULL)
    self->time = lookup_shaped (self, time, TRUE, -1);
}

/* "HH:MM" at the post's instant, from the offset in force then. */
static void
format_time (char   *buffer,
             gsize   size,
             gint64  instant,
             gint32  offset)
{
  gint64 seconds = (instant + offset) % 86400;

  if (seconds < 0)
    seconds += 86400;
  g_snprintf (buffer, size, "%02d:%02d", (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}

void
hd_calendar_chip_bind (HdCalendarChip        *self,
                       const HdCalendarEntry *entry,
                       GTimeZone             *zone)
{
  char time[16];
  gboolean has_time = FALSE;
  gboolean icons_changed;
  gboolean needs_herald;
  gint32 offset = 0;
  gint64 zone_key = 0;

  g_return_if_fail (HD_IS_CALENDAR_CHIP (self));
  g_return_if_fail (entry != NULL);

  /* The offset in force at the post's instant is what changes its wall time. */
  if (zone != NULL && entry->scheduled_at != 0)
    {
      int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, entry->scheduled_at);

      offset = interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0;
      zone_key = (gint64) offset + 1;
      has_time = TRUE;
    }

  /* Time alone can change this one: a post comes within a platform's reach, or its time
   * passes. */
  needs_herald = hd_calendar_entry_needs_herald (entry, g_get_real_time () / G_USEC_PER_SEC);

  if (self->bound && self->zone_offset_key == zone_key && self->needs_herald == needs_herald &&
      memcmp (&self->entry, entry, sizeof *entry) == 0)
    return;

  if (!self->bound || self->entry.state != entry->state)
    {
      if (self->bound)
        gtk_widget_remove_css_class (GTK_WIDGET (self),
                                     hd_calendar_state_css_name (self->entry.state));
      gtk_widget_add_css_class (GTK_WIDGET (self), hd_calendar_state_css_name (entry->state));
    }

  icons_changed = !self->bound || self->entry.channel_kinds != entry->channel_kinds ||
                  self->needs_herald != needs_herald;
  if (!self->bound || self->needs_herald != needs_herald)
    {
      if (needs_herald)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, needs_herald_text (),
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  self->needs_herald = needs_herald;

  if (has_time)
    format_time (time, sizeof time, entry->scheduled_at, offset);
  set_time (self, has_time ? time : NULL);
  set_words (self, entry->excerpt[0] != '\0' ? entry->excerpt : _("No text yet"));
  self->shaped_serial = pango_context_get_serial (get_context (self));

  memcpy (&self->entry, entry, sizeof *entry);
  self->zone_offset_key = zone_key;
  self->bound = TRUE;

  update_accessible_label (self, has_time ? time : NULL);

  /* Other icons move the words; other words alone only need drawing. */
  if (icons_changed)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_released (HdCalendarChip *self,
                   int             n_press,
                   double          x,
                   double          y,
                   GtkGesture     *gesture)
{
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  if (self->bound)
    g_signal_emit (self, signals[ACTIVATED], 0);
}

static GdkContentProvider *
on_drag_prepare (HdCalendarChip *self,
                 double          x,
                 double          y,
                 GtkDragSource  *source)
{
  g_autoptr(GdkPaintable) icon = NULL;

  if (!self->bound)
    return NULL;

  icon = gtk_widget_paintable_new (GTK_WIDGET (self));
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);

  return gdk_content_provider_new_typed (G_TYPE_STRING, self->entry.id);
}

/* One line of the chip's font, whatever the words: a chip's height never depends on what it
 * is bound to, so re-binding never needs a new layout of the grid. The line is the one a label
 * of the same font would have. */
static void
measure_line (HdCalendarChip *self)
{
  static struct
  {
    guint font_key;
    int   height;
    int   ascent;
    int   char_width;
  } line;
  PangoContext *context = get_context (self);

  if (pango_context_get_serial (context) != self->context_serial)
    {
      self->context_serial = pango_context_get_serial (context);
      self->font_key = compute_font_key (context);
    }

  if (line.height == 0 || line.font_key != self->font_key)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      PangoRectangle logical;

      pango_layout_set_text (layout, "Ag", -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      line.font_key = self->font_key;
      line.height = logical.height;
      line.ascent = PANGO_PIXELS (pango_layout_get_baseline (layout)) - logical.y;
      line.char_width = pango_font_metrics_get_approximate_char_width (metrics);
      pango_font_metrics_unref (metrics);
    }

  self->line_h = line.height;
  self->ascent = line.ascent;
  self->char_width = line.char_width;
}

/* How many characters of the words to shape for the width the chip had last: enough for
 * characters half again narrower than the font's average, after the time. */
static int
guess_chars (HdCalendarChip *self)
{
  int room = self->text_w * PANGO_SCALE;

  if (self->text_w <= 0 || self->char_width <= 0)
    return FIRST_SHAPED_CHARS;

  if (self->time != NULL)
    room -= self->time->width + SPACING * PANGO_SCALE;

  return CLAMP (room * 3 / (self->char_width * 2) + 2, 8, MAX_SHOWN_CHARS);
}

static void
hd_calendar_chip_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HdCalendarChip *self = HD_CALENDAR_CHIP (widget);
  int dot;

  gtk_widget_measure (self->dot, orientation, -1, &dot, NULL, NULL, NULL);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      measure_line (self);
      *minimum = MAX (MAX (dot, ICON_SIZE), self->line_h);
      *natural = *minimum;
    }
  else
    {
      /* However narrow the day, the state dot shows; the rest gives way, icons first. The
       * natural width is a fixed, generous one: shaping every chip's whole text to learn a
       * width nobody uses would dominate a month switch. */
      *minimum = dot;
      *natural = dot + SPACING + NATURAL_TEXT_W;
    }
}

static guint
count_bits (guint mask)
{
  guint n = 0;

  for (; mask != 0; mask &= mask - 1)
    n++;

  return n;
}

static void
hd_calendar_chip_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  HdCalendarChip *self = HD_CALENDAR_CHIP (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  gboolean channels_fit;
  int dot_w;
  int x;
  int room;

  /* A grid may allocate every chip the height it measured on one. */
  measure_line (self);
  gtk_widget_measure (self->dot, GTK_ORIENTATION_HORIZONTAL, -1, &dot_w, NULL, NULL, NULL);

  /* The dot is round: as tall as it is wide, whatever the line height. */
  gtk_widget_size_allocate (self->dot,
                            &(GtkAllocation) { rtl ? width - dot_w : 0, (height - dot_w) / 2,
                                               dot_w, dot_w },
                            -1);
  x = dot_w + SPACING;

  /* Icons only where the time and a few words still fit beside them; the computer before the
   * channels, whose names the tooltip also gives, since nothing else says it. The channels
   * show all or none: a chip showing two of three channels would say the post goes to two. */
  room = width - x - MIN_TEXT_W;
  if (self->needs_herald)
    room -= ICON_SIZE + SPACING;
  channels_fit = room >= (int) count_bits (self->entry.channel_kinds) * (ICON_SIZE + SPACING);
  /* The computer may take some of the words' room: nothing else on the chip says it. */
  room = width - x - MIN_MARKED_TEXT_W;
  for (guint i = 0; i < N_ICONS; i++)
    {
      guint kind = (i + MARK_ICON) % N_ICONS;
      gboolean shown = kind == MARK_ICON ? self->needs_herald
                                         : channels_fit &&
                                           (self->entry.channel_kinds & (1u << kind)) != 0;

      self->icon_x[kind] = -1;
      if (!shown || room < ICON_SIZE + SPACING)
        continue;

      self->icon_x[kind] = rtl ? width - x - ICON_SIZE : x;
      x += ICON_SIZE + SPACING;
      room -= ICON_SIZE + SPACING;
    }

  self->text_w = width - x >= MIN_TEXT_W / 4 ? width - x : 0;
  self->text_x = rtl ? 0 : x;
}

/* A node for the first @n_glyphs glyphs of @shaped, with its baseline at 0. */
static GskRenderNode *
make_node (Shaped        *shaped,
           guint          n_glyphs,
           const GdkRGBA *color)
{
  GskRenderNode *nodes[8];
  GskRenderNode *node;
  guint n_nodes = 0;
  int x = 0;

  for (guint i = 0; i < shaped->n_runs && n_glyphs > 0; i++)
    {
      PangoGlyphString *glyphs = shaped->runs[i].glyphs;
      PangoGlyphString *part = NULL;

      if ((guint) glyphs->num_glyphs > n_glyphs)
        {
          part = pango_glyph_string_copy (glyphs);
          pango_glyph_string_set_size (part, n_glyphs);
          glyphs = part;
        }
      n_glyphs -= glyphs->num_glyphs;

      node = gsk_text_node_new (shaped->runs[i].font, glyphs, color,
                                &GRAPHENE_POINT_INIT ((float) x / PANGO_SCALE, 0));
      x += pango_glyph_string_get_width (glyphs);
      g_clear_pointer (&part, pango_glyph_string_free);

      if (node == NULL)
        continue;
      if (n_nodes == G_N_ELEMENTS (nodes))
        {
          /* More fonts than any excerpt needs: fold what there is so far into one node. */
          GskRenderNode *folded = gsk_container_node_new (nodes, n_nodes);

          for (guint k = 0; k < n_nodes; k++)
            gsk_render_node_unref (nodes[k]);
          nodes[0] = folded;
          n_nodes = 1;
        }
      nodes[n_nodes++] = node;
    }

  if (n_nodes <= 1)
    return n_nodes == 1 ? nodes[0] : NULL;

  node = gsk_container_node_new (nodes, n_nodes);
  for (guint k = 0; k < n_nodes; k++)
    gsk_render_node_unref (nodes[k]);

  return node;
}

/* How many glyphs of @shaped fit in @room (Pango units), whole clusters only, with the
 * spaces before the cut given back; *@width receives their width. */
static guint
find_cut (Shaped *shaped,
          int     room,
          int    *width)
{
  const char *text = shaped_get_text (shaped);
  guint n_glyphs = 0;
  int x = 0;

  *width = 0;
  for (guint i = 0; i < shaped->n_runs; i++)
    {
      PangoGlyphString *glyphs = shaped->runs[i].glyphs;
      int g = 0;

      while (g < glyphs->num_glyphs)
        {
          int end = g + 1;
          int cluster = glyphs->glyphs[g].geometry.width;

          while (end < glyphs->num_glyphs && !glyphs->glyphs[end].attr.is_cluster_start)
            cluster += glyphs->glyphs[end++].geometry.width;
          if (x + cluster > room)
            {
              /* "bread …" reads as a cut; "bread…" as the end of a word. */
              while (g > 0 && text[shaped->runs[i].offset + glyphs->log_clusters[g - 1]] == ' ')
                {
                  g--;
                  x -= glyphs->glyphs[g].geometry.width;
                }
              *width = x;
              return n_glyphs + g;
            }
          x += cluster;
          g = end;
        }
      n_glyphs += glyphs->num_glyphs;
    }

  *width = x;
  return n_glyphs;
}

/* A translation there and back costs less than saving and restoring the snapshot's state,
 * and a chip draws a handful of nodes. */
static void
append_node (GtkSnapshot   *snapshot,
             GskRenderNode *node,
             float          x,
             float          y)
{
  if (node == NULL)
    return;

  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-x, -y));
}

/* Draws @shaped on the baseline @baseline from @x, cut with an ellipsis to fit in @room
 * pixels; returns the pixels used. */
static int
draw_shaped (HdCalendarChip *self,
             GtkSnapshot    *snapshot,
             Shaped         *shaped,
             const GdkRGBA  *color,
             int             x,
             int             baseline,
             int             room)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  Shaped *ellipsis;
  guint n_glyphs;
  int shown;
  int used;

  if (room <= 0)
    return 0;

  /* What was shaped fits: the rest of the words may too. */
  if (shaped->partial && shaped->width <= room * PANGO_SCALE)
    shape (shaped, get_context (self), -1);

  if (shaped->width <= room * PANGO_SCALE && shaped->layout == NULL)
    {
      used = PANGO_PIXELS_CEIL (shaped->width);
      if (shaped->node == NULL || !gdk_rgba_equal (&shaped->node_color, color))
        {
          g_clear_pointer (&shaped->node, gsk_render_node_unref);
          shaped->node = make_node (shaped, G_MAXUINT, color);
          shaped->node_color = *color;
        }
      append_node (snapshot, shaped->node, rtl ? x - used : x, baseline);
      return used;
    }

  /* Words with a right-to-left run: Pango lays them out, and cuts them where they end. */
  if (shaped->layout != NULL)
    {
      g_autoptr(PangoLayout) cut = pango_layout_copy (shaped->layout);
      int top;

      used = MIN (PANGO_PIXELS_CEIL (shaped->width), room);
      if (shaped->width > room * PANGO_SCALE)
        {
          pango_layout_set_width (cut, room * PANGO_SCALE);
          pango_layout_set_ellipsize (cut, PANGO_ELLIPSIZE_END);
        }
      top = baseline - PANGO_PIXELS (pango_layout_get_baseline (cut));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? x - used : x, top));
      gtk_snapshot_append_layout (snapshot, cut, color);
      gtk_snapshot_restore (snapshot);
      return used;
    }

  ellipsis = lookup_shaped (self, "…", shaped->key[0] == 'b', -1);
  if (shaped->cut_node != NULL && shaped->cut_room == room * PANGO_SCALE - ellipsis->width)
    {
      n_glyphs = shaped->cut_glyphs;
      shown = shaped->cut_width;
    }
  else
    {
      n_glyphs = find_cut (shaped, room * PANGO_SCALE - ellipsis->width, &shown);
      shaped->cut_room = room * PANGO_SCALE - ellipsis->width;
      shaped->cut_width = shown;
    }
  if (shaped->cut_node == NULL || shaped->cut_glyphs != n_glyphs ||
      !gdk_rgba_equal (&shaped->cut_color, color))
    {
      g_clear_pointer (&shaped->cut_node, gsk_render_node_unref);
      shaped->cut_node = make_node (shaped, n_glyphs, color);
      shaped->cut_glyphs = n_glyphs;
      shaped->cut_color = *color;
    }
  if (ellipsis->node == NULL || !gdk_rgba_equal (&ellipsis->node_color, color))
    {
      g_clear_pointer (&ellipsis->node, gsk_render_node_unref);
      ellipsis->node = make_node (ellipsis, G_MAXUINT, color);
      ellipsis->node_color = *color;
    }

  /* Left-to-right words end in the ellipsis whichever side of the chip they start from. */
  used = PANGO_PIXELS_CEIL (shown + ellipsis->width);
  if (rtl)
    x -= used;
  append_node (snapshot, shaped->cut_node, x, baseline);
  append_node (snapshot, ellipsis->node, x + (float) shown / PANGO_SCALE, baseline);
  shaped_unref (ellipsis);

  return used;
}

/* Looks the chip's words up again in its font as it is now. */
static void
reshape (HdCalendarChip *self)
{
  if (self->time != NULL)
    {
      g_autofree char *time = g_strdup (shaped_get_text (self->time));

      g_clear_pointer (&self->time, shaped_unref);
      self->time = lookup_shaped (self, time, TRUE, -1);
    }
  if (self->words != NULL)
    {
      g_autofree char *words = g_strdup (shaped_get_text (self->words));

      g_clear_pointer (&self->words, shaped_unref);
      self->words = lookup_shaped (self, words, FALSE, guess_chars (self));
    }
  self->shaped_serial = pango_context_get_serial (get_context (self));
}

static void
hd_calendar_chip_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  HdCalendarChip *self = HD_CALENDAR_CHIP (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int height = gtk_widget_get_height (widget);
  int baseline;
  int x;
  int room;
  GdkRGBA color;

  gtk_widget_snapshot_child (widget, self->dot, snapshot);

  if (!self->bound)
    return;

  /* The style changed the font since the words were shaped. */
  if (pango_context_get_serial (get_context (self)) != self->shaped_serial)
    reshape (self);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  for (guint kind = 0; kind < N_ICONS; kind++)
    if (self->icon_x[kind] >= 0)
      append_node (snapshot, get_icon_node (widget, kind, &color), self->icon_x[kind],
                   (height - ICON_SIZE) / 2);

  if (self->text_w <= 0)
    return;

  /* The time and the words share one baseline, in the middle of the line. */
  baseline = (height - self->line_h) / 2 + self->ascent;
  x = rtl ? self->text_x + self->text_w : self->text_x;
  room = self->text_w;
  if (self->time != NULL)
    {
      int used = draw_shaped (self, snapshot, self->time, &color, x, baseline, room);
      int space = used + SPACING;

      x += rtl ? -space : space;
      room -= space;
    }
  if (self->words != NULL)
    draw_shaped (self, snapshot, self->words, &color, x, baseline, room);
}

static void
hd_calendar_chip_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  /* The words were shaped for the other direction. */
  reshape (HD_CALENDAR_CHIP (widget));
  gtk_widget_queue_allocate (widget);
}

static void
hd_calendar_chip_dispose (GObject *object)
{
  HdCalendarChip *self = HD_CALENDAR_CHIP (object);

  g_clear_pointer (&self->dot, gtk_widget_unparent);
  g_clear_pointer (&self->time, shaped_unref);
  g_clear_pointer (&self->words, shaped_unref);

  G_OBJECT_CLASS (hd_calendar_chip_parent_class)->dispose (object);
}

static void
hd_calendar_chip_class_init (HdCalendarChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_calendar_chip_dispose;

  /* The post was clicked: the page opens it. */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  widget_class->measure = hd_calendar_chip_measure;
  widget_class->size_allocate = hd_calendar_chip_size_allocate;
  widget_class->snapshot = hd_calendar_chip_snapshot;
  widget_class->direction_changed = hd_calendar_chip_direction_changed;
  gtk_widget_class_set_css_name (widget_class, "hd-chip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
hd_calendar_chip_init (HdCalendarChip *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  hd_calendar_ensure_style ();
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  for (guint kind = 0; kind < N_ICONS; kind++)
    self->icon_x[kind] = -1;

  /* Only its style's size and colour: a drawing area with nothing to draw measures in no
   * time, where even an empty label lays out its text whenever the state changes it. */
  self->dot = gtk_drawing_area_new ();
  gtk_widget_add_css_class (self->dot, "hd-state-dot");
  gtk_widget_set_valign (self->dot, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->dot, GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_swapped (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}
