"""A department's inbox (部门收件箱): the cases sent to one department, for its handlers."""
