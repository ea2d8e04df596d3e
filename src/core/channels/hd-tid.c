/* hd-tid.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <string.h>

#include "hd-tid.h"

static const char alphabet[] = "234567abcdefghijklmnopqrstuvwxyz";

#define MAX_MICROSECONDS ((G_GINT64_CONSTANT (1) << 53) - 1)

/**
 * hd_tid_from_parts:
 *
 * Returns: (transfer full): the TID of @microseconds since 1970 and @clock_id (10 bits)
 */
char *
hd_tid_from_parts (gint64 microseconds,
                   guint  clock_id)
{
  guint64 value;
  char *tid = g_malloc (HD_TID_LENGTH + 1);

  g_return_val_if_fail (microseconds >= 0 && microseconds <= MAX_MICROSECONDS, NULL);

  value = ((guint64) microseconds << 10) | (clock_id & 0x3ff);

  for (int i = HD_TID_LENGTH - 1; i >= 0; i--)
    {
      tid[i] = alphabet[value & 31];
      value >>= 5;
    }
  tid[HD_TID_LENGTH] = '\0';

  return tid;
}

/**
 * hd_tid_new:
 *
 * Returns: (transfer full): a TID of the current time, later than any this process made
 *   before, even when the clock steps back
 */
char *
hd_tid_new (void)
{
  static GMutex lock;
  static gint64 last;
  static guint clock_id = G_MAXUINT;
  gint64 now = g_get_real_time ();
  guint id;

  g_mutex_lock (&lock);
  if (clock_id == G_MAXUINT)
    clock_id = g_random_int_range (0, 1024);
  if (now <= last)
    now = last + 1;
  last = now;
  id = clock_id;
  g_mutex_unlock (&lock);

  return hd_tid_from_parts (now, id);
}

/**
 * hd_tid_for_key:
 * @key: an outbox row's idempotency key
 * @queued_at: when the row was queued, Unix seconds
 *
 * Derives the record key of one change from what its outbox row already stores, so every
 * retry, even after a crash between two instructions, asks for the same key and the
 * platform refuses a second copy. The microseconds and the clock id come from a hash of
 * @key: two changes queued in the same second differ unless 30 bits of SHA-256 collide.
 *
 * Returns: (transfer full): the TID
 */
char *
hd_tid_for_key (const char *key,
                gint64      queued_at)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  guint32 fraction;
  guint clock_id;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (queued_at >= 0, NULL);

  g_checksum_update (checksum, (const guchar *) key, strlen (key));
  g_checksum_get_digest (checksum, digest, &length);

  fraction = ((guint32) digest[0] << 16 | (guint32) digest[1] << 8 | digest[2]) % G_USEC_PER_SEC;
  clock_id = ((guint) digest[3] << 8 | digest[4]) & 0x3ff;

  return hd_tid_from_parts (queued_at * G_USEC_PER_SEC + fraction, clock_id);
}

gboolean
hd_tid_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != HD_TID_LENGTH)
    return FALSE;

  /* The top bit is always 0, so the first character encodes at most 4 bits. */
  if (strchr ("234567abcdefghij", text[0]) == NULL)
    return FALSE;

  for (guint i = 0; i < HD_TID_LENGTH; i++)
    {
      if (text[i] == '\0' || strchr (alphabet, text[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * hd_tid_get_time:
 *
 * Returns: the microseconds since 1970 that @tid carries, or -1 when it is no TID
 */
gint64
hd_tid_get_time (const char *tid)
{
  guint64 value = 0;

  if (!hd_tid_is_valid (tid))
    return -1;

  for (guint i = 0; i < HD_TID_LENGTH; i++)
    value = (value << 5) | (guint64) (strchr (alphabet, tid[i]) - alphabet);

  return (gint64) (value >> 10);
}
