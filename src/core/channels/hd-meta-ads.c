/* hd-meta-ads.c
 *
 * Every parameter name, type and enum value sent here is one of Meta's object specs
 * (facebook-business-sdk-codegen api_specs, copied in specs/meta-marketing). Two look-ups
 * are not in those specs and follow Meta's pages instead: GET /me/adaccounts (the User
 * node's adaccounts edge) and GET /search?type=adgeolocation (developers.facebook.com/docs/
 * marketing-api/audiences/reference/targeting-search), and likewise GET /search?type=adlocale,
 * whose answer is read below. Paging uses Graph's cursors: `limit`
 * and `after`, with `paging.next` present while more pages follow
 * (developers.facebook.com/docs/graph-api/results). The next URL itself is never followed,
 * so a request never leaves for an address Meta's answer chose.
 *
 * Like the Page provider, the token goes in an Authorization header, never in a URL.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-graph-request.h"
#include "hd-meta-ads.h"
#include "hd-money.h"
#include "hd-provider-private.h"

#define PLATFORM "Meta"

/* Graph's largest page for most edges; fewer round trips for long lists. */
#define PAGE_LIMIT "100"
/* A list longer than this many pages is not one Herald made; stop rather than loop. */
#define MAX_PAGES 50
/* "The object does not exist or cannot be loaded", code 100 with this subcode. */
#define SUBCODE_NO_OBJECT 33

struct _HdMetaAds
{
  GObject    parent_instance;

  HdHttp    *http;
  HdStore   *store;
  HdChannel *channel;

  /* the rate limiter's key: ads are throttled apart from the Page's posts */
  char      *limit_key;
  char      *access_token;
};

G_DEFINE_FINAL_TYPE (HdMetaAds, hd_meta_ads, G_TYPE_OBJECT)

typedef void (*Step) (GTask *task);

/* Makes one value of an answer's body, or NULL when it cannot. */
typedef gpointer (*ParseAnswer) (JsonNode *node);

typedef struct
{
  Step           next;
  SoupMessage   *message;

  char          *method;
  char          *path;
  GString       *query;
  GString       *form;
  GAsyncReadyCallback answered;

  /* for answers that are one value made from the body */
  ParseAnswer    parse;
  GDestroyNotify free_parsed;

  HdAdAccount   *account;
  char          *name;
  char          *currency;
  GPtrArray     *items;
  guint          pages;
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->message);
  g_free (op->method);
  g_free (op->path);
  if (op->query != NULL)
    g_string_free (op->query, TRUE);
  if (op->form != NULL)
    g_string_free (op->form, TRUE);
  g_clear_object (&op->account);
  g_free (op->name);
  g_free (op->currency);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_free (op);
}

static void
forget_token (HdMetaAds *self)
{
  if (self->access_token != NULL)
    hd_secrets_free (g_steal_pointer (&self->access_token));
}

static void
hd_meta_ads_dispose (GObject *object)
{
  HdMetaAds *self = (HdMetaAds *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (hd_meta_ads_parent_class)->dispose (object);
}

static void
hd_meta_ads_finalize (GObject *object)
{
  HdMetaAds *self = (HdMetaAds *)object;

  forget_token (self);
  g_free (self->limit_key);

  G_OBJECT_CLASS (hd_meta_ads_parent_class)->finalize (object);
}

static void
hd_meta_ads_class_init (HdMetaAdsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_meta_ads_dispose;
  object_class->finalize = hd_meta_ads_finalize;
}

static void
hd_meta_ads_init (HdMetaAds *self)
{
}

/**
 * hd_meta_ads_new:
 * @store: (nullable): where the channel is marked as needing a reconnect when the sign-in
 *   is gone
 * @channel: the Facebook channel whose keyring token reaches the ad accounts; its base URL
 *   is the Graph address with the version
 *
 * Returns: (transfer full): a client of the Marketing API
 */
HdMetaAds *
hd_meta_ads_new (HdHttp    *http,
                 HdStore   *store,
                 HdChannel *channel)
{
  HdMetaAds *self;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (hd_channel_get_base_url (channel) != NULL, NULL);

  self = g_object_new (HD_TYPE_META_ADS, NULL);
  self->http = g_object_ref (http);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->channel = g_object_ref (channel);
  self->limit_key = g_strconcat (hd_channel_get_id (channel), ":ads", NULL);

  return self;
}

HdChannel *
hd_meta_ads_get_channel (HdMetaAds *self)
{
  g_return_val_if_fail (HD_IS_META_ADS (self), NULL);

  return self->channel;
}

static GTask *
op_task_new (HdMetaAds            *self,
             gpointer              source_tag,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data,
             Op                  **op_out)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  *op_out = op;

  return task;
}

/* Free-form values reach Graph as a urlencoded form: strings as they are, numbers and
 * booleans as their JSON text, objects and arrays as JSON. */
static char *
param_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
          }
        default:
          return NULL;
        }
    }

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return json_to_string (node, FALSE);
}

static void
add_params (GString    *form,
            JsonObject *params)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, params);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *text = param_to_text (member);

      if (text != NULL)
        hd_graph_form_add (form, name, text);
    }
}

/* Errors */

