"""Intake (受理登记): what a new call or hotline order is about and where it happened — the
suggestions shown in the 来电登记 form, the 12345 import and `griddesk-admin case suggest`."""
