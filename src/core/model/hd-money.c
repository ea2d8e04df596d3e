/* hd-money.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"
/* for the monetary items of nl_langinfo_l (MON_DECIMAL_POINT...) */
#define _GNU_SOURCE

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "hd-money.h"

G_DEFINE_QUARK (hd-money-error-quark, hd_money_error)

/* The currencies Meta ad accounts can use (adaccount_currency in the Marketing API specs)
 * plus a few the platform lists elsewhere. iso is the ISO 4217 minor-unit exponent. meta is
 * the exponent of the "offset" in Meta's currency table,
 * https://developers.facebook.com/docs/marketing-api/currencies: budgets and bids are sent
 * in units of 1/offset, and for CLP, COP, CRC, HUF, IDR, ISK, JPY, KRW, PYG and TWD the
 * offset is 1 although ISO gives COP, CRC, HUF, IDR and TWD two decimals. Where that table
 * was not available to check a currency, meta repeats the ISO exponent. */
typedef struct
{
  const char *code;
  gint8 iso;
  gint8 meta;
  const char *symbol;
} Currency;

static const Currency currencies[] = {
  { "AED", 2, 2, NULL },
  { "ARS", 2, 2, NULL },
  { "AUD", 2, 2, "A$" },
  { "BDT", 2, 2, NULL },
  { "BOB", 2, 2, NULL },
  { "BRL", 2, 2, "R$" },
  { "CAD", 2, 2, "CA$" },
  { "CHF", 2, 2, NULL },
  { "CLP", 0, 0, NULL },
  { "CNY", 2, 2, "CN¥" },
  { "COP", 2, 0, NULL },
  { "CRC", 2, 0, NULL },
  { "CZK", 2, 2, NULL },
  { "DKK", 2, 2, NULL },
  { "DZD", 2, 2, NULL },
  { "EGP", 2, 2, NULL },
  { "EUR", 2, 2, "€" },
  { "GBP", 2, 2, "£" },
  { "GTQ", 2, 2, NULL },
  { "HKD", 2, 2, "HK$" },
  { "HNL", 2, 2, NULL },
  { "HUF", 2, 0, NULL },
  { "IDR", 2, 0, NULL },
  { "ILS", 2, 2, "₪" },
  { "INR", 2, 2, "₹" },
  { "ISK", 0, 0, NULL },
  { "JPY", 0, 0, "¥" },
  { "KES", 2, 2, NULL },
  { "KRW", 0, 0, "₩" },
  { "LKR", 2, 2, NULL },
  { "MOP", 2, 2, NULL },
  { "MXN", 2, 2, "MX$" },
  { "MYR", 2, 2, NULL },
  { "NGN", 2, 2, NULL },
  { "NIO", 2, 2, NULL },
  { "NOK", 2, 2, NULL },
  { "NZD", 2, 2, "NZ$" },
  { "PEN", 2, 2, NULL },
  { "PHP", 2, 2, "₱" },
  { "PKR", 2, 2, NULL },
  { "PLN", 2, 2, NULL },
  { "PYG", 0, 0, NULL },
  { "QAR", 2, 2, NULL },
  { "RON", 2, 2, NULL },
  { "SAR", 2, 2, NULL },
  { "SEK", 2, 2, NULL },
  { "SGD", 2, 2, NULL },
  { "THB", 2, 2, "฿" },
  { "TRY", 2, 2, NULL },
  { "TWD", 2, 0, "NT$" },
  { "UAH", 2, 2, NULL },
  { "USD", 2, 2, "$" },
  { "UYU", 2, 2, NULL },
  { "VND", 0, 0, "₫" },
  { "ZAR", 2, 2, NULL },
};

#define NO_BREAK_SPACE "\xc2\xa0"
#define NARROW_NO_BREAK_SPACE "\xe2\x80\xaf"

static const Currency *
find_currency (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, code) == 0)
      return &currencies[i];

  return NULL;
}

gboolean
hd_money_currency_is_known (const char *currency)
{
  return find_currency (currency) != NULL;
}

int
hd_money_get_exponent (const char *currency)
{
  const Currency *found = find_currency (currency);

  return found != NULL ? found->meta : -1;
}

int
hd_money_get_iso_exponent (const char *currency)
{
  const Currency *found = find_currency (currency);

  return found != NULL ? found->iso : -1;
}

const char *
hd_money_get_symbol (const char *currency)
{
  const Currency *found = find_currency (currency);

  return found != NULL ? found->symbol : NULL;
}

gint64
hd_money_get_minor_per_major (const char *currency)
{
  int exponent = hd_money_get_exponent (currency);
  gint64 result = 1;

  for (int i = 0; i < exponent; i++)
    result *= 10;

  return result;
}

static void
set_style_defaults (HdMoneyStyle *style)
{
  g_strlcpy (style->decimal_point, ".", sizeof style->decimal_point);
  g_strlcpy (style->thousands_sep, ",", sizeof style->thousands_sep);
  style->symbol_first = TRUE;
  style->symbol_separated = FALSE;
}