static GError *
map_error (HdMetaAds    *self,
           const GError *http_error,
           guint         status,
           JsonNode     *error_body)
{
  JsonObject *envelope = _hd_json_object (_hd_json_root_object (error_body), "error");
  guint retry_after = hd_rate_limiter_get_wait (hd_http_get_rate_limiter (self->http),
                                                self->limit_key);
  const char *user_message;
  gint64 code;

  code = _hd_json_int (envelope, "code", 0);
  user_message = _hd_json_string (envelope, "error_user_msg");
  if (user_message == NULL || *user_message == '\0')
    user_message = _hd_json_string (envelope, "message");

  if (envelope != NULL && http_error->domain == HD_HTTP_ERROR
      && http_error->code != HD_HTTP_ERROR_RATE_LIMITED)
    {
      /* The Page wording of the shared mapper speaks of posts; ads say what they are. */
      if (code == HD_GRAPH_ERROR_TOKEN)
        return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                            _("Meta no longer accepts Herald’s sign-in for ads (“%s”). "
                              "Reconnect the Facebook channel to go on."),
                            user_message != NULL ? user_message : _("no details"));

      if (code == HD_GRAPH_ERROR_PARAMETER
          && _hd_json_int (envelope, "error_subcode", 0) == SUBCODE_NO_OBJECT)
        return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                            _("Meta no longer has this ad object. It may have been deleted "
                              "in Ads Manager."));
    }

  return hd_graph_error_new (http_error, status, error_body, retry_after, PLATFORM);
}

static JsonNode *
finish_request (GTask         *task,
                GAsyncResult  *result,
                GError       **error)
{
  HdMetaAds *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) http_error = NULL;
  JsonNode *node;

  node = hd_http_send_json_finish (self->http, result, &error_body, &http_error);
  if (node != NULL)
    return node;

  if (g_error_matches (http_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&http_error));
      return NULL;
    }

  *error = map_error (self, http_error, soup_message_get_status (op->message), error_body);
  if (g_error_matches (*error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
    {
      /* The keyring may hold a fresh token after a reconnect; read it again next time. */
      forget_token (self);
      _hd_provider_note_failure (self->store, self->channel, *error);
    }

  return NULL;
}

static void
return_unusable_answer (GTask *task)
{
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                           _("Meta sent an answer Herald could not use. Herald will try "
                             "again later."));
}

/* Returns what @parse makes of the answer, freed with @free_parsed, or says the answer could
 * not be used when it makes nothing of it. */
static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gpointer parsed;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((parsed = op->parse (node)) == NULL)
    {
      return_unusable_answer (task);
      return;
    }

  g_task_return_pointer (task, parsed, op->free_parsed);
}

static gpointer
parse_created_id (JsonNode *node)
{
  return hd_graph_parse_id (node, "id");
}

/* The token and sending */

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMetaAds *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  if (token == NULL)
    {
      g_autoptr(GError) auth = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                                                    _("Herald has no Facebook sign-in to reach "
                                                      "your ad accounts with. Reconnect the "
                                                      "Facebook channel first."));

      _hd_provider_note_failure (self->store, self->channel, auth);
      g_task_return_error (task, g_steal_pointer (&auth));
      return;
    }

  forget_token (self);
  self->access_token = token;

  op->next (g_steal_pointer (&task));
}

static void
with_token (GTask *task,
            Step   next)
{
  HdMetaAds *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (self->access_token != NULL)
    {
      next (task);
      return;
    }

  op->next = next;
  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_META_ADS_TOKEN_KIND,
                           g_task_get_cancellable (task), token_cb, task);
}

static void
send_now (GTask *task)
{
  HdMetaAds *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;

  message = hd_graph_message_new (self->channel, self->access_token, op->method, op->path,
                                  op->query != NULL && op->query->len > 0 ? op->query->str
                                                                          : NULL,
                                  op->form);
  if (message == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("The Facebook channel has no valid Graph address. Reconnect "
                                 "it."));
      g_object_unref (task);
      return;
    }

  g_set_object (&op->message, message);
  hd_http_send_json_async (self->http, message, self->limit_key, g_task_get_cancellable (task),
                           op->answered, task);
}

/* Sends @method @path with the op's query and form once the token is known; @answered
 * receives the task. */
static void
send_request (GTask               *task,
              const char          *method,
              const char          *path,
              GAsyncReadyCallback  answered)
{
  Op *op = g_task_get_task_data (task);

  g_free (op->method);
  op->method = g_strdup (method);
  g_free (op->path);
  op->path = g_strdup (path);
  op->answered = answered;

  with_token (task, send_now);
}

static GString *
query_new (const char *first_name,
           ...)
{
  GString *query = g_string_new (NULL);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        hd_graph_form_add (query, name, value);
      name = va_arg (args, const char *);
    }
  va_end (args);

  return query;
}

static const char *
edge_of_kind (HdMetaAdsKind kind)
{
  switch (kind)
    {
    case HD_META_ADS_KIND_CAMPAIGN:
      return "campaigns";
    case HD_META_ADS_KIND_AD_SET:
      return "adsets";
    case HD_META_ADS_KIND_AD_CREATIVE:
      return "adcreatives";
    case HD_META_ADS_KIND_AD:
      return "ads";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Small JSON readers: Graph sends numbers as strings in many places */

static gboolean
parse_count (JsonObject *object,
             const char *member,
             gint64     *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  const char *text;
  char *end = NULL;
  gint64 number;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      number = json_node_get_int (node);
      if (number < 0)
        return FALSE;
      *value = number;
      return TRUE;
    }

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (node);
  if (*text == '\0' || !g_ascii_isdigit (*text))
    return FALSE;

  errno = 0;
  number = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || *end != '\0' || number < 0)
    return FALSE;

  *value = number;
  return TRUE;
}

