/* hd-cli-post.c: `herald post`, which writes a post as the composer would
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "hd-cli.h"
#include "hd-cli-private.h"
#include "hd-text-counter.h"
#include "hd-wall-time.h"

/* "YYYY-MM-DD HH:MM" on the clock of @zone_id, with the composer's checks: the zone exists,
 * the time exists that day, and it has not passed. */
static gboolean
parse_at (const char  *text,
          const char  *zone_id,
          gint64       now,
          gint64      *instant,
          char       **message)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  unsigned int year, month, day, hour, minute;
  char end;

  if (zone == NULL)
    {
      *message = g_strdup_printf (_("This computer does not know the time zone %s; use a name "
                                    "like Europe/London or America/New_York."), zone_id);
      return FALSE;
    }

  if (sscanf (text, "%4u-%2u-%2u %2u:%2u%c", &year, &month, &day, &hour, &minute, &end) != 5 ||
      !g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59)
    {
      *message = g_strdup_printf (_("“%s” is not a time; write it as \"YYYY-MM-DD HH:MM\", for "
                                    "example \"2026-03-27 09:30\"."), text);
      return FALSE;
    }

  if (hd_wall_time_to_instant (zone, year, month, day, hour, minute, 0, instant) ==
      HD_WALL_TIME_SKIPPED)
    {
      *message = g_strdup_printf (_("%02u:%02u does not exist on %04u-%02u-%02u in %s: the "
                                    "clocks go forward over it. Pick another time."),
                                  hour, minute, year, month, day, zone_id);
      return FALSE;
    }

  if (*instant <= now)
    {
      *message = g_strdup (_("That time has already passed. Pick a time in the future."));
      return FALSE;
    }

  return TRUE;
}

static const char *
local_zone_id (void)
{
  static char *id = NULL;

  if (id == NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
      g_autoptr(GTimeZone) named = NULL;
      const char *tz = g_getenv ("TZ");

      /* A TZ of ":Europe/London" names the file; the store wants the name. */
      if (tz != NULL && *tz == ':')
        tz++;
      if (tz != NULL && *tz != '\0')
        named = g_time_zone_new_identifier (tz);
      id = g_strdup (named != NULL ? tz : g_time_zone_get_identifier (zone));
    }

  return id;
}

/* Every check the composer makes for one channel; one sentence naming the channel per
 * problem. */
static void
check_channel (HdChannel   *channel,
               const char  *text,
               HdMedia     *media,
               GPtrArray   *problems)
{
  HdChannelKind kind = hd_channel_get_kind (channel);
  g_autoptr(HdTextCount) count = NULL;
  g_autoptr(GPtrArray) media_problems = g_ptr_array_new_with_free_func (g_free);
  const char *name = hd_channel_get_display_name (channel);
  gint64 limit = hd_channel_get_limit (channel, HD_CHANNEL_LIMIT_CHARACTERS, 0);

  if (name == NULL || *name == '\0')
    name = hd_channel_kind_to_label (kind);

  count = hd_text_count_new (kind, text, (guint) CLAMP (limit, 0, G_MAXUINT));
  if (count->over)
    g_ptr_array_add (problems, g_strdup_printf ("%s: %s", name, count->problem));

  if (media != NULL && !hd_media_check_for_channel (kind, &media, 1, media_problems))
    {
      for (guint i = 0; i < media_problems->len; i++)
        g_ptr_array_add (problems, g_strdup_printf ("%s: %s", name,
                                                    (char *) g_ptr_array_index (media_problems,
                                                                                i)));
    }
}

static char *
describe_instant (gint64      instant,
                  const char *zone_id)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}

