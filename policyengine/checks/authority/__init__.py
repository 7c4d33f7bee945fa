"""PE101-PE105: where authority does not follow responsibility (权随责走), and funding does not follow
the task (费随事转)."""