static gint64
count_or_unknown (JsonObject *object,
                  const char *member)
{
  gint64 value;

  return parse_count (object, member, &value) ? value : -1;
}

static const char *
nonempty_string (JsonObject *object,
                 const char *member)
{
  const char *text = _hd_json_string (object, member);

  return text != NULL && *text != '\0' ? text : NULL;
}

static JsonArray *
data_array (JsonNode *node)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *data = root != NULL ? json_object_get_member (root, "data") : NULL;

  return data != NULL && JSON_NODE_HOLDS_ARRAY (data) ? json_node_get_array (data) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *element = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
}

/* The cursor of the next page, when Graph says there is one. */
static char *
next_cursor (JsonNode *node)
{
  JsonObject *paging = _hd_json_object (_hd_json_root_object (node), "paging");
  const char *after;

  if (nonempty_string (paging, "next") == NULL)
    return NULL;

  after = nonempty_string (_hd_json_object (paging, "cursors"), "after");
  return after != NULL ? g_strdup (after) : NULL;
}

/* Money */

gboolean
hd_meta_ads_parse_money (const char *text,
                         const char *currency,
                         gint64     *minor_units)
{
  /* Meta's offset: whole units for yen, forints and the like. */
  int exponent = hd_money_get_exponent (currency);
  guint digits = exponent >= 0 ? (guint) exponent : 2;
  gint64 whole = 0;
  gint64 fraction = 0;
  guint fraction_digits = 0;
  const char *p;

  g_return_val_if_fail (minor_units != NULL, FALSE);

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;

  for (p = text; g_ascii_isdigit (*p); p++)
    {
      if (whole > (G_MAXINT64 / 1000) - 10)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          /* Meta rounds to the unit it bills in; a further digit only rounds the last. */
          if (fraction_digits < digits)
            fraction = fraction * 10 + (*p - '0');
          else if (fraction_digits == digits && *p >= '5')
            fraction++;
          fraction_digits++;
        }
    }

  if (*p != '\0')
    return FALSE;

  for (; fraction_digits < digits; fraction_digits++)
    fraction *= 10;

  /* Without minor digits, a fraction rounds the whole units. */
  if (digits == 0)
    whole += fraction;
  else
    whole = whole * (exponent >= 0 ? hd_money_get_minor_per_major (currency) : 100) + fraction;

  *minor_units = whole;
  return TRUE;
}

/* Result types */

void
hd_meta_interest_free (HdMetaInterest *interest)
{
  if (interest == NULL)
    return;

  g_free (interest->id);
  g_free (interest->name);
  g_free (interest->path);
  g_free (interest);
}

void
hd_meta_location_free (HdMetaLocation *location)
{
  if (location == NULL)
    return;

  g_free (location->key);
  g_free (location->name);
  g_free (location->type);
  g_free (location->country_code);
  g_free (location->country_name);
  g_free (location->region);
  g_free (location->region_id);
  g_free (location);
}

void
hd_meta_locale_free (HdMetaLocale *locale)
{
  if (locale == NULL)
    return;

  g_free (locale->name);
  g_free (locale);
}

void
hd_meta_reach_free (HdMetaReach *reach)
{
  g_free (reach);
}

void
hd_meta_insights_day_free (HdMetaInsightsDay *day)
{
  if (day == NULL)
    return;

  g_free (day->date);
  g_clear_pointer (&day->actions, g_hash_table_unref);
  g_free (day);
}

gint64
hd_meta_insights_day_get_action (HdMetaInsightsDay *day,
                                 const char        *action_type)
{
  gint64 *count;

  g_return_val_if_fail (day != NULL, 0);
  g_return_val_if_fail (action_type != NULL, 0);

  count = g_hash_table_lookup (day->actions, action_type);
  return count != NULL ? *count : 0;
}

/* Parsers */

/**
 * hd_meta_ads_parse_ad_accounts:
 *
 * Returns: (transfer full) (nullable) (element-type HdAdAccount): the accounts of one page
 *   of GET /me/adaccounts, those without an id skipped
 */
GPtrArray *
hd_meta_ads_parse_ad_accounts (JsonNode   *node,
                               const char *channel_id)
{
  JsonArray *data = data_array (node);
  GPtrArray *accounts;

  if (data == NULL)
    return NULL;

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *object = array_object (data, i);
      const char *id = nonempty_string (object, "id");
      const char *currency = nonempty_string (object, "currency");
      g_autofree char *upper = NULL;
      HdAdAccount *account;

      /* Ad account ids are "act_" and digits; anything else is not an account. */
      if (id == NULL || !g_str_has_prefix (id, "act_") || strlen (id) > 64)
        continue;

      account = hd_ad_account_new ();
      hd_ad_account_set_channel_id (account, channel_id);
      hd_ad_account_set_remote_id (account, id);
      hd_ad_account_set_name (account, nonempty_string (object, "name") != NULL
                                       ? nonempty_string (object, "name") : id);
      if (currency != NULL && strlen (currency) == 3)
        {
          upper = g_ascii_strup (currency, -1);
          hd_ad_account_set_currency (account, upper);
        }
      hd_ad_account_set_time_zone (account, nonempty_string (object, "timezone_name"));
      g_ptr_array_add (accounts, account);
    }

  return accounts;
}

/**
 * hd_meta_ads_parse_minimum_budgets:
 *
 * GET /act_{id}/minimum_budgets answers with a list of MinimumBudget; the entry in the
 * account's currency counts, or the first one when none names it.
 */
