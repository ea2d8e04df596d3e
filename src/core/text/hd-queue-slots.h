/* hd-queue-slots.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HD_QUEUE_SLOTS_ERROR (hd_queue_slots_error_quark ())

typedef enum
{
  HD_QUEUE_SLOTS_ERROR_INVALID,
} HdQueueSlotsError;

/* A weekly posting time on the wall clock of the queue's zone. */
typedef struct
{
  GDateWeekday weekday;
  guint8       hour;
  guint8       minute;
} HdQueueSlot;

GQuark    hd_queue_slots_error_quark (void);

GArray   *hd_queue_slots_parse       (const char         *text,
                                      GError            **error);
char     *hd_queue_slots_format      (const HdQueueSlot  *slots,
                                      gsize               n_slots);

gboolean  hd_queue_slots_next_free   (const HdQueueSlot  *slots,
                                      gsize               n_slots,
                                      GTimeZone          *zone,
                                      gint64              after,
                                      const gint64       *taken,
                                      gsize               n_taken,
                                      gint64             *slot_instant);

G_END_DECLS
