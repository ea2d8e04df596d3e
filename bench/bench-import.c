/* bench-import.c: how long a CSV file of 10,000 posts takes to check and import.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a file such as a spreadsheet would, half of it in the past (drafts) and half in the
 * future (scheduled, with their outbox rows), on one to three channels, with labels, quoted
 * commas, emoji and a few pictures, then checks and imports it into a fresh store, several
 * times. Needs no display.
 */

#define G_LOG_DOMAIN "herald-bench"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdlib.h>

#include "bench-common.h"
#include "hd-core.h"
#include "hd-store-private.h"

#define N_ROWS 10000

static const char * const sentences[] = {
  "Fresh sourdough, baked at dawn: come early, it goes fast",
  "Our \"\"rye of the week\"\" is back, with caraway and a little honey",
  "Café crème and a cinnamon bun, the best start to a grey Monday ☕",
  "Closed on Tuesday for the staff outing; back on Wednesday at 7, promise",
  "New on the counter: spelt and walnut 🍞 pre-order at crumb.example/spelt",
  "Thank you for 1,000 followers! A free cookie with every loaf today",
  "Behind the scenes: shaping baguettes at 4 a.m. #bakerylife #sourdough",
  "Gluten-free Fridays: almond cake and lemon drizzle, while it lasts",
};

static const char * const labels[] = {
  "bread", "coffee", "events", "offers", "behind the scenes", "news", "cakes", "team",
};

static const char * const channels[] = {
  "mastodon", "Bakery on Bluesky", "instagram", "mastodon;bluesky", "bluesky|instagram",
  "mastodon;instagram;bluesky",
};

static char *
write_csv (const char *dir)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -180);
  g_autofree char *bun = g_build_filename (dir, "bun.png", NULL);
  g_autofree char *loaf = g_build_filename (dir, "loaf.png", NULL);
  GString *csv = g_string_new ("date,time,zone,channels,text,media,labels\n");

  /* Two small pictures, used now and then, as a shop reuses its photos. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);

      gdk_pixbuf_fill (pixbuf, i == 0 ? 0xc08040ff : 0x806030ff);
      gdk_pixbuf_save (pixbuf, i == 0 ? bun : loaf, "png", NULL, NULL);
    }

  for (guint n = 0; n < N_ROWS; n++)
    {
      /* Two years from half a year ago, on the quarter hours of the working day. */
      g_autoptr(GDateTime) day = g_date_time_add_days (start, n * 730 / N_ROWS);
      int minutes = 7 * 60 + (n * 37 % 48) * 15;

      g_string_append_printf (csv, "%04d-%02d-%02d,%02d:%02d,%s,%s,\"No. %u: %s\",%s,%s%s%s\n",
                              g_date_time_get_year (day), g_date_time_get_month (day),
                              g_date_time_get_day_of_month (day), minutes / 60, minutes % 60,
                              n % 5 == 0 ? "" : "Europe/London",
                              channels[n % G_N_ELEMENTS (channels)], n,
                              sentences[n % G_N_ELEMENTS (sentences)],
                              n % 100 == 0 ? (n % 200 == 0 ? bun : loaf) : "",
                              labels[n % G_N_ELEMENTS (labels)],
                              n % 3 == 0 ? ";" : "",
                              n % 3 == 0 ? labels[(n / 3) % G_N_ELEMENTS (labels)] : "");
    }

  return g_string_free (csv, FALSE);
}

/* --statements: the time SQLite spends in each statement, summed over an import. */
static GHashTable *statement_ns;

static int
on_statement_profiled (unsigned  event,
                       void     *data,
                       void     *statement,
                       void     *nanoseconds)
{
  const char *text = sqlite3_sql (statement);
  gint64 *total;

  total = g_hash_table_lookup (statement_ns, text);
  if (total == NULL)
    {
      total = g_new0 (gint64, 2);
      g_hash_table_insert (statement_ns, g_strdup (text), total);
    }
  total[0] += *(sqlite3_int64 *) nanoseconds;
  total[1]++;

  return 0;
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const gint64 *x = g_hash_table_lookup (statement_ns, *(const char **) a);
  const gint64 *y = g_hash_table_lookup (statement_ns, *(const char **) b);

  return (x[0] < y[0]) - (x[0] > y[0]);
}