int
_hd_cli_run_post (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(HdPost) post = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) channel_ids = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *at = NULL;
  g_autofree char *zone_name = NULL;
  g_autofree char *image = NULL;
  g_autofree char *alt = NULL;
  g_autofree char *joined = NULL;
  const char *zone_id;
  const char *text;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 instant = 0;
  int n_args = 0;
  const GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING_ARRAY, &channel_ids,
      N_("Post on the channel with id ID (repeat for more channels)"), N_("ID") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("Schedule the post for \"YYYY-MM-DD HH:MM\"; without it the post is a draft"),
      N_("TIME") },
    { "zone", 0, 0, G_OPTION_ARG_STRING, &zone_name,
      N_("Read --at in ZONE, such as Europe/London (default: this computer’s)"), N_("ZONE") },
    { "image", 0, 0, G_OPTION_ARG_FILENAME, &image,
      N_("Attach the picture FILE"), N_("FILE") },
    { "alt", 0, 0, G_OPTION_ARG_STRING, &alt,
      N_("Describe the picture for people who cannot see it"), N_("TEXT") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("TEXT — write a post for one or more channels"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("The post is checked against each channel’s rules as in "
                                      "the composer. With --at it is scheduled and goes out "
                                      "with “herald sync”; without, it is saved as a draft."));
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args != 2)
    return _hd_cli_usage_error (context, n_args < 2 ? _("Write the text of the post.")
                                                    : _("Put the text of the post in quotes, as "
                                                        "one argument."));
  text = args[1];
  if (*text == '\0')
    return _hd_cli_usage_error (context, _("Write the text of the post."));
  if (channel_ids == NULL || channel_ids[0] == NULL)
    return _hd_cli_usage_error (context, _("Choose at least one channel with --channel ID; "
                                           "“herald channels” lists them."));
  if (zone_name != NULL && at == NULL)
    return _hd_cli_usage_error (context, _("--zone goes with --at."));
  if ((image == NULL) != (alt == NULL))
    return _hd_cli_usage_error (context, image == NULL
                                         ? _("--alt describes a picture given with --image.")
                                         : _("Describe the picture with --alt, for people who "
                                             "cannot see it."));

  zone_id = zone_name != NULL ? zone_name : local_zone_id ();
  if (at != NULL)
    {
      g_autofree char *message = NULL;

      if (!parse_at (at, zone_id, now, &instant, &message))
        return _hd_cli_usage_error (context, message);
    }

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  for (guint i = 0; channel_ids[i] != NULL; i++)
    {
      HdChannel *channel = hd_store_load_channel (store, channel_ids[i], &error);

      if (channel == NULL)
        {
          if (g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
            _hd_cli_print_error (_("There is no channel “%s”. “herald channels” lists "
                                   "them with their ids."), channel_ids[i]);
          else
            _hd_cli_print_error ("%s", error->message);
          return HD_CLI_EXIT_INPUT;
        }
      g_ptr_array_add (channels, channel);
    }

  if (image != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (image);

      media = hd_store_import_media (store, file, NULL, &error);
      if (media == NULL)
        {
          _hd_cli_print_error ("%s", error->message);
          return HD_CLI_EXIT_INPUT;
        }
      hd_media_set_alt_text (media, alt);
      if (!hd_store_save_media (store, media, &error))
        {
          _hd_cli_print_error ("%s", error->message);
          return HD_CLI_EXIT_INPUT;
        }
    }

  for (guint i = 0; i < channels->len; i++)
    check_channel (g_ptr_array_index (channels, i), text, media, problems);

  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        _hd_cli_print_error ("%s", (char *) g_ptr_array_index (problems, i));
      _hd_cli_print_error (_("Nothing was saved. Shorten the text or leave that channel out."));
      return HD_CLI_EXIT_INPUT;
    }

  post = hd_post_new ();
  hd_post_set_text (post, text);
  hd_post_set_state (post, at != NULL ? HD_POST_STATE_SCHEDULED : HD_POST_STATE_DRAFT);
  hd_post_set_scheduled_at (post, instant);
  hd_post_set_time_zone (post, at != NULL ? zone_id : NULL);

  for (guint i = 0; i < channels->len; i++)
    {
      HdChannel *channel = g_ptr_array_index (channels, i);
      g_autoptr(HdVariant) variant = hd_variant_new ();
      const char *shas[] = { media != NULL ? hd_media_get_sha256 (media) : NULL, NULL };

      hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
      hd_variant_set_state (variant, hd_post_get_state (post));
      if (media != NULL)
        hd_variant_set_media (variant, shas);
      hd_post_add_variant (post, variant);
      g_ptr_array_add (names, (gpointer) hd_channel_get_display_name (channel));
    }
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (char **) names->pdata);

  if (!hd_store_save_post (store, post, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  if (at != NULL)
    {
      g_autofree char *when = describe_instant (instant, zone_id);

      g_print (_("Scheduled post %s for %s on %s.\n"), hd_post_get_id (post), when, joined);
    }
  else
    {
      g_print (_("Saved draft %s for %s.\n"), hd_post_get_id (post), joined);
    }

  return HD_CLI_EXIT_OK;
}
