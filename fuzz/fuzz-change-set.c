/* fuzz-change-set.c: libFuzzer target for the change files of the Changes view.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-change-set.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChangeSet) set = NULL;

  set = hd_change_set_parse (bytes, &error);

  /* Either changes or a sentence, never both, never neither. */
  g_assert ((set == NULL) != (error == NULL));
  if (set == NULL)
    {
      g_assert (error->domain == HD_CHANGE_SET_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert (hd_change_set_get_n_changes (set) <= HD_CHANGE_SET_MAX_CHANGES);
  for (guint i = 0; i < hd_change_set_get_n_changes (set); i++)
    {
      const HdIncomingChange *change = hd_change_set_get_change (set, i);

      g_assert (change->id != NULL && *change->id != '\0');
      g_assert (change->post_id != NULL && *change->post_id != '\0');
      g_assert (g_utf8_validate (change->excerpt, -1, NULL));
      g_assert (change->kind == HD_CHANGE_KIND_REMOVED || change->text != NULL);
      g_assert (change->media != NULL && change->labels != NULL);
      g_assert (change->scheduled_at >= 0);
      g_assert (hd_change_set_find_change (set, change->id) == (int) i);
    }

  return 0;
}
