/* hd-json-text.c: strings written as JSON where a builder would cost more than the text.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-text"

#include "hd-json-text.h"

/* Appends @value to @json as a JSON string: quotes, backslashes and every control character
 * escaped, UTF-8 as it is. NULL is written as null, as json-glib writes a string that is not
 * there. */
void
hd_json_append_string (GString    *json,
                       const char *value)
{
  g_return_if_fail (json != NULL);

  if (value == NULL)
    {
      g_string_append (json, "null");
      return;
    }

  g_string_append_c (json, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"':
          g_string_append (json, "\\\"");
          break;
        case '\\':
          g_string_append (json, "\\\\");
          break;
        case '\n':
          g_string_append (json, "\\n");
          break;
        case '\r':
          g_string_append (json, "\\r");
          break;
        case '\t':
          g_string_append (json, "\\t");
          break;
        default:
          if ((guchar) *c < 0x20)
            g_string_append_printf (json, "\\u%04x", (guint) (guchar) *c);
          else
            g_string_append_c (json, *c);
        }
    }
  g_string_append_c (json, '"');
}
