/* hd-store-sample.c: the sample workspace, a dog grooming salon with a few weeks of posts.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-ad.h"
#include "hd-ad-set.h"
#include "hd-audience.h"
#include "hd-campaign.h"
#include "hd-channel.h"
#include "hd-inbox-item.h"
#include "hd-label.h"
#include "hd-metric.h"
#include "hd-post.h"
#include "hd-variant.h"
#include "hd-store-private.h"

#define SAMPLE_ZONE     "Europe/London"
#define SAMPLE_CURRENCY "GBP"

enum
{
  MASTODON,
  BLUESKY,
  FACEBOOK,
  INSTAGRAM,
  LINKEDIN,
  N_CHANNELS
};

#define ON(c) (1u << (c))
#define EVERYWHERE (ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK) | ON (INSTAGRAM) | ON (LINKEDIN))

static const struct
{
  HdChannelKind kind;
  const char *display_name;
  const char *handle;
  const char *base_url;
} sample_channels[N_CHANNELS] = {
  { HD_CHANNEL_KIND_MASTODON, N_("Hazel & Hound"), "@hazelandhound@mastodon.social",
    "https://mastodon.social" },
  { HD_CHANNEL_KIND_BLUESKY, N_("Hazel & Hound"), "hazelandhound.bsky.social",
    "https://bsky.social" },
  { HD_CHANNEL_KIND_FACEBOOK_PAGE, N_("Hazel & Hound Dog Grooming"), "hazelandhoundwatford",
    NULL },
  { HD_CHANNEL_KIND_INSTAGRAM, N_("Hazel & Hound"), "@hazelandhound", NULL },
  { HD_CHANNEL_KIND_LINKEDIN, N_("Hazel & Hound Ltd"), "hazel-and-hound", NULL },
};

enum
{
  OFFERS,
  TIPS,
  BEFORE_AFTER,
  TEAM,
  N_LABELS
};

static const struct
{
  const char *name;
  const char *color;
} sample_labels[N_LABELS] = {
  { N_("Offers"), "#e66100" },
  { N_("Tips"), "#3584e4" },
  { N_("Before & after"), "#9141ac" },
  { N_("Team"), "#2ec27e" },
};

/* The post the sample ad is made from. */
#define AD_POST 14

typedef struct
{
  int day;               /* days from today; ideas ignore it */
  int hour;
  int minute;
  HdPostState state;
  int label;             /* -1 for none */
  guint channels;
  const char *text;
  const char *bluesky_text;
  const char *first_comment;
  const char *notes;
} SamplePost;

