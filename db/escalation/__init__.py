"""Escalation (督办与上报, 联席会议): rules, 督办单, 上报, the sweeper and the street's meetings."""
