/* hd-rate-limiter.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-net"

#include "config.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "hd-rate-limiter.h"

/* A server's word is never trusted to park a channel for longer than this. */
#define MAX_WAIT (24 * 60 * 60)

/* Without a Retry-After, a 429 still means "not now". */
#define DEFAULT_BACKOFF 60

/* Meta's usage percentages cover a rolling hour; a reading this old says nothing any more. */
#define USAGE_LIFETIME (60 * 60)

/* X-App-Usage gives no time to regain access; Meta's own guidance is to wait and let the
 * rolling window drain, so stop for a while and let the next answer tell the real state. */
#define USAGE_STOP_DEFAULT (10 * 60)

#define USAGE_SLOW_DOWN 75.0
#define USAGE_STOP 95.0

/* Below this share of the window left, requests are spread over the time until the reset
 * instead of spent in a burst that ends in a 429. */
#define PACING_FRACTION 10

/* A Reset value this large is an instant, not a number of seconds. */
#define EPOCH_THRESHOLD (365 * 24 * 60 * 60)

typedef struct
{
  gint64 limit;
  gint64 remaining;
  gint64 reset_at;
  gint64 blocked_until;
  double usage;
  gint64 usage_at;
  gint64 last_sent;
} Bucket;

struct _HdRateLimiter
{
  GObject      parent_instance;

  GHashTable  *buckets;

  HdClockFunc  clock;
  gpointer     clock_data;
};

G_DEFINE_FINAL_TYPE (HdRateLimiter, hd_rate_limiter, G_TYPE_OBJECT)

static void
hd_rate_limiter_finalize (GObject *object)
{
  HdRateLimiter *self = (HdRateLimiter *)object;

  g_clear_pointer (&self->buckets, g_hash_table_unref);

  G_OBJECT_CLASS (hd_rate_limiter_parent_class)->finalize (object);
}

static void
hd_rate_limiter_class_init (HdRateLimiterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_rate_limiter_finalize;
}

static void
hd_rate_limiter_init (HdRateLimiter *self)
{
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

HdRateLimiter *
hd_rate_limiter_new (void)
{
  return g_object_new (HD_TYPE_RATE_LIMITER, NULL);
}

/**
 * hd_rate_limiter_set_clock:
 * @clock: (nullable): the clock to use, or %NULL for the real time
 */
void
hd_rate_limiter_set_clock (HdRateLimiter *self,
                           HdClockFunc    clock,
                           gpointer       user_data)
{
  g_return_if_fail (HD_IS_RATE_LIMITER (self));

  self->clock = clock;
  self->clock_data = user_data;
}

gint64
hd_rate_limiter_now (HdRateLimiter *self)
{
  g_return_val_if_fail (HD_IS_RATE_LIMITER (self), 0);

  if (self->clock != NULL)
    return self->clock (self->clock_data);

  return g_get_real_time () / G_USEC_PER_SEC;
}

static Bucket *
lookup_bucket (HdRateLimiter *self,
               const char    *key,
               gboolean       create)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, key);

  if (bucket == NULL && create)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->limit = -1;
      bucket->remaining = -1;
      bucket->usage = -1;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }

  return bucket;
}

static gint64
clamp_wait (gint64 seconds)
{
  return CLAMP (seconds, 0, MAX_WAIT);
}

/**
 * hd_rate_limiter_get_wait:
 * @key: a channel id or a host name
 *
 * Returns: 0 when a request to @key may go now, or the number of seconds to wait first
 */
