/* hd-format.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hd-format.h"

typedef struct
{
  const char *code;
  const char *symbol;
  guint       digits;
} Currency;

/* Symbols people expect in front of the amount; anything else gets its ISO code after it,
 * which is unambiguous even if less pretty. */
static const Currency currencies[] = {
  { "GBP", "£", 2 },
  { "EUR", "€", 2 },
  { "USD", "$", 2 },
  { "AUD", "A$", 2 },
  { "CAD", "CA$", 2 },
  { "NZD", "NZ$", 2 },
  { "JPY", "¥", 0 },
  { "KRW", "₩", 0 },
  { "INR", "₹", 2 },
};

char *
hd_format_money (gint64      minor_units,
                 const char *currency)
{
  const Currency *found = NULL;
  guint digits = 2;
  guint64 magnitude;
  guint64 divisor = 1;
  g_autofree char *number = NULL;
  const char *sign;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_strcmp0 (currencies[i].code, currency) == 0)
      found = &currencies[i];

  if (found != NULL)
    digits = found->digits;

  for (guint i = 0; i < digits; i++)
    divisor *= 10;

  sign = minor_units < 0 ? "−" : "";
  magnitude = minor_units < 0 ? (guint64) -(minor_units + 1) + 1 : (guint64) minor_units;

  if (digits > 0)
    number = g_strdup_printf ("%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                              magnitude / divisor, (int) digits, magnitude % divisor);
  else
    number = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);

  if (found != NULL)
    return g_strdup_printf ("%s%s%s", sign, found->symbol, number);

  return g_strdup_printf ("%s%s %s", sign, number, currency != NULL ? currency : "");
}

/* Thousands grouped so "12,480" reads at a glance; the grouping follows the locale. */
char *
hd_format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

char *
hd_format_time (gint64     unix_seconds,
                GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%H:%M");
}

char *
hd_format_date (gint64     unix_seconds,
                GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  /* TRANSLATORS: a date such as "3 Mar 2026"; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y"));
}

char *
hd_format_day_heading (GDateTime *day,
                       GDateTime *today)
{
  int diff;

  diff = g_date_time_get_day_of_year (day) - g_date_time_get_day_of_year (today);
  if (g_date_time_get_year (day) != g_date_time_get_year (today))
    diff = 1000;

  if (diff == 0)
    return g_date_time_format (day, _("Today, %A %-d %B"));
  if (diff == 1)
    return g_date_time_format (day, _("Tomorrow, %A %-d %B"));
  if (diff == -1)
    return g_date_time_format (day, _("Yesterday, %A %-d %B"));

  /* TRANSLATORS: a day heading such as "Thursday 5 March"; see g_date_time_format() */
  return g_date_time_format (day, _("%A %-d %B"));
}

char *
hd_format_relative (gint64 unix_seconds,
                    gint64 now)
{
  gint64 ago = now - unix_seconds;

  if (ago < 60)
    return g_strdup (_("Just now"));
  if (ago < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         ago / 60),
                            (int) (ago / 60));
  if (ago < 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         ago / 3600),
                            (int) (ago / 3600));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago",
                                       ago / 86400),
                          (int) (ago / 86400));
}

/* One line of the text, cut at a word boundary, so a list shows what each post is about. */
char *
hd_format_first_words (const char *text,
                       guint       max_chars)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  guint n = 0;
  gsize last_space = 0;

  if (text == NULL)
    return g_strdup ("");

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            {
              last_space = out->len;
              g_string_append_c (out, ' ');
            }
          continue;
        }

      if (n == max_chars)
        {
          if (last_space > 0)
            g_string_truncate (out, last_space);
          g_string_append (out, "…");
          break;
        }

      g_string_append_unichar (out, c);
      n++;
    }

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
append_part (GString    *summary,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (summary->len > 0)
    g_string_append (summary, " · ");
  g_string_append (summary, part);
}

static char *
join_names (JsonArray *array,
            guint      max)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint len = json_array_get_length (array);

  for (guint i = 0; i < len && i < max; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name = NULL;

      if (JSON_NODE_HOLDS_VALUE (node))
        name = json_node_get_string (node);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        name = json_object_get_string_member_with_default (json_node_get_object (node),
                                                           "name", NULL);
      if (name == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, name);
    }

  if (len > max)
    g_string_append_printf (out, _(" and %u more"), len - max);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The targeting spec is the ad platform's JSON; the summary names who it reaches. */
char *
hd_format_audience_summary (const char *spec)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) summary = g_string_new (NULL);
  JsonObject *root;
  JsonObject *geo;

  if (spec == NULL || !json_parser_load_from_data (parser, spec, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (_("Custom targeting"));

  root = json_node_get_object (json_parser_get_root (parser));

  if (json_object_has_member (root, "age_min") || json_object_has_member (root, "age_max"))
    {
      gint64 age_min = json_object_get_int_member_with_default (root, "age_min", 18);
      gint64 age_max = json_object_get_int_member_with_default (root, "age_max", 65);
      g_autofree char *ages = NULL;

      if (age_max >= 65)
        ages = g_strdup_printf (_("Ages %d+"), (int) age_min);
      else
        ages = g_strdup_printf (_("Ages %d–%d"), (int) age_min, (int) age_max);
      append_part (summary, ages);
    }

  geo = get_object_member (root, "geo_locations");
  if (geo != NULL)
    {
      const char *places[] = { "cities", "regions", "countries" };

      for (guint i = 0; i < G_N_ELEMENTS (places); i++)
        {
          JsonArray *array = get_array_member (geo, places[i]);

          if (array != NULL)
            {
              g_autofree char *names = join_names (array, 3);

              append_part (summary, names);
            }
        }
    }

  if (json_object_has_member (root, "interests"))
    {
      JsonArray *interests = get_array_member (root, "interests");
      if (interests != NULL)
        {
          g_autofree char *names = join_names (interests, 3);
          g_autofree char *part = g_strdup_printf (_("Interested in %s"), names);

          if (*names != '\0')
            append_part (summary, part);
        }
    }

  if (summary->len == 0)
    return g_strdup (_("Everyone the platform can reach"));

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

const char *
hd_format_objective (const char *objective)
{
  static const struct { const char *id; const char *label; } objectives[] = {
    { "OUTCOME_AWARENESS", N_("Awareness") },
    { "OUTCOME_TRAFFIC", N_("Traffic") },
    { "OUTCOME_ENGAGEMENT", N_("Engagement") },
    { "OUTCOME_LEADS", N_("Leads") },
    { "OUTCOME_APP_PROMOTION", N_("App promotion") },
    { "OUTCOME_SALES", N_("Sales") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (objectives); i++)
    if (g_strcmp0 (objectives[i].id, objective) == 0)
      return _(objectives[i].label);

  return objective != NULL ? objective : "";
}

GTimeZone *
hd_format_shown_zone (GSettings *settings)
{
  g_autofree char *id = NULL;
  GTimeZone *zone = NULL;

  if (settings != NULL)
    id = g_settings_get_string (settings, "time-zone");

  if (id != NULL && *id != '\0')
    zone = g_time_zone_new_identifier (id);

  return zone != NULL ? zone : g_time_zone_new_local ();
}
