"""PE200-PE206: admission (准入) of items into a tier's lists, and what admitting them costs the tier."""