guint
hd_rate_limiter_get_wait (HdRateLimiter *self,
                          const char    *key)
{
  Bucket *bucket;
  gint64 now;
  gint64 wait = 0;

  g_return_val_if_fail (HD_IS_RATE_LIMITER (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  bucket = lookup_bucket (self, key, FALSE);
  if (bucket == NULL)
    return 0;

  now = hd_rate_limiter_now (self);

  if (bucket->blocked_until > now)
    wait = bucket->blocked_until - now;

  if (bucket->remaining >= 0 && bucket->reset_at > now)
    {
      if (bucket->remaining == 0)
        {
          wait = MAX (wait, bucket->reset_at - now);
        }
      else if (bucket->limit > 0 && bucket->remaining * PACING_FRACTION < bucket->limit
               && bucket->last_sent > 0)
        {
          gint64 window_left = bucket->reset_at - now;
          gint64 interval = (window_left + bucket->remaining - 1) / bucket->remaining;

          wait = MAX (wait, bucket->last_sent + interval - now);
        }
    }

  if (bucket->usage >= USAGE_SLOW_DOWN && bucket->usage < USAGE_STOP
      && now - bucket->usage_at < USAGE_LIFETIME && bucket->last_sent > 0)
    {
      /* One second apart at 75 %, a minute apart near 95 %: the closer to the cap, the
       * more of the rolling window has to drain between two calls. */
      gint64 interval = 1 + (gint64) ceil ((bucket->usage - USAGE_SLOW_DOWN) * 3.0);

      wait = MAX (wait, bucket->last_sent + interval - now);
    }

  return (guint) clamp_wait (wait);
}

/* Counts a request against the window before its answer is back, so that requests sent at
 * the same time do not all believe they have the last free slot. */
void
hd_rate_limiter_note_sent (HdRateLimiter *self,
                           const char    *key)
{
  Bucket *bucket;
  gint64 now;

  g_return_if_fail (HD_IS_RATE_LIMITER (self));
  g_return_if_fail (key != NULL);

  now = hd_rate_limiter_now (self);
  bucket = lookup_bucket (self, key, TRUE);
  bucket->last_sent = now;

  if (bucket->remaining > 0 && bucket->reset_at > now)
    bucket->remaining--;
}

void
hd_rate_limiter_forget (HdRateLimiter *self,
                        const char    *key)
{
  g_return_if_fail (HD_IS_RATE_LIMITER (self));
  g_return_if_fail (key != NULL);

  g_hash_table_remove (self->buckets, key);
}

static gboolean
parse_integer (const char *text,
               gint64     *out)
{
  g_autofree char *stripped = NULL;
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0' || !(g_ascii_isdigit (*stripped)))
    return FALSE;

  errno = 0;
  value = g_ascii_strtoll (stripped, &end, 10);
  if (errno != 0 || *end != '\0' || value < 0)
    return FALSE;

  *out = value;
  return TRUE;
}

/* An instant the server stated by its own clock, moved onto ours: a laptop whose clock is
 * off by minutes must still wait the time the server meant. */
static gint64
server_instant_to_local (gint64              instant,
                         gint64              now,
                         SoupMessageHeaders *headers)
{
  const char *date_header = soup_message_headers_get_one (headers, "Date");
  g_autoptr(GDateTime) server_now = NULL;

  if (date_header != NULL)
    server_now = soup_date_time_new_from_http_string (date_header);

  if (server_now == NULL)
    return instant;

  return now + (instant - g_date_time_to_unix (server_now));
}

/* Reset is seconds from now in the IETF draft and an epoch instant on the Bluesky PDS and
 * X; the size of the number tells which. */
static gboolean
parse_reset_number (const char         *text,
                    gint64              now,
                    SoupMessageHeaders *headers,
                    gint64             *reset_at)
{
  gint64 value;

  if (!parse_integer (text, &value))
    return FALSE;

  if (value >= EPOCH_THRESHOLD)
    *reset_at = server_instant_to_local (value, now, headers);
  else
    *reset_at = now + value;

  return TRUE;
}

static gboolean
parse_reset_iso8601 (const char         *text,
                     gint64              now,
                     SoupMessageHeaders *headers,
                     gint64             *reset_at)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) instant = NULL;
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  instant = g_date_time_new_from_iso8601 (stripped, utc);
  if (instant == NULL)
    return FALSE;

  /* Round a fractional second up: leaving a moment early is what earns the 429. */
  *reset_at = server_instant_to_local (g_date_time_to_unix (instant)
                                       + (g_date_time_get_microsecond (instant) > 0 ? 1 : 0),
                                       now, headers);
  return TRUE;
}

static gboolean
read_window (Bucket             *bucket,
             SoupMessageHeaders *headers,
             const char         *limit_name,
             const char         *remaining_name,
             const char         *reset_name,
             gboolean            iso8601_reset,
             gint64              now)
{
  gint64 limit = -1;
  gint64 remaining;
  gint64 reset_at = 0;
  const char *reset;

  if (!parse_integer (soup_message_headers_get_one (headers, remaining_name), &remaining))
    return FALSE;

  parse_integer (soup_message_headers_get_one (headers, limit_name), &limit);

  reset = soup_message_headers_get_one (headers, reset_name);
  if (!(iso8601_reset && parse_reset_iso8601 (reset, now, headers, &reset_at)))
    parse_reset_number (reset, now, headers, &reset_at);

  bucket->remaining = remaining;
  bucket->reset_at = reset_at;
  if (limit >= 0)
    bucket->limit = limit;

  return TRUE;
}

/* RateLimit-Policy: 100;w=60 carries the limit when RateLimit-Limit is missing. */
static void
read_policy (Bucket             *bucket,
             SoupMessageHeaders *headers)
{
  const char *policy = soup_message_headers_get_one (headers, "RateLimit-Policy");
  g_auto(GStrv) parts = NULL;
  gint64 limit;

  if (policy == NULL || bucket->limit >= 0)
    return;

  parts = g_strsplit_set (policy, ";,", 2);
  if (parts[0] != NULL && parse_integer (parts[0], &limit))
    bucket->limit = limit;
}

static double
member_number (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_STRING:
      return g_ascii_strtod (json_node_get_string (node), NULL);
    default:
      return -1;
    }
}

