"""Printed slips (派遣单, 督办单, 结案单, 全程记录) as A4 PDF."""