gboolean
hd_meta_ads_parse_minimum_budgets (JsonNode    *node,
                                   HdAdAccount *account)
{
  JsonArray *data = data_array (node);
  JsonObject *chosen = NULL;
  gint64 value;

  g_return_val_if_fail (HD_IS_AD_ACCOUNT (account), FALSE);

  if (data == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *object = array_object (data, i);

      if (object == NULL)
        continue;
      if (chosen == NULL)
        chosen = object;
      if (g_strcmp0 (_hd_json_string (object, "currency"),
                     hd_ad_account_get_currency (account)) == 0)
        {
          chosen = object;
          break;
        }
    }

  if (chosen == NULL)
    return FALSE;

  hd_ad_account_set_min_daily_budget_imp (account,
                                          parse_count (chosen, "min_daily_budget_imp", &value)
                                          ? value : 0);
  hd_ad_account_set_min_daily_budget_video_views (account,
                                                  parse_count (chosen,
                                                               "min_daily_budget_video_views",
                                                               &value) ? value : 0);
  hd_ad_account_set_min_daily_budget_high_freq (account,
                                                parse_count (chosen,
                                                             "min_daily_budget_high_freq",
                                                             &value) ? value : 0);
  hd_ad_account_set_min_daily_budget_low_freq (account,
                                               parse_count (chosen, "min_daily_budget_low_freq",
                                                            &value) ? value : 0);
  return TRUE;
}

/**
 * hd_meta_ads_parse_interests:
 *
 * Returns: (transfer full) (nullable) (element-type HdMetaInterest): the interests of a
 *   targeting search, the other kinds of audience it may list left out
 */
GPtrArray *
hd_meta_ads_parse_interests (JsonNode *node)
{
  JsonArray *data = data_array (node);
  GPtrArray *interests;

  if (data == NULL)
    return NULL;

  interests = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_meta_interest_free);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *object = array_object (data, i);
      const char *id = nonempty_string (object, "id");
      const char *name = nonempty_string (object, "name");
      const char *type = _hd_json_string (object, "type");
      JsonNode *path = object != NULL ? json_object_get_member (object, "path") : NULL;
      HdMetaInterest *interest;

      if (id == NULL || name == NULL || (type != NULL && !g_str_equal (type, "interests")))
        continue;

      interest = g_new0 (HdMetaInterest, 1);
      interest->id = g_strdup (id);
      interest->name = g_strdup (name);
      interest->audience_lower_bound = count_or_unknown (object, "audience_size_lower_bound");
      interest->audience_upper_bound = count_or_unknown (object, "audience_size_upper_bound");

      if (path != NULL && JSON_NODE_HOLDS_ARRAY (path))
        {
          JsonArray *parts = json_node_get_array (path);
          g_autoptr(GString) joined = g_string_new (NULL);

          for (guint j = 0; j < json_array_get_length (parts); j++)
            {
              JsonNode *part = json_array_get_element (parts, j);

              if (!JSON_NODE_HOLDS_VALUE (part)
                  || json_node_get_value_type (part) != G_TYPE_STRING)
                continue;
              if (joined->len > 0)
                g_string_append (joined, " > ");
              g_string_append (joined, json_node_get_string (part));
            }
          if (joined->len > 0)
            interest->path = g_string_free (g_steal_pointer (&joined), FALSE);
        }

      g_ptr_array_add (interests, interest);
    }

  return interests;
}

/**
 * hd_meta_ads_parse_locations:
 *
 * Returns: (transfer full) (nullable) (element-type HdMetaLocation): the places of a
 *   type=adgeolocation search
 */
GPtrArray *
hd_meta_ads_parse_locations (JsonNode *node)
{
  JsonArray *data = data_array (node);
  GPtrArray *locations;

  if (data == NULL)
    return NULL;

  locations = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_meta_location_free);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *object = array_object (data, i);
      const char *key = nonempty_string (object, "key");
      const char *name = nonempty_string (object, "name");
      const char *type = nonempty_string (object, "type");
      HdMetaLocation *location;
      gint64 region_id;

      if (key == NULL || name == NULL || type == NULL)
        continue;

      location = g_new0 (HdMetaLocation, 1);
      location->key = g_strdup (key);
      location->name = g_strdup (name);
      location->type = g_strdup (type);
      location->country_code = g_strdup (nonempty_string (object, "country_code"));
      location->country_name = g_strdup (nonempty_string (object, "country_name"));
      location->region = g_strdup (nonempty_string (object, "region"));
      /* region_id comes as a number here and as a string in the targeting spec. */
      if (nonempty_string (object, "region_id") != NULL)
        location->region_id = g_strdup (nonempty_string (object, "region_id"));
      else if (parse_count (object, "region_id", &region_id))
        location->region_id = g_strdup_printf ("%" G_GINT64_FORMAT, region_id);

      g_ptr_array_add (locations, location);
    }

  return locations;
}

/**
 * hd_meta_ads_parse_locales:
 *
 * Meta's pages name type=adlocale as the search for locale targeting
 * (developers.facebook.com/docs/marketing-api/audiences/reference/targeting-search and the
 * older developers.facebook.com/docs/reference/ads-api/get-autocomplete-data/), and its
 * Targeting spec takes `locales` as list<unsigned int> (specs/meta-marketing/Targeting.json).
 * The shape of each entry, {"key": 24, "name": "English (UK)"}, is not shown on a Meta page
 * Herald could find; it is what published clients of the API read. So the key is taken as a
 * number or as a string of digits, and an entry without a usable key and name is left out.
 *
 * Returns: (transfer full) (nullable) (element-type HdMetaLocale): the languages of a
 *   type=adlocale search
 */