static void
read_style (locale_t      locale,
            HdMoneyStyle *style)
{
  const char *decimal_point = nl_langinfo_l (MON_DECIMAL_POINT, locale);
  const char *thousands_sep = nl_langinfo_l (MON_THOUSANDS_SEP, locale);
  char cs_precedes = *nl_langinfo_l (P_CS_PRECEDES, locale);
  char sep_by_space = *nl_langinfo_l (P_SEP_BY_SPACE, locale);

  set_style_defaults (style);

  /* The C locale leaves every monetary field empty or CHAR_MAX: keep the defaults. */
  if (decimal_point == NULL || *decimal_point == '\0')
    return;

  g_strlcpy (style->decimal_point, decimal_point, sizeof style->decimal_point);
  g_strlcpy (style->thousands_sep, thousands_sep != NULL ? thousands_sep : "",
             sizeof style->thousands_sep);
  if (cs_precedes != CHAR_MAX)
    style->symbol_first = cs_precedes == 1;
  if (sep_by_space != CHAR_MAX)
    style->symbol_separated = sep_by_space != 0;
}

gboolean
hd_money_style_for_locale (const char   *locale_name,
                           HdMoneyStyle *style)
{
  locale_t locale;

  g_return_val_if_fail (style != NULL, FALSE);

  if (locale_name == NULL)
    {
      locale = duplocale (uselocale ((locale_t) 0));
      if (locale == (locale_t) 0)
        {
          set_style_defaults (style);
          return TRUE;
        }
    }
  else
    {
      locale = newlocale (LC_MONETARY_MASK, locale_name, (locale_t) 0);
      if (locale == (locale_t) 0)
        {
          set_style_defaults (style);
          return FALSE;
        }
    }

  read_style (locale, style);
  freelocale (locale);

  return TRUE;
}

static void
append_grouped (GString    *out,
                guint64     major,
                const char *thousands_sep)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, major);
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (out, thousands_sep);
      g_string_append_c (out, digits[i]);
    }
}

char *
hd_money_format (gint64              minor,
                 const char         *currency,
                 const HdMoneyStyle *style)
{
  HdMoneyStyle user_style;
  const char *symbol;
  gboolean separated;
  int exponent;
  guint64 magnitude;
  guint64 per_major = 1;
  GString *number;
  GString *out;

  g_return_val_if_fail (currency != NULL, NULL);

  if (style == NULL)
    {
      hd_money_style_for_locale (NULL, &user_style);
      style = &user_style;
    }

  exponent = hd_money_get_exponent (currency);
  if (exponent < 0)
    exponent = 0;
  for (int i = 0; i < exponent; i++)
    per_major *= 10;

  /* Negate in unsigned arithmetic so G_MININT64 does not overflow. */
  magnitude = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;

  number = g_string_new (NULL);
  append_grouped (number, magnitude / per_major, style->thousands_sep);
  if (exponent > 0)
    g_string_append_printf (number, "%s%0*" G_GUINT64_FORMAT, style->decimal_point,
                            exponent, magnitude % per_major);

  symbol = hd_money_get_symbol (currency);
  /* A code written out ("CHF") always needs a space to stay readable. */
  separated = style->symbol_separated || symbol == NULL;
  if (symbol == NULL)
    symbol = currency;

  out = g_string_new (minor < 0 ? "-" : NULL);
  if (style->symbol_first)
    g_string_append_printf (out, "%s%s%s", symbol, separated ? NO_BREAK_SPACE : "", number->str);
  else
    g_string_append_printf (out, "%s%s%s", number->str, separated ? NO_BREAK_SPACE : "", symbol);

  g_string_free (number, TRUE);

  return g_string_free (out, FALSE);
}

static const char *
skip_spaces (const char *p)
{
  for (;;)
    {
      if (*p == ' ' || *p == '\t')
        p++;
      else if (g_str_has_prefix (p, NO_BREAK_SPACE))
        p += strlen (NO_BREAK_SPACE);
      else if (g_str_has_prefix (p, NARROW_NO_BREAK_SPACE))
        p += strlen (NARROW_NO_BREAK_SPACE);
      else
        return p;
    }
}

static void
trim_spaces (GString *text)
{
  const char *trailing[] = { " ", "\t", NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE };
  gboolean trimmed = TRUE;

  g_string_erase (text, 0, skip_spaces (text->str) - text->str);
  while (trimmed)
    {
      trimmed = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (trailing); i++)
        if (g_str_has_suffix (text->str, trailing[i]))
          {
            g_string_truncate (text, text->len - strlen (trailing[i]));
            trimmed = TRUE;
          }
    }
}

/* Removes the currency's symbol or code from either end of @text, in place. */
static void
strip_currency (GString    *text,
                const char *currency)
{
  const char *marks[] = { hd_money_get_symbol (currency), currency };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      gsize length;

      if (marks[i] == NULL)
        continue;
      length = strlen (marks[i]);
      if (g_str_has_prefix (text->str, marks[i]))
        {
          g_string_erase (text, 0, length);
          return;
        }
      if (g_str_has_suffix (text->str, marks[i]))
        {
          g_string_truncate (text, text->len - length);
          return;
        }
    }
}

