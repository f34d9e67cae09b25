"""The gazetteer (地名地址库): roads with door-number ranges, estates with their buildings and
landmarks, each in one grid, and the placing of a caller's address in a grid."""