GPtrArray *
hd_meta_ads_parse_locales (JsonNode *node)
{
  JsonArray *data = data_array (node);
  GPtrArray *locales;

  if (data == NULL)
    return NULL;

  locales = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_meta_locale_free);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *object = array_object (data, i);
      const char *name = nonempty_string (object, "name");
      HdMetaLocale *locale;
      gint64 key;

      if (name == NULL || !parse_count (object, "key", &key) || key > G_MAXUINT)
        continue;

      locale = g_new0 (HdMetaLocale, 1);
      locale->key = (guint) key;
      locale->name = g_strdup (name);
      g_ptr_array_add (locales, locale);
    }

  return locales;
}

/**
 * hd_meta_ads_parse_reach:
 *
 * GET /act_{id}/reachestimate answers {"data": {users_lower_bound, users_upper_bound,
 * estimate_ready}}; a list with one such entry reads the same.
 *
 * Returns: (transfer full) (nullable): the estimate
 */
HdMetaReach *
hd_meta_ads_parse_reach (JsonNode *node)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *data = root != NULL ? json_object_get_member (root, "data") : NULL;
  JsonObject *estimate = NULL;
  HdMetaReach *reach;
  JsonNode *ready;

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    estimate = json_node_get_object (data);
  else if (data != NULL && JSON_NODE_HOLDS_ARRAY (data)
           && json_array_get_length (json_node_get_array (data)) > 0)
    estimate = array_object (json_node_get_array (data), 0);

  if (estimate == NULL)
    return NULL;

  reach = g_new0 (HdMetaReach, 1);
  reach->users_lower_bound = count_or_unknown (estimate, "users_lower_bound");
  reach->users_upper_bound = count_or_unknown (estimate, "users_upper_bound");
  ready = json_object_get_member (estimate, "estimate_ready");
  reach->ready = ready == NULL
                 || (JSON_NODE_HOLDS_VALUE (ready)
                     && json_node_get_value_type (ready) == G_TYPE_BOOLEAN
                     && json_node_get_boolean (ready));

  if (reach->users_lower_bound < 0 && reach->users_upper_bound < 0)
    g_clear_pointer (&reach, hd_meta_reach_free);

  return reach;
}

static gboolean
is_date (const char *text)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *midnight = NULL;

  if (text == NULL || strlen (text) != 10)
    return FALSE;

  midnight = g_strconcat (text, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (midnight, NULL);
  return date != NULL;
}

static double
parse_ratio (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text;
  char *end = NULL;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;

  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return -1;

  text = json_node_get_string (node);
  if (!g_ascii_isdigit (*text))
    return -1;
  value = g_ascii_strtod (text, &end);
  return *end == '\0' && value >= 0 && value < 1e12 ? value : -1;
}

static gint64
parse_money_member (JsonObject *object,
                    const char *member,
                    const char *currency)
{
  gint64 minor;

  return hd_meta_ads_parse_money (_hd_json_string (object, member), currency, &minor) ? minor
                                                                                        : -1;
}

static GHashTable *
parse_actions (JsonObject *object)
{
  GHashTable *actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *list = json_object_get_member (object, "actions");

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return actions;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonObject *action = array_object (json_node_get_array (list), i);
      const char *type = nonempty_string (action, "action_type");
      gint64 count;

      if (type == NULL || !parse_count (action, "value", &count))
        continue;

      g_hash_table_replace (actions, g_strdup (type), g_memdup2 (&count, sizeof count));
    }

  return actions;
}

/**
 * hd_meta_ads_parse_insights:
 * @days: (element-type HdMetaInsightsDay): where the page's days are added
 * @after: (out) (transfer full) (nullable): the next page's cursor
 *
 * Metric values arrive as strings ("1234", "0.81", "12.34"); a day without a date is
 * skipped, a metric that does not read as a number is left unknown.
 */
gboolean
hd_meta_ads_parse_insights (JsonNode   *node,
                            const char *currency,
                            GPtrArray  *days,
                            char      **after)
{
  JsonArray *data = data_array (node);

  g_return_val_if_fail (days != NULL, FALSE);
  g_return_val_if_fail (after != NULL, FALSE);

  *after = NULL;
  if (data == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *object = array_object (data, i);
      const char *date = _hd_json_string (object, "date_start");
      HdMetaInsightsDay *day;

      if (!is_date (date))
        continue;

      day = g_new0 (HdMetaInsightsDay, 1);
      day->date = g_strdup (date);
      day->impressions = count_or_unknown (object, "impressions");
      day->reach = count_or_unknown (object, "reach");
      day->clicks = count_or_unknown (object, "clicks");
      day->ctr = parse_ratio (object, "ctr");
      day->cpc = parse_money_member (object, "cpc", currency);
      day->spend = parse_money_member (object, "spend", currency);
      day->actions = parse_actions (object);
      g_ptr_array_add (days, day);
    }

  *after = next_cursor (node);
  return TRUE;
}

/**
 * hd_meta_ads_parse_image_hash:
 *
 * POST /act_{id}/adimages answers {"images": {"<file name>": {"hash": "…", "url": "…"}}}
 * (developers.facebook.com/docs/marketing-api/reference/ad-image#Creating).
 *
 * Returns: (transfer full) (nullable): the hash of the one picture sent
 */