static gboolean
set_format_error (GError             **error,
                  const char          *text,
                  const char          *currency,
                  const HdMoneyStyle  *style)
{
  gint64 example_minor = 123450 * hd_money_get_minor_per_major (currency) / 100;
  g_autofree char *example = hd_money_format (example_minor, currency, style);

  g_set_error (error, HD_MONEY_ERROR, HD_MONEY_ERROR_INVALID,
               _("“%s” is not an amount of money. Type it as in %s."), text, example);
  return FALSE;
}

gboolean
hd_money_parse (const char         *text,
                const char         *currency,
                const HdMoneyStyle *style,
                gint64             *minor,
                GError            **error)
{
  HdMoneyStyle user_style;
  g_autoptr(GString) cleaned = NULL;
  int exponent;
  guint64 major = 0;
  guint64 fraction = 0;
  guint64 per_major = 1;
  int fraction_digits = 0;
  guint digits = 0;
  gboolean seen_decimal = FALSE;
  int group_length = -1;
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minor != NULL, FALSE);

  exponent = hd_money_get_exponent (currency);
  if (exponent < 0)
    {
      g_set_error (error, HD_MONEY_ERROR, HD_MONEY_ERROR_UNKNOWN_CURRENCY,
                   _("Herald doesn’t know the currency “%s”, so it can’t read amounts in "
                     "it."),
                   currency != NULL ? currency : "");
      return FALSE;
    }
  for (int i = 0; i < exponent; i++)
    per_major *= 10;

  if (style == NULL)
    {
      hd_money_style_for_locale (NULL, &user_style);
      style = &user_style;
    }

  cleaned = g_string_new (text);
  trim_spaces (cleaned);
  strip_currency (cleaned, currency);
  trim_spaces (cleaned);
  p = cleaned->str;

  if (*p == '\0')
    {
      g_set_error (error, HD_MONEY_ERROR, HD_MONEY_ERROR_EMPTY, _("Type an amount."));
      return FALSE;
    }

  if (*p == '-' || g_str_has_prefix (p, "−"))
    {
      g_set_error (error, HD_MONEY_ERROR, HD_MONEY_ERROR_NEGATIVE,
                   _("The amount can’t be negative."));
      return FALSE;
    }

  while (*p != '\0')
    {
      const char *rest = skip_spaces (p);

      if (g_ascii_isdigit (*p))
        {
          guint value = *p - '0';

          if (seen_decimal)
            {
              fraction_digits++;
              if (fraction_digits > exponent)
                {
                  if (exponent == 0)
                    g_set_error (error, HD_MONEY_ERROR, HD_MONEY_ERROR_TOO_PRECISE,
                                 _("Amounts in %s have no decimal places: type a whole "
                                   "number."), currency);
                  else
                    g_set_error (error, HD_MONEY_ERROR, HD_MONEY_ERROR_TOO_PRECISE,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "Amounts in %s have at most %d decimal place.",
                                              "Amounts in %s have at most %d decimal places.",
                                              exponent),
                                 currency, exponent);
                  return FALSE;
                }
              fraction = fraction * 10 + value;
            }
          else
            {
              if (major > (G_MAXINT64 / per_major - value) / 10)
                {
                  g_set_error (error, HD_MONEY_ERROR, HD_MONEY_ERROR_TOO_LARGE,
                               _("That amount is too large."));
                  return FALSE;
                }
              major = major * 10 + value;
              if (group_length >= 0)
                group_length++;
            }
          digits++;
          p++;
        }
      else if (!seen_decimal && g_str_has_prefix (p, style->decimal_point))
        {
          if (group_length >= 0 && group_length != 3)
            return set_format_error (error, text, currency, style);
          seen_decimal = TRUE;
          group_length = -1;
          p += strlen (style->decimal_point);
        }
      else if (!seen_decimal && digits > 0
               && ((style->thousands_sep[0] != '\0'
                    && g_str_has_prefix (p, style->thousands_sep))
                   || rest != p))
        {
          /* Grouping is optional, but when present every group after the first has three
           * digits: "20.50" typed in a locale that groups with "." is a mistake, not 2,050. */
          if (group_length >= 0 && group_length != 3)
            return set_format_error (error, text, currency, style);
          group_length = 0;
          p = rest != p ? rest : p + strlen (style->thousands_sep);
        }
      else
        return set_format_error (error, text, currency, style);
    }

  if (digits == 0 || (group_length >= 0 && group_length != 3))
    return set_format_error (error, text, currency, style);

  for (int i = fraction_digits; i < exponent; i++)
    fraction *= 10;

  if (major == (guint64) G_MAXINT64 / per_major && fraction > (guint64) G_MAXINT64 % per_major)
    {
      g_set_error (error, HD_MONEY_ERROR, HD_MONEY_ERROR_TOO_LARGE,
                   _("That amount is too large."));
      return FALSE;
    }

  *minor = (gint64) (major * per_major + fraction);
  return TRUE;
}
