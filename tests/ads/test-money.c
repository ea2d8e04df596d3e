/* test-money.c: amounts of money shown and typed in several currencies.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hd-money.h"

static const HdMoneyStyle english = { ".", ",", TRUE, FALSE };
static const HdMoneyStyle german = { ",", ".", FALSE, TRUE };

static void
assert_format (gint64              minor,
               const char         *currency,
               const HdMoneyStyle *style,
               const char         *expected)
{
  g_autofree char *text = hd_money_format (minor, currency, style);

  g_assert_cmpstr (text, ==, expected);
}

static gint64
parse_ok (const char         *text,
          const char         *currency,
          const HdMoneyStyle *style)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;

  g_assert_true (hd_money_parse (text, currency, style, &minor, &error));
  g_assert_no_error (error);
  return minor;
}

static void
assert_parse_fails (const char         *text,
                    const char         *currency,
                    const HdMoneyStyle *style,
                    int                 code)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 42;

  g_assert_false (hd_money_parse (text, currency, style, &minor, &error));
  g_assert_error (error, HD_MONEY_ERROR, code);
  g_assert_cmpint (minor, ==, 42);
  /* a sentence, not a code */
  g_assert_true (g_str_has_suffix (error->message, "."));
}

static void
test_exponents (void)
{
  g_assert_cmpint (hd_money_get_exponent ("GBP"), ==, 2);
  g_assert_cmpint (hd_money_get_exponent ("USD"), ==, 2);
  g_assert_cmpint (hd_money_get_exponent ("JPY"), ==, 0);
  g_assert_cmpint (hd_money_get_exponent ("KRW"), ==, 0);
  g_assert_cmpint (hd_money_get_exponent ("CLP"), ==, 0);
  g_assert_cmpint (hd_money_get_exponent ("VND"), ==, 0);
  g_assert_cmpint (hd_money_get_exponent ("ISK"), ==, 0);
  /* Meta counts these in whole units although ISO 4217 gives them two decimals */
  g_assert_cmpint (hd_money_get_exponent ("HUF"), ==, 0);
  g_assert_cmpint (hd_money_get_iso_exponent ("HUF"), ==, 2);
  g_assert_cmpint (hd_money_get_exponent ("TWD"), ==, 0);
  g_assert_cmpint (hd_money_get_iso_exponent ("TWD"), ==, 2);
  g_assert_cmpint (hd_money_get_exponent ("XXX"), ==, -1);
  g_assert_false (hd_money_currency_is_known ("gbp"));
  g_assert_cmpint (hd_money_get_minor_per_major ("EUR"), ==, 100);
  g_assert_cmpint (hd_money_get_minor_per_major ("JPY"), ==, 1);
}

static void
test_format (void)
{
  assert_format (2000, "GBP", &english, "£20.00");
  assert_format (28000, "GBP", &english, "£280.00");
  assert_format (2000, "JPY", &english, "¥2,000");
  assert_format (123450, "EUR", &german, "1.234,50\xc2\xa0€");
  assert_format (123456789, "USD", &english, "$1,234,567.89");
  assert_format (5, "USD", &english, "$0.05");
  assert_format (2000, "CHF", &english, "CHF\xc2\xa0" "20.00");
  assert_format (150000, "KRW", &english, "₩150,000");
  assert_format (-2000, "GBP", &english, "-£20.00");
  assert_format (G_MININT64, "JPY", &english, "-¥9,223,372,036,854,775,808");
}

static void
test_format_locale (void)
{
  HdMoneyStyle style;
  g_autofree char *text = NULL;

  /* C.UTF-8 says nothing about money: Herald writes it the English way */
  g_assert_true (hd_money_style_for_locale (NULL, &style));
  text = hd_money_format (2000, "GBP", NULL);
  g_assert_cmpstr (text, ==, "£20.00");
  g_clear_pointer (&text, g_free);

  g_assert_false (hd_money_style_for_locale ("xx_NOWHERE.UTF-8", &style));

  if (!hd_money_style_for_locale ("de_DE.UTF-8", &style))
    {
      g_test_skip ("de_DE.UTF-8 is not installed");
      return;
    }
  text = hd_money_format (123450, "EUR", &style);
  g_assert_cmpstr (text, ==, "1.234,50\xc2\xa0€");
}