char *
hd_meta_ads_parse_image_hash (JsonNode *node)
{
  JsonObject *images = _hd_json_object (_hd_json_root_object (node), "images");
  JsonObjectIter iter;
  JsonNode *member;

  if (images == NULL)
    return NULL;

  json_object_iter_init (&iter, images);
  while (json_object_iter_next (&iter, NULL, &member))
    {
      const char *hash = JSON_NODE_HOLDS_OBJECT (member)
                         ? nonempty_string (json_node_get_object (member), "hash") : NULL;

      if (hash != NULL && strlen (hash) < 256)
        return g_strdup (hash);
    }

  return NULL;
}

/**
 * hd_meta_ads_parse_named:
 * @after: (out) (transfer full) (nullable): the next page's cursor
 *
 * Returns: (transfer full) (nullable): the id of the first entry named exactly @name
 */
char *
hd_meta_ads_parse_named (JsonNode   *node,
                         const char *name,
                         char      **after)
{
  JsonArray *data = data_array (node);

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  *after = NULL;
  if (data == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *object = array_object (data, i);
      const char *id = nonempty_string (object, "id");

      if (id != NULL && g_strcmp0 (_hd_json_string (object, "name"), name) == 0
          && strlen (id) < 256)
        return g_strdup (id);
    }

  *after = next_cursor (node);
  return NULL;
}

/* Ad accounts */

/* AdAccount fields (FBCG:AdAccount.json) Herald keeps. */
#define AD_ACCOUNT_FIELDS "id,name,currency,timezone_name,account_status"

static void ad_accounts_page (GTask *task, const char *after);

static void
ad_accounts_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMetaAds *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  page = hd_meta_ads_parse_ad_accounts (node, hd_channel_get_id (self->channel));
  if (page == NULL)
    {
      return_unusable_answer (task);
      return;
    }

  g_ptr_array_extend_and_steal (op->items, g_steal_pointer (&page));

  after = next_cursor (node);
  if (after != NULL && ++op->pages < MAX_PAGES)
    {
      ad_accounts_page (g_steal_pointer (&task), after);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&op->items), (GDestroyNotify) g_ptr_array_unref);
}

static void
ad_accounts_page (GTask      *task,
                  const char *after)
{
  Op *op = g_task_get_task_data (task);

  if (op->query != NULL)
    g_string_free (op->query, TRUE);
  op->query = query_new ("fields", AD_ACCOUNT_FIELDS, "limit", PAGE_LIMIT, "after", after,
                         NULL);
  send_request (task, "GET", "/me/adaccounts", ad_accounts_cb);
}

void
hd_meta_ads_list_ad_accounts_async (HdMetaAds           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));

  task = op_task_new (self, hd_meta_ads_list_ad_accounts_async, cancellable, callback,
                      user_data, &op);
  op->items = g_ptr_array_new_with_free_func (g_object_unref);
  ad_accounts_page (task, NULL);
}

/**
 * hd_meta_ads_list_ad_accounts_finish:
 *
 * Returns: (transfer full) (element-type HdAdAccount): the accounts
 */
GPtrArray *
hd_meta_ads_list_ad_accounts_finish (HdMetaAds     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Minimum budgets */

static void
minimum_budgets_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMetaAds *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!hd_meta_ads_parse_minimum_budgets (node, op->account))
    {
      return_unusable_answer (task);
      return;
    }

  hd_ad_account_set_fetched_at (op->account,
                                hd_rate_limiter_now (hd_http_get_rate_limiter (self->http)));
  g_task_return_boolean (task, TRUE);
}

void
hd_meta_ads_fetch_minimum_budgets_async (HdMetaAds           *self,
                                         HdAdAccount         *account,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (HD_IS_AD_ACCOUNT (account));
  g_return_if_fail (hd_ad_account_get_remote_id (account) != NULL);

  task = op_task_new (self, hd_meta_ads_fetch_minimum_budgets_async, cancellable, callback,
                      user_data, &op);
  op->account = g_object_ref (account);
  path = g_strdup_printf ("/%s/minimum_budgets", hd_ad_account_get_remote_id (account));
  send_request (task, "GET", path, minimum_budgets_cb);
}

