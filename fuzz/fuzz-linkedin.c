/* fuzz-linkedin.c: libFuzzer target for what LinkedIn answers: OpenID userinfo,
 * organizationAcls, organizations, initializeUpload, posts, pages of comments and a created
 * comment, share statistics, socialActions summaries and network sizes; and for the commentary
 * escaper, whose output must render back to the text it was given.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hd-linkedin-provider.h"
#include "hd-provider-private.h"
#include "hd-http.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Undoes the escaping the way LinkedIn renders it; NULL when something is left unescaped. */
static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "{hashtag|\\#|"))
        {
          const char *q = p + strlen ("{hashtag|\\#|");

          g_string_append_c (out, '#');
          while (*q != '\0' && *q != '}')
            {
              if (*q == '\\')
                q++;
              else if (strchr ("|{@[]()<>#*~", *q) != NULL)
                return (g_string_free (out, TRUE), NULL);
              if (*q == '\0')
                return (g_string_free (out, TRUE), NULL);
              g_string_append_c (out, *q++);
            }
          if (*q != '}')
            return (g_string_free (out, TRUE), NULL);
          p = q + 1;
          continue;
        }

      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, p[1]);
          p += 2;
          continue;
        }

      if (strchr ("\\|{}@[]()<>#*_~", *p) != NULL)
        return (g_string_free (out, TRUE), NULL);
      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = g_strndup ((const char *) data, size);
  JsonNode *root;

  if (g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *escaped = hd_linkedin_escape_commentary (text);
      g_autofree char *back = unescape (escaped);

      g_assert (g_utf8_validate (escaped, -1, NULL));
      g_assert (back != NULL);
      g_assert (strcmp (back, text) == 0);
    }

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL)
      || (root = json_parser_get_root (parser)) == NULL)
    return 0;

  /* Herald's HTTP layer hands every parsed answer over with its strings made valid UTF-8;
   * the parsers are fuzzed on the same footing. */
  g_autoptr(JsonNode) valid_root = hd_json_node_make_valid (root);
  root = valid_root;

  {
    g_autofree char *name = NULL;
    g_autofree char *picture = NULL;
    g_autofree char *sub = _hd_linkedin_parse_userinfo (root, &name, &picture);

    g_assert (sub == NULL || (*sub != '\0' && strchr (sub, ':') == NULL));
    g_assert (picture == NULL || g_str_has_prefix (picture, "https://"));
  }

  {
    g_autofree char *upload_url = NULL;
    g_autofree char *image = NULL;

    if (_hd_linkedin_parse_upload (root, &upload_url, &image))
      g_assert (g_str_has_prefix (image, "urn:li:image:"));
  }

  {
    g_autoptr(GPtrArray) organizations = _hd_linkedin_parse_organization_acls (root);

    for (guint i = 0; organizations != NULL && i < organizations->len; i++)
      g_assert (g_str_has_prefix (g_ptr_array_index (organizations, i),
                                  "urn:li:organization:"));
  }

  {
    g_autofree char *name = NULL;
    g_autofree char *vanity = NULL;

    if (_hd_linkedin_parse_organization (root, &name, &vanity))
      g_assert (name != NULL && *name != '\0');
  }

  {
    g_autoptr(HdProviderResult) post = _hd_linkedin_parse_post (root, NULL);

    g_assert (post == NULL || g_str_has_prefix (post->remote_id, "urn:li:"));
  }

  /* A page of comments on a post, one of them known before, and what a POST created. Every
   * URN that comes out may go into a request path. */
  {
    g_autoptr(HdChannel) channel = hd_channel_new ();
    g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) threads = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) comments = NULL;
    g_autofree char *created = NULL;
    guint next_start = 0;

    hd_channel_set_remote_account_id (channel, "urn:li:organization:2414183");
    g_hash_table_insert (known, g_strdup ("urn:li:comment:(urn:li:activity:1,2)"),
                         GINT_TO_POINTER (FALSE));
    comments = _hd_linkedin_parse_comments (channel, "urn:li:share:1", NULL, NULL, root,
                                            1700000000, known, threads, &next_start);
    g_assert (comments != NULL || (next_start == 0 && threads->len == 0));
    g_assert (g_hash_table_size (known) == 1);
    for (guint i = 0; comments != NULL && i < comments->len; i++)
      {
        HdInboxItem *item = g_ptr_array_index (comments, i);

        g_assert (hd_linkedin_is_comment_urn (hd_inbox_item_get_remote_id (item)));
        g_assert (hd_inbox_item_get_parent_id (item) != NULL);
        g_assert (hd_inbox_item_get_received_at (item) >= 1700000000);
        g_assert (hd_inbox_item_get_text (item) == NULL
                  || g_utf8_validate (hd_inbox_item_get_text (item), -1, NULL));
      }
    for (guint i = 0; i < threads->len; i++)
      {
        g_autofree char *thread = hd_linkedin_comment_thread (g_ptr_array_index (threads, i));

        g_assert (hd_linkedin_is_comment_urn (g_ptr_array_index (threads, i)));
        g_assert (thread != NULL && g_str_has_prefix (thread, "urn:li:"));
      }

    created = _hd_linkedin_parse_created_comment (root, "6643206422739898368",
                                                  "urn:li:activity:1");
    g_assert (created != NULL && hd_linkedin_is_comment_urn (created));
  }

  /* The counts of a Page's post, of any post, and a Page's followers: whatever the answer,
   * every metric keeps its name and subject, and none comes out negative. */
  {
    g_autoptr(HdChannel) channel = hd_channel_new ();
    g_autoptr(GPtrArray) post = NULL;
    g_autoptr(GPtrArray) summary = NULL;
    g_autoptr(GPtrArray) followers = NULL;
    gboolean found = TRUE;
    gboolean listed;

    hd_channel_set_remote_account_id (channel, "urn:li:organization:2414183");
    post = _hd_linkedin_new_metrics (channel, FALSE, "post-1", 1700000000);
    summary = _hd_linkedin_new_metrics (channel, FALSE, "post-1", 1700000000);
    followers = _hd_linkedin_new_metrics (channel, TRUE, "channel-1", 1700000000);
    g_assert (post->len == 4 && followers->len == 1);

    listed = _hd_linkedin_parse_share_statistics (root, "urn:li:share:1", post, &found);
    g_assert (listed || !found);
    (void) _hd_linkedin_parse_social_actions (root, summary);
    (void) _hd_linkedin_parse_network_size (root, followers);

    for (guint i = 0; i < post->len + summary->len + followers->len; i++)
      {
        HdMetric *metric = i < post->len ? g_ptr_array_index (post, i)
                           : i < post->len + summary->len
                           ? g_ptr_array_index (summary, i - post->len)
                           : g_ptr_array_index (followers, i - post->len - summary->len);
        gboolean of_account = i >= post->len + summary->len;

        g_assert (hd_metric_get_name (metric) != NULL);
        g_assert (hd_metric_get_subject (metric) == (of_account ? HD_METRIC_SUBJECT_CHANNEL
                                                                : HD_METRIC_SUBJECT_POST));
        g_assert (!hd_provider_metric_is_available (metric) || hd_metric_get_value (metric) >= 0);
      }
  }

  return 0;
}