static void
read_usage_object (JsonObject *object,
                   double     *usage,
                   double     *regain_minutes)
{
  static const char * const fields[] = {
    "call_count", "total_cputime", "total_time", "acc_id_util_pct",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    *usage = MAX (*usage, member_number (object, fields[i]));

  *regain_minutes = MAX (*regain_minutes,
                         member_number (object, "estimated_time_to_regain_access"));
}

static JsonNode *
parse_json_header (SoupMessageHeaders *headers,
                   const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  g_autoptr(JsonParser) parser = NULL;

  if (value == NULL)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, value, -1, NULL))
    {
      g_debug ("Ignoring a malformed %s header", name);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/* Meta reports percentages of its quota instead of counts: X-App-Usage and X-Page-Usage as
 * one object, X-Business-Use-Case-Usage as arrays keyed by business id. */
static gboolean
read_meta_usage (SoupMessageHeaders *headers,
                 double             *usage,
                 double             *regain_minutes)
{
  static const char * const flat[] = { "X-App-Usage", "X-Page-Usage", "X-Ad-Account-Usage" };
  g_autoptr(JsonNode) business = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (flat); i++)
    {
      g_autoptr(JsonNode) node = parse_json_header (headers, flat[i]);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          read_usage_object (json_node_get_object (node), usage, regain_minutes);
          found = TRUE;
        }
    }

  business = parse_json_header (headers, "X-Business-Use-Case-Usage");
  if (business != NULL && JSON_NODE_HOLDS_OBJECT (business))
    {
      JsonObject *by_business = json_node_get_object (business);
      g_autoptr(GList) members = json_object_get_members (by_business);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *entries = json_object_get_member (by_business, l->data);

          if (!JSON_NODE_HOLDS_ARRAY (entries))
            continue;

          for (guint i = 0; i < json_array_get_length (json_node_get_array (entries)); i++)
            {
              JsonNode *entry = json_array_get_element (json_node_get_array (entries), i);

              if (JSON_NODE_HOLDS_OBJECT (entry))
                {
                  read_usage_object (json_node_get_object (entry), usage, regain_minutes);
                  found = TRUE;
                }
            }
        }
    }

  return found;
}

static gboolean
parse_retry_after (SoupMessageHeaders *headers,
                   gint64              now,
                   gint64             *until)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  gint64 seconds;

  if (value == NULL)
    return FALSE;

  if (parse_integer (value, &seconds))
    {
      *until = now + clamp_wait (seconds);
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return FALSE;

  *until = server_instant_to_local (g_date_time_to_unix (date), now, headers);
  return TRUE;
}

static void
block_until (Bucket *bucket,
             gint64  now,
             gint64  until)
{
  until = MIN (until, now + MAX_WAIT);
  bucket->blocked_until = MAX (bucket->blocked_until, until);
}

/**
 * hd_rate_limiter_update:
 * @key: a channel id or a host name
 * @status: the HTTP status of the answer
 * @headers: the answer's headers
 *
 * Learns what the server said about its limits: Mastodon's X-RateLimit-*, the IETF and
 * Bluesky RateLimit-*, X's x-rate-limit-*, Meta's usage headers, and Retry-After on 429 and
 * 503.
 */
void
hd_rate_limiter_update (HdRateLimiter      *self,
                        const char         *key,
                        guint               status,
                        SoupMessageHeaders *headers)
{
  Bucket *bucket;
  gint64 now;
  gint64 until;
  double usage = -1;
  double regain_minutes = -1;
  gboolean fresh_window;

  g_return_if_fail (HD_IS_RATE_LIMITER (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (headers != NULL);

  now = hd_rate_limiter_now (self);
  bucket = lookup_bucket (self, key, TRUE);

  fresh_window = read_window (bucket, headers, "X-RateLimit-Limit", "X-RateLimit-Remaining",
                              "X-RateLimit-Reset", TRUE, now)
                 || read_window (bucket, headers, "RateLimit-Limit", "RateLimit-Remaining",
                                 "RateLimit-Reset", FALSE, now)
                 || read_window (bucket, headers, "x-rate-limit-limit", "x-rate-limit-remaining",
                                 "x-rate-limit-reset", FALSE, now);

  read_policy (bucket, headers);

  if (read_meta_usage (headers, &usage, &regain_minutes))
    {
      bucket->usage = usage;
      bucket->usage_at = now;

      if (regain_minutes > 0)
        block_until (bucket, now, now + (gint64) ceil (MIN (regain_minutes, MAX_WAIT) * 60));
      else if (usage >= USAGE_STOP)
        block_until (bucket, now, now + USAGE_STOP_DEFAULT);
    }

  if (status == HD_HTTP_STATUS_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      if (parse_retry_after (headers, now, &until))
        {
          block_until (bucket, now, until);
          /* The server's explicit wait outranks a window remembered from an earlier
           * answer: without fresh window headers, the old reset time says nothing now. */
          if (!fresh_window)
            bucket->reset_at = until;
        }
      else if (status == HD_HTTP_STATUS_TOO_MANY_REQUESTS)
        block_until (bucket, now,
                     bucket->reset_at > now ? bucket->reset_at : now + DEFAULT_BACKOFF);

      if (status == HD_HTTP_STATUS_TOO_MANY_REQUESTS)
        bucket->remaining = 0;
    }
}