static void
print_statements (void)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (statement_ns, &n);
  qsort (keys, n, sizeof *keys, compare_totals);
  for (guint i = 0; i < n && i < 25; i++)
    {
      const gint64 *total = g_hash_table_lookup (statement_ns, keys[i]);

      g_print ("%8.1f ms %7" G_GINT64_FORMAT "×  %.160s\n", total[0] / 1e6, total[1],
               (const char *) keys[i]);
    }
}

static HdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  HdStore *store = hd_store_open (path, &error);
  static const HdChannelKind kinds[] = {
    HD_CHANNEL_KIND_MASTODON, HD_CHANNEL_KIND_BLUESKY, HD_CHANNEL_KIND_INSTAGRAM,
  };
  static const char * const names[] = {
    "Bakery on Mastodon", "Bakery on Bluesky", "Bakery on Instagram",
  };

  if (store == NULL)
    g_error ("%s", error->message);
  if (statement_ns != NULL)
    sqlite3_trace_v2 (_hd_store_get_db (store), SQLITE_TRACE_PROFILE, on_statement_profiled,
                      NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(HdChannel) channel = hd_channel_new ();

      hd_channel_set_kind (channel, kinds[i]);
      hd_channel_set_display_name (channel, names[i]);
      if (!hd_store_save_channel (store, channel, &error))
        g_error ("%s", error->message);
    }

  return store;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autofree char *path = g_file_get_path (child);

          remove_dir (path);
        }
      else
        {
          g_file_delete (child, NULL, NULL);
        }
    }
  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure the CSV import");
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) checks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data_dir = NULL;
  int runs = 7;
  gboolean statements = FALSE;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Fresh stores to import into (7)", "N" },
    { "statements", 0, 0, G_OPTION_ARG_NONE, &statements,
      "Print the time spent in each SQL statement", NULL },
    { NULL }
  };
  gboolean met;
  char *csv;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("herald-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  /* Pictures are copied into the data dir, as the application does. */
  data_dir = g_build_filename (dir, "data", NULL);
  g_setenv ("HERALD_DATA_DIR", data_dir, TRUE);

  if (statements)
    statement_ns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  csv = write_csv (dir);
  bytes = g_bytes_new_take (csv, strlen (csv));

  for (int run = 0; run < MAX (runs, 1); run++)
    {
      g_autofree char *name = g_strdup_printf ("herald-%d.db", run);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(HdStore) store = open_store (path);
      g_autoptr(HdImportReport) report = NULL;
      guint n_imported = 0;
      gint64 t0;
      gint64 t1;
      gint64 t2;
      double ms;

      t0 = g_get_monotonic_time ();
      if (!hd_store_check_csv (store, bytes, "Europe/London", &report, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      if (!hd_store_import_csv (store, report, &n_imported, &error))
        g_error ("%s", error->message);
      t2 = g_get_monotonic_time ();

      if (n_imported != N_ROWS)
        {
          for (guint i = 0; i < hd_import_report_get_n_rows (report); i++)
            {
              const char *reason = NULL;
              gboolean valid = TRUE;

              hd_import_report_get_row (report, i, NULL, &valid, &reason, NULL, NULL);
              if (!valid)
                g_error ("Row %u was refused: %s", i, reason);
            }
          g_error ("%u of %d rows imported", n_imported, N_ROWS);
        }

      ms = (t1 - t0) / 1000.0;
      g_array_append_val (checks, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (imports, ms);
      ms = (t2 - t0) / 1000.0;
      g_array_append_val (total, ms);
      if (g_getenv ("HERALD_BENCH_DETAIL") != NULL)
        g_printerr ("check %.1f ms import %.1f ms\n", (t1 - t0) / 1e3, (t2 - t1) / 1e3);
    }

  g_print ("CSV import of %d rows: checking median %.1f ms, importing median %.1f ms\n", N_ROWS,
           bench_percentile (checks, 0.5), bench_percentile (imports, 0.5));
  met = bench_report ("CSV check and import, 10,000 rows", total, "median < 1000 ms",
                      bench_percentile (total, 0.5) < 1000.0);

  if (statement_ns != NULL)
    print_statements ();
  remove_dir (dir);

  return met ? EXIT_SUCCESS : EXIT_FAILURE;
}
