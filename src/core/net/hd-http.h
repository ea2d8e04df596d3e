/* hd-http.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hd-rate-limiter.h"

G_BEGIN_DECLS

#define HD_HTTP_ERROR (hd_http_error_quark ())

typedef enum
{
  HD_HTTP_ERROR_NETWORK,
  HD_HTTP_ERROR_RATE_LIMITED,
  HD_HTTP_ERROR_UNAUTHORIZED,
  HD_HTTP_ERROR_NOT_FOUND,
  HD_HTTP_ERROR_REJECTED,
  HD_HTTP_ERROR_SERVER,
  HD_HTTP_ERROR_TOO_LARGE,
  HD_HTTP_ERROR_TRUNCATED,
  HD_HTTP_ERROR_MALFORMED,
  HD_HTTP_ERROR_UNEXPECTED_CONTENT,
} HdHttpError;

/* The largest JSON answer read by default; no API Herald talks to sends more in one go. */
#define HD_HTTP_DEFAULT_MAX_BODY_SIZE (8 * 1024 * 1024)

#define HD_TYPE_HTTP (hd_http_get_type ())

G_DECLARE_FINAL_TYPE (HdHttp, hd_http, HD, HTTP, GObject)

GQuark         hd_http_error_quark        (void);

HdHttp        *hd_http_new                (void);
SoupSession   *hd_http_get_session        (HdHttp               *self);
HdRateLimiter *hd_http_get_rate_limiter   (HdHttp               *self);
gsize          hd_http_get_max_body_size  (HdHttp               *self);
void           hd_http_set_max_body_size  (HdHttp               *self,
                                           gsize                 max_body_size);

/* Called once an answer has a success status and its headers are in, before its body is
 * read: the server has done what was asked. */
typedef void (*HdHttpAcceptedFunc) (gpointer user_data);

void           hd_http_send_json_async    (HdHttp               *self,
                                           SoupMessage          *message,
                                           const char           *limit_key,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void           hd_http_send_json_full_async (HdHttp               *self,
                                             SoupMessage          *message,
                                             const char           *limit_key,
                                             HdHttpAcceptedFunc    accepted,
                                             gpointer              accepted_data,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode      *hd_http_send_json_finish   (HdHttp               *self,
                                           GAsyncResult         *result,
                                           JsonNode            **error_body,
                                           GError              **error);

char          *hd_http_describe_wait      (guint                 seconds);
JsonNode      *hd_json_node_make_valid    (JsonNode             *node);
JsonNode      *hd_json_node_take_object   (JsonObject           *object);
JsonNode      *hd_json_node_take_array    (JsonArray            *array);

G_END_DECLS
