#!/usr/bin/env python3
# check-ical.py: reads a calendar with the icalendar module, a parser Herald does not
# share code with, and prints what it understood, so the C test can compare it.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

try:
    import icalendar
except ImportError:
    sys.exit('python3-icalendar is not installed')


def main():
    with open(sys.argv[1], 'rb') as f:
        data = f.read()

    calendar = icalendar.Calendar.from_ical(data)
    if calendar.name != 'VCALENDAR':
        sys.exit('not a VCALENDAR')
    print('version', calendar['VERSION'])
    print('prodid', calendar['PRODID'])

    for event in calendar.walk('VEVENT'):
        print('event')
        print('uid', event['UID'])
        print('dtstamp', event.decoded('DTSTAMP').isoformat())
        print('dtstart', event.decoded('DTSTART').isoformat())
        print('duration', int(event.decoded('DURATION').total_seconds()))
        print('summary', str(event['SUMMARY']).encode('utf-8').hex())
        print('description', str(event['DESCRIPTION']).encode('utf-8').hex())
        if 'CATEGORIES' in event:
            print('categories', '|'.join(str(c) for c in event['CATEGORIES'].cats))
        if 'URL' in event:
            print('url', event['URL'])
        print('last-modified', event.decoded('LAST-MODIFIED').isoformat())


main()