static const SamplePost sample_posts[] = {
  { -20, 10, 0, HD_POST_STATE_PUBLISHED, OFFERS, EVERYWHERE,
    N_("Fresh week, fresh fringes! ✂️ We have a few grooming slots left this Thursday and "
       "Friday. Book online or give us a ring on 01923 555 014."), NULL, NULL, NULL },
  { -18, 12, 30, HD_POST_STATE_PUBLISHED, TIPS,
    ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK) | ON (INSTAGRAM),
    N_("Tip of the week: brush your dog before bath time, not after. Water tightens mats and "
       "makes them much harder to tease out. 🐾"), NULL, NULL, NULL },
  { -16, 17, 0, HD_POST_STATE_PUBLISHED, BEFORE_AFTER,
    ON (MASTODON) | ON (FACEBOOK) | ON (INSTAGRAM),
    N_("Meet Biscuit, a very good cockapoo who came in looking like a haystack and left looking "
       "like a teddy bear. Before and after 👇"), NULL,
    N_("#cockapoo #doggrooming #watford"), NULL },
  { -14, 9, 0, HD_POST_STATE_PUBLISHED, TEAM, ON (MASTODON) | ON (FACEBOOK) | ON (LINKEDIN),
    N_("We’re hiring! We’re looking for a qualified dog groomer to join our friendly team in "
       "Watford, four days a week. All the details are on our website."), NULL, NULL, NULL },
  { -13, 11, 0, HD_POST_STATE_PUBLISHED, OFFERS, EVERYWHERE,
    N_("Nail clipping walk-ins every Saturday morning, 9 till 12. £10, no appointment needed."),
    NULL, NULL, NULL },
  { -11, 15, 30, HD_POST_STATE_PUBLISHED, TIPS, ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK),
    N_("Warm weather tip: please don’t shave a double-coated breed like a husky or a collie. "
       "Their coat keeps them cool as well as warm. Ask us about a de-shed instead."),
    NULL, NULL, NULL },
  { -9, 10, 15, HD_POST_STATE_PUBLISHED, TEAM, ON (FACEBOOK) | ON (INSTAGRAM) | ON (LINKEDIN),
    N_("Say hello to Priya, our newest groomer! She’s brilliant with nervous dogs and has a soft "
       "spot for sighthounds. 💚"), NULL, NULL, NULL },
  { -7, 18, 0, HD_POST_STATE_PUBLISHED, BEFORE_AFTER, ON (FACEBOOK) | ON (INSTAGRAM),
    N_("Before and after: Monty the schnauzer, ready for his sister’s wedding. Dapper doesn’t "
       "cover it."), NULL, N_("#schnauzer #groomedandgorgeous"), NULL },
  { -5, 12, 0, HD_POST_STATE_PUBLISHED, OFFERS, EVERYWHERE,
    N_("Puppy’s first groom? Our 30-minute puppy intro gets them used to the table, the dryer "
       "and the clippers, gently and with lots of treats. £20."), NULL, NULL, NULL },
  { -3, 9, 30, HD_POST_STATE_PUBLISHED, TIPS, ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK),
    N_("Ticks are out in force in Cassiobury Park. Check ears, armpits and between toes after "
       "every walk, and ask your vet about prevention."), NULL, NULL, NULL },
  { -2, 16, 0, HD_POST_STATE_FAILED, BEFORE_AFTER, ON (INSTAGRAM),
    N_("Spot the difference! Swipe to see Luna before and after her spa day."), NULL, NULL,
    N_("Instagram turned this post down because it has no picture. Add Luna’s photos and send "
       "it again.") },
  { -1, 11, 0, HD_POST_STATE_PUBLISHED, OFFERS,
    ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK) | ON (INSTAGRAM),
    N_("Thank you for 500 followers! To celebrate, 10% off any full groom booked this week. Just "
       "mention this post when you book."), NULL, NULL, NULL },
  { 1, 10, 0, HD_POST_STATE_SCHEDULED, -1, EVERYWHERE,
    N_("A reminder that we’re closed this Monday for staff training. Back to normal on Tuesday "
       "from 8:30."), NULL, NULL, NULL },
  { 2, 12, 0, HD_POST_STATE_SCHEDULED, TIPS,
    ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK) | ON (INSTAGRAM),
    N_("Does your dog hate the dryer? We use quiet, low-heat dryers and take a break whenever "
       "they need one. No rush, no stress."), NULL, NULL, NULL },
  { 4, 17, 30, HD_POST_STATE_SCHEDULED, OFFERS,
    ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK) | ON (INSTAGRAM),
    N_("Our autumn spa package is back: bath, blow-dry, paw balm and a blueberry facial for £45. "
       "Slots are limited, so book online or call us on 01923 555 014."),
    N_("Autumn spa package is back: bath, blow-dry, paw balm and a blueberry facial, £45. Book "
       "online!"), NULL, NULL },
  { 6, 9, 0, HD_POST_STATE_SCHEDULED, TIPS, ON (MASTODON) | ON (BLUESKY),
    N_("Grooming tip: a little cornflour rubbed into a knot helps the comb slide through. Be "
       "gentle and work from the ends up."), NULL, NULL, NULL },
  { 8, 13, 0, HD_POST_STATE_NEEDS_ATTENTION, TIPS, ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK),
    N_("Why do we ask about your dog’s health before every groom? Skin conditions, sore joints, "
       "heart trouble and anxiety all change how we handle a dog on the table: how long they "
       "stand, how warm the water is, and whether we use the dryer at all. Tell us about any "
       "changes since the last visit, even small ones, and we’ll plan the groom around your dog."),
    NULL, NULL,
    N_("Too long for Bluesky: shorten the Bluesky version to 300 characters.") },
  { 10, 11, 0, HD_POST_STATE_SCHEDULED, TEAM, ON (FACEBOOK) | ON (INSTAGRAM) | ON (LINKEDIN),
    N_("Meet the team: Tom has been grooming for twelve years and still gets excited about a "
       "good poodle clip."), NULL, NULL, NULL },
  { 13, 10, 30, HD_POST_STATE_DRAFT, OFFERS, EVERYWHERE,
    N_("Christmas bookings open on 1 November. Last year we were full by the middle of the "
       "month, so pop a reminder in your diary!"), NULL, NULL, NULL },
  { 16, 15, 0, HD_POST_STATE_DRAFT, BEFORE_AFTER, ON (FACEBOOK) | ON (INSTAGRAM),
    N_("Before and after: Bramble the spaniel after a very muddy weekend."), NULL, NULL,
    N_("Ask Bramble’s owner if we can use the photos.") },
  { 20, 9, 0, HD_POST_STATE_DRAFT, TIPS, ON (MASTODON) | ON (BLUESKY) | ON (FACEBOOK),
    N_("Our five favourite brushes for doodles, and why a slicker isn’t always the answer."),
    NULL, NULL, NULL },
  { 0, 0, 0, HD_POST_STATE_IDEA, -1, 0,
    N_("Video: a day in the salon, from the first coffee to the last blow-dry."),
    NULL, NULL, NULL },
  { 0, 0, 0, HD_POST_STATE_IDEA, -1, 0,
    N_("Customer of the month: ask owners to send in their favourite photo after a groom."),
    NULL, NULL, NULL },
  { 0, 0, 0, HD_POST_STATE_IDEA, TIPS, 0,
    N_("Myth-busting: dogs don’t need a bath every week. How often is right for each coat?"),
    NULL, NULL, NULL },
  { 0, 0, 0, HD_POST_STATE_IDEA, -1, 0,
    N_("Team up with the pet shop on St Albans Road for a joint giveaway?"),
    NULL, NULL, NULL },
};