static void
test_parse (void)
{
  g_assert_cmpint (parse_ok ("20", "GBP", &english), ==, 2000);
  g_assert_cmpint (parse_ok ("20.5", "GBP", &english), ==, 2050);
  g_assert_cmpint (parse_ok (" £1,234.56 ", "GBP", &english), ==, 123456);
  g_assert_cmpint (parse_ok ("0.05", "USD", &english), ==, 5);
  g_assert_cmpint (parse_ok ("¥2,000", "JPY", &english), ==, 2000);
  g_assert_cmpint (parse_ok ("2000 JPY", "JPY", &english), ==, 2000);
  g_assert_cmpint (parse_ok ("1.234,50 €", "EUR", &german), ==, 123450);
  g_assert_cmpint (parse_ok ("20,5", "EUR", &german), ==, 2050);
  g_assert_cmpint (parse_ok ("92233720368547758.07", "USD", &english), ==, G_MAXINT64);
}

static void
test_parse_refuses (void)
{
  assert_parse_fails ("", "GBP", &english, HD_MONEY_ERROR_EMPTY);
  assert_parse_fails ("   ", "GBP", &english, HD_MONEY_ERROR_EMPTY);
  assert_parse_fails ("-5", "GBP", &english, HD_MONEY_ERROR_NEGATIVE);
  assert_parse_fails ("£-5", "GBP", &english, HD_MONEY_ERROR_NEGATIVE);
  assert_parse_fails ("20.001", "GBP", &english, HD_MONEY_ERROR_TOO_PRECISE);
  assert_parse_fails ("2000.5", "JPY", &english, HD_MONEY_ERROR_TOO_PRECISE);
  assert_parse_fails ("20abc", "GBP", &english, HD_MONEY_ERROR_INVALID);
  assert_parse_fails ("1,23", "GBP", &english, HD_MONEY_ERROR_INVALID);
  /* "20.50" typed where "." groups thousands is a slip, not 2,050 euros */
  assert_parse_fails ("20.50", "EUR", &german, HD_MONEY_ERROR_INVALID);
  assert_parse_fails ("1.2.3", "GBP", &english, HD_MONEY_ERROR_INVALID);
  assert_parse_fails ("92233720368547758.08", "USD", &english, HD_MONEY_ERROR_TOO_LARGE);
  assert_parse_fails ("99999999999999999999999", "JPY", &english, HD_MONEY_ERROR_TOO_LARGE);
  assert_parse_fails ("20", "XXX", &english, HD_MONEY_ERROR_UNKNOWN_CURRENCY);
}

static void
test_round_trip (void)
{
  const char *currencies[] = { "GBP", "EUR", "USD", "JPY", "KRW", "HUF", "CLP", "INR" };
  const gint64 amounts[] = { 0, 1, 99, 100, 2000, 123456, 100000000 };

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    for (guint j = 0; j < G_N_ELEMENTS (amounts); j++)
      {
        g_autofree char *english_text = hd_money_format (amounts[j], currencies[i], &english);
        g_autofree char *german_text = hd_money_format (amounts[j], currencies[i], &german);

        g_assert_cmpint (parse_ok (english_text, currencies[i], &english), ==, amounts[j]);
        g_assert_cmpint (parse_ok (german_text, currencies[i], &german), ==, amounts[j]);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/ads/money/exponents", test_exponents);
  g_test_add_func ("/herald/ads/money/format", test_format);
  g_test_add_func ("/herald/ads/money/format-locale", test_format_locale);
  g_test_add_func ("/herald/ads/money/parse", test_parse);
  g_test_add_func ("/herald/ads/money/parse-refuses", test_parse_refuses);
  g_test_add_func ("/herald/ads/money/round-trip", test_round_trip);

  return g_test_run ();
}