gboolean
hd_meta_ads_fetch_minimum_budgets_finish (HdMetaAds     *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Creating and updating */

void
hd_meta_ads_create_async (HdMetaAds           *self,
                          const char          *account_id,
                          HdMetaAdsKind        kind,
                          JsonObject          *params,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (account_id != NULL && g_str_has_prefix (account_id, "act_"));
  g_return_if_fail (params != NULL);

  task = op_task_new (self, hd_meta_ads_create_async, cancellable, callback, user_data, &op);
  op->form = g_string_new (NULL);
  add_params (op->form, params);
  path = g_strdup_printf ("/%s/%s", account_id, edge_of_kind (kind));
  op->parse = parse_created_id;
  op->free_parsed = g_free;
  send_request (task, "POST", path, parsed_cb);
}

/**
 * hd_meta_ads_create_finish:
 *
 * Returns: (transfer full): the new object's id
 */
char *
hd_meta_ads_create_finish (HdMetaAds     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
updated_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *success;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An update answers {"success": true}. */
  success = _hd_json_root_object (node) != NULL
            ? json_object_get_member (_hd_json_root_object (node), "success") : NULL;
  if (success != NULL && JSON_NODE_HOLDS_VALUE (success)
      && json_node_get_value_type (success) == G_TYPE_BOOLEAN && !json_node_get_boolean (success))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("Meta did not take the change. Herald will try again later."));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
hd_meta_ads_update_async (HdMetaAds           *self,
                          const char          *object_id,
                          JsonObject          *params,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (object_id != NULL && *object_id != '\0');
  g_return_if_fail (params != NULL);

  task = op_task_new (self, hd_meta_ads_update_async, cancellable, callback, user_data, &op);
  if (json_object_get_size (params) == 0)
    {
      /* Nothing changed: nothing to send. */
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  op->form = g_string_new (NULL);
  add_params (op->form, params);
  path = g_strdup_printf ("/%s", object_id);
  send_request (task, "POST", path, updated_cb);
}

gboolean
hd_meta_ads_update_finish (HdMetaAds     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reading back */

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  root = _hd_json_root_object (node);
  if (root == NULL || nonempty_string (root, "id") == NULL)
    {
      return_unusable_answer (task);
      return;
    }

  g_task_return_pointer (task, json_object_ref (root), (GDestroyNotify) json_object_unref);
}

void
hd_meta_ads_read_async (HdMetaAds           *self,
                        const char          *object_id,
                        const char * const  *fields,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *joined = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (object_id != NULL && *object_id != '\0');
  g_return_if_fail (fields != NULL && fields[0] != NULL);

  task = op_task_new (self, hd_meta_ads_read_async, cancellable, callback, user_data, &op);
  joined = g_strjoinv (",", (char **) fields);
  op->query = query_new ("fields", joined, NULL);
  path = g_strdup_printf ("/%s", object_id);
  send_request (task, "GET", path, read_cb);
}

/**
 * hd_meta_ads_read_finish:
 *
 * Returns: (transfer full): the object's fields as Meta sent them
 */
JsonObject *
hd_meta_ads_read_finish (HdMetaAds     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Finding an object by name */

static void find_page (GTask *task, const char *after);

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  char *id;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data_array (node) == NULL)
    {
      return_unusable_answer (task);
      return;
    }

  if ((id = hd_meta_ads_parse_named (node, op->name, &after)) != NULL)
    {
      g_task_return_pointer (task, id, g_free);
      return;
    }

  if (after != NULL && ++op->pages < MAX_PAGES)
    {
      find_page (g_steal_pointer (&task), after);
      return;
    }

  g_task_return_pointer (task, NULL, NULL);
}

static void
find_page (GTask      *task,
           const char *after)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = g_strdup (op->path);

  if (op->query != NULL)
    g_string_free (op->query, TRUE);
  /* The list edges take no name filter in Meta's specs, so the names are read and matched
   * here. */
  op->query = query_new ("fields", "id,name", "limit", PAGE_LIMIT, "after", after, NULL);
  send_request (task, "GET", path, found_cb);
}

void
hd_meta_ads_find_by_name_async (HdMetaAds           *self,
                                const char          *parent_id,
                                HdMetaAdsKind        kind,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (parent_id != NULL && *parent_id != '\0');
  g_return_if_fail (name != NULL && *name != '\0');

  task = op_task_new (self, hd_meta_ads_find_by_name_async, cancellable, callback, user_data,
                      &op);
  op->name = g_strdup (name);
  op->path = g_strdup_printf ("/%s/%s", parent_id, edge_of_kind (kind));
  find_page (task, NULL);
}

/**
 * hd_meta_ads_find_by_name_finish:
 *
 * Returns: (transfer full) (nullable): the id, or NULL when no such object exists
 */
char *
hd_meta_ads_find_by_name_finish (HdMetaAds     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Targeting search */

void
hd_meta_ads_search_interests_async (HdMetaAds           *self,
                                    const char          *account_id,
                                    const char          *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (account_id != NULL && g_str_has_prefix (account_id, "act_"));
  g_return_if_fail (query != NULL);

  task = op_task_new (self, hd_meta_ads_search_interests_async, cancellable, callback,
                      user_data, &op);
  /* GET /act_{id}/targetingsearch: q is required, limit_type narrows the answer to one
   * kind of audience (FBCG:AdAccount.json). */
  op->query = query_new ("q", query, "limit_type", "interests", NULL);
  path = g_strdup_printf ("/%s/targetingsearch", account_id);
  op->parse = (ParseAnswer) hd_meta_ads_parse_interests;
  op->free_parsed = (GDestroyNotify) g_ptr_array_unref;
  send_request (task, "GET", path, parsed_cb);
}

/**
 * hd_meta_ads_search_interests_finish:
 *
 * Returns: (transfer full) (element-type HdMetaInterest): the interests found
 */
GPtrArray *
hd_meta_ads_search_interests_finish (HdMetaAds     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hd_meta_ads_search_locations_async (HdMetaAds           *self,
                                    const char          *query,
                                    const char * const  *location_types,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *types = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (query != NULL);

  task = op_task_new (self, hd_meta_ads_search_locations_async, cancellable, callback,
                      user_data, &op);

  if (location_types != NULL && location_types[0] != NULL)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; location_types[i] != NULL; i++)
        json_array_add_string_element (array, location_types[i]);
      json_node_set_array (node, array);
      types = json_to_string (node, FALSE);
    }

  op->query = query_new ("type", "adgeolocation", "q", query, "location_types", types, NULL);
  op->parse = (ParseAnswer) hd_meta_ads_parse_locations;
  op->free_parsed = (GDestroyNotify) g_ptr_array_unref;
  send_request (task, "GET", "/search", parsed_cb);
}

/**
 * hd_meta_ads_search_locations_finish:
 *
 * Returns: (transfer full) (element-type HdMetaLocation): the places found
 */