G_STATIC_ASSERT (AD_POST < G_N_ELEMENTS (sample_posts));

static const struct
{
  int channel;
  HdInboxKind kind;
  double hours_ago;
  HdReplyState reply_state;
  const char *author_name;
  const char *author_handle;
  const char *text;
} sample_inbox[] = {
  { FACEBOOK, HD_INBOX_KIND_COMMENT, 2, HD_REPLY_STATE_UNREAD, "Sarah Whitfield", NULL,
    N_("How much is a full groom for a cocker spaniel? He’s quite matted at the moment.") },
  { INSTAGRAM, HD_INBOX_KIND_MESSAGE, 5, HD_REPLY_STATE_UNREAD, "Dev Patel", "@devandduke",
    N_("Hi! Do you have anything free this Saturday morning for a nail trim? Duke is a big "
       "softie but hates his paws being touched.") },
  { MASTODON, HD_INBOX_KIND_MENTION, 9, HD_REPLY_STATE_UNREAD, "Rosie",
    "@rosie@mastodon.online",
    N_("Is @hazelandhound open on bank holidays? Asking for a very fluffy friend.") },
  { FACEBOOK, HD_INBOX_KIND_COMMENT, 20, HD_REPLY_STATE_READ, "Gareth Lloyd", NULL,
    N_("What time do you open on weekdays? I could drop her off before work.") },
  { BLUESKY, HD_INBOX_KIND_REPLY, 30, HD_REPLY_STATE_REPLIED, "Mia Chen", "miachen.bsky.social",
    N_("Biscuit looks amazing! Do you do the teddy bear cut for poodle crosses too?") },
  { INSTAGRAM, HD_INBOX_KIND_COMMENT, 44, HD_REPLY_STATE_REPLIED, "Hannah Brooks",
    "@hannahandhugo",
    N_("Monty looks so smart 😍 Can I book Hugo in for the same?") },
  { FACEBOOK, HD_INBOX_KIND_MESSAGE, 70, HD_REPLY_STATE_DONE, "Pauline Edwards", NULL,
    N_("Do you take older dogs? Bella is 14 and a bit wobbly on her back legs.") },
  /* LinkedIn names a comment's author by URN only, so Herald shows no name of a person. */
  { LINKEDIN, HD_INBOX_KIND_COMMENT, 100, HD_REPLY_STATE_READ, NULL, NULL,
    N_("Great to see a local business growing. Is the groomer role open to apprentices?") },
};

