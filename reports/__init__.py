"""Excel returns (报表) for the district: pure Python over the database, no Qt."""