GPtrArray *
hd_meta_ads_search_locations_finish (HdMetaAds     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hd_meta_ads_search_locales_async (HdMetaAds           *self,
                                  const char          *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (query != NULL);

  task = op_task_new (self, hd_meta_ads_search_locales_async, cancellable, callback,
                      user_data, &op);
  op->query = query_new ("type", "adlocale", "q", query, NULL);
  op->parse = (ParseAnswer) hd_meta_ads_parse_locales;
  op->free_parsed = (GDestroyNotify) g_ptr_array_unref;
  send_request (task, "GET", "/search", parsed_cb);
}

/**
 * hd_meta_ads_search_locales_finish:
 *
 * Returns: (transfer full) (element-type HdMetaLocale): the languages found
 */
GPtrArray *
hd_meta_ads_search_locales_finish (HdMetaAds     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reach estimate */

void
hd_meta_ads_estimate_reach_async (HdMetaAds           *self,
                                  const char          *account_id,
                                  JsonObject          *targeting,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *path = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (account_id != NULL && g_str_has_prefix (account_id, "act_"));
  g_return_if_fail (targeting != NULL);

  task = op_task_new (self, hd_meta_ads_estimate_reach_async, cancellable, callback,
                      user_data, &op);
  node = json_node_init_object (json_node_alloc (), targeting);
  spec = json_to_string (node, FALSE);
  op->query = query_new ("targeting_spec", spec, NULL);
  path = g_strdup_printf ("/%s/reachestimate", account_id);
  op->parse = (ParseAnswer) hd_meta_ads_parse_reach;
  op->free_parsed = (GDestroyNotify) hd_meta_reach_free;
  send_request (task, "GET", path, parsed_cb);
}

/**
 * hd_meta_ads_estimate_reach_finish:
 *
 * Returns: (transfer full): the estimate
 */
HdMetaReach *
hd_meta_ads_estimate_reach_finish (HdMetaAds     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Insights */

/* AdsInsights fields, reference/channel-apis.md §7; values come back as strings. */
#define INSIGHTS_FIELDS "impressions,reach,clicks,ctr,cpc,spend,actions"

static void insights_page (GTask *task, const char *after);

static void
insights_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  if ((node = finish_request (task, result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!hd_meta_ads_parse_insights (node, op->currency, op->items, &after))
    {
      return_unusable_answer (task);
      return;
    }

  if (after != NULL && ++op->pages < MAX_PAGES)
    {
      insights_page (g_steal_pointer (&task), after);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&op->items), (GDestroyNotify) g_ptr_array_unref);
}

static void
insights_page (GTask      *task,
               const char *after)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = g_strdup (op->path);

  if (op->query != NULL)
    g_string_free (op->query, TRUE);
  op->query = query_new ("fields", INSIGHTS_FIELDS, "time_increment", "1",
                         "time_range", op->name, "limit", PAGE_LIMIT, "after", after, NULL);
  send_request (task, "GET", path, insights_cb);
}

void
hd_meta_ads_fetch_insights_async (HdMetaAds           *self,
                                  const char          *object_id,
                                  const char          *currency,
                                  const char          *since,
                                  const char          *until,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (object_id != NULL && *object_id != '\0');
  g_return_if_fail (currency != NULL);
  g_return_if_fail (is_date (since) && is_date (until));

  task = op_task_new (self, hd_meta_ads_fetch_insights_async, cancellable, callback, user_data,
                      &op);
  op->items = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_meta_insights_day_free);
  op->currency = g_strdup (currency);
  op->path = g_strdup_printf ("/%s/insights", object_id);
  /* time_range is a map {"since","until"} in the specs. */
  op->name = g_strdup_printf ("{\"since\":\"%s\",\"until\":\"%s\"}", since, until);
  insights_page (task, NULL);
}

/**
 * hd_meta_ads_fetch_insights_finish:
 *
 * Returns: (transfer full) (element-type HdMetaInsightsDay): the days, in Meta's order
 */
GPtrArray *
hd_meta_ads_fetch_insights_finish (HdMetaAds     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Pictures */

void
hd_meta_ads_upload_image_async (HdMetaAds           *self,
                                const char          *account_id,
                                GBytes              *image,
                                const char          *filename,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *encoded = NULL;
  gsize size = 0;
  const guchar *data;
  GTask *task;
  Op *op;

  g_return_if_fail (HD_IS_META_ADS (self));
  g_return_if_fail (account_id != NULL && g_str_has_prefix (account_id, "act_"));
  g_return_if_fail (image != NULL);

  task = op_task_new (self, hd_meta_ads_upload_image_async, cancellable, callback, user_data,
                      &op);
  data = g_bytes_get_data (image, &size);
  if (size == 0)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("The picture “%s” is empty. Choose it again."),
                               filename != NULL ? filename : "");
      g_object_unref (task);
      return;
    }

  /* POST adimages takes the picture as `bytes`, a base64 string (FBCG:AdAccount.json), so
   * the request is an ordinary form. */
  encoded = g_base64_encode (data, size);
  op->form = g_string_new (NULL);
  hd_graph_form_add (op->form, "bytes", encoded);
  path = g_strdup_printf ("/%s/adimages", account_id);
  op->parse = (ParseAnswer) hd_meta_ads_parse_image_hash;
  op->free_parsed = g_free;
  send_request (task, "POST", path, parsed_cb);
}

/**
 * hd_meta_ads_upload_image_finish:
 *
 * Returns: (transfer full): the image hash
 */
char *
hd_meta_ads_upload_image_finish (HdMetaAds     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