static gint64
local_instant (GDateTime *today,
               GTimeZone *zone,
               int        day,
               int        hour,
               int        minute)
{
  g_autoptr(GDateTime) date = g_date_time_add_days (today, day);
  g_autoptr(GDateTime) at = g_date_time_new (zone,
                                             g_date_time_get_year (date),
                                             g_date_time_get_month (date),
                                             g_date_time_get_day_of_month (date),
                                             hour, minute, 0);

  return g_date_time_to_unix (at);
}

static gboolean
add_metric (HdStore          *self,
            HdMetricSubject   subject,
            const char       *subject_id,
            const char       *channel_id,
            const char       *name,
            gint64            value,
            gint64            measured_at,
            GError          **error)
{
  g_autoptr(HdMetric) metric = hd_metric_new ();

  hd_metric_set_subject (metric, subject);
  hd_metric_set_subject_id (metric, subject_id);
  hd_metric_set_channel_id (metric, channel_id);
  hd_metric_set_name (metric, name);
  hd_metric_set_value (metric, value);
  hd_metric_set_measured_at (metric, measured_at);

  return hd_store_add_metric (self, metric, error);
}

static gboolean
add_post_metrics (HdStore     *self,
                  GRand       *rand,
                  HdPost      *post,
                  const char  *channel_id,
                  int          channel,
                  gint64       now,
                  GError     **error)
{
  /* Facebook and Instagram reach more of a local salon's customers than the rest. */
  static const int reach[N_CHANNELS] = { 180, 140, 900, 1200, 260 };
  gint64 published_at = hd_post_get_published_at (post);
  gint64 measured_at = MIN (published_at + 2 * 24 * 3600, now - 3600);
  gint64 impressions = reach[channel] / 2 + g_rand_int_range (rand, 0, reach[channel]);
  gint64 reactions = impressions * g_rand_int_range (rand, 3, 9) / 100;

  return add_metric (self, HD_METRIC_SUBJECT_POST, hd_post_get_id (post), channel_id,
                     "impressions", impressions, measured_at, error) &&
         add_metric (self, HD_METRIC_SUBJECT_POST, hd_post_get_id (post), channel_id,
                     "reactions", reactions, measured_at, error) &&
         add_metric (self, HD_METRIC_SUBJECT_POST, hd_post_get_id (post), channel_id,
                     "replies", reactions / 6 + g_rand_int_range (rand, 0, 3), measured_at,
                     error) &&
         add_metric (self, HD_METRIC_SUBJECT_POST, hd_post_get_id (post), channel_id,
                     "reposts", reactions / 8, measured_at, error) &&
         add_metric (self, HD_METRIC_SUBJECT_POST, hd_post_get_id (post), channel_id,
                     "link-clicks", impressions * g_rand_int_range (rand, 1, 3) / 100,
                     measured_at, error);
}

static gboolean
seed_posts (HdStore     *self,
            GDateTime   *today,
            GTimeZone   *zone,
            gint64       now,
            char       **channel_ids,
            char       **post_ids,
            GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);

  for (guint i = 0; i < G_N_ELEMENTS (sample_posts); i++)
    {
      const SamplePost *sample = &sample_posts[i];
      g_autoptr(HdPost) post = hd_post_new ();
      gboolean published = sample->state == HD_POST_STATE_PUBLISHED;
      gint64 at = 0;

      hd_post_set_text (post, _(sample->text));
      hd_post_set_state (post, sample->state);
      hd_post_set_time_zone (post, SAMPLE_ZONE);
      if (sample->notes != NULL)
        hd_post_set_notes (post, _(sample->notes));

      if (sample->state != HD_POST_STATE_IDEA)
        {
          at = local_instant (today, zone, sample->day, sample->hour, sample->minute);
          hd_post_set_scheduled_at (post, at);
          hd_post_set_created_at (post, MIN (at, now) - 3 * 24 * 3600);
        }
      else
        {
          hd_post_set_created_at (post, now - (i + 1) * 26 * 3600);
        }

      if (published)
        hd_post_set_published_at (post, at);

      if (sample->label >= 0)
        {
          const char *labels[] = { _(sample_labels[sample->label].name), NULL };

          hd_post_set_labels (post, labels);
        }

      for (int c = 0; c < N_CHANNELS; c++)
        {
          g_autoptr(HdVariant) variant = NULL;

          if ((sample->channels & ON (c)) == 0)
            continue;

          variant = hd_variant_new ();
          hd_variant_set_channel_id (variant, channel_ids[c]);
          hd_variant_set_state (variant, sample->state);
          if (c == BLUESKY && sample->bluesky_text != NULL)
            hd_variant_set_text (variant, _(sample->bluesky_text));
          if (c == INSTAGRAM && sample->first_comment != NULL)
            hd_variant_set_first_comment (variant, _(sample->first_comment));
          hd_post_add_variant (post, variant);
        }

      if (!hd_store_save_post (self, post, error))
        return FALSE;

      post_ids[i] = g_strdup (hd_post_get_id (post));

      for (int c = 0; published && c < N_CHANNELS; c++)
        {
          if ((sample->channels & ON (c)) != 0 &&
              !add_post_metrics (self, rand, post, channel_ids[c], c, now, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
seed_campaign (HdStore     *self,
               GDateTime   *today,
               GTimeZone   *zone,
               gint64       now,
               char       **post_ids,
               GError     **error)
{
  g_autoptr(HdAudience) audience = hd_audience_new ();
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autoptr(HdAd) ad = hd_ad_new ();
  g_autoptr(HdPost) post = NULL;
  gint64 starts_at = local_instant (today, zone, -7, 0, 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (28);

  hd_audience_set_name (audience, _("Dog owners near Watford"));
  /* A Marketing API targeting spec: interests in one flexible_spec entry are alternatives. */
  hd_audience_set_spec (audience,
                        "{\"geo_locations\":{\"cities\":[{\"name\":\"Watford\","
                        "\"region\":\"England\",\"country\":\"GB\",\"radius\":10,"
                        "\"distance_unit\":\"mile\"}]},"
                        "\"age_min\":25,\"age_max\":55,"
                        "\"flexible_spec\":[{\"interests\":[{\"name\":\"Dogs\"},"
                        "{\"name\":\"Pet grooming\"}]}]}");
  hd_audience_set_estimated_size (audience, 41000);
  hd_audience_set_estimated_at (audience, now - 8 * 24 * 3600);
  if (!hd_store_save_audience (self, audience, error))
    return FALSE;

  hd_campaign_set_name (campaign, _("Autumn spa bookings"));
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  hd_campaign_set_special_ad_categories (campaign, "[]");
  hd_campaign_set_status (campaign, HD_AD_STATUS_PAUSED);
  hd_campaign_set_bid_strategy (campaign, "LOWEST_COST_WITHOUT_CAP");
  hd_campaign_set_created_at (campaign, starts_at - 2 * 24 * 3600);
  if (!hd_store_save_campaign (self, campaign, error))
    return FALSE;

  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, _("Weekdays, 8am to 8pm"));
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_DAILY);
  hd_ad_set_set_budget_minor (ad_set, 2000);
  hd_ad_set_set_currency (ad_set, SAMPLE_CURRENCY);
  hd_ad_set_set_starts_at (ad_set, starts_at);
  hd_ad_set_set_ends_at (ad_set, local_instant (today, zone, 7, 0, 0));
  hd_ad_set_set_time_zone (ad_set, SAMPLE_ZONE);
  hd_ad_set_set_optimization_goal (ad_set, "LINK_CLICKS");
  hd_ad_set_set_billing_event (ad_set, "IMPRESSIONS");
  hd_ad_set_set_audience_id (ad_set, hd_audience_get_id (audience));
  hd_ad_set_set_placements (ad_set,
                            "{\"publisher_platforms\":[\"facebook\",\"instagram\"],"
                            "\"facebook_positions\":[\"feed\"],"
                            "\"instagram_positions\":[\"stream\",\"story\"]}");
  /* Days count from Sunday = 0; minutes from midnight in the ad set's zone. */
  hd_ad_set_set_dayparting (ad_set,
                            "[{\"days\":[1,2,3,4,5],\"start_minute\":480,\"end_minute\":1200,"
                            "\"timezone_type\":\"ADVERTISER\"}]");
  hd_ad_set_set_status (ad_set, HD_AD_STATUS_PAUSED);
  if (!hd_store_save_ad_set (self, ad_set, error))
    return FALSE;

  post = hd_store_load_post (self, post_ids[AD_POST], error);
  if (post == NULL)
    return FALSE;
  hd_post_set_campaign_id (post, hd_campaign_get_id (campaign));
  if (!hd_store_save_post (self, post, error))
    return FALSE;

  hd_ad_set_ad_set_id (ad, hd_ad_set_get_id (ad_set));
  hd_ad_set_post_id (ad, hd_post_get_id (post));
  hd_ad_set_name (ad, _("Autumn spa package"));
  hd_ad_set_headline (ad, _("A spa day for your dog, £45"));
  hd_ad_set_link (ad, "https://hazelandhound.example/book");
  hd_ad_set_call_to_action (ad, "BOOK_NOW");
  hd_ad_set_status (ad, HD_AD_STATUS_PAUSED);
  if (!hd_store_save_ad (self, ad, error))
    return FALSE;

  /* It ran for the past week's weekdays before being paused. */
  for (int day = -7; day < 0; day++)
    {
      gint64 evening = local_instant (today, zone, day, 21, 0);
      g_autoptr(GDateTime) date = g_date_time_add_days (today, day);
      gint64 spend;
      gint64 impressions;

      if (g_date_time_get_day_of_week (date) > 5)
        continue;

      spend = 1700 + g_rand_int_range (rand, 0, 300);
      impressions = 2200 + g_rand_int_range (rand, 0, 900);

      if (evening >= now ||
          !add_metric (self, HD_METRIC_SUBJECT_CAMPAIGN, hd_campaign_get_id (campaign), NULL,
                       "spend", spend, evening, error) ||
          !add_metric (self, HD_METRIC_SUBJECT_CAMPAIGN, hd_campaign_get_id (campaign), NULL,
                       "impressions", impressions, evening, error) ||
          !add_metric (self, HD_METRIC_SUBJECT_CAMPAIGN, hd_campaign_get_id (campaign), NULL,
                       "link-clicks", impressions * g_rand_int_range (rand, 8, 16) / 1000,
                       evening, error))
        {
          if (evening >= now)
            continue;
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
seed_inbox (HdStore     *self,
            gint64       now,
            char       **channel_ids,
            char       **post_ids,
            GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sample_inbox); i++)
    {
      g_autoptr(HdInboxItem) item = hd_inbox_item_new ();
      g_autofree char *thread = g_strdup_printf ("sample-thread-%u", i);

      hd_inbox_item_set_channel_id (item, channel_ids[sample_inbox[i].channel]);
      hd_inbox_item_set_kind (item, sample_inbox[i].kind);
      hd_inbox_item_set_thread_id (item, thread);
      hd_inbox_item_set_author_name (item, sample_inbox[i].author_name != NULL
                                             ? sample_inbox[i].author_name
                                             : _("A LinkedIn member"));
      hd_inbox_item_set_author_handle (item, sample_inbox[i].author_handle);
      hd_inbox_item_set_text (item, _(sample_inbox[i].text));
      hd_inbox_item_set_received_at (item, now - (gint64)(sample_inbox[i].hours_ago * 3600));
      hd_inbox_item_set_reply_state (item, sample_inbox[i].reply_state);

      /* Comments and replies answer one of the posts already out. */
      if (sample_inbox[i].kind == HD_INBOX_KIND_COMMENT ||
          sample_inbox[i].kind == HD_INBOX_KIND_REPLY)
        hd_inbox_item_set_post_id (item, post_ids[(i * 3) % 10]);

      if (!hd_store_save_inbox_item (self, item, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
seed (HdStore    *self,
      GDateTime  *now_utc,
      GError    **error)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (SAMPLE_ZONE);
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) today = NULL;
  char *channel_ids[N_CHANNELS] = { NULL, };
  char *post_ids[G_N_ELEMENTS (sample_posts)] = { NULL, };
  gint64 now = g_date_time_to_unix (now_utc);
  gboolean ok = FALSE;

  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  local_now = g_date_time_to_timezone (now_utc, zone);
  today = g_date_time_new (zone,
                           g_date_time_get_year (local_now),
                           g_date_time_get_month (local_now),
                           g_date_time_get_day_of_month (local_now),
                           12, 0, 0);

  for (int c = 0; c < N_CHANNELS; c++)
    {
      g_autoptr(HdChannel) channel = hd_channel_new ();

      hd_channel_set_kind (channel, sample_channels[c].kind);
      hd_channel_set_display_name (channel, _(sample_channels[c].display_name));
      hd_channel_set_handle (channel, sample_channels[c].handle);
      hd_channel_set_base_url (channel, sample_channels[c].base_url);
      hd_channel_set_state (channel, HD_CHANNEL_STATE_DISCONNECTED);
      /* One second apart, so the channels list keeps this order. */
      hd_channel_set_created_at (channel, now - 40 * 24 * 3600 + c);

      if (!hd_store_save_channel (self, channel, error))
        goto out;

      channel_ids[c] = g_strdup (hd_channel_get_id (channel));
    }

  for (int l = 0; l < N_LABELS; l++)
    {
      g_autoptr(HdLabel) label = hd_label_new ();

      hd_label_set_name (label, _(sample_labels[l].name));
      hd_label_set_color (label, sample_labels[l].color);
      if (!hd_store_save_label (self, label, error))
        goto out;
    }

  ok = seed_posts (self, today, zone, now, channel_ids, post_ids, error) &&
       seed_campaign (self, today, zone, now, post_ids, error) &&
       seed_inbox (self, now, channel_ids, post_ids, error);

  for (int c = 0; c < N_CHANNELS; c++)
    {
      g_autoptr(HdMetric) followers = NULL;

      if (!ok)
        break;

      ok = add_metric (self, HD_METRIC_SUBJECT_CHANNEL, channel_ids[c], channel_ids[c],
                       "followers", 120 + 95 * (c + 1), now - 3600, error);
    }

out:
  for (int c = 0; c < N_CHANNELS; c++)
    g_free (channel_ids[c]);
  for (guint i = 0; i < G_N_ELEMENTS (post_ids); i++)
    g_free (post_ids[i]);

  return ok;
}

gboolean
hd_store_seed_sample (HdStore    *self,
                      GDateTime  *now,
                      GError    **error)
{
  gboolean empty = FALSE;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_is_empty (self, &empty, error))
    return FALSE;

  if (!empty)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald did not fill the database at “%s” with the sample workspace because "
                     "it already holds your own work. Choose an empty file for the sample."),
                   hd_store_get_path (self));
      return FALSE;
    }

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!seed (self, now, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}
